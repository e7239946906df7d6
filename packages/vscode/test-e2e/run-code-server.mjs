// Launcher 1 (runs here): the suite inside a real Node extension host of VS Code's server
// (code-server's lib/vscode/out/server-main.js, started with --enable-smoke-test-driver),
// opened by Debian's Chromium through playwright-core with a payload that names the
// extension under development and the tests (the same run() contract as @vscode/test-electron).
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import {
    CHROMIUM, CHROMIUM_ARGS, CODE_SERVER_DIR, PKG, RESULTS, SUITE, ensureBuilt, ensureCodeServer, freePort, log, prepareUserData,
    prepareWorkspace, serverEnv, startServer, timed, waitForHttp
} from './common.mjs';

export async function runSuiteInCodeServer() {
    await timed('install check (code-server, chromium)', () => ensureCodeServer());
    timed('build check', () => ensureBuilt());
    const ws = prepareWorkspace();
    const home = prepareUserData(path.join(RESULTS, 'vs-home'));
    const port = await freePort();
    const server = startServer(process.execPath, [path.join(CODE_SERVER_DIR, 'lib/vscode/out/server-main.js'),
        '--host', '127.0.0.1', '--port', String(port), '--without-connection-token', '--accept-server-license-terms',
        '--enable-smoke-test-driver', '--disable-telemetry', '--disable-workspace-trust',
        '--server-data-dir', path.join(home, 'server'), '--user-data-dir', path.join(home, 'data'), '--extensions-dir', path.join(home, 'ext')],
    path.join(RESULTS, 'vs-server.log'), serverEnv(home));
    const profile = mkdtempSync(path.join(home, 'tmp', 'chromium-'));
    let context;
    try {
        const base = `http://127.0.0.1:${port}`;
        await timed('server start', () => waitForHttp(base));
        const host = `127.0.0.1:${port}`;
        const payload = [['extensionDevelopmentPath', `vscode-remote://${host}${PKG.replace(/\/$/, '')}`],
            ['extensionTestsPath', `vscode-remote://${host}${SUITE}`]];
        const url = `${base}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
        context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
        const page = context.pages()[0] ?? await context.newPage();
        let done;
        const exited = new Promise(resolve => (done = resolve));
        await page.exposeFunction('codeAutomationLog', (type, args) => {
            // The workbench asks the (unreachable) extension gallery for updates: noise offline.
            if (/ENOTFOUND|open-vsx\.org/.test(String(args))) return;
            for (const line of String((args ?? []).join(' ')).split('\n')) console.log(`  [exthost ${type}] ${line}`);
        });
        await page.exposeFunction('codeAutomationExit', code => done(code));
        const timeoutMs = Number(process.env.PLAYBOOK_E2E_TIMEOUT ?? 180000);
        const code = await timed('extension tests', async () => {
            await page.goto(url);
            return Promise.race([exited, new Promise(resolve => setTimeout(() => resolve('timeout'), timeoutMs))]);
        });
        log(`extension tests exit code: ${code}`);
        return code === 0;
    } finally {
        await context?.close().catch(() => undefined);
        server.stop();
        rmSync(profile, { recursive: true, force: true });
    }
}

if (import.meta.url === `file://${process.argv[1]}`) {
    runSuiteInCodeServer().then(ok => process.exit(ok ? 0 : 1), error => { console.error(error); process.exit(1); });
}
