/**
 * Every rule, positively and negatively: a text that breaks it reports exactly that code on
 * the expected line, and the same text with the mistake mended reports nothing.
 */
import { describe, expect, it } from 'vitest';
import { problems } from '../../helpers.js';

/** A small valid playbook; `{…}` placeholders let each row change one thing. */
function sales(parts: { fields?: string; lead?: string; gate?: string; qualify?: string; settings?: string; rules?: string; deal?: string } = {}): string {
    return `playbook Sales {
  version "1.0.0"
  ${parts.settings ?? ''}
  field budget: money
  ${parts.fields ?? ''}
  stage Lead { probability 10% within 30 days ${parts.lead ?? ''}
    task Call required
    gate Qualified { ${parts.gate ?? 'when budget > 0'} }
  }
  stage Qualify { probability 40% ${parts.qualify ?? ''} task Meet required }
  optional stage Demo { probability 50% task Show required }
  stage Close { probability 90% task Sign required }
  terminate Lost "Withdrew"
  terminate Refunded "Check-out" from Close
  ${parts.rules ?? ''}
}
deal Acme for Sales {
  2026-01-01 enter Lead
  2026-01-02 done Call
  2026-01-02 set budget = 100
${parts.deal ?? ''}
}`;
}

/** [code, line of the finding, text that breaks the rule, text that keeps it]. */
const rules: Array<[string, number, string, string]> = [
    ['syntax-error', 8, sales({ gate: 'when budget > > 0' }), sales()],
    ['unresolved-reference', 8, sales({ gate: 'requires Cal when budget > 0' }), sales({ gate: 'requires Call when budget > 0' })],
    ['duplicate-name', 10, sales({ qualify: 'task Call' }), sales({ qualify: 'task Call2' })],
    ['duplicate-attribute', 6, sales({ lead: 'within 40 days' }), sales()],
    ['duplicate-attribute', 3, sales({ settings: 'forecast budget forecast budget' }), sales({ settings: 'forecast budget' })],
    // One CRM name, one meaning: twice on one stage, on two stages, on a stage and an end, on a stage name.
    ['duplicate-alias', 10, sales({ lead: 'alias "Discovery"', qualify: 'alias "discovery"' }), sales({ lead: 'alias "Discovery"', qualify: 'alias "Meeting"' })],
    ['duplicate-alias', 6, sales({ lead: 'alias "New", "NEW "' }), sales({ lead: 'alias "New"' })],
    ['duplicate-alias', 15, sales({ lead: 'alias "Closed"', rules: 'terminate Lost alias "Closed"' }), sales({ lead: 'alias "Open"', rules: 'terminate Lost alias "Closed"' })],
    ['duplicate-alias', 15, sales({ rules: 'won alias "Qualify"' }), sales({ rules: 'won alias "Closed Won"' })],
    ['duplicate-alias', 15, sales({ rules: 'won alias "Closed Won" terminate Lost alias "Closed Won"' }), sales({ rules: 'won alias "Closed Won" terminate Lost alias "Closed Lost"' })],
    ['duplicate-alias', 6, sales({ lead: 'alias "Refunded"' }), sales({ lead: 'alias "Lead"' })],
    ['empty-playbook', 1, 'playbook Empty { version "1.0.0" }', 'playbook Empty { version "1.0.0" stage Only }'],
    ['gate-requires-later-task', 8, sales({ gate: 'requires Meet when budget > 0' }), sales({ gate: 'requires Call when budget > 0' })],
    ['missing-gate', 10, sales().replace('task Meet required', 'task Meet'), sales()],
    ['probability-range', 12, sales().replace('probability 90%', 'probability 190%'), sales()],
    ['probability-decreasing', 10, sales().replace('probability 40%', 'probability 5%'), sales()],
    ['within-range', 6, sales().replace('within 30 days', 'within 0 days'), sales()],
    ['number-range', 5, sales({ fields: `field size: number = ${'9'.repeat(400)}`, gate: 'when budget > 0 and size > 0' }),
        sales({ fields: `field size: number = ${'9'.repeat(300)}`, gate: 'when budget > 0 and size > 0' })],
    ['unused-field', 5, sales({ fields: 'field size: number' }), sales({ fields: 'field size: number', gate: 'when budget > 0 and size > 1' })],
    // The forecast reads the field it weighs.
    ['unused-field', 5, sales({ fields: 'field size: number' }), sales({ fields: 'field size: number', settings: 'forecast size' })],
    ['version-format', 2, sales().replace('"1.0.0"', '"one"'), sales()],
    ['invalid-date', 21, sales({ deal: '  2026-01-32 done Call' }), sales({ deal: '  2026-01-31 done Call' })],
    ['type-mismatch', 8, sales({ gate: 'when budget > "high"' }), sales({ gate: 'when budget > 100' })],
    ['type-mismatch', 3, sales({ settings: 'forecast vip', fields: 'field vip: bool', gate: 'when budget > 0 and vip' }), sales({ settings: 'forecast budget' })],
    ['condition-not-boolean', 8, sales({ gate: 'when budget' }), sales({ gate: 'when budget > 0' })],
    ['stage-skip', 21, sales({ deal: '  2026-01-03 enter Close' }), sales({ deal: '  2026-01-03 enter Qualify' })],
    ['gate-not-met', 22, sales({ deal: '  2026-01-03 set budget = 0\n  2026-01-04 enter Qualify' }), sales({ deal: '  2026-01-04 enter Qualify' })],
    ['undeclared-reason', 21, sales({ deal: '  2026-01-03 terminate Lost "Bored"' }), sales({ deal: '  2026-01-03 terminate Lost "Withdrew"' })],
    ['terminate-not-allowed', 21, sales({ deal: '  2026-01-03 terminate Refunded "Check-out"' }), sales({ deal: '  2026-01-03 terminate Lost "Withdrew"' })],
    ['sla-exceeded', 21, sales({ deal: '  2026-03-01 enter Qualify' }), sales({ deal: '  2026-01-20 enter Qualify' })],
    ['event-after-end', 22, sales({ deal: '  2026-01-03 terminate Lost "Withdrew"\n  2026-01-04 done Call' }), sales({ deal: '  2026-01-03 done Call\n  2026-01-04 terminate Lost "Withdrew"' })],
    ['event-out-of-order', 21, sales({ deal: '  2026-01-01 enter Qualify' }), sales({ deal: '  2026-01-02 enter Qualify' })],
    ['regression-forbidden', 22, sales({ settings: 'forbid regressions', deal: '  2026-01-03 enter Qualify\n  2026-01-04 enter Lead' }),
        sales({ deal: '  2026-01-03 enter Qualify\n  2026-01-04 enter Lead' })]
];

