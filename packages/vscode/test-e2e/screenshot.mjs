// The .vsix installed into code-server (`--install-extension`), opened on a copy of examples/
// in headless Chromium: checks in the real workbench that the playbook is coloured, that a
// broken file gets a squiggle, that "Playbook: Show Pipeline Diagram" draws the example's
// stage names, and that "Playbook: Simulate Deals from CSV…" shows its report beside the
// playbook (half the editor's width): the funnel with the Chinese stage titles, the unknown
// stage name with its "Add alias" action, the violations grouped; that "Add alias" with no
// stage chosen offers the stages in a quick pick, that choosing a stage and clicking "Add
// alias" edits the playbook, and that "Run again" then reports no input problem.
// Saves test-results/diagram.png and test-results/simulation-*.png (dark and light themes).
// Every step waits for a condition of the page, never for a fixed time.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
    CHROMIUM, CHROMIUM_ARGS, CODE_SERVER_DIR, PKG, RESULTS, ensureCodeServer, freePort, log, prepareUserData, prepareWorkspace, run,
    serverEnv, startServer, timed, waitForHttp
} from './common.mjs';

export const SCREENSHOT = path.join(RESULTS, 'diagram.png');
export const SIMULATION_SHOTS = ['dark', 'dark-violations', 'light', 'light-violations', 'alias-added', 'run-again'].map(n => path.join(RESULTS, `simulation-${n}.png`));
const EXAMPLE = 'seven-step-sales.playbook';
const CRM_EXPORT = 'big-account-history.csv';
const UNKNOWN_STAGE = 'Perception Analysis';

export async function runScreenshot() {
    await timed('install check (code-server, chromium)', () => ensureCodeServer());
    const vsix = path.join(PKG, 'playbook-vscode.vsix');
    if (process.env.PLAYBOOK_E2E_BUILD === '1' || !existsSync(vsix)) {
        timed('package .vsix', () => run('npm', ['run', 'package'], { cwd: PKG }));
    }
    const ws = prepareWorkspace();
    writeFileSync(path.join(ws, 'broken.playbook'), 'playbook Broken {\n  stage A {\n    gate G { requires Missing }\n  }\n}\n');
    // The export the simulation command replays without asking (no file dialog to drive).
    mkdirSync(path.join(ws, '.vscode'), { recursive: true });
    writeFileSync(path.join(ws, '.vscode/settings.json'), JSON.stringify({ 'playbook.simulation.dealsFile': CRM_EXPORT }, null, 2));
    const home = prepareUserData(path.join(RESULTS, 'cs-home'));
    const env = serverEnv(home);
    const cs = path.join(CODE_SERVER_DIR, 'out/node/entry.js');
    const args = ['--user-data-dir', path.join(home, 'data'), '--extensions-dir', path.join(home, 'ext'), '--config', path.join(home, 'config.yaml'),
        '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust'];
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
            }
        };
        // Opens a file from the explorer (a click is deterministic; quick open may still be indexing).
        const openFile = async name => {
            await page.click(`.explorer-folders-view .monaco-list-row >> text=${name}`, { timeout: 15000 });
            await page.waitForSelector(`.tabs-container .tab.active >> text=${name}`, { timeout: 15000 });
        };
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
        const expected = [...readFileSync(path.join(ws, EXAMPLE), 'utf8').matchAll(/^\s*(?:optional\s+)?stage\s+(\S+)/gm)].map(m => m[1]);
        /** Runs a command from the palette once the palette offers it. */
        const runCommand = async title => {
            await page.keyboard.press('F1');
            await page.waitForSelector('.quick-input-widget input', { timeout: 10000 });
            await page.keyboard.type(title, { delay: 10 });
            await page.waitForSelector(`.quick-input-list .monaco-list-row.focused:has-text("${title}")`, { timeout: 15000 });
            await page.keyboard.press('Enter');
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
        await step('diagram webview shows the stage names of the example', async () => {
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

        const bigAccountStages = [...readFileSync(path.join(ws, 'big-account.playbook'), 'utf8').matchAll(/^\s*(?:optional\s+)?stage\s+(\S+)/gm)].map(m => m[1]);
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
