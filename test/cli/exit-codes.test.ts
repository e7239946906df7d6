/** Exit codes (0 clean, 1 errors, 2 bad usage or unreadable input) and clean error messages. */
import { chmodSync, symlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GATE_NOT_MET, playbook, STACK_FRAME, tempTree, VALID } from './cli-helpers.js';

describe('playbook exit codes', () => {
    it('0 for a clean file', () => {
        const dir = tempTree({ 'ok.playbook': VALID });
        expect(playbook(['check', 'ok.playbook'], { cwd: dir }).code).toBe(0);
    });

    it('0 when there are only warnings', () => {
        const dir = tempTree({ 'w.playbook': VALID.replace('field budget: money', 'field budget: money\n  field notes: text') });
        const result = playbook(['check', 'w.playbook'], { cwd: dir });
        expect(result.stdout).toContain('warning unused-field');
        expect(result.code).toBe(0);
    });

    it('1 when any file has an error, in every format', () => {
        const dir = tempTree({ 'ok.playbook': VALID, 'bad.playbook': GATE_NOT_MET.replace(/\bP\b/g, 'Q').replace('deal D', 'deal E') });
        for (const format of ['text', 'json', 'sarif', 'github']) {
            expect(playbook(['check', 'ok.playbook', 'bad.playbook', '--format', format], { cwd: dir }).code).toBe(1);
        }
    });

    it('1 for a syntax error', () => {
        const dir = tempTree({ 's.playbook': 'playbook P { stage A }\n}\n' });
        const result = playbook(['check', 's.playbook'], { cwd: dir });
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(/^s\.playbook:2:1 error syntax-error /m);
    });

    it('2 for a file that does not exist, naming it, with nothing on stdout', () => {
        const dir = tempTree({ 'ok.playbook': VALID });
        const result = playbook(['check', 'ok.playbook', 'x.playbook'], { cwd: dir });
        expect(result.code).toBe(2);
        expect(result.stderr).toBe("playbook: cannot read 'x.playbook': no such file\n");
        expect(result.stdout).toBe('');
    });

    it('2 for a dangling symbolic link', () => {
        const dir = tempTree({});
        symlinkSync('gone.playbook', `${dir}/link.playbook`);
        const result = playbook(['check', 'link.playbook'], { cwd: dir });
        expect(result.code).toBe(2);
        expect(result.stderr).toBe("playbook: cannot read 'link.playbook': no such file\n");
    });

    it.skipIf(process.getuid?.() === 0)('2 for a file that cannot be read', () => {
        const dir = tempTree({ 'secret.playbook': VALID });
        chmodSync(`${dir}/secret.playbook`, 0o000);
        const result = playbook(['check', 'secret.playbook'], { cwd: dir });
        expect(result.code).toBe(2);
        expect(result.stderr).toBe("playbook: cannot read 'secret.playbook': permission denied\n");
    });

    it('2 for an unknown option', () => {
        const result = playbook(['check', 'examples', '--frobnicate']);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/^playbook: unknown option '--frobnicate'/);
        expect(result.stdout).toBe('');
    });

    it('2 for an unknown format, listing the formats', () => {
        const result = playbook(['check', 'examples', '--format', 'xml']);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/'xml' is invalid/);
        expect(result.stderr).toMatch(/text, json, sarif, github/);
        expect(result.stdout).toBe('');
    });

    it('2 for check without paths', () => {
        const result = playbook(['check']);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/missing required argument 'paths'/);
    });

    it('2 for no command, showing the usage on stderr', () => {
        const result = playbook([]);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/^Usage: playbook/);
        expect(result.stdout).toBe('');
    });

    it('2 for an unknown command, suggesting the right one', () => {
        const result = playbook(['chek', 'examples']);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/unknown command 'chek'/);
        expect(result.stderr).toMatch(/Did you mean check\?/);
    });

    it('2 for a glob that matches no .playbook file', () => {
        const dir = tempTree({ 'notes.txt': 'x' });
        const result = playbook(['check', 'nowhere/**/*.playbook'], { cwd: dir });
        expect(result.code).toBe(2);
        expect(result.stderr).toBe("playbook: no .playbook files match 'nowhere/**/*.playbook'\n");
    });

    it('never shows a stack trace for a user\'s mistake, even with PLAYBOOK_DEBUG unset or set', () => {
        const dir = tempTree({ 'ok.playbook': VALID });
        const mistakes = [['check', 'missing.playbook'], ['check', '--format', 'yaml', 'ok.playbook'], ['check'], ['--bogus'], ['check', 'ok.playbook', '-x'], ['bogus']];
        for (const args of mistakes) {
            for (const debug of [undefined, '1']) {
                const result = playbook(args, { cwd: dir, env: { PLAYBOOK_DEBUG: debug } });
                expect(result.code, args.join(' ')).toBe(2);
                expect(result.stderr, args.join(' ')).not.toMatch(STACK_FRAME);
                expect(result.stderr, args.join(' ')).not.toMatch(/internal error/);
            }
        }
    });

    it('survives binary garbage as input: unreadable (exit 2), one line, still a JSON document', () => {
        const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
        const dir = tempTree({ 'garbage.playbook': garbage });
        const result = playbook(['check', 'garbage.playbook', '--format', 'json'], { cwd: dir });
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/^playbook: cannot read 'garbage\.playbook': not a text file/);
        expect(result.stderr).not.toMatch(STACK_FRAME);
        expect(JSON.parse(result.stdout)).toMatchObject([{ file: 'garbage.playbook', code: 'unreadable-input', severity: 'error' }]);
    });
});
