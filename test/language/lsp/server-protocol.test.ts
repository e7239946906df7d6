/**
 * The bundled language server over stdio, driven by a JSON-RPC client as an editor would:
 * open an example, receive its diagnostics, break it with an edit, receive the error,
 * then shut down cleanly. Also: garbage, a 10 MB document and deep nesting never stop it
 * from answering the next request.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

const root = resolve(__dirname, '../../..');
const serverBin = resolve(root, 'packages/language/bin/playbook-language-server.cjs');
const example = resolve(root, 'examples/big-account.playbook');

interface PublishedDiagnostics { uri: string; version?: number; diagnostics: Array<{ code?: string; severity?: number; range: { start: { line: number } }; message: string }> }

let server: ChildProcessWithoutNullStreams;
let connection: MessageConnection;
const published = new Map<string, PublishedDiagnostics[]>();
const waiters: Array<() => boolean> = [];

/** Resolves with the first diagnostics for `uri` published after the call that satisfy `accept`. */
function nextDiagnostics(uri: string, accept: (p: PublishedDiagnostics) => boolean = () => true): Promise<PublishedDiagnostics> {
    const seen = published.get(uri)?.length ?? 0;
    return new Promise((resolvePromise, reject) => {
        // A hang guard below the test timeout, not a speed limit: a busy machine may be slow.
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri}`)), 240_000);
        const check = (): boolean => {
            const list = published.get(uri) ?? [];
            const found = list.slice(seen).find(accept);
            if (found) {
                clearTimeout(timer);
                resolvePromise(found);
                return true;
            }
            return false;
        };
        if (!check()) waiters.push(check);
    });
}

beforeAll(async () => {
    if (!existsSync(resolve(root, 'packages/language/dist/language-server.cjs'))) {
        throw new Error('The language server bundle is missing: run `npm install` (or `npm run build`) first.');
    }
    server = spawn(process.execPath, [serverBin, '--stdio'], { cwd: root });
    connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishedDiagnostics) => {
        published.set(params.uri, [...(published.get(params.uri) ?? []), params]);
        // Keep the waiters this notification did not satisfy.
        waiters.splice(0).filter(w => !w()).forEach(w => waiters.push(w));
    });
    connection.onRequest('workspace/configuration', () => []);
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.listen();
    const result = await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        workspaceFolders: null,
        capabilities: { textDocument: { publishDiagnostics: {}, codeLens: {} } }
    }) as { capabilities: Record<string, unknown> };
    expect(result.capabilities.codeLensProvider).toBeTruthy();
    await connection.sendNotification('initialized', {});
});

afterAll(() => {
    connection?.dispose();
    server?.kill();
});

const open = (uri: string, text: string, version = 1) =>
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'playbook', version, text } });
const change = (uri: string, text: string, version: number) =>
    connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });

describe('language server over stdio', () => {
    const uri = pathToFileURL(example).toString();
    const text = readFileSync(example, 'utf8');

    it('publishes no errors for a valid example, then the error an edit introduces', async () => {
        const first = nextDiagnostics(uri);
        await open(uri, text);
        expect((await first).diagnostics.filter(d => d.severity === 1)).toEqual([]);

        const broken = text.replace('requires FindGuide', 'requires FindGuid');
        const line = broken.split('\n').findIndex(l => l.includes('FindGuid\n') || l.trimEnd().endsWith('FindGuid'));
        const second = nextDiagnostics(uri, p => p.diagnostics.some(d => d.severity === 1));
        await change(uri, broken, 2);
        const errors = (await second).diagnostics.filter(d => d.severity === 1);
        expect(errors.map(d => [d.code, d.range.start.line])).toEqual([['unresolved-reference', line]]);
        expect(errors[0].message).toContain("Did you mean 'FindGuide'?");
    });

    it('keeps answering after garbage, a 10 MB document and deep nesting', async () => {
        const garbageUri = 'file:///tmp/garbage.playbook';
        let bytes = '';
        for (let i = 0; i < 50_000; i++) bytes += String.fromCharCode((i * 7919) % 256);
        const garbage = nextDiagnostics(garbageUri);
        await open(garbageUri, bytes);
        expect((await garbage).diagnostics.length).toBeGreaterThan(0);

        const hugeUri = 'file:///tmp/huge.playbook';
        const huge = nextDiagnostics(hugeUri);
        await open(hugeUri, `playbook Huge {\n${'  // filler comment line\n'.repeat(420_000)}  stage A\n}\n`);
        expect((await huge).diagnostics.filter(d => d.severity === 1).map(d => d.message)).toEqual([]);

        const deepUri = 'file:///tmp/deep.playbook';
        const deep = nextDiagnostics(deepUri);
        await open(deepUri, `playbook Deep { field b: bool stage A { gate G { when ${'('.repeat(10_000)}b${')'.repeat(10_000)} } } stage B }`);
        expect((await deep).diagnostics.map(d => d.code)).toEqual(['syntax-error']);

        // A normal request after all that gets a normal answer: the deals of the example, replayed.
        const dealsFile = resolve(root, 'examples/big-account-deals.playbook');
        const dealsUri = pathToFileURL(dealsFile).toString();
        const dealsChecked = nextDiagnostics(dealsUri);
        await open(dealsUri, readFileSync(dealsFile, 'utf8'));
        await dealsChecked;
        const lenses = await connection.sendRequest('textDocument/codeLens', { textDocument: { uri: dealsUri } }) as Array<{ command: { title: string } }>;
        expect(lenses.length).toBeGreaterThan(0);
        expect(lenses.every(lens => /^(Won in|Open at|\w+ \()/.test(lens.command.title))).toBe(true);
        const symbols = await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }) as Array<{ name: string }>;
        expect(symbols.map(s => s.name)).toContain('BigAccount');
    });

    it('shuts down cleanly', async () => {
        await connection.sendRequest('shutdown');
        const exited = new Promise<number | null>(r => server.once('exit', code => r(code)));
        await connection.sendNotification('exit');
        expect(await exited).toBe(0);
    });
});
