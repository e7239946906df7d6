/**
 * A variant that drops a stage its base's `not before` names: the inherited task or field
 * would name a stage the variant no longer has (and its export one its import rejects), so
 * the drop is `dropped-in-use`, as for an inherited gate's task or a rule's `from`.
 */
import { describe, expect, it } from 'vitest';
import { problems } from '../../helpers.js';

const base = (rule: string) => `playbook Base {
  field quote: money${rule === 'field' ? ' not before Offer' : ''}
  stage Browse { task Look }
  stage Offer { task Price${rule === 'task' ? '' : ''} }
  stage Close { task Sign${rule === 'task' ? ' not before Offer' : ''} }
}
playbook Counter variant of Base {
  drop stage Offer
}`;

describe('dropping a stage an inherited not before names', () => {
    it.each([['a task', 'task'], ['a field', 'field']])('%s: dropped-in-use on the drop', async (_what, rule) => {
        const found = await problems(base(rule));
        const inUse = found.filter(d => d.code === 'dropped-in-use');
        expect(inUse.map(d => [d.line, d.message])).toEqual([[8, expect.stringMatching(/^Stage Offer is dropped, but (task Sign of stage Close|field quote) \(from Base\) may not happen before stage Offer/)]]);
    });

    it('nothing to report when no inherited declaration names it', async () => {
        expect((await problems(base('none'))).filter(d => d.code === 'dropped-in-use')).toEqual([]);
    });
});
