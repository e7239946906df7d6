/**
 * The reference index is built when first asked for, not on every keystroke, and still
 * answers find-references and drives the relinking of other files after an edit.
 */
import { describe, expect, it, vi } from 'vitest';
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
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
});
