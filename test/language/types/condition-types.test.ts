/** Conditions are type-checked in the editor: each row is a `when` and the codes it must produce. */
import { describe, expect, it } from 'vitest';
import { codes, problems } from '../../helpers.js';

const playbookWith = (condition: string) => `
playbook P {
  field budget: money
  field cost: money
  field score: number
  field wait: days
  field start: date
  field ok: bool
  field note: text
  field grade: enum {A, B, C}
  field tier: enum {Gold, Silver}
  stage S { gate G { when ${condition} } }
  stage T
  terminate Lost "x" when ok and budget > 0 and cost > 0 and score > 0 and wait > 0 and start > 2026-01-01 and note = "" and grade = A and tier = Gold
}`;

const table: Array<[string, string[]]> = [
    ['budget > 0', []],
    ['budget > cost', []],
    ['budget * 2 > cost + 100', []],
    ['budget / cost > 0.5', []],
    ['score >= 3 and ok', []],
    ['not ok or grade in {A, B}', []],
    ['grade == A', []],
    ['grade != C', []],
    ['start + 30 days < 2026-06-01', []],
    ['start - 2026-01-01 > 30 days', []],
    ['wait <= 14 days', []],
    ['note = "urgent"', []],
    ['-budget < 0', []],
    ['((budget > 0))', []],
    ['budget > "high"', ['type-mismatch']],
    ['budget > wait', ['type-mismatch']],
    ['budget * cost > 0', ['type-mismatch']],
    ['ok + 1 > 2', ['type-mismatch']],
    ['grade = Gold', ['type-mismatch']],
    ['grade in {Gold}', ['unresolved-reference']],
    ['budget in {A}', ['type-mismatch']],
    ['note < "b"', ['type-mismatch']],
    ['ok and budget', ['type-mismatch']],
    ['not score', ['type-mismatch']],
    ['budget', ['condition-not-boolean']],
    ['budget + 1', ['condition-not-boolean']],
    ['start > 30 days', ['type-mismatch']],
    ['unknownField > 0', ['unresolved-reference']]
];

describe('condition types', () => {
    it.each(table)('when %s', async (condition, expected) => {
        expect(codes(await problems(playbookWith(condition)))).toEqual(expected);
    });

    it('points at the offending operation', async () => {
        const [problem] = await problems(playbookWith('ok and budget > "high"'));
        expect(problem.code).toBe('type-mismatch');
        expect(problem.line).toBe(12);
        expect(problem.message).toBe("Cannot use '>' on money and text.");
    });
});

describe('values of fields', () => {
    it.each([
        ['field n: number = 5', []],
        ['field n: money = -5', []],
        ['field n: bool = true', []],
        ['field n: date = 2026-01-01', []],
        ['field n: days = 30 days', []],
        ['field n: enum {X, Y} = Y', []],
        ['field n: money = "a lot"', ['type-mismatch']],
        ['field n: bool = 1', ['type-mismatch']],
        ['field n: date = "2026-01-01"', ['type-mismatch']],
        ['field n: enum {X, Y} = Z', ['unresolved-reference']]
    ])('%s', async (declaration, expected) => {
        const text = `playbook P { ${declaration} stage S { gate G { when n = n } } stage T }`;
        expect(codes(await problems(text))).toEqual(expected);
    });

    it('a deal must set a field to a value of its type', async () => {
        const text = `playbook P { field b: money field g: enum {X, Y} stage S { gate G { when b > 0 and g = X } } stage T }
deal D for P {
  2026-01-01 set b = true
  2026-01-01 set g = Y
  2026-01-01 set g = Q
}`;
        const found = await problems(text);
        expect(found.map(d => [d.line, d.code])).toEqual([[3, 'type-mismatch'], [5, 'unresolved-reference']]);
    });
});

describe('the hint of a condition that is not yes/no', () => {
    it.each([
        ['budget', '`> 0`'],
        ['grade', '`in {A, B}`'],
        ['note', '`= "…"`'],
        ['start', '`> 2026-01-01`'],
        ['wait', '`> 30 days`']
    ])('when %s suggests %s', async (condition, hint) => {
        const [problem] = await problems(playbookWith(condition));
        expect(problem.code).toBe('condition-not-boolean');
        expect(problem.message).toContain(`Compare it with something, e.g. ${hint}.`);
    });
});
