/** The document validator keeps every finding, however many a text has. */
import { describe, expect, it, vi } from 'vitest';
import { createPlaybookServices, validateTexts, type ast } from '@playbook/language';

describe('document validator', () => {
    it('keeps all of 200,000 findings (Langium spreads them as arguments, which overflows the stack)', async () => {
        const services = createPlaybookServices();
        services.Playbook.validation.ValidationRegistry.register<ast.PlaybookAstType>({
            Playbook: (playbook, accept) => {
                for (let i = 0; i < 200_000; i++) accept('hint', `finding ${i}`, { node: playbook, property: 'name' });
            }
        }, undefined, 'fast');
        const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
        const [result] = await validateTexts(services, [{ uri: 'memory:///many-findings.playbook', text: 'playbook P { stage A }' }]);
        const loggedCalls = logged.mock.calls.length;
        logged.mockRestore();
        expect(loggedCalls).toBe(0);
        const ours = (d: (typeof result.diagnostics)[number]): boolean => String(d.message).startsWith('finding ');
        expect(result.diagnostics.filter(ours)).toHaveLength(200_000);
        // The built-in findings come first, as Langium orders them.
        expect(result.diagnostics.findIndex(ours)).toBe(result.diagnostics.length - 200_000);
    });
});

describe('a check without an editor (the command line)', () => {
    const TEXT = `playbook P {
  field budget: money
  field note: text
  stage A { task Call required task Spare
    gate G { requires Call when budget > 0 } }
  stage B
  terminate Lost "No" when budget < 0
}
deal D for P {
  2026-01-01 enter A
  2026-01-02 enter B
}`;

    it('works out no declaration signature: they serve only the next validation after an edit, and are as long as the declarations', async () => {
        const services = createPlaybookServices();
        const signatures = services.Playbook.references.DeclarationSignatures;
        const ofDocument = vi.spyOn(signatures, 'ofDocument');
        const ofResolved = vi.spyOn(signatures, 'ofResolved');
        const [result] = await validateTexts(services, [{ uri: 'memory:///once.playbook', text: TEXT }]);
        expect({ ofDocument: ofDocument.mock.calls.length, ofResolved: ofResolved.mock.calls.length }).toEqual({ ofDocument: 0, ofResolved: 0 });
        // The checks that read the gates still ran: an unused task and field are found, the deal is replayed.
        expect(result.diagnostics.map(d => d.code)).toEqual(expect.arrayContaining(['unused-task', 'unused-field', 'gate-not-met']));
    });
});
