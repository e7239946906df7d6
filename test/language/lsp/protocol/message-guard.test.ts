/**
 * Error answers over stdio are JSON-RPC errors (`error`, never `result`), malformed params get
 * -32602 (InvalidParams) saying what is wrong, a document the server never saw gets an empty
 * answer, and none of it stops the server from answering the next request.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StdioServer } from '../stdio-server.js';

const INVALID_PARAMS = -32602;
const REQUEST_CANCELLED = -32800;

const example = resolve(__dirname, '../../../../examples/big-account.playbook');
const uri = pathToFileURL(example).toString();
const at = { line: 8, character: 10 };

let server: StdioServer;

beforeAll(async () => {
    server = await StdioServer.start();
    const checked = server.nextDiagnostics(uri);
    server.open(uri, readFileSync(example, 'utf8'));
    await checked;
}, 30_000);

afterAll(() => server?.kill());

describe('malformed params', () => {
    it.each([
        ['textDocument/hover', null, 'params must be an object, not null'],
        ['textDocument/hover', { textDocument: { uri } }, 'params.position is missing'],
        ['textDocument/hover', { textDocument: { uri }, position: { line: -1, character: 0 } }, 'params.position.line must be a whole number from 0, not -1'],
        ['textDocument/hover', { textDocument: { uri }, position: { line: '3', character: 0 } }, 'params.position.line must be a whole number from 0, not "3"'],
        ['textDocument/completion', { textDocument: { uri: 42 }, position: at }, 'params.textDocument.uri must be a string, not 42'],
        ['textDocument/definition', { position: at }, 'params.textDocument is missing'],
        ['textDocument/documentSymbol', { textDocument: null }, 'params.textDocument must be an object, not null'],
        ['textDocument/semanticTokens/full', [], 'params must be an object, not a list'],
        ['textDocument/formatting', { textDocument: { uri } }, 'params.options is missing'],
        ['textDocument/codeAction', { textDocument: { uri }, range: { start: at, end: at } }, 'params.context is missing'],
        ['textDocument/rename', { textDocument: { uri }, position: at }, 'params.newName is missing'],
        ['textDocument/inlayHint', { textDocument: { uri } }, 'params.range is missing'],
        ['workspace/symbol', null, 'params must be an object, not null'],
        ['codeLens/resolve', 'lens', 'params must be an object, not "lens"']
    ])('%s with %j: InvalidParams, %s', async (method, params, problem) => {
        const answer = await server.request(method, params);
        expect(answer).not.toHaveProperty('result');
        expect(answer.error).toEqual({ code: INVALID_PARAMS, message: `${method}: ${problem}.` });
    });

    it('a malformed notification is ignored, with a line in the log saying why', async () => {
        server.notify('textDocument/didOpen', null);
        server.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: null });
        const logged = await server.waitFor(() => {
            const ignored = server.logMessages.filter(m => m.startsWith('Ignored'));
            return ignored.length >= 2 ? ignored : undefined;
        }, 'two log lines');
        expect(logged).toEqual([
            'Ignored a textDocument/didOpen notification: params must be an object, not null.',
            'Ignored a textDocument/didChange notification: params.contentChanges must be a list, not null.'
        ]);
    });
});

describe('a document the server never saw', () => {
    const nowhere = 'file:///nowhere/unknown.playbook';

    it.each([
        ['textDocument/hover', { textDocument: { uri: nowhere }, position: at }],
        ['textDocument/completion', { textDocument: { uri: nowhere }, position: at }],
        ['textDocument/definition', { textDocument: { uri: nowhere }, position: at }],
        ['textDocument/documentSymbol', { textDocument: { uri: nowhere } }],
        ['textDocument/semanticTokens/full', { textDocument: { uri: nowhere } }],
        ['textDocument/codeLens', { textDocument: { uri: nowhere } }],
        ['textDocument/formatting', { textDocument: { uri: nowhere }, options: { tabSize: 2, insertSpaces: true } }]
    ])('%s: an empty answer (null)', async (method, params) => {
        expect(await server.request(method, params)).toEqual({ id: expect.anything(), result: null });
    });
});

describe('a request the client cancels', () => {
    it('is answered with a RequestCancelled error, not a result', async () => {
        // A text large enough that it cannot be checked before the cancellation arrives: the
        // hover waits for the text to be linked, and the cancellation ends the wait.
        const largeUri = 'file:///tmp/cancelled-hover.playbook';
        const stage = (i: number) => `  stage S${i} "Stage ${i}" { probability ${Math.min(100, i)}% task T${i} required gate G${i} { requires T${i} } }\n`;
        const text = `playbook Large {\n${Array.from({ length: 20_000 }, (_, i) => stage(i)).join('')}}\n`;
        const checked = server.nextDiagnostics(largeUri);
        server.open(largeUri, text);
        const id = server.takeId();
        const answer = server.request('textDocument/hover', { textDocument: { uri: largeUri }, position: { line: 1, character: 9 } }, id);
        server.cancel(id);
        const cancelled = await answer;
        expect(cancelled).not.toHaveProperty('result');
        expect(cancelled.error?.code).toBe(REQUEST_CANCELLED);
        await checked;
    }, 60_000);
});

describe('after all of that', () => {
    it('the next request gets a normal answer', async () => {
        const answer = await server.request('textDocument/documentSymbol', { textDocument: { uri } });
        expect((answer.result as Array<{ name: string }>).map(s => s.name)).toContain('BigAccount');
        expect(server.logMessages.filter(m => /\n\s+at /.test(m))).toEqual([]);
    });

    it('shuts down cleanly', async () => {
        expect(await server.stop()).toBe(0);
    });
});
