/**
 * Completion parses only the enclosing member of the text before the cursor (a speed-up on
 * large files): it must offer exactly what parsing the whole prefix offers. And it must answer
 * on any half-typed text.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EmptyFileSystem, type LangiumDocument, type TextDocument } from 'langium';
import { DefaultCompletionProvider, type NextFeature } from 'langium/lsp';
import { clearDocuments, parseHelper } from 'langium/test';
import { createPlaybookLspServices, PlaybookCompletionProvider } from '../../../../packages/language/src/lsp/index.js';
import { exampleTexts, partialTexts } from './partial-texts.js';

const services = createPlaybookLspServices(EmptyFileSystem);
const parse = parseHelper(services.Playbook);

/** The same provider, parsing the whole prefix as Langium does. */
class WholePrefixCompletionProvider extends PlaybookCompletionProvider {
    protected override findFeaturesAt(document: TextDocument, offset: number): NextFeature[] {
        return DefaultCompletionProvider.prototype['findFeaturesAt'].call(this, document, offset);
    }
}
const whole = new WholePrefixCompletionProvider(services.Playbook);
const short = services.Playbook.lsp.CompletionProvider!;

afterEach(async () => {
    await clearDocuments(services.shared);
});

async function labels(provider: typeof short, document: LangiumDocument, offset: number): Promise<string[]> {
    const list = await provider.getCompletion(document, { textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset) });
    return (list?.items ?? []).map(item => `${item.label}|${item.kind}|${item.detail}`);
}

describe('completion on a short prefix', () => {
    it('offers the same items as parsing the whole prefix, throughout the examples', async () => {
        const [playbook, deals] = exampleTexts();
        const document = await parse(`${playbook}\n${deals}`);
        const text = document.textDocument.getText();
        // The shortcut is really taken (a private method, spied on to prove the comparison is not vacuous).
        const shortPrefix = vi.spyOn(short as unknown as { shortPrefix: (d: TextDocument, o: number) => string | undefined }, 'shortPrefix');
        let compared = 0;
        // Every 11th character, start and end of words included over the whole file.
        for (let offset = 0; offset <= text.length; offset += 11) {
            expect(await labels(short, document, offset), `at ${JSON.stringify(text.slice(Math.max(0, offset - 30), offset))}`)
                .toEqual(await labels(whole, document, offset));
            compared++;
        }
        expect(compared).toBeGreaterThan(500);
        const shortened = shortPrefix.mock.results.filter(r => typeof r.value === 'string' && r.value.length < 400).length;
        expect(shortened).toBeGreaterThan(compared / 2);
        shortPrefix.mockRestore();
    });

    it('answers on half-typed texts, and the same as parsing the whole prefix', async () => {
        for (const { text, cursor } of partialTexts(60)) {
            const document = await parse(text);
            expect(await labels(short, document, cursor), `at ${JSON.stringify(text.slice(Math.max(0, cursor - 30), cursor))}`)
                .toEqual(await labels(whole, document, cursor));
            await clearDocuments(services.shared, [document]);
        }
    });
});
