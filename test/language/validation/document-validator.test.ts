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
