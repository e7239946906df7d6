/** --help, --version, and the command installed by npm. */
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { playbook, repoRoot } from './cli-helpers.js';

const { version } = JSON.parse(readFileSync(`${repoRoot}packages/cli/package.json`, 'utf8')) as { version: string };

describe('playbook --help and --version', () => {
    it('--help describes the program and lists check, exit 0 on stdout', () => {
        const result = playbook(['--help']);
        expect(result.code).toBe(0);
        expect(result.stderr).toBe('');
        expect(result.stdout).toMatch(/^Usage: playbook \[options\] \[command\]/);
        expect(result.stdout).toMatch(/^\s+check \[options\] <paths\.\.\.>/m);
        expect(result.stdout).toMatch(/Exit codes:/);
    });

    it('check --help lists the paths, the formats and the exit codes', () => {
        for (const args of [['check', '--help'], ['help', 'check'], ['check', '-h']]) {
            const result = playbook(args);
            expect(result.code, args.join(' ')).toBe(0);
            expect(result.stdout).toMatch(/^Usage: playbook check \[options\] <paths\.\.\.>/);
            expect(result.stdout).toMatch(/-f, --format <format>/);
            for (const format of ['text', 'json', 'sarif', 'github', 'gitlab']) {
                expect(result.stdout).toContain(`"${format}"`);
            }
            expect(result.stdout).toMatch(/0 no errors, 1 errors found, 2 bad usage or unreadable input/);
        }
    });

    it('--version prints the package version', () => {
        for (const flag of ['--version', '-v']) {
            const result = playbook([flag]);
            expect(result.code).toBe(0);
            expect(result.stdout).toBe(`${version}\n`);
        }
    });
});

describe('the installed command', () => {
    const linked = `${repoRoot}node_modules/.bin/playbook`;
    it('npm links `playbook` into node_modules/.bin, and it checks the examples cleanly', () => {
        expect(existsSync(linked)).toBe(true);
        const result = spawnSync(linked, ['check', 'examples'], { cwd: repoRoot, encoding: 'utf8' });
        expect(result.stderr).toBe('');
        expect(result.stdout).toMatch(/^0 errors, \d+ warnings? in \d+ files\n$/m);
        expect(result.status).toBe(0);
    });

    it('a reader that closes the pipe early causes no error output', () => {
        const result = spawnSync('sh', ['-c', `"${process.execPath}" packages/cli/bin/playbook.cjs check test/fixtures/invalid | head -c 10`], { cwd: repoRoot, encoding: 'utf8' });
        expect(result.stdout).toHaveLength(10);
        expect(result.stderr).toBe('');
    });
});
