// The playground in a real browser (Debian's Chromium through playwright-core): dist/ served
// on 127.0.0.1, then opened as a file. Checks what a person sees: the example's diagnostics,
// its pipeline with the stages' (Chinese) titles, its deals replayed as `playbook simulate`
// replays them; then a deal typed in is replayed with its violation and an error typed in
// appears in the list and as a squiggle, and a click on it goes to it. The diagram fits its
// panel with every arrow on the next card, a click on a stage selects it in the editor, and
// its exports download (a well-formed SVG with the stages' titles, a PNG). Saves
// test-results/playground.png. Every wait is for a condition; its timeout only guards a hang.
// Run by `npm run test:e2e` (root); alone: `node packages/playground/test-e2e/run.mjs`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { serveFolder } from './static-server.mjs';

const PKG = fileURLToPath(new URL('..', import.meta.url));
const REPO = path.resolve(PKG, '../..');
const DIST = path.join(PKG, 'dist');
const RESULTS = path.join(PKG, 'test-results');
export const SCREENSHOT = path.join(RESULTS, 'playground.png');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'];
/** A hang guard, far above what a slow machine needs. */
const WAIT = { timeout: 120_000 };

const EXAMPLE = path.join(REPO, 'examples/big-account.playbook');
const DEALS = path.join(REPO, 'examples/big-account-deals.playbook');

