/** `playbook.simulation.asOf` judges the deals as of a date, as `check --as-of` does, and re-checks at once. */
import { EmptyFileSystem, URI } from 'langium';
import { parseHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import type { ast } from '@playbook/language';
import { createPlaybookLspServices } from '../../../../packages/language/src/lsp/index.js';
import { AS_OF_CONTRACTS } from '../../../support/as-of-contracts.js';

const TEXT = AS_OF_CONTRACTS;

describe('playbook.simulation.asOf', () => {
    it('follows the playbook configuration section', async () => {
        const services = createPlaybookLspServices(EmptyFileSystem);
        void services.Playbook.configuration.AsOfSetting; // as the server does when it starts
        const uri = 'file:///as-of/a.playbook';
        await parseHelper<ast.Document>(services.Playbook)(TEXT, { documentUri: uri, validation: true });
        const found = () => services.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri))!.diagnostics!.map(d => d.code);
        expect(found()).toEqual([]);
        const simulator = services.Playbook.simulation.DealSimulator;
        const deal = () => (services.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri))!.parseResult.value as ast.Document).elements[1] as ast.Deal;

        services.shared.workspace.ConfigurationProvider.updateConfiguration({ settings: { playbook: { simulation: { asOf: '2026-04-15' } } } });
        await expect.poll(found).toEqual(['sla-exceeded']);
        expect(simulator.simulate(deal())!.result.outcome).toEqual({ kind: 'open', stage: 'Signed' });

        services.shared.workspace.ConfigurationProvider.updateConfiguration({ settings: { playbook: { simulation: { asOf: '2026-05-01' } } } });
        await expect.poll(() => simulator.simulate(deal())!.result.outcome.kind).toBe('terminated');

        services.shared.workspace.ConfigurationProvider.updateConfiguration({ settings: { playbook: { simulation: { asOf: 'not a date' } } } });
        await expect.poll(found).toEqual([]);
        expect(simulator.referenceDate).toHaveProperty('today');
    });
});
