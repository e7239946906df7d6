/**
 * The bundled language server over stdio, driven message by message as an editor (or a
 * faulty client) would: any params can be sent, and every answer is seen whole, `result`
 * or `error`, exactly as written by the server.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { StreamMessageReader, StreamMessageWriter, type Message } from 'vscode-jsonrpc/node';

const root = resolve(__dirname, '../../..');
const serverBin = resolve(root, 'packages/language/bin/playbook-language-server.cjs');

/** An answer as it came over the wire. */
export interface Response {
    id: number | string | null;
    result?: unknown;
    error?: { code: number; message: string; data?: unknown };
}

export interface Diagnostics {
    uri: string;
    diagnostics: Array<{
        code?: string; severity?: number; message: string; range: { start: { line: number; character: number } };
        relatedInformation?: Array<{ location: { uri: string; range: { start: { line: number; character: number } } }; message: string }>;
    }>;
}

/** Results of the server's requests to the editor, by method. */
export type ServerRequestAnswers = Record<string, (params: unknown) => unknown>;

type Incoming = Message & { id?: number | string | null; method?: string; params?: unknown; result?: unknown; error?: Response['error'] };

export class StdioServer {
    /** What the server said it can do, in its answer to `initialize`. */
    capabilities: Record<string, unknown> = {};
    /** Every notification the server sent, in order. */
    readonly notifications: Array<{ method: string; params: unknown }> = [];
    /** Every request the server sent (configuration, registrations, progress), in order. */
    readonly serverRequests: Array<{ method: string; params: unknown }> = [];
    /** The order in which answers and diagnostics arrived: `answer <id>`, `diagnostics <uri>`. */
    readonly arrivals: string[] = [];
    private readonly pending = new Map<number | string, (response: Response) => void>();
    private readonly watchers: Array<() => boolean> = [];
    private readonly writer: StreamMessageWriter;
    private nextId = 1;
    private stderr = '';

    private constructor(private readonly process: ChildProcessWithoutNullStreams, private readonly answers: ServerRequestAnswers = {}) {
        this.writer = new StreamMessageWriter(process.stdin);
        process.stderr.on('data', chunk => { this.stderr += chunk; });
        new StreamMessageReader(process.stdout).listen(message => this.receive(message as Incoming));
    }

    /**
     * Starts the server and completes the `initialize` handshake. `answers` gives the result of
     * the server's own requests by method (e.g. the settings it asks for with
     * `workspace/configuration`); any other is answered with null.
     */
    static async start(initialize: Record<string, unknown> = {}, answers: ServerRequestAnswers = {}): Promise<StdioServer> {
        if (!existsSync(resolve(root, 'packages/language/dist/language-server.cjs'))) {
            throw new Error('The language server bundle is missing: run `npm install` (or `npm run build`) first.');
        }
        const server = new StdioServer(spawn(process.execPath, [serverBin, '--stdio'], { cwd: root }), answers);
        const answer = await server.request('initialize', {
            processId: process.pid, rootUri: null, workspaceFolders: null,
            capabilities: { textDocument: { publishDiagnostics: {} } }, ...initialize
        });
        if (!answer.result) throw new Error(`initialize failed: ${JSON.stringify(answer.error)}; stderr: ${server.stderr}`);
        server.capabilities = (answer.result as { capabilities: Record<string, unknown> }).capabilities;
        server.notify('initialized', {});
        return server;
    }

    /** Sends a request with exactly these params (`undefined` leaves them out) and resolves with the answer. */
    request(method: string, params: unknown, id: number | string = this.nextId++): Promise<Response> {
        return new Promise(resolvePromise => {
            this.pending.set(id, resolvePromise);
            void this.writer.write({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) } as Message);
        });
    }

    /** A request's id before it is sent, to cancel it or to find its answer among the arrivals. */
    takeId(): number {
        return this.nextId++;
    }

    notify(method: string, params: unknown): void {
        void this.writer.write({ jsonrpc: '2.0', method, ...(params === undefined ? {} : { params }) } as Message);
    }

    cancel(id: number | string): void {
        this.notify('$/cancelRequest', { id });
    }

    open(uri: string, text: string, version = 1): void {
        this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'playbook', version, text } });
    }

    change(uri: string, text: string, version: number): void {
        this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    }

    /** Resolves with the first diagnostics for `uri` published from now on that satisfy `accept`. */
    nextDiagnostics(uri: string, accept: (published: Diagnostics) => boolean = () => true): Promise<Diagnostics> {
        const seen = this.notifications.length;
        return this.waitFor(() => this.notifications.slice(seen).find(n =>
            n.method === 'textDocument/publishDiagnostics' && (n.params as Diagnostics).uri === uri && accept(n.params as Diagnostics))?.params as Diagnostics | undefined,
        `diagnostics for ${uri}`);
    }

    /** The messages of the `window/logMessage` notifications so far. */
    get logMessages(): string[] {
        return this.notifications.filter(n => n.method === 'window/logMessage').map(n => (n.params as { message: string }).message);
    }

    /** Resolves once `found` returns something (checked after every message from the server). */
    waitFor<T>(found: () => T | undefined, what: string, timeoutMs = 60_000): Promise<T> {
        return new Promise((resolvePromise, reject) => {
            const timer = setTimeout(() => reject(new Error(`no ${what} from the language server; its stderr: ${this.stderr.slice(0, 500)}`)), timeoutMs);
            const check = (): boolean => {
                const value = found();
                if (value === undefined) return false;
                clearTimeout(timer);
                resolvePromise(value);
                return true;
            };
            if (!check()) this.watchers.push(check);
        });
    }

    async stop(): Promise<number | null> {
        const exited = new Promise<number | null>(r => this.process.once('exit', code => r(code)));
        await this.request('shutdown', undefined);
        this.notify('exit', undefined);
        return exited;
    }

    kill(): void {
        this.process.kill();
    }

    private receive(message: Incoming): void {
        if (message.method !== undefined && message.id !== undefined) {
            // A request from the server (configuration, registrations, progress): nothing to say, unless told.
            this.serverRequests.push({ method: message.method, params: message.params });
            const answer = this.answers[message.method];
            void this.writer.write({ jsonrpc: '2.0', id: message.id, result: answer ? answer(message.params) : null } as Message);
        } else if (message.method !== undefined) {
            this.notifications.push({ method: message.method, params: message.params });
            if (message.method === 'textDocument/publishDiagnostics') {
                this.arrivals.push(`diagnostics ${(message.params as Diagnostics).uri}`);
            }
        } else if (message.id !== undefined && message.id !== null) {
            this.arrivals.push(`answer ${message.id}`);
            const resolvePromise = this.pending.get(message.id);
            this.pending.delete(message.id);
            resolvePromise?.({ id: message.id, ...('result' in message ? { result: message.result } : {}), ...(message.error ? { error: message.error } : {}) });
        }
        this.watchers.splice(0).filter(watcher => !watcher()).forEach(watcher => this.watchers.push(watcher));
    }
}
