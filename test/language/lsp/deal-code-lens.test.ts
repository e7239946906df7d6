/** Each deal shows its replayed result in a code lens that opens its replay, and follows edits of its playbook. */
import { describe, expect, it } from 'vitest';
import { EmptyFileSystem, URI } from 'langium';
import { parseHelper } from 'langium/test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createPlaybookLspServices } from '../../../packages/language/src/lsp/index.js';
import type { ast } from '@playbook/language';

const services = createPlaybookLspServices(EmptyFileSystem);
const parse = parseHelper<ast.Document>(services.Playbook);

const playbook = (limit: number) => `playbook Sales {
  field budget: money
  stage Lead { within ${limit} days task Call required gate G { requires Call when budget > 0 } }
  stage Close { task Sign required }
  terminate Lost "Withdrew"
}`;

async function lensTitles(uri: string): Promise<Array<[number, string]>> {
    const document = services.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri))!;
    const lenses = await services.Playbook.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: { uri } });
    return (lenses ?? []).map(lens => [lens.range.start.line, lens.command!.title]);
}

describe('deal code lens', () => {
    it('shows won, terminated and open deals with their violations', async () => {
        await parse(playbook(30), { documentUri: 'file:///ws/sales.playbook' });
        await parse(`deal Won for Sales {
  2026-01-01 enter Lead
  2026-01-02 done Call
  2026-01-02 set budget = 5
  2026-01-10 enter Close
  2026-01-20 done Sign
  2026-01-21 won
}
deal Gone for Sales {
  2026-01-01 enter Lead
  2026-01-05 terminate Lost "Withdrew"
}
deal Stuck for Sales {
  2026-01-01 enter Lead
  2026-01-03 enter Close
}`, { documentUri: 'file:///ws/deals.playbook', validation: true });
        expect(await lensTitles('file:///ws/deals.playbook')).toEqual([
            [0, 'Won in 20 days'],
            [8, 'Lost (Withdrew, by hand) after 4 days'],
            [12, 'Open at Close, 0 days in stage · 1 violation']
        ]);
    });

    it('runs playbook.replay for its deal when clicked (a view in VS Code, a message elsewhere)', async () => {
        const uri = 'file:///ws/deals.playbook';
        const document = services.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri))!;
        const lenses = await services.Playbook.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: { uri } });
        expect((lenses ?? []).map(lens => lens.command)).toEqual(['Won', 'Gone', 'Stuck'].map(deal => ({
            title: expect.any(String), command: 'playbook.replay', arguments: [{ textDocument: { uri }, deal, show: true }]
        })));
    });

    it('a deal for an unknown playbook says why it cannot be replayed', async () => {
        await parse('deal Orphan for Nowhere { 2026-01-01 enter Lead }', { documentUri: 'file:///ws/orphan.playbook' });
        expect(await lensTitles('file:///ws/orphan.playbook')).toEqual([[0, "Cannot replay: playbook 'Nowhere' is missing or has errors"]]);
    });

    it('follows a change of the playbook in another file', async () => {
        const other = (limit: number) => playbook(limit).replace('playbook Sales', 'playbook Inbound');
        await parse(other(30), { documentUri: 'file:///ws2/sales.playbook' });
        await parse('deal Slow for Inbound {\n  2026-01-01 enter Lead\n  2026-01-15 done Call\n}', { documentUri: 'file:///ws2/deals.playbook' });
        expect(await lensTitles('file:///ws2/deals.playbook')).toEqual([[0, 'Open at Lead, 14 days in stage']]);
        // As the language server does on an edit: the open text changes, the builder updates.
        const uri = 'file:///ws2/sales.playbook';
        services.shared.workspace.TextDocuments!.set(TextDocument.create(uri, 'playbook', 2, other(7)));
        await services.shared.workspace.DocumentBuilder.update([URI.parse(uri)], []);
        expect(await lensTitles('file:///ws2/deals.playbook')).toEqual([[0, 'Open at Lead, 14 days in stage · 1 violation']]);
    });
});
