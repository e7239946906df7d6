/**
 * The README's Emacs settings, followed literally in a new project folder: the install of
 * the language package, then `playbook-mode` with the eglot entry, or the same mode with the
 * lsp-mode client, as the init file. A batch Emacs opens a broken playbook from a subfolder
 * and starts the client for it (what `M-x eglot` or `M-x lsp` does); the server's diagnostic
 * must arrive, and the client must report no trouble with the server (eglot warned of the
 * registration for setting changes it does not offer).
 * Each client is skipped when not installed (`.ci/run` installs Debian's emacs-nox,
 * elpa-eglot and elpa-lsp-mode).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createProject, readmeSnippet } from './editor-setup.js';

/** Whether a batch Emacs can load the package (activated as an interactive Emacs would). */
function hasPackage(feature: string): boolean {
    const probe = spawnSync('emacs', ['--batch', '--eval', `(progn (package-activate-all) (require '${feature}) (princ "loaded"))`], { encoding: 'utf8' });
    return probe.status === 0 && probe.stdout === 'loaded';
}

/** `playbook-mode`: the README defines it in the eglot block, and lsp-mode uses the same. */
function playbookMode(): string {
    const eglot = readmeSnippet('emacs-eglot');
    return eglot.slice(0, eglot.indexOf('(with-eval-after-load'));
}

interface Session {
    mode: string;
    root: string | null;
    command: string[] | null;
    diagnostics: Array<{ line: number; text: string }>;
}

/** [client, the init file from the README, the session run after it, stderr lines that must not appear]. */
const clients: Array<[string, () => string, string, RegExp]> = [
    ['eglot', () => readmeSnippet('emacs-eglot'), 'emacs-eglot-session.el', /warning/i],
    ['lsp-mode', () => playbookMode() + readmeSnippet('emacs-lsp-mode'), 'emacs-lsp-mode-session.el', /error|regist/i]
];

const folders: string[] = [];
afterAll(() => folders.forEach(folder => rmSync(folder, { recursive: true, force: true })));

describe('the README\'s Emacs settings', () => {
    for (const [client, init, sessionFile, trouble] of clients) {
        it.skipIf(!hasPackage(client))(`with ${client}: the server's diagnostic of a broken playbook arrives, no trouble is reported`, () => {
            const folder = mkdtempSync(join(tmpdir(), `playbook-emacs-${client}-`));
            folders.push(folder);
            const { project, playbook } = createProject(folder);
            const initFile = join(folder, 'init.el');
            writeFileSync(initFile, init());

            const result = join(folder, 'session.json');
            // `--batch` loads no init file but the system's site-start (Debian's puts the packages on the load path).
            const session = spawnSync('emacs', ['--batch', '-l', initFile, '-l', join(__dirname, sessionFile)], {
                cwd: dirname(playbook),
                encoding: 'utf8',
                timeout: 240_000,
                env: {
                    ...process.env,
                    // An Emacs of its own: no user configuration, packages or sessions of the machine.
                    HOME: join(folder, 'home'),
                    // npx and the bin's `#!/usr/bin/env node` find the Node running the tests first.
                    PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
                    RESULT: result, PLAYBOOK_FILE: playbook
                }
            });
            expect(existsSync(result), `${session.stderr}\n${session.stdout}`).toBe(true);
            const seen = JSON.parse(readFileSync(result, 'utf8')) as Session;

            expect(seen.mode).toBe('playbook-mode');
            expect(seen.command).toEqual(['npx', '--no-install', 'playbook-language-server', '--stdio']);
            // No version control here: the client's project is the file's folder, npx finds the project above it.
            expect(seen.root?.startsWith(project)).toBe(true);
            expect(seen.diagnostics.map(d => [d.line, /\[([a-z-]+)\]/.exec(d.text)?.[1]])).toEqual([[3, 'type-mismatch']]);
            expect(session.stderr.split('\n').filter(line => trouble.test(line) && !/flymake-proc-legacy/.test(line))).toEqual([]);
        }, 300_000);
    }
});
