/**
 * The reference index is built when first asked for, not on every keystroke, and still
 * answers find-references and drives the relinking of other files after an edit.
 */
import { describe, expect, it, vi } from 'vitest';
import { AstUtils, Cancellation, DocumentState, EmptyFileSystem, isOperationCancelled, URI, type LangiumDocument } from 'langium';
import { parseHelper } from 'langium/test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ast } from '@playbook/language';
import { createPlaybookLspServices } from '../../../packages/language/src/lsp/index.js';
import { PlaybookReferenceDescriptionProvider } from '../../../packages/language/src/workspace/playbook-reference-descriptions.js';

const services = createPlaybookLspServices(EmptyFileSystem);
const parse = parseHelper<ast.Document>(services.Playbook);
const provider = services.Playbook.workspace.ReferenceDescriptionProvider as PlaybookReferenceDescriptionProvider;

const playbook = (stage: string, name = 'Lazy') => `playbook ${name} {
  stage ${stage} { task Call required gate G { requires Call } }
  stage Close
}`;

/** As the language server does on an edit: the open text changes, the builder updates. */
async function edit(uri: string, version: number, text: string): Promise<LangiumDocument> {
    services.shared.workspace.TextDocuments!.set(TextDocument.create(uri, 'playbook', version, text));
    await services.shared.workspace.DocumentBuilder.update([URI.parse(uri)], []);
    return services.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri))!;
}

describe('lazy reference index', () => {
    it('describes references only when find-references asks, once per build', async () => {
        const describe = vi.spyOn(provider, 'describeReferences');
        const document = await parse(playbook('Lead', 'Eager') + '\ndeal D1 for Eager { 2026-01-01 enter Lead\n 2026-01-02 done Call }', {
            documentUri: 'file:///lazy/one.playbook', validation: true
        });
        expect(describe).not.toHaveBeenCalled();

        const lead = document.parseResult.value.elements.filter(e => e.$type === 'Playbook')[0] as ast.Playbook;
        const target = lead.stages[0];
        const path = services.Playbook.workspace.AstNodeLocator.getAstNodePath(target);
        const found = services.shared.workspace.IndexManager.findAllReferences(target, path).toArray();
        expect(found.map(r => r.segment.range.start.line)).toEqual([4]);   // the deal's `enter Lead`
        expect(describe).toHaveBeenCalledTimes(1);

        services.shared.workspace.IndexManager.findAllReferences(target, path).toArray();
        expect(describe).toHaveBeenCalledTimes(1);
        describe.mockRestore();
    });

    it('a file whose references point into an edited file is relinked', async () => {
        const playbookUri = 'file:///lazy2/process.playbook';
        await parse(playbook('Lead'), { documentUri: playbookUri });
        const deals = await parse('deal D for Lazy { 2026-01-01 enter Lead }', { documentUri: 'file:///lazy2/deals.playbook', validation: true });
        const errors = () => (deals.diagnostics ?? []).filter(d => d.severity === 1).map(d => d.message);
        expect(errors()).toEqual([]);

        await edit(playbookUri, 2, playbook('Qualify'));
        expect(errors()).toEqual(["Playbook Lazy has no stage named 'Lead'."]);

        await edit(playbookUri, 3, playbook('Lead'));
        expect(errors()).toEqual([]);
    });

    // An editor cancels a build whenever a new change arrives: a file of deals may be left
    // linked (wholly, or in part) against the playbook, without its references in the index.
    const cancellations: Array<[string, (cancel: () => void, dealsUri: string) => { dispose(): void }]> = [
        ['after linking, before the references are indexed', cancel => services.shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Linked, cancel)],
        ['in the middle of linking the deals', (cancel, dealsUri) => {
            const scopes = services.Playbook.references.ScopeProvider;
            const getScope = scopes.getScope.bind(scopes);
            const spy = vi.spyOn(scopes, 'getScope').mockImplementation(context => {
                if (AstUtils.getDocument(context.container).uri.toString() === dealsUri) cancel();
                return getScope(context);
            });
            return { dispose: () => spy.mockRestore() };
        }]
    ];
    it.each(cancellations)('a file linked by a build cancelled %s is relinked after the next edit', async (what, cancelWhen) => {
        const folder = `file:///lazy-cancelled-${cancellations.findIndex(([w]) => w === what)}`;
        const name = `Cancelled${cancellations.findIndex(([w]) => w === what)}`;
        const playbookUri = `${folder}/process.playbook`, dealsUri = `${folder}/deals.playbook`;
        await edit(playbookUri, 1, playbook('Lead', name));
        // Enough deals that linking them checks for cancellation between two batches of nodes.
        const dealsText = Array.from({ length: 150 }, (_, i) => `deal ${name}Deal${i} for ${name} { 2026-01-01 enter Lead\n 2026-01-02 done Call }`).join('\n');
        const deals = await edit(dealsUri, 1, dealsText);
        const errors = () => [...new Set((deals.diagnostics ?? []).filter(d => d.severity === 1).map(d => d.message))];
        expect(errors()).toEqual([]);

        const source = new Cancellation.CancellationTokenSource();
        const trigger = cancelWhen(() => source.cancel(), dealsUri);
        services.shared.workspace.TextDocuments!.set(TextDocument.create(playbookUri, 'playbook', 2, `${playbook('Lead', name)} // a comment`));
        await services.shared.workspace.DocumentBuilder.update([URI.parse(playbookUri)], [], source.token).catch(error => {
            if (!isOperationCancelled(error)) throw error;
        });
        trigger.dispose();
        expect(source.token.isCancellationRequested).toBe(true);
        expect(deals.references.length).toBeGreaterThan(0);
        expect(deals.state).toBeLessThan(DocumentState.IndexedReferences);

        await edit(playbookUri, 3, playbook('Qualify', name));
        expect(errors()).toEqual([`Playbook ${name} has no stage named 'Lead'.`]);
    });
});
