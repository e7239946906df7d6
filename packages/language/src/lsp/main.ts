/** The Playbook language server over stdio (or any transport vscode-languageserver supports). */
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createPlaybookLspServices } from './playbook-lsp-module.js';

const connection = createConnection(ProposedFeatures.all);
const { shared } = createPlaybookLspServices({ connection, ...NodeFileSystem });
startLanguageServer(shared);
