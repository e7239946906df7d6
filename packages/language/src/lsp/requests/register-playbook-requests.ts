/** Answers the server's own requests (`protocol/playbook-requests.ts`) on a connection. */
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import type { PlaybookRequestMethod } from '../protocol/playbook-requests.js';
import { playbookRequestHandlers } from './playbook-request-handlers.js';

export function registerPlaybookRequests(connection: Connection, shared: LangiumSharedServices): void {
    const handlers = playbookRequestHandlers(shared);
    for (const method of Object.keys(handlers) as PlaybookRequestMethod[]) {
        connection.onRequest(method, handlers[method] as (params: unknown, token: Parameters<typeof handlers[typeof method]>[1]) => unknown);
    }
}
