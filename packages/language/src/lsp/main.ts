/** The Playbook language server over stdio (or any transport vscode-languageserver supports). */
import { isOperationCancelled, URI } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { logInWords } from './logging/log-in-words.js';
import { createPlaybookLspServices } from './playbook-lsp-module.js';
import { MessageGuard } from './protocol/message-guard.js';
import { PLAYBOOK_SERVICE_REQUIREMENTS } from './request-priorities.js';

const guard = new MessageGuard();
const connection = createConnection(ProposedFeatures.all, { messageStrategy: guard });
logInWords(connection);
// A defect that escapes every handler is logged in words; the server goes on answering.
process.on('unhandledRejection', reason => {
    if (!isOperationCancelled(reason)) {
        console.error('Unexpected error in the language server:', reason);
    }
});

const { shared } = createPlaybookLspServices({ connection, ...NodeFileSystem });
guard.attach(connection, {
    knowsDocument: uri => {
        if (shared.workspace.TextDocuments.get(uri)) {
            return true;
        }
        try {
            return shared.workspace.LangiumDocuments.hasDocument(URI.parse(uri));
        } catch {
            return false;
        }
    },
    warn: message => connection.console.warn(message)
});
startLanguageServer(shared, PLAYBOOK_SERVICE_REQUIREMENTS);
