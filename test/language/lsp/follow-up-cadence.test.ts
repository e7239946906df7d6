/**
 * Activity kinds and follow-up cadences in the editor: where the findings are placed, the
 * code lens's next follow-up (told against today), hover on a cadence and an activity kind,
 * completion of the activity kinds after a deal's date, and a kind nobody declared.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import type { CompletionItem, Hover } from 'vscode-languageserver';
import { createPlaybookLspServices } from '../../../packages/language/src/lsp/index.js';
import type { DealCodeLensProvider } from '../../../packages/language/src/lsp/deal-code-lens-provider.js';

const services = createPlaybookLspServices(EmptyFileSystem);
const parse = parseHelper(services.Playbook);

afterEach(async () => {
    vi.restoreAllMocks();
    await clearDocuments(services.shared);
});

const text = `playbook Accounts {
  field grade: enum {A, B}
  activity visit "Customer visit"
  activity call
  stage Serve {
    task Visit required
  }
  cadence every 7 days when grade = A
  cadence "Monthly visit" every 30 days during Serve by visit
}
deal Late for Accounts {
  2026-01-05 set grade = A
  2026-01-05 visit "First visit"
  2026-01-20 call "Order follow-up"
}
deal Never for Accounts {
  2026-02-02 set grade = A
  2026-02-20 set grade = B
}
deal Due for Accounts {
  2026-03-02 set grade = A
  2026-03-03 call
}
`;

async function open(source = text): Promise<LangiumDocument> {
    return parse(source, { documentUri: 'file:///ws/accounts.playbook', validation: true });
}

function at(document: LangiumDocument, find: string, delta = 0) {
    return document.textDocument.positionAt(document.textDocument.getText().indexOf(find) + delta);
}

describe('follow-up cadence in the editor', () => {
    it('puts a late follow-up on its activity and a missing one on the deal\'s name', async () => {
        const document = await open();
        const found = (document.diagnostics ?? []).filter(d => String(d.code).startsWith('follow-up'))
            .map(d => [d.code, document.textDocument.getText(d.range), d.severity]);
        expect(found).toEqual([
            ['follow-up-late', 'call', 2],
            ['follow-up-missing', 'Never', 2]
        ]);
    });

    it('says in the code lens when the next follow-up is due, and since when it is overdue, against today', async () => {
        const document = await open();
        const provider = services.Playbook.lsp.CodeLensProvider as DealCodeLensProvider;
        const titles = async (today: string): Promise<string[]> => {
            vi.spyOn(provider as unknown as { today(): string }, 'today').mockReturnValue(today);
            const lenses = await provider.provideCodeLens(document, { textDocument: { uri: document.uri.toString() } });
            return lenses.map(lens => lens.command!.title);
        };
        // Never: regraded B, only the monthly visit applies (from 2026-02-02): due 2026-03-04.
        expect(await titles('2026-03-04')).toEqual([
            'Open at Serve, 15 days in stage · follow-up overdue since 2026-01-27 · 1 violation',
            'Open at Serve, 18 days in stage · next follow-up due 2026-03-04 · 1 violation',
            'Open at Serve, 1 day in stage · next follow-up due 2026-03-10'
        ]);
        expect((await titles('2026-03-05'))[1]).toBe('Open at Serve, 18 days in stage · follow-up overdue since 2026-03-04 · 1 violation');
        expect((await titles('2026-03-11'))[2]).toBe('Open at Serve, 1 day in stage · follow-up overdue since 2026-03-10');
    });

    it('describes a cadence rule on its keyword, and what counts an activity kind', async () => {
        const document = await open();
        const hoverAt = async (find: string, delta = 0): Promise<string> => {
            const result: Hover | undefined = await services.Playbook.lsp.HoverProvider!.getHoverContent(document, {
                textDocument: { uri: document.uri.toString() }, position: at(document, find, delta)
            });
            return (result?.contents as { value: string } | undefined)?.value ?? '';
        };
        const cadence = await hoverAt('cadence "Monthly visit"', 1);
        expect(cadence).toContain('cadence "Monthly visit" every 30 days during Serve by visit');
        expect(cadence).toContain('A deal in `Serve` is followed up at least every 30 days: an activity of kind `visit`');
        const visit = await hoverAt('activity visit', 'activity '.length + 1);
        expect(visit).toContain('activity visit "Customer visit"');
        expect(visit).toContain('Counts as a follow-up for');
        expect(visit).toContain('`cadence "Monthly visit" every 30 days during Serve by visit`');
        const call = await hoverAt('activity call', 'activity '.length + 1);
        expect(call).not.toContain('Monthly visit');
        expect(call).toContain('`cadence every 7 days when grade == A`');
        const deal = await hoverAt('deal Due', 'deal '.length);
        expect(deal).toContain('next follow-up due 2026-03-10');
    });

    it('offers the playbook\'s activity kinds after a deal\'s date', async () => {
        const source = text.replace('  2026-03-03 call\n', '  2026-03-03 \n');
        const document = await open(source);
        const list = await services.Playbook.lsp.CompletionProvider!.getCompletion(document, {
            textDocument: { uri: document.uri.toString() }, position: at(document, '2026-03-03 ', '2026-03-03 '.length),
            context: { triggerKind: 2, triggerCharacter: ' ' }
        });
        const labels = (list?.items ?? []).map((item: CompletionItem) => item.label);
        expect(labels).toEqual(expect.arrayContaining(['visit', 'call', 'enter', 'done', 'set']));
    });

    it('renames an activity kind with its cadence\'s `by` and the deals\' activities, and refuses the name of another kind', async () => {
        const document = await open();
        const rename = services.Playbook.lsp.RenameProvider!;
        const params = (newName: string) => ({ textDocument: { uri: document.uri.toString() }, position: at(document, 'activity visit', 'activity '.length + 1), newName });
        const edit = await rename.rename(document, params('拜访'));
        const edits = edit?.changes?.[document.uri.toString()] ?? [];
        expect(edits.map(e => document.textDocument.getText(e.range))).toEqual(['visit', 'visit', 'visit']);
        expect(edits.every(e => e.newText === '拜访')).toBe(true);
        await expect(Promise.resolve().then(() => rename.rename(document, params('call')))).rejects.toThrow(/already has an activity kind named 'call'/);
    });

    it('reports an activity kind the playbook does not declare, and a cadence of no days', async () => {
        const document = await open(text.replace('2026-03-03 call', '2026-03-03 meeting').replace('every 7 days', 'every 0 days'));
        const found = (document.diagnostics ?? []).filter(d => d.severity === 1).map(d => [d.code, document.textDocument.getText(d.range)]);
        expect(found.sort()).toEqual([['cadence-range', '0'], ['unresolved-reference', 'meeting']]);
        expect(services.shared.workspace.LangiumDocuments.getDocument(URI.parse('file:///ws/accounts.playbook'))).toBeDefined();
    });
});
