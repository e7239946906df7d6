/**
 * The outline built in turns is Langium's outline, node for node, and stops when its request
 * is cancelled.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Cancellation, EmptyFileSystem, isOperationCancelled, URI } from 'langium';
import { DefaultDocumentSymbolProvider } from 'langium/lsp';
import { describe, expect, it } from 'vitest';
import { createPlaybookLspServices } from '../../../../packages/language/src/lsp/index.js';

const examples = resolve(__dirname, '../../../../examples');
const { shared, Playbook } = createPlaybookLspServices(EmptyFileSystem);
const langiumOutline = new DefaultDocumentSymbolProvider(Playbook);

async function built(name: string, text: string) {
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`memory:///symbols/${name}`));
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: false });
    return document;
}

const texts: Array<[string, string]> = [
    ...readdirSync(examples).filter(f => f.endsWith('.playbook')).map(f => [f, readFileSync(resolve(examples, f), 'utf8')] as [string, string]),
    ['broken.playbook', 'playbook Broken {\n  stage A { task T required gate G { requires\n  stage B "B" {\n}\ndeal D for Broken { 2026-01-01 enter A'],
    ['large.playbook', `playbook Large {\n${Array.from({ length: 3000 }, (_, i) => `  stage S${i} { task T${i} required gate G${i} { requires T${i} } }\n`).join('')}}\n`]
];

describe('the outline', () => {
    it.each(texts)('of %s is the one Langium lists', async (name, text) => {
        const document = await built(name, text);
        const params = { textDocument: { uri: document.uri.toString() } };
        const ours = await Playbook.lsp.DocumentSymbolProvider!.getSymbols(document, params, new Cancellation.CancellationTokenSource().token);
        expect(ours).toEqual(langiumOutline.getSymbols(document, params));
    });

    it('stops when its request is cancelled', async () => {
        const document = await built('cancelled.playbook', texts[texts.length - 1][1]);
        const source = new Cancellation.CancellationTokenSource();
        const outline = Promise.resolve(Playbook.lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument: { uri: document.uri.toString() } }, source.token));
        source.cancel();
        await expect(outline.then(() => 'finished', error => (isOperationCancelled(error) ? 'cancelled' : error))).resolves.toBe('cancelled');
    });
});
