// The .vsix installed into code-server (`--install-extension`), opened on a copy of examples/
// in headless Chromium. The folder opens in Restricted Mode (workspace trust on, not trusted):
// checks that the extension runs there (a squiggle on a broken file, colouring) and that the
// Chinese titles are not boxed as "non-basic ASCII"; then the folder is trusted. Checks a
// hover, completion, the outline and the code lens of a deal with violations opening its
// replay (screenshots of each), "New Playbook from Template" (the generic template first, the
// name checked as it is typed, the file saved), that "Playbook: Show Pipeline Diagram" draws
// the example's stage names; that the diagram of the big-account example (Chinese titles)
// fits the panel at half the editor's width and maximized, in the dark and the light theme,
// every arrow ending on the next card; that a click on a task selects it in the text; that
// "Export SVG" and "Export PNG" save through the save dialog an SVG that is well-formed and
// names the stages, and a PNG at twice its size. Then that "Playbook: Simulate Deals from
// CSV…" shows its report beside the playbook (half the editor's width): the funnel with the
// Chinese stage titles, the unknown stage name with its "Add alias" action, the violations
// grouped; that "Add alias" with no stage chosen offers the stages in a quick pick, that
// choosing a stage and clicking "Add alias" edits the playbook, and that "Run again" then
// reports no input problem.
// Saves test-results/{restricted-mode,hover,completion,outline,replay,template}.png,
// test-results/diagram*.png, test-results/exported-*.png (the exports, drawn by Chromium) and
// test-results/simulation-*.png (dark and light themes).
// Every step waits for a condition of the page, never for a fixed time.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
    CHROMIUM, CHROMIUM_ARGS, CODE_SERVER_DIR, PKG, RESULTS, ensureCodeServer, freePort, log, prepareUserData, prepareWorkspace, run,
    serverEnv, startServer, timed, waitForHttp
} from './common.mjs';

export const SCREENSHOT = path.join(RESULTS, 'diagram.png');
export const DIAGRAM_SHOTS = ['dark-narrow', 'dark-wide', 'light-wide', 'light-narrow'].map(n => path.join(RESULTS, `diagram-${n}.png`))
    .concat(['exported-svg.png', 'exported-png.png'].map(n => path.join(RESULTS, n)));
export const EDITOR_SHOTS = ['restricted-mode', 'hover', 'completion', 'outline', 'replay', 'template'].map(n => path.join(RESULTS, `${n}.png`));
export const SIMULATION_SHOTS = ['dark', 'dark-violations', 'light', 'light-violations', 'alias-added', 'run-again'].map(n => path.join(RESULTS, `simulation-${n}.png`));
const EXAMPLE = 'seven-step-sales.playbook';
const CRM_EXPORT = 'big-account-history.csv';
const UNKNOWN_STAGE = 'Perception Analysis';
/** A deal with violations, for its code lens and replay. */
const RUSHED_DEALS = 'rushed-deals.playbook';
const RUSHED_DEALS_TEXT = `// A deal rushed through its first stages: it left Development before its key node was
// cleared, then stayed in Initiation past its limit.
deal Rushed "急单 / Rushed order" for BigAccount {
  2026-01-05 enter Development
  2026-01-06 done CollectInfo
  2026-01-09 enter Initiation
  2026-03-20 enter Proposal
}
`;

/**
 * Whether the .vsix predates the bundles it packs: a checkout's .vsix of an earlier build
 * would put an old language server in front of today's examples (syntax errors on every
 * construct added since), and the screenshots would show it.
 */
function olderThanBundles(vsix) {
    const packed = statSync(vsix).mtimeMs;
    return ['extension.cjs', 'language-server.cjs'].some(name => {
        const bundle = path.join(PKG, 'dist', name);
        return existsSync(bundle) && statSync(bundle).mtimeMs > packed;
    });
}