describe('each rule', () => {
    it.each(rules)('%s', async (code, line, broken, mended) => {
        const found = await problems(broken);
        expect(found.map(d => `${d.line}:${d.code}`)).toContain(`${line}:${code}`);
        expect(found.every(d => d.code === code)).toBe(true);
        expect(await problems(mended)).toEqual([]);
    });

    it('the gate-not-met message names the unmet task and the false condition with its value', async () => {
        const found = await problems(sales({ deal: '  2026-01-03 set budget = 0\n  2026-01-04 enter Qualify' }).replace('2026-01-02 done Call\n', ''));
        expect(found.map(d => d.message)).toEqual([
            'Leaves Lead while its gate Qualified does not hold: task Call is not done; `budget > 0` is false (budget is 0).'
        ]);
        expect(found[0].line).toBe(21);
        // The range is the stage name of the offending `enter`.
        expect([found[0].column, found[0].endColumn]).toEqual([20, 27]);
    });

    it('a gate requiring a later task points at that task in the requires list', async () => {
        const [found] = await problems(sales({ gate: 'requires Call, Sign when budget > 0' }));
        expect(found.code).toBe('gate-requires-later-task');
        expect(found.message).toBe('Gate Qualified of stage Lead requires task Sign, which belongs to the later stage Close: a deal cannot have done it before leaving Lead.');
        expect([found.line, found.column, found.endColumn]).toEqual([8, 37, 41]);
    });

    it('an unused task is only an info: it does not fail a check', async () => {
        const found = await problems(sales({ lead: 'task Research' }));
        expect(found).toEqual([]);
    });
});

describe('numbers too large to be represented', () => {
    it.each([
        ['a condition', `when budget > ${'1'.repeat(310)}`, 8],
        ['a negative default', undefined, 5]
    ])('are reported in %s, not computed with as Infinity', async (_where, gate, line) => {
        const text = gate === undefined
            ? sales({ fields: `field size: number = -${'1'.repeat(310)}`, gate: 'when budget > 0 and size > 0' })
            : sales({ gate });
        const found = await problems(text);
        expect(found.map(d => `${d.line}:${d.code}`)).toEqual([`${line}:number-range`]);
        expect(found[0].message).not.toMatch(/Infinity/);
    });

    it.each([
        ['the last stage', 'probability 90%'],
        ['a stage before others (no stage after it compares with Infinity%)', 'probability 40%']
    ])('in a probability of %s, with no Infinity% in any message', async (_where, written) => {
        const found = await problems(sales().replace(written, `probability ${'9'.repeat(400)}%`));
        expect(found.map(d => d.code)).toEqual(['number-range']);
        expect(found.filter(d => /Infinity/.test(d.message))).toEqual([]);
    });
});
