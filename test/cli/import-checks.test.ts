/**
 * `playbook import` checks what it would write as `playbook check` does: JSON that passes
 * the schema but is type-wrong is refused at its JSON path, and nothing is written.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PIPELINE, playbook, STACK_FRAME, tempTree } from './cli-helpers.js';

/** PIPELINE exported, then changed by `edit`, in a folder with an output file that must survive. */
function editedExport(edit: (document: { playbook: Record<string, any> }) => void): string {
    const dir = tempTree({ 'p.playbook': PIPELINE, 'keep.playbook': 'precious\n' });
    expect(playbook(['export', 'p.playbook', '-o', 'p.json'], { cwd: dir }).code).toBe(0);
    const document = JSON.parse(readFileSync(path.join(dir, 'p.json'), 'utf8'));
    edit(document);
    writeFileSync(path.join(dir, 'p.json'), `${JSON.stringify(document, null, 2)}\n`);
    return dir;
}

describe('playbook import refuses what check would reject', () => {
    const cases: Array<[string, (document: { playbook: Record<string, any> }) => void, RegExp]> = [
        ['budget > "abc"', d => { d.playbook.stages[0].gates[0].when[0].right = { kind: 'text', value: 'abc' }; },
            /^p\.json:\d+:\d+: \/playbook\/stages\/0\/gates\/0\/when\/0: Cannot use '>' on money and text\.$/m],
        ['a rule whose condition is a sum', d => { d.playbook.terminations = [{ outcome: 'Lost', reason: 'x', from: [], when: { kind: 'binary', operator: '+', left: { kind: 'field', name: 'budget' }, right: { kind: 'number', value: 1 } } }]; },
            /^p\.json:\d+:\d+: \/playbook\/terminations\/0\/when: /m]
    ];
    it.each(cases)('%s: exit 1, the JSON path, nothing written (not over an existing file either)', (_name, edit, message) => {
        const dir = editedExport(edit);
        for (const output of [[], ['-o', 'keep.playbook'], ['-o', 'new.playbook']]) {
            const result = playbook(['import', 'p.json', ...output], { cwd: dir });
            expect(result.code).toBe(1);
            expect(result.stdout).toBe('');
            expect(result.stderr).toMatch(message);
            expect(result.stderr).toMatch(/^playbook: nothing imported: 1 error in 'p\.json'$/m);
            expect(result.stderr).not.toMatch(STACK_FRAME);
        }
        expect(readFileSync(path.join(dir, 'keep.playbook'), 'utf8')).toBe('precious\n');
        expect(existsSync(path.join(dir, 'new.playbook'))).toBe(false);
    });

    it('what import writes, check accepts', () => {
        const dir = editedExport(() => undefined);
        expect(playbook(['import', 'p.json', '-o', 'back.playbook'], { cwd: dir }).code).toBe(0);
        expect(playbook(['check', 'back.playbook'], { cwd: dir }).code).toBe(0);
    });
});