export async function runScreenshot() {
    await timed('install check (code-server, chromium)', () => ensureCodeServer());
    const vsix = path.join(PKG, 'playbook-vscode.vsix');
    if (process.env.PLAYBOOK_E2E_BUILD === '1' || !existsSync(vsix) || olderThanBundles(vsix)) {
        timed('package .vsix', () => run('npm', ['run', 'package'], { cwd: PKG }));
    }
    const ws = prepareWorkspace();
    // A failure's screenshot of an earlier run would pass for this run's.
    for (const name of readdirSync(RESULTS)) {
        if (/^failed-\d+\.png$/.test(name)) rmSync(path.join(RESULTS, name));
    }
    writeFileSync(path.join(ws, 'broken.playbook'), 'playbook Broken {\n  stage A {\n    gate G { requires Missing }\n  }\n}\n');
    writeFileSync(path.join(ws, RUSHED_DEALS), RUSHED_DEALS_TEXT);
    // The export the simulation command replays without asking (no file dialog to drive).
    mkdirSync(path.join(ws, '.vscode'), { recursive: true });
    // A double click on a tab maximizes its group (the diagram shown wide), whatever has the focus.
    writeFileSync(path.join(ws, '.vscode/settings.json'), JSON.stringify({
        'playbook.simulation.dealsFile': CRM_EXPORT, 'workbench.editor.doubleClickTabToToggleEditorGroupSizes': 'maximize'
    }, null, 2));
    // Workspace trust on and the folder not trusted: it opens in Restricted Mode, without a prompt.
    const home = prepareUserData(path.join(RESULTS, 'cs-home'), {
        'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.emptyWindow': false
    });
    const env = serverEnv(home);
    const cs = path.join(CODE_SERVER_DIR, 'out/node/entry.js');
    const args = ['--user-data-dir', path.join(home, 'data'), '--extensions-dir', path.join(home, 'ext'), '--config', path.join(home, 'config.yaml'),
        '--disable-telemetry', '--disable-update-check'];
    timed('install .vsix into code-server', () => run(process.execPath, [cs, ...args, '--install-extension', vsix, '--force'], { env }));
    const port = await freePort();
    const server = startServer(process.execPath, [cs, ...args, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', ws],
        path.join(RESULTS, 'code-server.log'), env);
    const profile = mkdtempSync(path.join(home, 'tmp', 'chromium-'));
    let context;
    const failures = [];
    try {
        await timed('code-server start', () => waitForHttp(`http://127.0.0.1:${port}/healthz`));
        context = await chromium.launchPersistentContext(profile, {
            executablePath: CHROMIUM, headless: true, viewport: { width: 1500, height: 900 }, args: CHROMIUM_ARGS
        });
        const page = context.pages()[0] ?? await context.newPage();
        const step = async (name, fn) => {
            const start = Date.now();
            try {
                const note = await fn();
                log(`ok   ${name} (${Date.now() - start} ms)${note ? ` ${note}` : ''}`);
            } catch (error) {
                failures.push(name);
                log(`FAIL ${name}: ${String(error.message).split('\n')[0]}`);
                // What the workbench showed when the step failed.
                const file = path.join(RESULTS, `failed-${failures.length}.png`);
                await page.screenshot({ path: file }).then(() => log(`screenshot of the failure: ${file}`), () => undefined);
            }
        };
        // Opens a file from the explorer (a click is deterministic; quick open may still be indexing).
        const openFile = async name => {
            const deadline = Date.now() + 30000;
            for (;;) {
                await page.click(`.explorer-folders-view .monaco-list-row >> text=${name}`, { timeout: 15000 });
                try {
                    await page.waitForSelector(`.tabs-container .tab.active >> text=${name}`, { timeout: 5000 });
                    return;
                } catch (error) {
                    // A click the explorer's redraw swallowed (a file was just added): again, until the deadline.
                    if (Date.now() > deadline) throw error;
                }
            }
        };
        /** The webview frame that has `selector` (webviews are frames in frames). */
        const frameWith = async (selector, timeout = 30000) => {
            const deadline = Date.now() + timeout;
            while (Date.now() < deadline) {
                for (const frame of page.frames()) {
                    if (await frame.$(selector).catch(() => null)) return frame;
                }
                await page.waitForTimeout(200); // polling for the frame; the deadline above bounds it
            }
            throw new Error(`no webview shows ${selector} after ${timeout} ms`);
        };
        /** A wait whose failure says which wait it was (a step has several). */
        const named = (name, promise) => promise.catch(error => {
            error.message = `${name}: ${error.message}`;
            throw error;
        });
        await step('workbench loads', async () => {
            await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`, { waitUntil: 'domcontentloaded', timeout: 60000 });
            await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
            await page.waitForSelector(`.explorer-folders-view >> text=${EXAMPLE}`, { timeout: 30000 });
        });
        await step('diagnostics: a squiggle on a broken playbook', async () => {
            await openFile('broken.playbook');
            await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 30000 });
        });
        await step('colouring and language mode', async () => {
            await openFile(EXAMPLE);
            await page.waitForSelector('.monaco-editor .view-lines >> text=SevenStepSales', { timeout: 20000 });
            await page.waitForSelector('.statusbar-item >> text=Playbook', { timeout: 20000 });
            // More than one token colour on the line that declares the playbook: the grammar and the semantic tokens apply.
            const colours = await page.waitForFunction(() => {
                const line = [...document.querySelectorAll('.monaco-editor .view-line')].find(l => /playbook\s+SevenStepSales/.test(l.textContent));
                const classes = line ? new Set([...line.querySelectorAll('span[class*="mtk"]')].map(s => s.className)) : new Set();
                return classes.size >= 2 ? [...classes] : false;
            }, undefined, { timeout: 20000 });
            return `(${(await colours.jsonValue()).join(' ')})`;
        });
        /** Runs a command from the palette once the palette offers it. */
        const runCommand = async title => {
            await page.keyboard.press('F1');
            await page.waitForSelector('.quick-input-widget input:focus', { timeout: 10000 });
            await page.keyboard.type(title, { delay: 10 });
            await page.waitForSelector(`.quick-input-list .monaco-list-row.focused:has-text("${title}")`, { timeout: 15000 });
            await page.keyboard.press('Enter');
        };
        const shot = async name => {
            // Fonts (the CJK one is large) loaded and laid out.
            await page.evaluate(() => document.fonts.ready.then(() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))));
            const file = path.join(RESULTS, `${name}.png`);
            await page.screenshot({ path: file });
            log(`screenshot: ${file}`);
        };
        /** Puts the cursor at a 1-based line and column of the active editor ("Go to Line/Column"). */
        const goTo = async (line, column) => {
            await page.keyboard.press('Control+G');
            await page.waitForSelector('.quick-input-widget input:focus', { timeout: 10000 });
            await page.keyboard.type(`${line}:${column}`);
            await page.keyboard.press('Enter');
            await page.waitForSelector('.quick-input-widget', { state: 'hidden', timeout: 10000 });
            await page.waitForSelector(`.statusbar-item:has-text("Ln ${line}, Col ${column}")`, { timeout: 10000 });
        };
        const bigAccountText = readFileSync(path.join(ws, 'big-account.playbook'), 'utf8').split('\n');
        await step('Restricted Mode: the extension runs, and the Chinese titles are not boxed', async () => {
            await page.waitForSelector('.statusbar-item:has-text("Restricted Mode")', { timeout: 20000 });
            await openFile('big-account.playbook');
            await page.waitForSelector('.monaco-editor .view-line:has-text("客户开发 / Development")', { timeout: 20000 });
            // The server answered (semantic colours on the stage's name), so every decoration had its chance.
            await page.waitForSelector('.monaco-editor .view-line:has-text("stage Development") span[class*="mtk"]:text-is("Development")', { timeout: 20000 });
            await page.waitForFunction(() => document.querySelectorAll('.monaco-editor .view-line span[class*="mtk"]').length > 50, undefined, { timeout: 20000 });
            const boxed = await page.$$eval('.monaco-editor .unicode-highlight', nodes => nodes.length);
            if (boxed > 0) throw new Error(`${boxed} characters boxed by Unicode highlighting`);
            await shot('restricted-mode');
        });
        await step('the folder trusted (what the author does next)', async () => {
            await runCommand('Workspaces: Manage Workspace Trust');
            const trust = await page.waitForSelector('.workspace-trust-editor .monaco-button:has-text("Trust")', { timeout: 15000 });
            await trust.click();
            await page.waitForSelector('.statusbar-item:has-text("Restricted Mode")', { state: 'detached', timeout: 15000 });
            await page.keyboard.press('Control+W');
        });
        await step('hover on a stage (screenshot)', async () => {
            await openFile('big-account.playbook');
            const line = bigAccountText.findIndex(l => /^\s*stage Development/.test(l)) + 1;
            await goTo(line, bigAccountText[line - 1].indexOf('Development') + 1);
            // The stage's code lens ("observed: …", from the workspace's deals file) may appear
            // after the mouse is over the name and push the line down from under it: hovering
            // again, the hover follows the line where it is then.
            const deadline = Date.now() + 20000;
            let hover;
            while (!hover) {
                await page.hover('.monaco-editor .view-line span[class*="mtk"]:text-is("Development")');
                hover = await page.waitForSelector('.monaco-hover:not(.hidden):has-text("Stage 1 of")', { timeout: 4000 }).catch(() => undefined);
                if (hover) break;
                if (Date.now() > deadline) throw new Error('no hover on the stage name within 20 s');
                await page.mouse.move(5, 5);
            }
            const text = (await hover.textContent()).replace(/\s+/g, ' ').slice(0, 80);
            await shot('hover');
            await page.mouse.move(5, 5);
            await page.keyboard.press('Escape');
            return `(${text}…)`;
        });
        await step('completion after `requires` (screenshot)', async () => {
            const line = bigAccountText.findIndex(l => /^\s*requires FindGuide/.test(l)) + 1;
            await goTo(line, bigAccountText[line - 1].indexOf('FindGuide') + 1);
            await page.keyboard.press('Control+Space');
            await page.waitForSelector('.suggest-widget.visible .monaco-list-row:has-text("CollectInfo")', { timeout: 20000 });
            const labels = await page.$$eval('.suggest-widget.visible .monaco-list-row .label-name', rows => rows.map(r => r.textContent));
            // The focused item's details beside the list (Ctrl+Space again), as an author reads them.
            await page.keyboard.press('Control+Space');
            const details = await page.waitForSelector('.suggest-details-container .suggest-details:has-text("CollectInfo")', { timeout: 10000 });
            const detail = (await details.textContent()).replace(/\s+/g, ' ').slice(0, 60);
            await shot('completion');
            await page.keyboard.press('Escape');
            await page.waitForSelector('.suggest-widget.visible', { state: 'detached', timeout: 10000 }).catch(() => undefined);
            return `(${labels.slice(0, 6).join(', ')}; ${detail}…)`;
        });
        await step('outline of the playbook (screenshot)', async () => {
            await runCommand('Explorer: Focus on Outline View');
            const outline = '.pane:has(.pane-header:has-text("Outline"))';
            const folders = '.pane-header:has-text("workspace")';
            let rows = [];
            await page.waitForSelector(`${outline} .monaco-list-row:has-text("BigAccount")`, { timeout: 20000 });
            // The outline with the sidebar to itself (the folder's files folded away meanwhile).
            await page.click(folders);
            try {
                // Folded when the outline's header has moved up to the folder's (the panes animate).
                await page.waitForFunction(() => {
                    const headers = [...document.querySelectorAll('.pane-header')];
                    const folder = headers.find(h => /workspace/i.test(h.textContent));
                    const outlineHeader = headers.find(h => /outline/i.test(h.textContent));
                    return folder && outlineHeader && Math.abs(outlineHeader.getBoundingClientRect().top - folder.getBoundingClientRect().bottom) < 2;
                }, undefined, { polling: 'raf', timeout: 10000 });
                await page.waitForSelector(`${outline} .monaco-list-row:has-text("Development")`, { timeout: 20000 });
                await page.waitForSelector(`${outline} .monaco-list-row:has-text("AccurateInfo")`, { timeout: 20000 });
                rows = await page.$$eval(`${outline} .monaco-list-row`, r => r.map(row => row.textContent.trim()));
                await shot('outline');
            } finally {
                await page.click(folders);
                await page.waitForSelector(`.explorer-folders-view >> text=${EXAMPLE}`, { timeout: 10000 });
            }
            return `(${rows.slice(0, 8).join(', ')}…)`;
        });
        await step("a deal's code lens opens its replay: timeline and violations (screenshot)", async () => {
            await openFile(RUSHED_DEALS);
            // Code lenses are redrawn as they are resolved: a locator finds the current one when it clicks.
            const lens = page.locator('.monaco-editor .codelens-decoration a:has-text("3 violations")').first();
            await lens.waitFor({ timeout: 30000 });
            const title = await lens.textContent();
            await lens.click({ timeout: 15000 });
            const replay = await frameWith('table.timeline');
            await replay.waitForSelector('tr.stay.late[data-stage="Initiation"]');
            await replay.waitForSelector('tr.not-reached[data-stage="Implementation"]');
            const violations = await replay.$$eval('ul.violations li', items => items.map(li => li.getAttribute('data-code')));
            if (JSON.stringify(violations) !== JSON.stringify(['gate-not-met', 'sla-exceeded', 'gate-not-met'])) throw new Error(`violations ${JSON.stringify(violations)}`);
            const deal = await replay.$eval('h1', h => h.textContent);
            await replay.evaluate(() => document.fonts.ready);
            await shot('replay');
            // A violation's link selects its event in the deals' file (`enter Initiation`, line 6).
            await replay.click('ul.violations li:first-child a');
            await page.waitForSelector('.statusbar-item:has-text("Ln 6, Col 30 (27 selected)")', { timeout: 15000 });
            return `(${title} → ${deal}: ${violations.join(', ')})`;
        });
        await step('New Playbook from Template: generic first, the name checked, the file created (screenshot)', async () => {
            await runCommand('Playbook: New Playbook from Template');
            // The rows drawn (a list reuses the palette's rows: wait for the templates' own), in list order.
            await page.waitForSelector('.quick-input-list .monaco-list-row:has-text("Jewellery store")', { timeout: 15000 });
            const labels = await page.$$eval('.quick-input-list .monaco-list-row[data-index]', rows => rows
                .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
                .map(row => row.querySelector('.label-name')?.textContent));
            if (labels[0] !== 'B2B sales pipeline') throw new Error(`templates offered: ${JSON.stringify(labels)}`);
            await page.waitForSelector('.quick-input-list .monaco-list-row.focused:has-text("B2B sales pipeline")', { timeout: 15000 });
            await page.keyboard.press('Enter');
            // The name box (not the list it replaces), with the template's own name to start from.
            const nameBox = '.quick-input-widget input:focus';
            await page.waitForSelector('.quick-input-widget .quick-input-title:text-is(\'New playbook from "B2B sales pipeline"\')', { timeout: 15000 });
            await page.waitForFunction(box => document.querySelector(box)?.value === 'SalesPipeline', nameBox, { timeout: 15000 });
            await page.fill(nameBox, 'BigAccount');
            await page.waitForSelector('.quick-input-message:has-text("A playbook named BigAccount already exists")', { timeout: 15000 });
            await shot('template');
            await page.fill(nameBox, 'TeamPipeline');
            await page.waitForFunction(() => /^The playbook's name/.test(document.querySelector('.quick-input-message')?.textContent ?? ''), undefined, { timeout: 15000 });
            await page.keyboard.press('Enter');
            // The save dialog (in the browser, VS Code's own), on <workspace>/TeamPipeline.playbook.
            await page.waitForFunction(() => /TeamPipeline\.playbook$/.test(document.querySelector('.quick-input-widget input')?.value ?? ''), undefined, { timeout: 15000 });
            await page.keyboard.press('Enter');
            await page.waitForSelector('.tabs-container .tab.active >> text=TeamPipeline.playbook', { timeout: 20000 });
            await page.waitForSelector('.monaco-editor .view-line:has-text("playbook TeamPipeline")', { timeout: 15000 });
            await page.waitForSelector('.explorer-folders-view .monaco-list-row >> text=TeamPipeline.playbook', { timeout: 15000 });
            const written = readFileSync(path.join(ws, 'TeamPipeline.playbook'), 'utf8');
            if (/^\s*deal\s/m.test(written)) throw new Error('the new playbook has deals');
        });
        const expected = [...readFileSync(path.join(ws, EXAMPLE), 'utf8').matchAll(/^\s*(?:optional\s+)?stage\s+(\S+)/gm)].map(m => m[1]);
        await step('diagram webview shows the stage names of the example', async () => {
            await openFile(EXAMPLE);
            await runCommand('Playbook: Show Pipeline Diagram');
            let drawn = [];
            const deadline = Date.now() + 30000;
            while (Date.now() < deadline) {
                for (const frame of page.frames()) {
                    drawn = await frame.evaluate(() => [...document.querySelectorAll('[data-stage]')].map(e => e.getAttribute('data-stage'))).catch(() => []);
                    if (drawn.length) break;
                }
                if (JSON.stringify(drawn) === JSON.stringify(expected)) break;
                await page.waitForTimeout(250);
            }
            if (JSON.stringify(drawn) !== JSON.stringify(expected)) {
                throw new Error(`drawn ${JSON.stringify(drawn)}, expected ${JSON.stringify(expected)}`);
            }
            return `(${drawn.join(' → ')})`;
        });
        await page.screenshot({ path: SCREENSHOT });
        log(`screenshot: ${SCREENSHOT}`);

        // The diagram of the example with Chinese titles, as a team would show it.
        const bigAccountSource = readFileSync(path.join(ws, 'big-account.playbook'), 'utf8');
        const bigAccountTitles = [...bigAccountSource.matchAll(/^\s*(?:optional\s+)?stage\s+\S+\s+"([^"]+)"/gm)].map(m => m[1]);
        let diagram;
        /** What the drawing looks like, measured in the page: what must hold at every width and theme. */
        const inspect = () => diagram.evaluate(() => {
            const svg = document.querySelector('figure.pipeline-figure svg.pipeline');
            const cards = [...svg.querySelectorAll('g[data-stage] > rect.card'), svg.querySelector('g.won > rect')];
            const boxes = cards.map(card => card.getBoundingClientRect());
            const matrix = svg.getScreenCTM();
            const tips = [...svg.querySelectorAll('path.arrowhead')].map(head => {
                const [x, y] = head.getAttribute('d').slice(1).split('L')[0].split(' ').map(Number);
                const point = new DOMPoint(x, y).matrixTransform(matrix);
                return [point.x, point.y];
            });
            // Each arrow's tip on the edge of the next card (within a pixel), and inside no other card.
            const inside = (box, [x, y], slack) => x >= box.left - slack && x <= box.right + slack && y >= box.top - slack && y <= box.bottom + slack;
            const astray = tips.flatMap((tip, i) => (inside(boxes[i + 1], tip, 1.5) && boxes.every((box, j) => j === i + 1 || !inside(box, tip, -1)) ? [] : [i]));
            const titles = [...svg.querySelectorAll('g[data-stage] text.title')].map(t => t.textContent);
            const overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
            const figure = svg.closest('figure');
            return {
                width: figure.clientWidth, columns: Number(figure.dataset.columns), cards: cards.length, arrows: tips.length, astray, titles, overflow,
                rows: new Set(boxes.slice(0, -1).map(b => Math.round(b.top))).size, theme: document.body.className
            };
        });
        /**
         * A screenshot of the workbench with the diagram as drawn for the panel's width; `whole`: the
         * window made as tall as the drawing (the same width, so the same layout), so that the
         * screenshot shows all of it, then given back its height.
         */
        const shootDiagram = async (name, whole = false) => {
            await fitted();
            const viewport = page.viewportSize();
            if (whole) {
                const missing = await diagram.evaluate(() => document.documentElement.scrollHeight - innerHeight);
                if (missing > 0) {
                    await page.setViewportSize({ width: viewport.width, height: viewport.height + missing + 8 });
                    await named('the whole drawing in the taller window', diagram.waitForFunction(() => document.documentElement.scrollHeight <= innerHeight, undefined, { timeout: 15000 }));
                    await fitted();
                }
            }
            await diagram.evaluate(() => document.fonts.ready.then(() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))));
            const theme = await page.$eval('.monaco-workbench', w => (w.classList.contains('vs-dark') || w.classList.contains('hc-black') ? 'dark' : 'light'));
            const file = path.join(RESULTS, `diagram-${name.replace('THEME', theme)}.png`);
            await page.screenshot({ path: file });
            log(`screenshot: ${file}`);
            if (whole) {
                await page.setViewportSize(viewport);
                await diagram.waitForFunction(height => innerHeight < height, page.viewportSize().height + 1, { timeout: 15000 }).catch(() => undefined);
            }
        };
        const checkDrawing = async expectOneRow => {
            const seen = await inspect();
            if (seen.cards !== bigAccountStages.length + 1 || seen.arrows !== seen.cards - 1) throw new Error(`${seen.cards} cards, ${seen.arrows} arrows`);
            if (seen.astray.length) throw new Error(`arrows not ending on the next card: ${seen.astray.join(', ')}`);
            if (JSON.stringify(seen.titles) !== JSON.stringify(bigAccountTitles)) throw new Error(`titles ${JSON.stringify(seen.titles)}`);
            if (seen.overflow > 0) throw new Error(`the diagram is ${seen.overflow} px wider than its ${seen.width} px panel`);
            if (expectOneRow !== undefined && (seen.rows === 1) !== expectOneRow) throw new Error(`${seen.rows} rows of stages at ${seen.width} px`);
            return `(${seen.width} px: ${seen.columns} column${seen.columns === 1 ? '' : 's'}, ${seen.rows} rows, ${seen.arrows} arrows on their cards; ${seen.theme})`;
        };
        /** Waits until the drawing was redrawn for the panel's width (after a resize). */
        const fitted = () => named('the drawing fitted to its panel', diagram.waitForFunction(() => {
            const figure = document.querySelector('figure.pipeline-figure');
            return figure && figure.dataset.width === String(Math.floor(figure.clientWidth));
        }, undefined, { timeout: 15000 }));
        const bigAccountStages = [...bigAccountSource.matchAll(/^\s*(?:optional\s+)?stage\s+(\S+)/gm)].map(m => m[1]);
        await step('diagram of a playbook with Chinese titles, at half the editor\'s width: rows that wrap, arrows on the cards', async () => {
            await openFile('big-account.playbook');
            diagram = await frameWith('figure.pipeline-figure[data-playbook="BigAccount"] svg.pipeline g[data-stage="Implementation"]');
            await fitted();
            const note = await checkDrawing(false);
            await shootDiagram('THEME-narrow', true);
            return note;
        });
        /**
         * The keyboard to the workbench (out of the webview) for the command palette: a click on the
         * playbook's tab. Not on its text: Playwright scrolls the lines (taller than the editor) into
         * view first, which scrolls the editor's own box and leaves it drawn blank.
         */
        const focusPlaybook = async () => {
            await page.click('.tabs-container .tab:has-text("big-account.playbook")');
            await page.waitForSelector('.tabs-container .tab.active:has-text("big-account.playbook")', { timeout: 15000 });
        };
        /** The diagram's group alone in a 1920 px wide window without the side bar, or back to half of 1500 px. */
        const toggleSideBar = async () => {
            await focusPlaybook();
            await runCommand('View: Toggle Primary Side Bar Visibility');
        };
        const widen = async wide => {
            if (wide) {
                await page.setViewportSize({ width: 1920, height: 1080 });
                await toggleSideBar();
            }
            await page.dblclick('.tabs-container .tab:has-text("Pipeline: ")');
            // The pointer off the tab it clicked, onto the diagram's panel: the layout moves under it, and
            // left where it was it would hover whatever comes there (the Explorer's title, with its tooltip).
            await page.mouse.move((wide ? 1920 : 1500) - 40, (wide ? 1080 : 900) - 80);
            if (!wide) {
                await toggleSideBar();
                await page.setViewportSize({ width: 1500, height: 900 });
            }
            // The window at its size, the side bar shown or hidden, the diagram's group alone or one of two
            // groups of equal width, laid out for this window (no group reaching past it: the workbench
            // lays out after the window's resize, so for a moment it still has the old window's groups);
            // and the webview as wide as its group: then the drawing must be fitted to that width. The
            // group's width and the webview's are read together at each poll: a width read once could be
            // the old layout's, which the webview would then never match.
            const deadline = Date.now() + 15000;
            let seen;
            let oldLayout = 0;
            for (;;) {
                const panel = await page.evaluate(wide => {
                    const sideBar = document.getElementById('workbench.parts.sidebar');
                    const shown = !!sideBar && sideBar.offsetWidth > 0;
                    const groups = [...document.querySelectorAll('.editor-group-container')].filter(g => g.offsetWidth > 100).map(g => g.getBoundingClientRect());
                    const widths = groups.map(g => Math.round(g.width));
                    const old = innerWidth === (wide ? 1920 : 1500) && groups.some(g => g.right > innerWidth + 1);
                    if (innerWidth !== (wide ? 1920 : 1500) || shown === wide || old) return { widths, old };
                    if (wide) return { widths, width: groups.length === 1 && widths[0] };
                    return { widths, width: groups.length === 2 && Math.abs(widths[0] - widths[1]) <= 2 && widths[1] };
                }, wide);
                const inner = await diagram.evaluate(() => innerWidth);
                seen = `groups ${JSON.stringify(panel.widths)}, webview ${inner} px`;
                if (panel.old) oldLayout++;
                if (panel.width && inner <= panel.width && inner > panel.width - 40) break;
                if (Date.now() > deadline) throw new Error(`the window, its groups and the webview laid out (${wide ? 'wide' : 'half width'}): not after 15000 ms (${seen})`);
                await page.waitForTimeout(100); // polling two frames at once; the deadline above bounds it
            }
            await fitted();
            // How often the workbench was seen still laid out for the old window (what a width read once would have taken).
            return oldLayout ? `; the old window's layout seen ${oldLayout}×` : '';
        };
        await step('diagram maximized in a wide window: the stages in one row', async () => {
            const layout = await widen(true);
            const note = (await checkDrawing(true)).replace(/\)$/, `${layout})`);
            await shootDiagram('THEME-wide');
            return note;
        });
        await step('diagram in the other theme, wide and at half width', async () => {
            const wasDark = await page.$eval('.monaco-workbench', w => w.classList.contains('vs-dark'));
            await runCommand('Preferences: Toggle between Light/Dark Themes');
            await named('the workbench in the other theme', page.waitForSelector(wasDark ? '.monaco-workbench.vs:not(.vs-dark)' : '.monaco-workbench.vs-dark', { timeout: 15000 }));
            await named('the diagram in the other theme', diagram.waitForFunction(dark => document.body.classList.contains(dark ? 'vscode-dark' : 'vscode-light'), !wasDark, { timeout: 15000 }));
            await shootDiagram('THEME-wide');
            const layout = await widen(false);
            const note = (await checkDrawing(false)).replace(/\)$/, `${layout})`);
            await shootDiagram('THEME-narrow', true);
            return note;
        });
        await step('a click on a task of the diagram selects its name in the playbook', async () => {
            await diagram.click('g[data-task="FindGuide"] text.task');
            const line = bigAccountSource.split('\n').findIndex(l => /^\s*task FindGuide\b/.test(l)) + 1;
            await page.waitForSelector(`.tabs-container .tab.active >> text=big-account.playbook`, { timeout: 15000 });
            const status = await page.waitForSelector(`.statusbar-item:has-text("Ln ${line},"):has-text("(9 selected)")`, { timeout: 15000 });
            return `(${(await status.textContent()).trim()})`;
        });
        /** Clicks an export button, accepts the file the save dialog proposes, and waits for the file. */
        const exportAs = async format => {
            const target = path.join(ws, `BigAccount.${format}`);
            rmSync(target, { force: true });
            await diagram.click(`button[data-export="${format}"]`);
            // The dialog proposes the playbook's name beside it (its input fills in as the folder is read).
            const proposed = await page.waitForFunction(name => {
                const input = document.querySelector('.quick-input-widget:not([style*="display: none"]) input');
                return input && input.value.endsWith(`/${name}`) ? input.value : false;
            }, `BigAccount.${format}`, { timeout: 15000 }).catch(async error => {
                await page.keyboard.press('Escape');
                throw error;
            });
            if ((await proposed.jsonValue()) !== target) throw new Error(`the save dialog proposes ${await proposed.jsonValue()}`);
            await page.keyboard.press('Enter');
            await page.waitForSelector(`.notification-toast:has-text("Pipeline exported to BigAccount.${format}")`, { timeout: 20000 });
            return readFileSync(target);
        };
        let svgSize;
        await step('"Export SVG" saves a well-formed SVG of its own with the stage titles, drawn here by Chromium', async () => {
            const svg = (await exportAs('svg')).toString('utf8');
            const preview = await context.newPage();
            try {
                await preview.setContent('<!DOCTYPE html><body style="margin:0"></body>');
                const parsed = await preview.evaluate(text => {
                    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
                    const error = doc.querySelector('parsererror');
                    return { error: error ? error.textContent : '', root: doc.documentElement.localName, width: Number(doc.documentElement.getAttribute('width')),
                        height: Number(doc.documentElement.getAttribute('height')), texts: [...doc.querySelectorAll('text.title')].map(t => t.textContent),
                        outside: /(href|src)=|url\(|var\(--/.test(text) };
                }, svg);
                if (parsed.error || parsed.root !== 'svg') throw new Error(`not well-formed: ${parsed.error}`);
                if (JSON.stringify(parsed.texts) !== JSON.stringify(bigAccountTitles)) throw new Error(`titles ${JSON.stringify(parsed.texts)}`);
                if (parsed.outside) throw new Error('the SVG refers to something outside it');
                svgSize = [parsed.width, parsed.height];
                await preview.setViewportSize({ width: parsed.width, height: parsed.height });
                await preview.setContent(`<!DOCTYPE html><body style="margin:0"><img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}"></body>`);
                await preview.waitForFunction(() => document.querySelector('img').complete);
                await preview.screenshot({ path: DIAGRAM_SHOTS[4] });
                log(`screenshot: ${DIAGRAM_SHOTS[4]}`);
            } finally {
                await preview.close();
            }
            return `(${svg.length} bytes, ${svgSize.join(' × ')})`;
        });
        await step('"Export PNG" saves a PNG at twice the size of the SVG', async () => {
            const png = await exportAs('png');
            if (png.subarray(1, 4).toString('latin1') !== 'PNG') throw new Error('not a PNG');
            const size = [png.readUInt32BE(16), png.readUInt32BE(20)];
            if (svgSize && (size[0] !== Math.ceil(svgSize[0] * 2) || size[1] !== Math.ceil(svgSize[1] * 2))) throw new Error(`PNG ${size.join(' × ')} for an SVG of ${svgSize.join(' × ')}`);
            writeFileSync(DIAGRAM_SHOTS[5], png);
            log(`screenshot: ${DIAGRAM_SHOTS[5]}`);
            return `(${size.join(' × ')})`;
        });
        // The simulation report opens beside the playbook at half the editor's width, as before.
        // Its "Pipeline exported to …" notifications cleared too: they would cover the report's screenshots.
        await step('the diagram closed, its notifications cleared', async () => {
            await page.click('.tabs-container .tab:has-text("Pipeline: ")', { button: 'middle' });
            await page.waitForSelector('.tabs-container .tab:has-text("Pipeline: ")', { state: 'detached', timeout: 15000 });
            await focusPlaybook();
            await runCommand('Notifications: Clear All Notifications');
            await page.waitForSelector('.notification-toast', { state: 'detached', timeout: 15000 });
        });

        let report;
        const shoot = async name => {
            // The "Simulating…" notification gone; fonts (the CJK one is large) loaded and laid out.
            await page.waitForSelector('.notification-toast:has-text("Simulating")', { state: 'detached', timeout: 20000 });
            await report.evaluate(() => document.fonts.ready.then(() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))));
            const theme = await page.$eval('.monaco-workbench', w => (w.classList.contains('vs-dark') || w.classList.contains('hc-black') ? 'dark' : 'light'));
            const file = path.join(RESULTS, `simulation-${name.replace('THEME', theme)}.png`);
            await page.screenshot({ path: file });
            log(`screenshot: ${file}`);
        };
        const showViolations = () => report.evaluate(() => document.getElementById('violations').scrollIntoView());
        const showTop = () => report.evaluate(() => window.scrollTo(0, 0));
        await step('simulation report: funnel with the stage titles, the unknown stage name, grouped violations', async () => {
            await openFile('big-account.playbook');
            await runCommand('Playbook: Simulate Deals from CSV');
            report = await frameWith('svg.funnel');
            const funnel = await report.$$eval('svg.funnel [data-stage]', rows => rows.map(r => r.getAttribute('data-stage')));
            if (JSON.stringify(funnel) !== JSON.stringify([...bigAccountStages, 'won'])) throw new Error(`funnel ${JSON.stringify(funnel)}`);
            await report.waitForSelector('svg.funnel text.label >> text=提案 / Proposal');
            await report.waitForSelector(`li.problem:has-text('"${UNKNOWN_STAGE}" is not a stage') button[data-add-alias]`);
            const groups = await report.$$eval('details.group summary', s => s.map(x => x.textContent));
            if (groups.length < 3) throw new Error(`groups: ${JSON.stringify(groups)}`);
            const width = await report.evaluate(() => document.body.clientWidth);
            const overflow = await report.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            if (overflow > 0) throw new Error(`the report is ${overflow} px wider than its ${width} px panel`);
            await shoot('THEME');
            await showViolations();
            await shoot('THEME-violations');
            await showTop();
            return `(panel ${width} px wide; ${groups.length} groups: ${groups[0]})`;
        });
        await step('simulation report in the other theme (light and dark)', async () => {
            const wasDark = await page.$eval('.monaco-workbench', w => w.classList.contains('vs-dark'));
            await runCommand('Preferences: Toggle between Light/Dark Themes');
            await page.waitForSelector(wasDark ? '.monaco-workbench.vs:not(.vs-dark)' : '.monaco-workbench.vs-dark', { timeout: 15000 });
            await report.waitForFunction(dark => document.body.classList.contains(dark ? 'vscode-dark' : 'vscode-light'), !wasDark, { timeout: 15000 });
            await shoot('THEME');
            await showViolations();
            await shoot('THEME-violations');
            await showTop();
        });
        await step('"Add alias" with no stage chosen asks which stage; cancelled, it writes nothing', async () => {
            await report.click('button[data-add-alias="0"]');
            await page.waitForSelector(`.quick-input-widget:has-text('Add alias "${UNKNOWN_STAGE}" to which stage')`, { timeout: 15000 });
            // Each item: the stage's name (then its title and, as its detail line, its aliases).
            const offered = (await page.$$eval('.quick-input-list .monaco-list-row .label-name', rows => rows.map(r => r.textContent))).filter(t => !t.startsWith('alias '));
            if (JSON.stringify(offered) !== JSON.stringify(bigAccountStages)) throw new Error(`offered ${JSON.stringify(offered)}`);
            await page.keyboard.press('Escape');
            await page.waitForSelector('.quick-input-widget', { state: 'hidden', timeout: 10000 });
            // The card says "added" only once the edit was applied: still the button, so nothing was.
            await report.waitForSelector('button[data-add-alias="0"]');
            if (await report.$('.alias.done')) throw new Error('an alias was added');
            return `(${offered.join(', ')})`;
        });
        await step('"Add alias" writes the alias into the playbook; "Run again" then has no input problem', async () => {
            await report.selectOption('select[data-alias-stage="0"]', 'Proposal');
            await report.click('button[data-add-alias="0"]');
            await page.waitForSelector(`.monaco-editor .view-line:has-text('"Proposal/Price Quote", "${UNKNOWN_STAGE}"')`, { timeout: 20000 });
            await report.waitForSelector('.alias.done >> text=added to Proposal');
            await shoot('alias-added');
            await report.click('.alias.done button[data-action="rerun"]');
            await report.waitForSelector('#problems', { state: 'detached', timeout: 30000 });
            await report.waitForSelector('svg.funnel');
            // The view said it was replaying (no notification over the editor) and is done.
            await report.waitForSelector('header button[data-action="rerun"]:not([disabled]):text-is("Run again")');
            await shoot('run-again');
        });
    } finally {
        await context?.close().catch(() => undefined);
        server.stop();
        rmSync(profile, { recursive: true, force: true });
    }
    return failures.length === 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
    runScreenshot().then(ok => process.exit(ok ? 0 : 1), error => { console.error(error); process.exit(1); });
}
