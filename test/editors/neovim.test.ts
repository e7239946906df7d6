/**
 * The README's Neovim settings, followed literally in a new project folder: `npm init -y`,
 * the install of the language package, the README's Lua block as init.lua (the block for the
 * Neovim installed: 0.7 to 0.10, or 0.11 and newer). A headless Neovim opens a broken
 * playbook from a subfolder; the server's diagnostic must arrive, and Neovim's LSP log must
 * hold no warning (such as the one for a registration the client did not offer: Neovim 0.7
 * is also run as Neovim 0.8 to 0.10 announce themselves, since 0.7 does not offer
 * `workspace/configuration` and so is never asked for that registration).
 * Skipped without Neovim 0.7 or newer (`.ci/run` installs Debian's).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createProject, readmeSnippet, run } from './editor-setup.js';

const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const [, major = 0, minor = 0] = /NVIM v(\d+)\.(\d+)/.exec(version.stdout ?? '')?.map(Number) ?? [];
const hasNeovim = version.status === 0 && (major > 0 || minor >= 7);
const snippetName = major > 0 || minor >= 11 ? 'neovim-0.11' : 'neovim-0.7';

interface Session {
    filetype: string;
    diagnostics: Array<{ line: number; code?: string; message: string }>;
    clients: Array<{ name: string; root: string; cmd: string[] }>;
    log: string;
}

const folders: string[] = [];
afterAll(() => folders.forEach(folder => rmSync(folder, { recursive: true, force: true })));

describe('the README\'s Neovim settings', () => {
    it.skipIf(!hasNeovim)('Neovim\'s Lua blocks parse', () => {
        const folder = mkdtempSync(join(tmpdir(), 'playbook-neovim-lua-'));
        folders.push(folder);
        for (const name of ['neovim-0.11', 'neovim-0.7']) {
            const file = join(folder, `${name}.lua`);
            writeFileSync(file, readmeSnippet(name));
            const check = run('nvim', ['--headless', '--clean', '-c', `lua local _, err = loadfile(${JSON.stringify(file)}); io.stderr:write(err or 'parsed') vim.cmd('qall!')`], folder);
            expect(check.stderr, name).toBe('parsed');
        }
    });

    /** [how the client announces itself, a Lua file run before the settings]. */
    const announcements: Array<[string, string[]]> = major === 0 && minor < 8
        ? [['as Neovim 0.7', []], ['as Neovim 0.8 to 0.10 (workspace/configuration, no dynamic registration)', ['--cmd', `luafile ${join(__dirname, 'neovim-0.8-capabilities.lua')}`]]]
        : [[`as Neovim ${major}.${minor}`, []]];

    it.skipIf(!hasNeovim).each(announcements)(`Neovim ${major}.${minor} with the block for its version, %s: the server's diagnostic arrives, no warning is logged`, (_as, prelude) => {
        const folder = mkdtempSync(join(tmpdir(), 'playbook-neovim-'));
        folders.push(folder);
        const { project, playbook: file } = createProject(folder);
        const init = join(folder, 'init.lua');
        writeFileSync(init, readmeSnippet(snippetName));

        const result = join(folder, 'session.json');
        const home = join(folder, 'home');
        const session = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', ...prelude, '-u', init, '-c', `luafile ${join(__dirname, 'neovim-session.lua')}`], {
            cwd: join(project, 'playbooks'),
            encoding: 'utf8',
            timeout: 240_000,
            env: {
                ...process.env,
                // A Neovim of its own: no user configuration, state or log of the machine.
                XDG_CONFIG_HOME: join(home, 'config'), XDG_DATA_HOME: join(home, 'data'),
                XDG_STATE_HOME: join(home, 'state'), XDG_CACHE_HOME: join(home, 'cache'),
                // The bin's `#!/usr/bin/env node` finds the Node running the tests first.
                PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
                RESULT: result, PLAYBOOK_FILE: file
            }
        });
        expect(existsSync(result), `${session.stderr}\n${session.stdout}`).toBe(true);
        const seen = JSON.parse(readFileSync(result, 'utf8')) as Session;

        expect(seen.filetype).toBe('playbook');
        expect(seen.clients.map(c => [c.name, c.root])).toEqual([['playbook', project]]);
        if (snippetName === 'neovim-0.7') {
            expect(seen.clients[0].cmd).toEqual([join(project, 'node_modules/.bin/playbook-language-server'), '--stdio']);
        }
        expect(seen.diagnostics.map(d => [d.line, d.code])).toEqual([[3, 'type-mismatch']]);
        const log = existsSync(seen.log) ? readFileSync(seen.log, 'utf8') : '';
        expect(log.split('\n').filter(line => /\[(WARN|ERROR)\]/.test(line))).toEqual([]);
    }, 300_000);
});
