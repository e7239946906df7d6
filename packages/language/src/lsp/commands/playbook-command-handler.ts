/**
 * The server's commands (`workspace/executeCommand`), for editors that can run a command but
 * not send a request of their own: each is the twin of a request of
 * `protocol/playbook-requests.ts` (`PLAYBOOK_COMMANDS`), takes its params as its one
 * argument and answers with the same function (`playbook-request-handlers.ts`). A command
 * about a document the server has not read is an error that says so (a request answers
 * `null`). With `write: true`, the result is also written beside the playbook and the
 * editor is asked to open it, for editors that do not show a command's result.
 */
import { URI, UriUtils } from 'langium';
import { AbstractExecuteCommandHandler, type ExecuteCommandAcceptor, type LangiumSharedServices } from 'langium/lsp';
import { ErrorCodes, MessageType, ResponseError, ShowMessageNotification, type CancellationToken } from 'vscode-languageserver';
import { playbookToMermaid } from '@playbook/model';
import { paramsProblem } from '../protocol/params-check.js';
import {
    DIAGRAM_REQUEST, EXPORT_REQUEST, PLAYBOOK_COMMANDS, REPLAY_REQUEST, SIMULATE_DEALS_REQUEST, SIMULATE_REQUEST,
    type DiagramCommandResult, type PlaybookCommand, type PlaybookRequestMethod, type PlaybookRequests, type Written
} from '../protocol/playbook-requests.js';
import { playbookRequestHandlers, type PlaybookRequestHandlers } from '../requests/playbook-request-handlers.js';
import { diagramPage } from './diagram-page.js';
import { isAbsolutePath } from '../util/absolute-path.js';
import { serverKnowsDocument } from './known-documents.js';

/** Where the server writes what `write: true` asks for (a Node server writes files; a browser's has none). */
export interface OutputFiles {
    write(uri: URI, text: string): Promise<void>;
}

type Params = Record<string, unknown> & { textDocument: { uri: string } };

export class PlaybookCommandHandler extends AbstractExecuteCommandHandler {
    private readonly handlers: PlaybookRequestHandlers;
    private clientShowsDocuments = false;

    constructor(private readonly shared: LangiumSharedServices, private readonly files?: OutputFiles) {
        super();
        this.handlers = playbookRequestHandlers(shared);
        shared.lsp.LanguageServer.onInitialize(params => {
            this.clientShowsDocuments = params.capabilities.window?.showDocument?.support === true;
        });
    }

    registerCommands(accept: ExecuteCommandAcceptor): void {
        accept(PLAYBOOK_COMMANDS.export, async (args, token) => {
            const params = await this.params(PLAYBOOK_COMMANDS.export, EXPORT_REQUEST, args);
            const result = await this.answer(PLAYBOOK_COMMANDS.export, EXPORT_REQUEST, params, token);
            return this.written(params, result, result.content, result.extension);
        });
        accept(PLAYBOOK_COMMANDS.diagram, async (args, token) => {
            const params = await this.params(PLAYBOOK_COMMANDS.diagram, DIAGRAM_REQUEST, args);
            const diagram = await this.answer(PLAYBOOK_COMMANDS.diagram, DIAGRAM_REQUEST, params, token);
            const format = params.format === 'html' ? 'html' : 'mermaid';
            const result: DiagramCommandResult = {
                format,
                content: format === 'html' ? diagramPage(diagram) : diagram.playbooks.map(playbook => playbookToMermaid(playbook).replace(/\n?$/, '\n')).join('\n'),
                playbooks: diagram.playbooks.map(playbook => playbook.name),
                problems: diagram.problems
            };
            return this.written(params, result, result.content, format === 'html' ? '.html' : '.mmd');
        });
        accept(PLAYBOOK_COMMANDS.simulate, async (args, token) => this.answer(PLAYBOOK_COMMANDS.simulate, SIMULATE_REQUEST, await this.params(PLAYBOOK_COMMANDS.simulate, SIMULATE_REQUEST, args), token));
        accept(PLAYBOOK_COMMANDS.simulateDeals, async (args, token) => {
            const params = await this.params(PLAYBOOK_COMMANDS.simulateDeals, SIMULATE_DEALS_REQUEST, args);
            const result = await this.answer(PLAYBOOK_COMMANDS.simulateDeals, SIMULATE_DEALS_REQUEST, params, token);
            return this.written(params, result, result.kind === 'report' ? result.text : null, '.simulation.txt');
        });
        accept(PLAYBOOK_COMMANDS.replay, async (args, token) => {
            const params = await this.params(PLAYBOOK_COMMANDS.replay, REPLAY_REQUEST, args);
            const result = await this.answer(PLAYBOOK_COMMANDS.replay, REPLAY_REQUEST, params, token);
            // What a code lens asks for: the timeline where the editor shows messages.
            if (params.show === true) this.tell(result.text);
            return result;
        });
    }

