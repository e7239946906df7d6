/** The Playbook language server over stdio (or any transport vscode-languageserver supports). */
import { isOperationCancelled } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { writeFile } from 'node:fs/promises';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { rulesDocumentationBase } from './configuration/rules-documentation-base.js';
import { logInWords } from './logging/log-in-words.js';
import { MessageGuard } from './protocol/message-guard.js';
import { CrmDealsFileProvider } from './requests/crm-deals-file-provider.js';
import { DealsFileCalibrations } from './calibration/deals-file-calibrations.js';
import { startPlaybookLanguageServer } from './start-server.js';

const guard = new MessageGuard();
const connection = createConnection(ProposedFeatures.all, { messageStrategy: guard });
logInWords(connection);
// A defect that escapes every handler is logged in words; the server goes on answering.
process.on('unhandledRejection', reason => {
    if (!isOperationCancelled(reason)) {
        console.error('Unexpected error in the language server:', reason);
    }
});

// The rule pages shipped beside the server: found from the bundle's own file (`__filename` in
// CommonJS), else from the script Node was started with.
const serverFile = typeof __filename === 'string' ? __filename : process.argv[1];
startPlaybookLanguageServer(connection, guard, NodeFileSystem, {
    rulesDocumentationBase: rulesDocumentationBase(serverFile),
    // What a server in Node can do: read CRM exports, and write what a command with `write: true` asks for.
    dealsFiles: services => new CrmDealsFileProvider(services),
    // …and calibrate the open playbooks against the deals file the settings name.
    calibrations: services => new DealsFileCalibrations(services.shared),
    outputFiles: { write: (uri, text) => writeFile(uri.fsPath, text, 'utf8') }
});
