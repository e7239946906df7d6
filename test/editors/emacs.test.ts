/**
 * The README's Emacs settings for eglot, followed literally in a new project folder: the
 * install of the language package, `playbook-mode` and the eglot entry as the init file. A
 * batch Emacs opens a broken playbook from a subfolder and starts eglot for it (what
 * `M-x eglot` does); the server's diagnostic must reach flymake, and eglot must warn of
 * nothing (it warned of the registration for setting changes it does not offer).
 * Skipped without Emacs and eglot (`.ci/run` installs Debian's emacs-nox and elpa-eglot).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createProject, readmeSnippet } from './editor-setup.js';

const probe = spawnSync('emacs', ['--batch', '--eval', '(progn (require \'eglot) (princ "eglot"))'], { encoding: 'utf8' });
const hasEglot = probe.status === 0 && probe.stdout === 'eglot';

interface Session {
    mode: string;
    root: string | null;
    command: string[] | null;
    diagnostics: Array<{ line: number; text: string }>;
}

const folders: string[] = [];
afterAll(() => folders.forEach(folder => rmSync(folder, { recursive: true, force: true })));

describe.skipIf(!hasEglot)('the README\'s Emacs settings (eglot)', () => {
    it('show the server\'s diagnostic of a broken playbook, and eglot warns of nothing', () => {
        const folder = mkdtempSync(join(tmpdir(), 'playbook-emacs-'));
        folders.push(folder);
        const { project, playbook } = createProject(folder);
        const init = join(folder, 'init.el');
        writeFileSync(init, readmeSnippet('emacs-eglot'));

        const result = join(folder, 'session.json');
        // `--batch` loads no init file but the system's site-start (Debian's activates eglot).
        const session = spawnSync('emacs', ['--batch', '-l', init, '-l', join(__dirname, 'emacs-session.el')], {
            cwd: dirname(playbook),
            encoding: 'utf8',
            timeout: 240_000,
            env: {
                ...process.env,
                // An Emacs of its own: no user configuration or packages of the machine.
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
        // No version control here: eglot's project is the file's folder, npx finds the project above it.
        expect(seen.root?.startsWith(project)).toBe(true);
        expect(seen.diagnostics.map(d => [d.line, /\[([a-z-]+)\]/.exec(d.text)?.[1]])).toEqual([[3, 'type-mismatch']]);
        expect(session.stderr.split('\n').filter(line => /warning/i.test(line))).toEqual([]);
    }, 300_000);
});
