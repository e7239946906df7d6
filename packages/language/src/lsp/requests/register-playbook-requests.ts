/**
 * Answers the server's own requests (`protocol/playbook-requests.ts`) on a connection, once
 * the document asked about is validated: the answer then matches the diagnostics the editor
 * shows. Langium's request handler takes the workspace's read lock, turns a cancellation
 * into its LSP error and answers `null` for a document of another language.
 */
import { DocumentState } from 'langium';
import { createRequestHandler, type LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import type { PlaybookLspServices } from '../playbook-lsp-module.js';
import {
    DIAGRAM_REQUEST, SIMULATE_REQUEST, type DiagramParams, type DiagramResult, type SimulateParams, type SimulateResult
} from '../protocol/playbook-requests.js';

export function registerPlaybookRequests(connection: Connection, shared: LangiumSharedServices): void {
    connection.onRequest(DIAGRAM_REQUEST, createRequestHandler<DiagramParams, DiagramResult>(
        (services, document) => (services as PlaybookLspServices).requests.DiagramProvider.diagram(document),
        shared, DocumentState.Validated));
    connection.onRequest(SIMULATE_REQUEST, createRequestHandler<SimulateParams, SimulateResult>(
        (services, document) => (services as PlaybookLspServices).requests.DealReplayProvider.replay(document),
        shared, DocumentState.Validated));
}
