// Shared by the e2e launchers: paths, the workspace the suite runs on, the build, servers.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PKG = fileURLToPath(new URL('..', import.meta.url));
export const REPO = path.resolve(PKG, '../..');
export const RESULTS = path.join(PKG, 'test-results');
export const SUITE = path.join(PKG, 'test-e2e/suite/index.cjs');
export const CACHE = process.env.PLAYBOOK_E2E_CACHE ?? path.join(homedir(), '.cache/playbook-e2e');
export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION ?? '4.139.1';
export const CODE_SERVER_DIR = path.join(CACHE, `code-server-${CODE_SERVER_VERSION}`, 'node_modules/code-server');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'];

export function log(message) {
    console.log(`[e2e ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

export function timed(label, fn) {
    const start = Date.now();
    const done = () => log(`${label}: ${((Date.now() - start) / 1000).toFixed(1)} s`);
    const result = fn();
    if (result && typeof result.then === 'function') return result.finally(done);
    done();
    return result;
}

export function run(command, args, options = {}) {
    const result = spawnSync(command, args, { stdio: 'inherit', ...options });
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

/** The extension's bundle (and the server it copies), built if missing or if PLAYBOOK_E2E_BUILD=1. */
export function ensureBuilt() {
    if (process.env.PLAYBOOK_E2E_BUILD === '1' || !existsSync(path.join(PKG, 'dist/extension.cjs'))) {
        if (!existsSync(path.join(REPO, 'packages/language/dist/language-server.cjs'))) {
            run(process.execPath, [path.join(REPO, 'packages/language/esbuild.mjs')]);
        }
        run(process.execPath, [path.join(PKG, 'esbuild.mjs')]);
    }
}

/** A fresh copy of examples/ (and CRM exports) for the suite to open, edit and export into. */
export function prepareWorkspace() {
    const ws = path.join(RESULTS, 'workspace');
    rmSync(ws, { recursive: true, force: true });
    mkdirSync(ws, { recursive: true });
    for (const name of readdirSync(path.join(REPO, 'examples'))) {
        if (name.endsWith('.playbook')) copyFileSync(path.join(REPO, 'examples', name), path.join(ws, name));
    }
    for (const csv of ['salesforce-opportunity-history.csv', 'big-account-history.csv']) {
        copyFileSync(path.join(REPO, 'test/fixtures/crm', csv), path.join(ws, csv));
    }
    return ws;
}

/** A user-data folder with the settings a test run needs (no trust prompt, no welcome page, no AI, no updates), and `settings` over them. */
export function prepareUserData(dir, settings = {}) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(path.join(dir, 'data/User'), { recursive: true });
    writeFileSync(path.join(dir, 'data/User/settings.json'), JSON.stringify({
        'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none', 'chat.disableAIFeatures': true,
        'workbench.secondarySideBar.defaultVisibility': 'hidden', 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false,
        'telemetry.telemetryLevel': 'off', 'update.mode': 'none', 'workbench.tips.enabled': false, 'git.enabled': false,
        ...settings
    }, null, 2));
    return dir;
}

export function freePort() {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
        server.on('error', reject);
    });
}

/**
 * Starts a server in its own process group (extension hosts outlive their parent: the whole
 * group is killed on stop), logging to a file.
 */
export function startServer(command, args, logFile, env) {
    const out = openSync(logFile, 'w');
    const child = spawn(command, args, { detached: true, stdio: ['ignore', out, out], env });
    const stop = () => {
        try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    };
    process.on('exit', stop);
    return { child, stop };
}

export async function waitForHttp(url, timeout = 30000) {
    const start = Date.now();
    while (Date.now() - start < timeout) {
        try {
            const response = await fetch(url);
            if (response.status < 500) return;
        } catch { /* not yet */ }
        await new Promise(resolve => setTimeout(resolve, 200));
    }
    throw new Error(`${url} did not answer within ${timeout} ms`);
}

/** code-server (VS Code's server) in the cache, Chromium and a CJK font, installed by scripts/e2e-install.sh when missing. */
export function ensureCodeServer() {
    if (!existsSync(path.join(CODE_SERVER_DIR, 'lib/vscode/out/server-main.js')) || !existsSync(CHROMIUM) || !hasCjkFont()) {
        log(`installing code-server ${CODE_SERVER_VERSION} into ${CACHE} (and chromium and a CJK font if missing)`);
        run('bash', [path.join(PKG, 'scripts/e2e-install.sh')], { env: { ...process.env, PLAYBOOK_E2E_CACHE: CACHE, CODE_SERVER_VERSION } });
    }
}

/** Whether a font covers Chinese (the examples' stage titles): else the screenshots show boxes. */
function hasCjkFont() {
    const fonts = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
    return fonts.status === 0 && fonts.stdout.trim() !== '';
}

/** The environment of a test server: its own HOME and TMPDIR (IPC sockets stay there). */
export function serverEnv(home) {
    const tmp = path.join(home, 'tmp');
    mkdirSync(tmp, { recursive: true });
    return { ...process.env, HOME: home, TMPDIR: tmp, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_DATA_HOME: path.join(home, '.local/share'),
        XDG_CACHE_HOME: path.join(home, '.cache'), VSCODE_CLI: undefined, ELECTRON_RUN_AS_NODE: undefined };
}
