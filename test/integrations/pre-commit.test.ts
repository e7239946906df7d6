/**
 * The pre-commit hooks (.pre-commit-hooks.yaml), run by pre-commit itself as a user's project
 * uses them: the project's .pre-commit-config.yaml names this repository (here a local clone of
 * a copy of it, committed; in real use its GitHub address) and the hooks; pre-commit clones it
 * and runs the hooks on the files of a commit. Nothing comes from GitHub or PyPI: the hooks
 * are `language: script`, and their first use builds the command from the npm registry.
 *
 * Needs pre-commit on PATH (Debian's package: `apt-get install pre-commit`, which .ci/run
 * installs); without it these tests are skipped, saying so.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATE_NOT_MET, playbook, tempTree, VALID } from '../cli/cli-helpers.js';
import { copyOfRepository } from './repository-copy.js';

const preCommitVersion = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const hasPreCommit = preCommitVersion.status === 0;
const SKIP_REASON = 'pre-commit is not installed (apt-get install pre-commit, or pip install pre-commit): the hooks are not run';
if (!hasPreCommit) {
    console.warn(`test/integrations/pre-commit.test.ts: skipped: ${SKIP_REASON}`);
}

/** A playbook in the canonical layout, with a deal that follows it. */
const PIPELINE = `playbook Inbound {
  field budget: money

  stage Lead {
    task Call required
    gate Qualified {
      requires Call
      when budget > 0
    }
  }
  stage Won
}

deal Acme for Inbound {
  2026-01-01 enter Lead
  2026-01-02 done Call
  2026-01-02 set budget = 10
  2026-01-03 enter Won
}
`;

/** git and pre-commit with no user or system configuration, and this Node first on PATH. */
function environment(preCommitHome: string): NodeJS.ProcessEnv {
    return {
        ...process.env,
        PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
        PRE_COMMIT_HOME: preCommitHome,
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_AUTHOR_NAME: 'Sales Ops',
        GIT_AUTHOR_EMAIL: 'sales-ops@example.com',
        GIT_COMMITTER_NAME: 'Sales Ops',
        GIT_COMMITTER_EMAIL: 'sales-ops@example.com',
        NO_COLOR: '1'
    };
}

describe.skipIf(!hasPreCommit)(`the pre-commit hooks, run by ${hasPreCommit ? preCommitVersion.stdout.trim() : 'pre-commit'}`, () => {
    let project: string;
    let env: NodeJS.ProcessEnv;
    let hooks: string;
    let preCommitHome: string;

    function run(command: string, args: string[]): SpawnSyncReturns<string> {
        const result = spawnSync(command, args, { cwd: project, env, encoding: 'utf8' });
        if (result.error) throw result.error;
        return result;
    }

    function git(...args: string[]): string {
        const result = run('git', args);
        expect(result.status, `git ${args.join(' ')}: ${result.stderr}`).toBe(0);
        return result.stdout;
    }

    beforeAll(() => {
        preCommitHome = mkdtempSync(path.join(tmpdir(), 'playbook-pre-commit-home-'));
        env = environment(preCommitHome);
        // This repository as its hooks' users get it: a git repository at a revision.
        hooks = copyOfRepository('playbook-hooks-');
        for (const args of [['init', '-q'], ['add', '-A'], ['commit', '-q', '-m', 'Playbook']]) {
            const result = spawnSync('git', args, { cwd: hooks, env, encoding: 'utf8' });
            expect(result.status, result.stderr).toBe(0);
        }
        const rev = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: hooks, env, encoding: 'utf8' }).stdout.trim();

        project = tempTree({
            '.pre-commit-config.yaml': `repos:\n  - repo: ${hooks}\n    rev: ${rev}\n    hooks:\n      - id: playbook-check\n      - id: playbook-fmt\n`,
            'playbooks/inbound.playbook': PIPELINE
        });
        git('init', '-q');
        git('add', '-A');
    });

    // pre-commit's clone holds the build's dependencies, a hundred megabytes.
    afterAll(() => {
        for (const dir of [preCommitHome, hooks]) {
            if (dir) rmSync(dir, { recursive: true, force: true });
        }
    });

    it('pass on a valid file in the canonical layout (the first run builds the command)', () => {
        const result = run('pre-commit', ['run', '--all-files']);
        expect(result.status, result.stdout + result.stderr).toBe(0);
        expect(result.stdout).toMatch(/^playbook check\.+Passed$/m);
        expect(result.stdout).toMatch(/^playbook fmt --check\.+Passed$/m);
    });

    it('as a git hook: a commit of a file with an error is refused, with the finding; fixed, it goes in', () => {
        expect(run('pre-commit', ['install']).status).toBe(0);
        git('commit', '-q', '-m', 'Inbound pipeline');

        writeFileSync(path.join(project, 'playbooks/deal.playbook'), formatted(GATE_NOT_MET));
        git('add', '-A');
        const refused = run('git', ['commit', '-m', 'A deal']);
        expect(refused.status).not.toBe(0);
        const output = refused.stdout + refused.stderr;
        expect(output).toMatch(/^playbook check\.+Failed$/m);
        expect(output).toMatch(/^playbooks\/deal\.playbook:\d+:20 error gate-not-met Leaves A while /m);
        expect(output).toMatch(/^playbook fmt --check\.+Passed$/m);
        expect(git('log', '--format=%s')).toBe('Inbound pipeline\n');

        // The same deal, leaving A once its gate holds.
        writeFileSync(path.join(project, 'playbooks/deal.playbook'), formatted(VALID));
        git('add', '-A');
        git('commit', '-q', '-m', 'A deal');
        expect(git('log', '--format=%s')).toBe('A deal\nInbound pipeline\n');
    });

    it('playbook-fmt fails on a file out of the canonical layout and names it; playbook-check passes it', () => {
        writeFileSync(path.join(project, 'playbooks/inbound.playbook'), PIPELINE.replace('  stage Won\n', 'stage   Won\n'));
        const result = run('pre-commit', ['run', '--files', 'playbooks/inbound.playbook']);
        expect(result.status).toBe(1);
        expect(result.stdout).toMatch(/^playbook check\.+Passed$/m);
        expect(result.stdout).toMatch(/^playbook fmt --check\.+Failed$/m);
        expect(result.stdout).toContain('playbooks/inbound.playbook');
    });
});

if (!hasPreCommit) {
    describe('the pre-commit hooks', () => {
        it.skip(`skipped: ${SKIP_REASON}`, () => undefined);
    });
}

/** The text as `playbook fmt` lays it out. */
function formatted(text: string): string {
    const dir = tempTree({ 'x.playbook': text });
    const result = playbook(['fmt', 'x.playbook'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    return readFileSync(path.join(dir, 'x.playbook'), 'utf8');
}
