/**
 * Starts the Playbook language server on a connection. The same server runs in Node (over
 * stdio, reading the workspace's files: `main.ts`) and in a browser's web worker (only the
 * documents the page opens: `main-browser.ts`); what differs, the connection and the file
 * system, is handed in.
 */
import { startLanguageServer, type DefaultSharedModuleContext, type LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import { serverKnowsDocument } from './commands/known-documents.js';
import { createPlaybookLspServices, type PlaybookLspOptions, type PlaybookLspServices } from './playbook-lsp-module.js';
import type { MessageGuard } from './protocol/message-guard.js';
import { registerPlaybookRequests } from './requests/register-playbook-requests.js';
import { PLAYBOOK_SERVICE_REQUIREMENTS } from './request-priorities.js';
import { PlaybookDocumentBuilder } from '../workspace/playbook-document-builder.js';

/** How long the editor must send no change before the server checks files not open in it. */
const BACKGROUND_IDLE_MS = 300;

/**
 * `guard` must be the connection's message strategy (`createConnection(..., { messageStrategy: guard })`):
 * it checks every message before a handler reads it.
 */
export function startPlaybookLanguageServer(
    connection: Connection, guard: MessageGuard, fileSystem: Omit<DefaultSharedModuleContext, 'connection'>, options: PlaybookLspOptions = {}
): { shared: LangiumSharedServices; Playbook: PlaybookLspServices } {
    const services = createPlaybookLspServices({ connection, ...fileSystem }, options);
    const { shared } = services;
    guard.attach(connection, {
        knowsDocument: uri => serverKnowsDocument(shared, uri),
        warn: message => connection.console.warn(message)
    });
    const builder = shared.workspace.DocumentBuilder;
    if (builder instanceof PlaybookDocumentBuilder) {
        // Between two keystrokes of someone typing: the rest of the workspace waits for a pause.
        builder.idleMs = BACKGROUND_IDLE_MS;
    }
    registerPlaybookRequests(connection, shared);
    startLanguageServer(shared, PLAYBOOK_SERVICE_REQUIREMENTS);
    // `playbook.simulation.asOf` is listened to from the start, once every service is built.
    void services.Playbook.configuration.AsOfSetting;
    return services;
}
