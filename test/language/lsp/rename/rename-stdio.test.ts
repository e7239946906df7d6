/**
 * Rename over stdio, as an editor sends it: the refusal of a bad name arrives as an error
 * (RequestFailed, -32803) whose message says why, and nothing is edited; a good name gets the
 * workspace edit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StdioServer } from '../stdio-server.js';

const uri = 'file:///rename-stdio/sales.playbook';
const text = `playbook Sales {
  stage Lead {
    task CollectInfo required
    task Call
    gate Qualified { requires CollectInfo, Call }
  }
  stage Close { task Sign required }
}
`;
/** On `Call` of `task Call`. */
const position = { line: 3, character: 10 };
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

describe('rename over stdio', () => {
    it('prepares the rename on a name', async () => {
        const answer = await server.request('textDocument/prepareRename', { textDocument: { uri }, position });
        expect(answer.result).toEqual({ start: { line: 3, character: 9 }, end: { line: 3, character: 13 } });
    });

    it.each([
        ['has space', "Cannot rename task 'Call' to 'has space': a name is one word, without spaces (write hasSpace or has_space)."],
        ['stage', "Cannot rename task 'Call' to 'stage': 'stage' is a keyword of the language."],
        ['CollectInfo', "Cannot rename task 'Call' to 'CollectInfo': playbook Sales already has a task named 'CollectInfo' (in stage Lead, line 3). Choose another name."]
    ])('refuses %j with a message', async (newName, message) => {
        const answer = await server.request('textDocument/rename', { textDocument: { uri }, position, newName });
        expect(answer).toMatchObject({ error: { code: -32803, message } });
        expect(answer.result).toBeUndefined();
    });

    it('renames to a good name', async () => {
        const answer = await server.request('textDocument/rename', { textDocument: { uri }, position, newName: 'CallBack' });
        expect(answer.error).toBeUndefined();
        const edits = (answer.result as { changes: Record<string, Array<{ range: { start: { line: number; character: number } }; newText: string }>> }).changes[uri];
        expect(edits.map(e => [e.range.start.line, e.range.start.character, e.newText]).sort()).toEqual([[3, 9, 'CallBack'], [4, 43, 'CallBack']]);
    });
});
