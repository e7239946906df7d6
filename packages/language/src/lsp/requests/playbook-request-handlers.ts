/**
 * The answers to the server's own requests (`protocol/playbook-requests.ts`), one function
 * per method, shared by the requests and by their twin commands (`workspace/executeCommand`,
 * see `playbook-command-handler.ts`). Each waits until the document asked about is validated,
 * so that its answer matches the diagnostics the editor shows; Langium's request handler
 * takes the workspace's read lock, turns a cancellation into its LSP error and answers
 * `null` for a document of another language.
 */
import { DocumentState, isOperationCancelled, URI } from 'langium';
import { createRequestHandler, type LangiumSharedServices } from 'langium/lsp';
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import type { LangiumDocument } from 'langium';
import type { PlaybookLspServices } from '../playbook-lsp-module.js';
import {
    ALIAS_EDIT_REQUEST, DIAGRAM_REQUEST, EXPORT_REQUEST, NEW_PLAYBOOK_REQUEST, REPLAY_REQUEST, SIMULATE_DEALS_REQUEST, SIMULATE_REQUEST,
    type PlaybookRequestMethod, type PlaybookRequests
} from '../protocol/playbook-requests.js';

/** An answer: the result, `null` (a document the server does not know, a deal it does not have) or an LSP error. */
export type Answer<R> = Promise<R | null | ResponseError<unknown>>;

export type PlaybookRequestHandlers = {
    [M in PlaybookRequestMethod]: (params: PlaybookRequests[M]['params'], token: CancellationToken) => Answer<NonNullable<PlaybookRequests[M]['result']>>;
};

export function playbookRequestHandlers(shared: LangiumSharedServices): PlaybookRequestHandlers {
    /** An answer read from the validated document, under the read lock. */
    const checked = <P extends { textDocument: { uri: string } }, R extends NonNullable<unknown>>(
        answer: (services: PlaybookLspServices, document: LangiumDocument, params: P) => R | undefined
    ): ((params: P, token: CancellationToken) => Answer<R>) => {
        const handler = createRequestHandler<P, R, unknown>((services, document, params) => answer(services as PlaybookLspServices, document, params) ?? null,
            shared, DocumentState.Validated);
        return async (params, token) => handler(params, token);
    };
    const prepareSimulation = checked((services, document, params: PlaybookRequests[typeof SIMULATE_DEALS_REQUEST]['params']) =>
        services.requests.DealsFileProvider.prepare(document, params));
    return {
        [DIAGRAM_REQUEST]: checked((services, document) => services.requests.DiagramProvider.diagram(document)),
        [SIMULATE_REQUEST]: checked((services, document) => services.requests.DealReplayProvider.replay(document)),
        [EXPORT_REQUEST]: checked((services, document, params) => services.requests.ExportProvider.export(document, params)),
        [REPLAY_REQUEST]: checked((services, document, params) => services.requests.DealReplayProvider.replayOne(document, params.deal)),
        [ALIAS_EDIT_REQUEST]: checked((services, document, params) => services.requests.AliasEditProvider.aliasEdit(document, params)),
        // The playbook under the lock; the export read and replayed after it (it may be large).
        [SIMULATE_DEALS_REQUEST]: async (params, token) => {
            const prepared = await prepareSimulation(params, token);
            if (prepared === null || prepared instanceof ResponseError) return prepared;
            if (prepared.kind === 'answer') return prepared.result;
            const services = shared.ServiceRegistry.getServices(URI.parse(params.textDocument.uri)) as PlaybookLspServices;
            return services.requests.DealsFileProvider.run(prepared.playbook, params);
        },
        // About the workspace, not a document: once the workspace's names are indexed.
        [NEW_PLAYBOOK_REQUEST]: async (params, token) => {
            try {
                await shared.workspace.WorkspaceManager.ready;
                await shared.workspace.DocumentBuilder.waitUntil(DocumentState.IndexedContent, token);
                const services = shared.ServiceRegistry.getServices(URI.parse('untitled:new.playbook')) as PlaybookLspServices;
                return await shared.workspace.WorkspaceLock.read(() => services.requests.NewPlaybookProvider.newPlaybook(params));
            } catch (error) {
                if (isOperationCancelled(error)) return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request has been cancelled.');
                throw error;
            }
        }
    };
}
