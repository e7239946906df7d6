/**
 * The Playbook language server in a browser's web worker (the playground page): messages
 * come and go with `postMessage`, and the only documents are those the page opens (no file
 * system). Nothing here needs Node: the bundle is built for the browser.
 */
import { EmptyFileSystem, isOperationCancelled } from 'langium';
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { MessageGuard } from './protocol/message-guard.js';
import { startPlaybookLanguageServer } from './start-server.js';

/** The worker's global scope, where the page's messages arrive (typed without the WebWorker library). */
const port = globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
const events = globalThis as unknown as { addEventListener(type: 'unhandledrejection', listener: (event: { reason: unknown }) => void): void };

const guard = new MessageGuard();
const connection = createConnection(new BrowserMessageReader(port), new BrowserMessageWriter(port), { messageStrategy: guard });
// A defect that escapes every handler is logged; the server goes on answering.
events.addEventListener('unhandledrejection', event => {
    if (!isOperationCancelled(event.reason)) {
        connection.console.error(`Unexpected error in the language server: ${event.reason instanceof Error ? event.reason.message : String(event.reason)}`);
    }
});

startPlaybookLanguageServer(connection, guard, EmptyFileSystem);
