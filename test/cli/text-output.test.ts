/** The default text format: `file:line:col severity code message`, grouped, with a summary. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { binPath, GATE_NOT_MET, playbook, tempTree, VALID } from './cli-helpers.js';

const ANSI = /\u001b\[/;

describe('playbook check (text)', () => {
    it('prints file:line:col severity code message and a summary line', () => {
        const dir = tempTree({ 'deal.playbook': GATE_NOT_MET });
        const result = playbook(['check', 'deal.playbook'], { cwd: dir });
        expect(result.code).toBe(1);
        const lines = result.stdout.trimEnd().split('\n');
        expect(lines[0]).toMatch(/^deal\.playbook:8:20 error gate-not-met Leaves A while its gate G does not hold/);
        expect(lines.at(-1)).toBe('1 error, 0 warnings in 1 file');
        expect(result.stdout).not.toMatch(ANSI);
    });

    it('prints only the summary for clean files, counting every file checked', () => {
        const dir = tempTree({ 'one.playbook': VALID, 'two.playbook': VALID.replace(/\bP\b/g, 'P2').replace('deal D', 'deal D2') });
        const result = playbook(['check', '.'], { cwd: dir });
        expect(result.code).toBe(0);
        expect(result.stdout).toBe('0 errors, 0 warnings in 2 files\n');
    });

    it('groups findings per file with a blank line between files', () => {
        const dir = tempTree({
            'a.playbook': GATE_NOT_MET,
            'b.playbook': GATE_NOT_MET.replace(/\bP\b/g, 'Q').replace('deal D', 'deal E')
        });
        const result = playbook(['check', 'b.playbook', 'a.playbook'], { cwd: dir });
        expect(result.code).toBe(1);
        const blocks = result.stdout.trimEnd().split('\n\n');
        expect(blocks).toHaveLength(3);
        expect(blocks[0]).toMatch(/^a\.playbook:8:20 error gate-not-met /);
        expect(blocks[1]).toMatch(/^b\.playbook:8:20 error gate-not-met /);
        expect(blocks[2]).toBe('2 errors, 0 warnings in 2 files');
    });

    it('counts warnings and infos in the summary, and they do not fail the check', () => {
        // An unused field is a warning; a task neither required nor gated is an info.
        const text = VALID.replace('field budget: money', 'field budget: money\n  field notes: text')
            .replace('task T required', 'task T required  task Extra');
        const dir = tempTree({ 'w.playbook': text });
        const result = playbook(['check', 'w.playbook'], { cwd: dir });
        expect(result.code).toBe(0);
        expect(result.stdout).toMatch(/^w\.playbook:3:\d+ warning unused-field /m);
        expect(result.stdout).toMatch(/^w\.playbook:4:\d+ info unused-task /m);
        expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('0 errors, 1 warning, 1 info in 1 file');
    });

    // `script` gives the command a pseudo-terminal, as when a person runs it.
    const hasScript = spawnSync('script', ['--version']).status === 0;
    it.skipIf(!hasScript)('colours only at a terminal, and not when NO_COLOR is set', () => {
        const dir = tempTree({ 'deal.playbook': GATE_NOT_MET });
        const atTerminal = (env: NodeJS.ProcessEnv): string => spawnSync('script', ['-qec', `"${process.execPath}" "${binPath}" check deal.playbook`, '/dev/null'], {
            cwd: dir, encoding: 'utf8', env
        }).stdout;
        const { NO_COLOR: _ignored, ...withoutNoColor } = process.env;
        expect(atTerminal(withoutNoColor)).toMatch(/\u001b\[31;1merror\u001b\[0m/);
        const plain = atTerminal({ ...withoutNoColor, NO_COLOR: '1' });
        expect(plain).toMatch(/deal\.playbook:8:20 error gate-not-met/);
        expect(plain).not.toMatch(ANSI);
    });
});
