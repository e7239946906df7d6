/** Checks run synchronously when they are, and a failing check is reported, not fatal. */
import { describe, expect, it, vi } from 'vitest';
import { createPlaybookServices, validateTexts, type ast } from '@playbook/language';

const text = `playbook Registry {
  stage Lead { task Call }
  stage Close
}`;

describe('validation registry', () => {
    it('reports a check that throws on its node and still runs the other checks', async () => {
        const services = createPlaybookServices();
        services.Playbook.validation.ValidationRegistry.register<ast.PlaybookAstType>({
            Stage: stage => { if (stage.name === 'Close') throw new Error('boom'); }
        }, undefined, 'fast');
        const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
        const [result] = await validateTexts(services, [{ uri: 'memory:///registry-1.playbook', text }]);
        const loggedCalls = logged.mock.calls.length;
        logged.mockRestore();
        const messages = result.diagnostics.map(d => `${d.range.start.line}: ${d.message}`);
        expect(messages).toContain('2: An error occurred during validation: boom');
        expect(loggedCalls).toBeGreaterThan(0);   // a defect of ours: logged for us too
        // The built-in checks ran on every node, including after the failure.
        expect(result.diagnostics.filter(d => d.code === 'unused-task')).toHaveLength(1);
    });

    it('waits for an asynchronous check', async () => {
        const services = createPlaybookServices();
        services.Playbook.validation.ValidationRegistry.register<ast.PlaybookAstType>({
            Task: async (task, accept) => {
                await new Promise(resolve => setTimeout(resolve, 5));
                accept('hint', `checked ${task.name} later`, { node: task });
            }
        }, undefined, 'fast');
        const [result] = await validateTexts(services, [{ uri: 'memory:///registry-2.playbook', text }]);
        expect(result.diagnostics.map(d => d.message)).toContain('checked Call later');
    });
});
