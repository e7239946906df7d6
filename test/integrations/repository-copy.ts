/**
 * A copy of the repository as GitHub's release archive or a fresh clone has it: the files git
 * knows (tracked, or new and not ignored), with their modes, and nothing built or installed.
 * This is what the GitHub Action's folder and pre-commit's clone of the hooks hold.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../cli/cli-helpers.js';

export function copyOfRepository(prefix = 'playbook-repository-'): string {
    const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' });
    if (listed.status !== 0) {
        throw new Error(`git ls-files failed: ${listed.stderr}`);
    }
    const copy = mkdtempSync(path.join(tmpdir(), prefix));
    for (const file of listed.stdout.split('\0').filter(Boolean)) {
        const source = path.join(repoRoot, file);
        // A file deleted in the working tree but still in the index is not in the copy.
        if (!existsSync(source)) continue;
        const target = path.join(copy, file);
        mkdirSync(path.dirname(target), { recursive: true });
        // Keeps the mode: the scripts stay executable.
        copyFileSync(source, target);
    }
    return copy;
}
