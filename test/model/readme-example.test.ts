/**
 * packages/model/README.md: its example ("read an exported playbook, replay a deal") runs as
 * a user would run it, a module in a project of its own that imports @playbook/model by
 * name, on what `playbook export --with-deals` wrote, and prints what the README says.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { playbook, repoRoot, tempTree } from '../cli/cli-helpers.js';

const readme = readFileSync(path.join(repoRoot, 'packages/model/README.md'), 'utf8');

function block(language: string, after = ''): string {
    const from = readme.indexOf(after);
    const match = new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``).exec(readme.slice(from));
    if (from < 0 || !match) throw new Error(`packages/model/README.md has no \`\`\`${language} block after '${after}'`);
    return match[1];
}

/** A project of its own with the example in it and the package installed (linked, as npm links a folder). */
function project(files: Record<string, string>): string {
    const folder = tempTree({ 'package.json': '{ "name": "reader", "type": "module", "private": true }\n', 'example.mjs': block('js'), ...files });
    mkdirSync(path.join(folder, 'node_modules/@playbook'), { recursive: true });
    symlinkSync(path.join(repoRoot, 'packages/model'), path.join(folder, 'node_modules/@playbook/model'), 'dir');
    return folder;
}

describe('the model package README', () => {
    beforeAll(() => {
        // The package as installed: its compiled output, up to date with the sources.
        const build = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-b', 'packages/model'], { cwd: repoRoot, encoding: 'utf8' });
        expect(build.stdout + build.stderr).toBe('');
    });

    it('replays the deals of an export, as its example shows', () => {
        const folder = project({});

        const exported = playbook(['export', path.join(repoRoot, 'examples/big-account.playbook'), '--with-deals', '-o', path.join(folder, 'big-account.json')]);
        expect(exported.code, exported.stderr).toBe(0);

        const run = spawnSync(process.execPath, ['example.mjs'], { cwd: folder, encoding: 'utf8' });
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        expect(run.stdout).toBe(block('text', 'this\nprints'));
    });

    it('reports a broken export instead of replaying it', () => {
        const folder = project({ 'big-account.json': '{ "$schema": "https://playbook.dev/schema/playbook-1.json", "formatVersion": "1.1", "playbook": { "name": "P" } }\n' });
        const run = spawnSync(process.execPath, ['example.mjs'], { cwd: folder, encoding: 'utf8' });
        expect(run.status).toBe(1);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(/^1:\d+ \/playbook: must have required property/m);
    });
});
