/** `--format json`: exactly an array of plain diagnostics, relative paths, sorted. */
import { describe, expect, it } from 'vitest';
import { GATE_NOT_MET, playbook, tempTree, VALID } from './cli-helpers.js';

describe('playbook check --format json', () => {
    it('prints [] and exits 0 for a valid file', () => {
        const dir = tempTree({ 'ok.playbook': VALID });
        const result = playbook(['check', 'ok.playbook', '--format', 'json'], { cwd: dir });
        expect(result.code).toBe(0);
        expect(JSON.parse(result.stdout)).toEqual([]);
        expect(result.stderr).toBe('');
    });

    it('reports gate-not-met on the line that leaves the stage, field by field', () => {
        const dir = tempTree({ 'deal.playbook': GATE_NOT_MET });
        const result = playbook(['check', 'deal.playbook', '--format', 'json'], { cwd: dir });
        expect(result.code).toBe(1);
        const diagnostics = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
        expect(diagnostics).toHaveLength(1);
        const [d] = diagnostics;
        // Exactly these keys, nothing more.
        expect(Object.keys(d).sort()).toEqual(['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity']);
        const line = GATE_NOT_MET.split('\n')[7];
        expect(line).toBe('  2026-01-02 enter B');
        expect(d.file).toBe('deal.playbook');
        expect(d.line).toBe(8);
        // 1-based: the column of the stage name `B`, and the range covers exactly that name.
        expect(d.column).toBe(line.indexOf('B') + 1);
        expect(d.endLine).toBe(8);
        expect(d.endColumn).toBe(line.indexOf('B') + 2);
        expect(d.severity).toBe('error');
        expect(d.code).toBe('gate-not-met');
        expect(d.message).toMatch(/task T is not done/);
    });

    it('reports the brief\'s literal edit (enter B moved before done T) as gate-not-met on that line', () => {
        const moved = GATE_NOT_MET.replace('2026-01-02 enter B', '2026-01-03 enter B');
        const dir = tempTree({ 'deal.playbook': moved });
        const result = playbook(['check', 'deal.playbook', '--format', 'json'], { cwd: dir });
        expect(result.code).toBe(1);
        const diagnostics = JSON.parse(result.stdout) as Array<{ line: number; code: string }>;
        expect(diagnostics.filter(d => d.code === 'gate-not-met').map(d => d.line)).toEqual([8]);
    });

    it('names files relative to the current directory and sorts by file, line and column', () => {
        const dir = tempTree({
            'b/second.playbook': GATE_NOT_MET,
            'a/first.playbook': GATE_NOT_MET.replace('playbook P', 'playbook Q').replace('for P', 'for Q')
                .replace('deal D', 'deal E').replace('enter A\n', 'enter A\n  2026-01-02 set nothing = 1\n')
        });
        const result = playbook(['check', 'b', `${dir}/a/first.playbook`, '--format', 'json'], { cwd: dir });
        expect(result.code).toBe(1);
        const diagnostics = JSON.parse(result.stdout) as Array<{ file: string; line: number; column: number }>;
        expect(diagnostics.length).toBeGreaterThanOrEqual(3);
        expect(new Set(diagnostics.map(d => d.file))).toEqual(new Set(['a/first.playbook', 'b/second.playbook']));
        const order = diagnostics.map(d => [d.file, d.line, d.column] as const);
        const sorted = [...order].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1] || x[2] - y[2]));
        expect(order).toEqual(sorted);
        expect(diagnostics[0].file).toBe('a/first.playbook');
    });

    it('names a file outside the current directory by its relative path with ..', () => {
        const dir = tempTree({ 'x/deal.playbook': GATE_NOT_MET, 'y/.keep': '' });
        const result = playbook(['check', '../x/deal.playbook', '--format', 'json'], { cwd: `${dir}/y` });
        expect(JSON.parse(result.stdout)[0].file).toBe('../x/deal.playbook');
    });
});