    /** The command's one argument as its request's params, checked as the request's are. */
    private async params(command: PlaybookCommand, method: PlaybookRequestMethod, args: unknown[]): Promise<Params> {
        let argument = args[0];
        if (typeof argument === 'string') argument = { uri: argument };
        if (typeof argument === 'object' && argument !== null && !Array.isArray(argument) && !('textDocument' in argument) && 'uri' in argument) {
            const { uri, ...rest } = argument as { uri: unknown };
            argument = { ...rest, textDocument: { uri: typeof uri === 'string' && isAbsolutePath(uri) ? URI.file(uri).toString() : uri } };
        }
        const { write, format, ...rest } = (typeof argument === 'object' && argument !== null ? argument : {}) as Record<string, unknown>;
        // The diagram command's `format` is its own (`mermaid` or `html`); the export's is the request's.
        const requestParams = method === DIAGRAM_REQUEST ? rest : { ...rest, ...(format !== undefined ? { format } : {}) };
        const problem = paramsProblem(method, argument === undefined ? undefined : requestParams)
            ?? (write !== undefined && typeof write !== 'boolean' ? 'params.write must be true or false' : undefined)
            ?? (method === DIAGRAM_REQUEST && format !== undefined && format !== 'mermaid' && format !== 'html' ? 'params.format must be "mermaid" or "html"' : undefined);
        if (problem !== undefined) {
            throw new ResponseError(ErrorCodes.InvalidParams, `${command}: ${problem.replace(/^params/, 'the argument')}.`);
        }
        const params = argument as Params;
        if (!serverKnowsDocument(this.shared, params.textDocument.uri)) {
            throw new ResponseError(ErrorCodes.InvalidParams, `${command}: the server has not read ${params.textDocument.uri}; open it in the editor, or open the folder that holds it.`);
        }
        return params;
    }

    private async answer<M extends PlaybookRequestMethod>(command: PlaybookCommand, method: M, params: Params, token: CancellationToken): Promise<NonNullable<PlaybookRequests[M]['result']>> {
        const handler = this.handlers[method] as (params: unknown, token: CancellationToken) => Promise<unknown>;
        const answer = await handler(params, token);
        if (answer instanceof ResponseError) throw answer;
        if (answer === null || answer === undefined) {
            throw new ResponseError(ErrorCodes.InvalidParams, method === REPLAY_REQUEST
                ? `${command}: ${params.textDocument.uri} has no deal ${String(params.deal)}.`
                : `${command}: ${params.textDocument.uri} is not a playbook document.`);
        }
        return answer as NonNullable<PlaybookRequests[M]['result']>;
    }

    /** A message for the editor to show (a notification: nothing to answer). */
    private tell(message: string): void {
        void this.shared.lsp.Connection?.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message });
    }

    /** With `write: true`, `content` written beside the playbook as `<name><extension>`, and shown. */
    private async written<R extends object>(params: Params, result: R, content: string | null, extension: string): Promise<R & Written> {
        if (params.write !== true || content === null) return result;
        const source = URI.parse(params.textDocument.uri);
        if (!this.files || source.scheme !== 'file') {
            throw new ResponseError(ErrorCodes.InvalidRequest, `This server cannot write files beside ${params.textDocument.uri}: leave out \`write\` and use the result.`);
        }
        const name = UriUtils.basename(source).replace(/\.playbook$/i, '');
        const target = UriUtils.joinPath(UriUtils.dirname(source), `${name}${extension}`);
        await this.files.write(target, content);
        const connection = this.shared.lsp.Connection;
        if (this.clientShowsDocuments) {
            // A page is for a browser; the other files for the editor.
            void connection?.window.showDocument({ uri: target.toString(), takeFocus: true, ...(extension === '.html' ? { external: true } : {}) });
        } else {
            this.tell(`Wrote ${target.scheme === 'file' ? target.fsPath : target.toString()}`);
        }
        return { ...result, written: target.toString() };
    }
}
