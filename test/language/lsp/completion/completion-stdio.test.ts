/**
 * Completion over stdio, as an editor asks for it: the server declares the characters after
 * which the editor should ask by itself, and after them answers with names only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StdioServer } from '../stdio-server.js';

const uri = 'file:///completion-stdio/sales.playbook';
const text = `playbook Sales {
  stage Lead {
    probability 10%
    task CollectInfo required
    task Call
    gate Qualified { requires CollectInfo, Call }
  }
  stage Close { task Sign required }
}
deal Acme for Sales {
  2026-01-01 enter Lead
}
`;
let server: StdioServer;

beforeAll(async () => {
    server = await StdioServer.start();
    const checked = server.nextDiagnostics(uri);
    server.open(uri, text);
    await checked;
});

afterAll(async () => {
    await server?.stop();
});

/** The labels with the cursor after `typed`, written (with `rest` after the cursor) in place of `replaced`. */
async function labelsAfter(replaced: string, typed: string, rest: string, trigger: string, version: number): Promise<string[]> {
    const edited = text.replace(replaced, typed + rest);
    const diagnostics = server.nextDiagnostics(uri);
    server.change(uri, edited, version);
    await diagnostics;
    const before = edited.slice(0, edited.indexOf(typed) + typed.length).split('\n');
    const answer = await server.request('textDocument/completion', {
        textDocument: { uri },
        position: { line: before.length - 1, character: before[before.length - 1].length },
        context: { triggerKind: 2, triggerCharacter: trigger }
    });
    const result = answer.result as { items: Array<{ label: string }> } | null;
    return (result?.items ?? []).map(item => item.label);
}

describe('completion over stdio', () => {
    it('declares a space, { and , as trigger characters', () => {
        expect(server.capabilities.completionProvider).toMatchObject({ triggerCharacters: [' ', '{', ','] });
    });

    it('after a space that follows requires, offers the tasks not yet required', async () => {
        expect(await labelsAfter('requires CollectInfo, Call }', 'requires CollectInfo, ', '}', ' ', 2)).toEqual(['Call']);
    });

    it('after a space that follows enter, offers the stages', async () => {
        expect(await labelsAfter('2026-01-01 enter Lead', '2026-01-01 enter ', '', ' ', 3)).toEqual(['Lead', 'Close']);
    });

    it('after a space elsewhere, offers nothing', async () => {
        expect(await labelsAfter('probability 10%', 'probability 10% ', '', ' ', 4)).toEqual([]);
    });
});
