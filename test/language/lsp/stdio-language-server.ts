/**
 * The bundled language server over stdio, as an editor drives it: a workspace folder on
 * disk, didOpen / didChange (any LSP change shape) / didClose, and the diagnostics it publishes.
 *
 * `settle` waits until the server has checked again after the last notification, without
 * timing: it asks for code actions, which the server answers only once the document is
 * validated, for every file of the workspace. The server publishes a document's
 * diagnostics before it answers requests waiting for that document, and messages arrive
 * in the order they were sent, so after `settle` the last diagnostics published for each
 * file are those of the texts sent.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

const root = resolve(__dirname, '../../..');
const serverBin = resolve(root, 'packages/language/bin/playbook-language-server.cjs');

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }
export interface PublishedDiagnostic { range: Range; severity?: number; code?: string | number; message: string | { kind: string; value: string } }
/** One item of a didChange's `contentChanges`: a range replaced, or the whole text. */
export type ContentChange = { range: Range; text: string } | { text: string };

export class StdioLanguageServer {
    private readonly published = new Map<string, PublishedDiagnostic[]>();
    private readonly versions = new Map<string, number>();
    private readonly stderr: string[] = [];

    private constructor(private readonly process: ChildProcessWithoutNullStreams, private readonly connection: MessageConnection) {
        process.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
        connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: PublishedDiagnostic[] }) => {
            this.published.set(params.uri, params.diagnostics);
        });
        connection.onRequest('workspace/configuration', () => []);
        connection.onRequest('client/registerCapability', () => null);
        connection.onRequest('window/workDoneProgress/create', () => null);
        connection.listen();
    }

    /** Starts the server on `folder` (loaded from disk as the workspace), or on no folder. */
    static async start(folder?: string): Promise<StdioLanguageServer> {
        if (!existsSync(resolve(root, 'packages/language/dist/language-server.cjs'))) {
            throw new Error('The language server bundle is missing: run `npm run build` first.');
        }
        const child = spawn(process.execPath, [serverBin, '--stdio'], { cwd: root });
        const server = new StdioLanguageServer(child, createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin)));
        const folderUri = folder === undefined ? null : pathToFileURL(folder).toString();
        await server.connection.sendRequest('initialize', {
            processId: process.pid,
            rootUri: folderUri,
            workspaceFolders: folderUri === null ? null : [{ uri: folderUri, name: 'workspace' }],
            capabilities: { textDocument: { publishDiagnostics: {}, synchronization: { dynamicRegistration: false } }, workspace: { workspaceFolders: true } }
        });
        await server.connection.sendNotification('initialized', {});
        if (folderUri !== null) {
            // Answered once the workspace's files are read and indexed: before that the server
            // does not know them, and answers requests about them at once, without a check.
            await server.connection.sendRequest('workspace/symbol', { query: '' });
        }
        return server;
    }

    async open(uri: string, text: string): Promise<void> {
        this.versions.set(uri, 1);
        await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'playbook', version: 1, text } });
    }

    /** A didClose: the editor drops its text (saved or not); the file on disk is the truth again. */
    async close(uri: string): Promise<void> {
        this.versions.delete(uri);
        await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }

    /** One didChange; each change applies to the text the previous one left, as LSP says. */
    async change(uri: string, contentChanges: ContentChange[]): Promise<void> {
        const version = (this.versions.get(uri) ?? 0) + 1;
        this.versions.set(uri, version);
        await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    }

    /** Waits until every one of `uris` is checked with the texts sent so far (see the file's comment). */
    async settle(uris: readonly string[]): Promise<void> {
        for (const uri of uris) {
            await this.connection.sendRequest('textDocument/codeAction', {
                textDocument: { uri },
                range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
                context: { diagnostics: [] }
            });
        }
    }

    /** The diagnostics last published for `uri`, if any were. */
    diagnostics(uri: string): PublishedDiagnostic[] | undefined {
        return this.published.get(uri);
    }

    /** What the server wrote to its standard error (a defect's stack trace, if any). */
    errorOutput(): string {
        return this.stderr.join('');
    }

    async stop(): Promise<void> {
        const exited = new Promise<void>(done => {
            if (this.process.exitCode !== null) done();
            else this.process.once('exit', () => done());
        });
        try {
            await this.connection.sendRequest('shutdown');
            await this.connection.sendNotification('exit');
        } catch {
            this.process.kill();
        }
        await exited;
        this.connection.dispose();
    }
}
