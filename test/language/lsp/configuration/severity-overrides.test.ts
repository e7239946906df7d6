/** `playbook.severityOverrides` changes severities by code, hides "off" ones, and re-checks open documents at once. */
import { EmptyFileSystem, URI } from 'langium';
import { parseHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import type { ast } from '@playbook/language';
import { createPlaybookLspServices } from '../../../../packages/language/src/lsp/index.js';

const TEXT = `playbook Overrides {
  field unused: money
  stage A
  stage B
}`;

describe('severity overrides', () => {
    it('follow the playbook configuration section', async () => {
        const services = createPlaybookLspServices(EmptyFileSystem);
        const document = await parseHelper<ast.Document>(services.Playbook)(TEXT, { documentUri: 'file:///overrides/a.playbook', validation: true });
        const found = () => services.shared.workspace.LangiumDocuments.getDocument(URI.parse('file:///overrides/a.playbook'))!.diagnostics!
            .map(d => [d.code, d.severity]);
        expect(found()).toEqual([['missing-gate', 2], ['unused-field', 2]]);

        services.shared.workspace.ConfigurationProvider.updateConfiguration({
            settings: { playbook: { severityOverrides: { 'unused-field': 'off', 'missing-gate': 'error', 'no-such-code': 'loud' } } }
        });
        await expect.poll(found).toEqual([['missing-gate', 1]]);

        services.shared.workspace.ConfigurationProvider.updateConfiguration({ settings: { playbook: { severityOverrides: {} } } });
        await expect.poll(found).toEqual([['missing-gate', 2], ['unused-field', 2]]);
        expect(document.uri.toString()).toBe('file:///overrides/a.playbook');
    });
});