function log(message) {
    console.log(`[playground ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

function run(command, args) {
    const result = spawnSync(command, args, { stdio: 'inherit', cwd: REPO });
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

function hasCjkFont() {
    const fonts = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
    return fonts.status === 0 && fonts.stdout.trim() !== '';
}

function ensureReady() {
    if (!existsSync(CHROMIUM) || !hasCjkFont()) {
        log('installing chromium and a CJK font (scripts/browser-install.sh)');
        run('bash', [path.join(PKG, 'scripts/browser-install.sh')]);
    }
    if (process.env.PLAYBOOK_E2E_BUILD === '1' || !existsSync(path.join(DIST, 'index.html'))) {
        if (!existsSync(path.join(REPO, 'packages/language/dist/language-server-worker.js'))) {
            run(process.execPath, [path.join(REPO, 'packages/language/esbuild.mjs')]);
        }
        run(process.execPath, [path.join(PKG, 'esbuild.mjs')]);
    }
}

/** What `playbook simulate` says of each deal of a file: the page must say the same. */
function cliSummaries(file) {
    const cli = spawnSync(process.execPath, [path.join(REPO, 'packages/cli/bin/playbook.cjs'), 'simulate', file, '--format', 'json'], { encoding: 'utf8', cwd: REPO });
    if (!cli.stdout) throw new Error(`playbook simulate printed nothing: ${cli.stderr}`);
    return JSON.parse(cli.stdout).deals.map(deal => `${deal.deal}: ${deal.summary}`);
}

const stagesOf = text => [...text.matchAll(/^\s*(?:optional\s+)?stage\s+(\w+)\s+"([^"]*)"/gm)].map(m => ({ name: m[1], title: m[2] }));

export async function runPlaygroundTest() {
    ensureReady();
    mkdirSync(RESULTS, { recursive: true });
    const server = await serveFolder(DIST);
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const failures = [];
    const pageErrors = [];
    const step = async (name, fn) => {
        const start = Date.now();
        try {
            const note = await fn();
            log(`ok   ${name} (${Date.now() - start} ms)${note ? ` ${note}` : ''}`);
        } catch (error) {
            failures.push(name);
            log(`FAIL ${name}: ${String(error?.message ?? error).split('\n')[0]}`);
        }
    };
    try {
        const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
        page.on('pageerror', error => pageErrors.push(`page error: ${error.message}`));
        page.on('console', message => { if (message.type() === 'error') pageErrors.push(`console error: ${message.text()}`); });
        const editorLine = text => page.locator('.editor:not([hidden]) .cm-line', { hasText: text });
        const dealSummaries = () => page.$$eval('#deals article.deal', deals => deals.map(d => `${d.dataset.deal}: ${d.querySelector('.summary').firstChild.textContent}`));

        await step('the page loads from a static server and the server in its worker checks the example', async () => {
            await page.goto(server.url, { waitUntil: 'load' });
            await page.waitForSelector('#problems[data-state="checked"]', WAIT);
            const said = await page.textContent('#problems li.none');
            if (said !== 'No problems in these 2 files.') throw new Error(`the problems panel says ${JSON.stringify(said)}`);
            await page.waitForSelector('#status[data-state="ready"]', WAIT);
            return `(${await page.textContent('#status')})`;
        });

        const stages = stagesOf(readFileSync(EXAMPLE, 'utf8'));
        await step('the diagram shows the stages of the example in order, with their titles', async () => {
            const drawn = await page.waitForFunction(expected => {
                const root = document.getElementById('diagram').shadowRoot;
                const names = root ? [...root.querySelectorAll('[data-stage]')].map(e => e.dataset.stage) : [];
                return names.join(',') === expected.join(',') ? names : false;
            }, stages.map(s => s.name), WAIT);
            const titles = await page.$$eval('#diagram [data-stage] .title', list => list.map(e => e.textContent));
            const missing = stages.filter(s => !titles.includes(s.title)).map(s => s.title);
            if (missing.length) throw new Error(`titles not drawn: ${missing.join(', ')}`);
            return `(${(await drawn.jsonValue()).join(' → ')})`;
        });

        await step('the diagram fits its panel, every arrow ending on the next card', async () => {
            const seen = await page.evaluate(() => {
                const root = document.getElementById('diagram').shadowRoot;
                const svg = root.querySelector('figure.pipeline-figure svg.pipeline');
                const figure = svg.closest('figure');
                const boxes = [...svg.querySelectorAll('g[data-stage] > rect.card'), svg.querySelector('g.won > rect')].map(r => r.getBoundingClientRect());
                const matrix = svg.getScreenCTM();
                const tips = [...svg.querySelectorAll('path.arrowhead')].map(head => {
                    const [x, y] = head.getAttribute('d').slice(1).split('L')[0].split(' ').map(Number);
                    return new DOMPoint(x, y).matrixTransform(matrix);
                });
                const on = (box, tip) => tip.x >= box.left - 1.5 && tip.x <= box.right + 1.5 && tip.y >= box.top - 1.5 && tip.y <= box.bottom + 1.5;
                return {
                    width: figure.clientWidth, drawn: Number(figure.dataset.width), columns: Number(figure.dataset.columns),
                    svgWidth: svg.getBoundingClientRect().width, cards: boxes.length, arrows: tips.length,
                    astray: tips.flatMap((tip, i) => (on(boxes[i + 1], tip) ? [] : [i]))
                };
            });
            if (seen.drawn !== seen.width) throw new Error(`drawn for ${seen.drawn} px in a ${seen.width} px panel`);
            if (seen.svgWidth > seen.width + 0.5) throw new Error(`the drawing is ${seen.svgWidth} px wide in a ${seen.width} px panel`);
            if (seen.arrows !== seen.cards - 1 || seen.astray.length) throw new Error(`${seen.arrows} arrows for ${seen.cards} cards; astray: ${seen.astray.join(', ')}`);
            return `(${seen.width} px, ${seen.columns} columns, ${seen.arrows} arrows on their cards)`;
        });

        await step('a click on a stage of the diagram selects its name in the editor', async () => {
            await page.click('#diagram g[data-stage="Bidding"] text.title');
            await page.waitForSelector('.editor:not([hidden]) .cm-activeLine:has-text("stage Bidding")', WAIT);
            const selected = await page.evaluate(() => getSelection().toString() || document.querySelector('.editor:not([hidden]) .cm-selectionBackground') !== null);
            if (!selected) throw new Error('nothing is selected');
        });

        await step('"Export SVG" downloads a well-formed SVG with the stage titles', async () => {
            const [download] = await Promise.all([page.waitForEvent('download', WAIT), page.click('#diagram button[data-export="svg"]')]);
            const file = path.join(RESULTS, download.suggestedFilename());
            await download.saveAs(file);
            const svg = readFileSync(file, 'utf8');
            const parsed = await page.evaluate(text => {
                const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
                return { error: doc.querySelector('parsererror')?.textContent ?? '', titles: [...doc.querySelectorAll('text.title')].map(t => t.textContent) };
            }, svg);
            if (parsed.error) throw new Error(`not well-formed: ${parsed.error}`);
            if (parsed.titles.join('|') !== stages.map(s => s.title).join('|')) throw new Error(`titles ${JSON.stringify(parsed.titles)}`);
            return `(${download.suggestedFilename()}, ${svg.length} bytes)`;
        });

        await step('"Export PNG" downloads a PNG', async () => {
            const [download] = await Promise.all([page.waitForEvent('download', WAIT), page.click('#diagram button[data-export="png"]')]);
            const file = path.join(RESULTS, download.suggestedFilename());
            await download.saveAs(file);
            const png = readFileSync(file);
            if (png.subarray(1, 4).toString('latin1') !== 'PNG') throw new Error('not a PNG');
            return `(${download.suggestedFilename()}, ${png.readUInt32BE(16)} × ${png.readUInt32BE(20)})`;
        });

        await step('the deals are replayed as `playbook simulate` replays them', async () => {
            const expected = cliSummaries(DEALS);
            await page.waitForFunction(count => document.querySelectorAll('#deals article.deal').length === count, expected.length, WAIT);
            const shown = await dealSummaries();
            if (shown.join('\n') !== expected.join('\n')) throw new Error(`the page says ${JSON.stringify(shown)}, the CLI ${JSON.stringify(expected)}`);
            return `(${shown.length} deals)`;
        });

        await step('a deal typed into the deals file is replayed with its violation', async () => {
            await page.click('.tab >> text=big-account-deals.playbook');
            await editorLine('Deals replayed').click({ position: { x: 4, y: 4 } });
            await page.keyboard.press('Control+End');
            await page.keyboard.insertText('\ndeal Rushed for BigAccount {\n  2026-06-01 enter Development\n  2026-06-02 enter Initiation\n}\n');
            const violation = await page.waitForSelector('#deals article.deal[data-deal="Rushed"] .violations li[data-code="gate-not-met"]', WAIT);
            await page.waitForSelector('#problems li.problem[data-code="gate-not-met"]', WAIT);
            return `(${(await violation.textContent()).trim()})`;
        });

        await step('an error typed into the playbook appears in the list and as a squiggle', async () => {
            await page.click('.tab >> text=big-account.playbook');
            // At the line's start: its middle may lie past the editor's right edge.
            await editorLine('requires FindGuide').click({ position: { x: 4, y: 4 } });
            await page.keyboard.press('End');
            await page.keyboard.insertText('X');
            const problem = await page.waitForSelector('#problems li.problem.error[data-code="unresolved-reference"]', WAIT);
            const text = await problem.textContent();
            if (!text.includes('FindGuideX')) throw new Error(`the problem says ${JSON.stringify(text)}`);
            await page.waitForSelector('.editor:not([hidden]) .cm-lintRange-error', WAIT);
            await page.waitForSelector('#status[data-state="ready"]:has-text("error")', WAIT);
            return `(${text.trim()})`;
        });

        await step('a click on a problem selects its place in the editor', async () => {
            await page.click('.tab >> text=big-account-deals.playbook');
            await page.click('#problems li.problem[data-code="unresolved-reference"] .message');
            await page.waitForSelector('.tab.active >> text=big-account.playbook', WAIT);
            await page.waitForSelector('.editor:not([hidden]) .cm-activeLine:has-text("FindGuideX")', WAIT);
        });

        await step('screenshot', async () => {
            await page.screenshot({ path: SCREENSHOT, fullPage: true });
            return SCREENSHOT;
        });

        await step('another example picked from the list is checked, drawn and replayed by a new server', async () => {
            const other = path.join(REPO, 'examples/seven-step-sales.playbook');
            const expected = cliSummaries(other);
            await page.selectOption('#example', 'seven-step-sales');
            await page.waitForSelector('.tab.active >> text=seven-step-sales.playbook', WAIT);
            await page.waitForFunction(names => {
                const root = document.getElementById('diagram').shadowRoot;
                return [...root.querySelectorAll('[data-stage]')].map(e => e.dataset.stage).join(',') === names.join(',');
            }, stagesOf(readFileSync(other, 'utf8')).map(s => s.name), WAIT);
            await page.waitForFunction(count => document.querySelectorAll('#deals article.deal').length === count, expected.length, WAIT);
            const shown = await dealSummaries();
            if (shown.join('\n') !== expected.join('\n')) throw new Error(`the page says ${JSON.stringify(shown)}, the CLI ${JSON.stringify(expected)}`);
            await page.waitForSelector('#problems[data-state="checked"] li.none', WAIT);
            if (await page.locator('.tab').count() !== 1) throw new Error('the previous example\'s files are still open');
        });

        await step('the page also works opened as a file (file://)', async () => {
            const local = await browser.newPage({ viewport: { width: 1200, height: 800 } });
            local.on('pageerror', error => pageErrors.push(`page error (file://): ${error.message}`));
            await local.goto(pathToFileURL(path.join(DIST, 'index.html')).href, { waitUntil: 'load' });
            await local.waitForSelector('#problems[data-state="checked"]', WAIT);
            await local.waitForFunction(() => document.querySelectorAll('#deals article.deal').length > 0, undefined, WAIT);
            await local.close();
        });

        await step('no error in the page or its console', async () => {
            if (pageErrors.length) throw new Error(pageErrors.join('; '));
        });
    } finally {
        await browser.close();
        await server.close();
    }
    return failures.length === 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
    const start = Date.now();
    const ok = await runPlaygroundTest();
    log(`playground e2e ${ok ? 'passed' : 'FAILED'} in ${((Date.now() - start) / 1000).toFixed(1)} s; screenshot: ${SCREENSHOT}`);
    process.exit(ok ? 0 : 1);
}
