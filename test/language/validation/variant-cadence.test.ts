/**
 * A variant inherits its base's activity kinds and follow-up cadences as it inherits stages
 * and rules: its deals record the base's kinds and are judged by the base's cadences. A
 * variant that drops a stage an inherited cadence's `during` names, or a field its `when`
 * reads, is `dropped-in-use`, as for an inherited rule's `from` or condition.
 */
import { describe, expect, it } from 'vitest';
import { ast, playbookToModel, validateTexts } from '@playbook/language';
import { problems, testServices } from '../../helpers.js';

const base = `playbook Base {
  field grade: enum {A, B}
  activity visit "Customer visit"
  activity call
  stage Lead { task Call required }
  stage Offer { task Price required }
  stage Close { task Sign required }
  cadence "Weekly" every 7 days when grade = A during Offer by visit
}
`;

describe('a variant and its base\'s follow-up cadence', () => {
    it('inherits the activity kinds and cadences, adds its own, and its deals are judged by them', async () => {
        const variant = `playbook V variant of Base {
  activity email
  cadence every 30 days by email, call
}

deal D for V {
  2026-01-01 enter Lead
  2026-01-01 set grade = A
  2026-01-01 done Call
  2026-01-02 enter Offer
  2026-01-20 visit "Late"
}
`;
        const results = await validateTexts(testServices(), [
            { uri: 'memory:///variant-cadence/base.playbook', text: base },
            { uri: 'memory:///variant-cadence/variant.playbook', text: variant }
        ]);
        try {
            const variantResult = results[1];
            const playbook = (variantResult.document.parseResult.value as ast.Document).elements.find(ast.isPlaybook)!;
            const model = playbookToModel(playbook);
            expect(model.activities?.map(a => a.name)).toEqual(['visit', 'call', 'email']);
            expect(model.cadences?.map(c => [c.everyDays, c.stages, c.kinds])).toEqual([[7, ['Offer'], ['visit']], [30, [], ['email', 'call']]]);
            const codes = variantResult.diagnostics.map(d => d.code);
            expect(codes).not.toContain('unresolved-reference');
            expect(codes).toContain('follow-up-late');
        } finally {
            await testServices().shared.workspace.DocumentBuilder.update([], results.map(r => r.document.uri));
        }
    });

    it.each([
        ['a stage its during names', 'drop stage Offer', /^Stage Offer is dropped, but cadence "Weekly" \(from Base\) applies during stage Offer/],
        ['a field its when reads', 'drop field grade', /^Field grade is dropped, but cadence "Weekly" \(from Base\) reads field grade/]
    ])('dropping %s is dropped-in-use on the drop', async (_what, drop, message) => {
        const found = await problems({ uri: 'memory:///variant-cadence-drop/base.playbook', text: base },
            { uri: 'memory:///variant-cadence-drop/variant.playbook', text: `playbook V variant of Base {\n  ${drop}\n}\n` });
        const inUse = found.filter(d => d.code === 'dropped-in-use');
        expect(inUse.map(d => [d.line, d.message])).toEqual([[2, expect.stringMatching(message)]]);
    });
});
