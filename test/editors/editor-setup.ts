/**
 * What the README's "Set up an editor" asks of a user, for the editor tests: its code
 * blocks (each follows a `<!-- editor-setup: NAME -->` line, so that a test runs exactly
 * what the README says and breaks when it changes) and a new project folder with the
 * language package installed and a broken playbook in a subfolder.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { expect } from 'vitest';

export const repositoryRoot = resolve(__dirname, '../..');

export function readmeSnippet(name: string): string {
    const readme = readFileSync(resolve(repositoryRoot, 'README.md'), 'utf8');
    const marker = `<!-- editor-setup: ${name} -->`;
    const at = readme.indexOf(marker);
    if (at < 0) throw new Error(`README.md has no ${marker}`);
    const block = /^```[a-z]*\n([\s\S]*?)^```$/m.exec(readme.slice(at + marker.length));
    if (!block) throw new Error(`README.md has no code block after ${marker}`);
    return block[1];
}

/** The package the README tells a user to install, as `packages/language/package.json` names it. */
export function languagePackageName(): string {
    return (JSON.parse(readFileSync(resolve(repositoryRoot, 'packages/language/package.json'), 'utf8')) as { name: string }).name;
}

/** Runs a command that must succeed. */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): SpawnSyncReturns<string> {
    const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 240_000 });
    expect(result.status, `${command} ${args.join(' ')}\n${result.stdout}\n${result.stderr}`).toBe(0);
    return result;
}

/** Line 4 (3 counted from 0) compares money with text: a `type-mismatch` from the server. */
export const BROKEN_PLAYBOOK = `playbook Broken {
  field budget: money
  stage Lead {
    gate Qualified { when budget > "high" }
  }
  stage Won
}
`;

/**
 * `npm init -y` and the README's install in `<folder>/sales-process`, and
 * `playbooks/broken.playbook` in it. The package is not on the npm registry yet, so it is
 * installed from this checkout, as the README says until then: npm links the folder, offline.
 */
export function createProject(folder: string): { project: string; playbook: string } {
    const project = join(folder, 'sales-process');
    mkdirSync(join(project, 'playbooks'), { recursive: true });
    run('npm', ['init', '-y'], project);
    run('npm', ['install', '-D', '--offline', '--no-audit', '--no-fund', join(repositoryRoot, 'packages/language')], project);
    const playbook = join(project, 'playbooks', 'broken.playbook');
    writeFileSync(playbook, BROKEN_PLAYBOOK);
    return { project, playbook };
}
