/**
 * Playbook and deal names are global: a name declared in two files is a duplicate in each.
 * The table of names behind that check is built once per build; it must follow every change
 * of the workspace, as the language server makes them one edit at a time.
 */
import { describe, expect, it } from 'vitest';
import { EmptyFileSystem, URI } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createPlaybookLspServices } from '../../../packages/language/src/lsp/index.js';

const services = createPlaybookLspServices(EmptyFileSystem);
const versions = new Map<string, number>();

/** As the language server does on an edit: the open text changes, the builder updates. */
async function edit(name: string, text: string): Promise<void> {
    const uri = `file:///names/${name}`;
    const version = (versions.get(uri) ?? 0) + 1;
    versions.set(uri, version);
    services.shared.workspace.TextDocuments!.set(TextDocument.create(uri, 'playbook', version, text));
    await services.shared.workspace.DocumentBuilder.update([URI.parse(uri)], []);
}

async function remove(name: string): Promise<void> {
    const uri = `file:///names/${name}`;
    services.shared.workspace.TextDocuments!.delete(uri);
    await services.shared.workspace.DocumentBuilder.update([], [URI.parse(uri)]);
}

function duplicates(name: string): string[] {
    const document = services.shared.workspace.LangiumDocuments.getDocument(URI.parse(`file:///names/${name}`))!;
    return (document.diagnostics ?? []).filter(d => d.code === 'duplicate-name').map(d => (typeof d.message === 'string' ? d.message : d.message.value));
}

const sales = 'playbook Sales { stage Lead }';

describe('names declared in several files, edit after edit', () => {
    it('a duplicate appears and goes away as the other file changes', async () => {
        await edit('a.playbook', sales);
        await edit('b.playbook', 'playbook Other { stage Lead }');
        expect(duplicates('b.playbook')).toEqual([]);

        await edit('b.playbook', sales);
        expect(duplicates('b.playbook')).toEqual(["Another playbook named 'Sales' is declared in a.playbook (line 1)."]);

        await edit('a.playbook', 'playbook Renamed { stage Lead }');
        await edit('b.playbook', `${sales} `);
        expect(duplicates('b.playbook')).toEqual([]);

        await edit('a.playbook', sales);
        await edit('b.playbook', sales);
        expect(duplicates('b.playbook')).toEqual(["Another playbook named 'Sales' is declared in a.playbook (line 1)."]);

        await remove('a.playbook');
        await edit('b.playbook', `${sales}\n`);
        expect(duplicates('b.playbook')).toEqual([]);
    });

    it('deals too, and a playbook and a deal may share a name', async () => {
        await edit('c.playbook', 'playbook Acme { stage Lead }\ndeal Acme for Acme { 2026-01-01 enter Lead }');
        await edit('d.playbook', 'deal Acme for Acme { 2026-01-02 enter Lead }');
        // Each file declaring the deal reports it, as a fresh check of both would (the playbook
        // named like it is no duplicate); c.playbook is checked again without being edited.
        expect(duplicates('c.playbook')).toEqual(["Another deal named 'Acme' is declared in d.playbook (line 1)."]);
        expect(duplicates('d.playbook')).toEqual(["Another deal named 'Acme' is declared in c.playbook (line 2)."]);
    });
});
