/**
 * The language server as a Neovim user meets it: a headless Neovim (0.7 or newer, when
 * installed) runs neovim-session.lua, which renames through the server, edits several
 * ranges at once, pastes over several names and undoes it all, and after each step compares
 * what Neovim shows with the CLI's report on the same texts. Skipped without Neovim.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../../..');
const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const [, major = 0, minor = 0] = /NVIM v(\d+)\.(\d+)/.exec(version.stdout ?? '')?.map(Number) ?? [];
const hasNeovim = version.status === 0 && (major > 0 || minor >= 7);

describe.skipIf(!hasNeovim)('a headless Neovim session', () => {
    it('shows after every edit what the CLI reports for the same texts', () => {
        const workspace = mkdtempSync(join(tmpdir(), 'playbook-neovim-'));
        try {
            for (const file of ['big-account.playbook', 'big-account-deals.playbook', 'seven-step-sales.playbook']) {
                copyFileSync(join(root, 'examples', file), join(workspace, file));
            }
            const run = spawnSync('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${join(__dirname, 'neovim-session.lua')}`], {
                cwd: workspace,
                encoding: 'utf8',
                env: { ...process.env, REPO: root, WS: workspace, NODE: process.execPath },
                timeout: 150_000
            });
            expect(run.status, `${run.stderr}\n${run.stdout}`).toBe(0);
            expect(run.stderr).toContain('ALL SAME');
        } finally {
            rmSync(workspace, { recursive: true, force: true });
        }
    }, 180_000);
});
