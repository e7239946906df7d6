// The .vsix installed into code-server (`--install-extension`), opened on a copy of examples/
// in headless Chromium: checks in the real workbench that the playbook is coloured, that a
// broken file gets a squiggle, and that "Playbook: Show Pipeline Diagram" draws the example's
// stage names; saves test-results/diagram.png.
import { chromium } from 'playwright-core';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
    CHROMIUM, CHROMIUM_ARGS, CODE_SERVER_DIR, PKG, RESULTS, ensureCodeServer, freePort, log, prepareUserData, prepareWorkspace, run,
    serverEnv, startServer, timed, waitForHttp
} from './common.mjs';

export const SCREENSHOT = path.join(RESULTS, 'diagram.png');
const EXAMPLE = 'seven-step-sales.playbook';

export async function runScreenshot() {
    await timed('install check (code-server, chromium)', () => ensureCodeServer());
    const vsix = path.join(PKG, 'playbook-vscode.vsix');
    if (process.env.PLAYBOOK_E2E_BUILD === '1' || !existsSync(vsix)) {
        timed('package .vsix', () => run('npm', ['run', 'package'], { cwd: PKG }));
    }
    const ws = prepareWorkspace();
    writeFileSync(path.join(ws, 'broken.playbook'), 'playbook Broken {\n  stage A {\n    gate G { requires Missing }\n  }\n}\n');
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
        await step('diagram webview shows the stage names of the example', async () => {
            await page.keyboard.press('F1');
            await page.waitForSelector('.quick-input-widget input', { timeout: 10000 });
            await page.keyboard.type('Playbook: Show Pipeline Diagram', { delay: 10 });
            await page.waitForTimeout(600);
            await page.keyboard.press('Enter');
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
            await page.waitForTimeout(800);
            return `(${drawn.join(' → ')})`;
        });
        await page.screenshot({ path: SCREENSHOT });
        log(`screenshot: ${SCREENSHOT}`);
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
