/**
 * The folds found in turns are Langium's folds, and the search stops when its request is
 * cancelled.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Cancellation, EmptyFileSystem, isOperationCancelled, URI } from 'langium';
import { DefaultFoldingRangeProvider } from 'langium/lsp';
import { describe, expect, it } from 'vitest';
import { createPlaybookLspServices } from '../../../../packages/language/src/lsp/index.js';

const examples = resolve(__dirname, '../../../../examples');
const { shared, Playbook } = createPlaybookLspServices(EmptyFileSystem);
const langiumFolds = new DefaultFoldingRangeProvider(Playbook);

async function built(name: string, text: string) {
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`memory:///folds/${name}`));
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: false });
    return document;
}

const texts: Array<[string, string]> = [
    ...readdirSync(examples).filter(f => f.endsWith('.playbook')).map(f => [f, readFileSync(resolve(examples, f), 'utf8')] as [string, string]),
    ['comments.playbook', '/*\n a\n b\n*/\nplaybook C {\n  /* one\n     two\n     three */\n  stage A {\n    task T\n  }\n}\n'],
    ['large.playbook', `playbook Large {\n${Array.from({ length: 3000 }, (_, i) => `  stage S${i} {\n    task T${i} required\n  }\n`).join('')}}\n`]
];

describe('the folds', () => {
    it.each(texts)('of %s are the ones Langium finds', async (name, text) => {
        const document = await built(name, text);
        const params = { textDocument: { uri: document.uri.toString() } };
        const ours = await Playbook.lsp.FoldingRangeProvider!.getFoldingRanges(document, params, new Cancellation.CancellationTokenSource().token);
        expect(ours).toEqual(langiumFolds.getFoldingRanges(document, params));
    });

    it('stop being searched when their request is cancelled', async () => {
        const document = await built('cancelled.playbook', texts[texts.length - 1][1]);
        const source = new Cancellation.CancellationTokenSource();
        const folds = Promise.resolve(Playbook.lsp.FoldingRangeProvider!.getFoldingRanges(document, { textDocument: { uri: document.uri.toString() } }, source.token));
        source.cancel();
        await expect(folds.then(() => 'finished', error => (isOperationCancelled(error) ? 'cancelled' : error))).resolves.toBe('cancelled');
    });
});
