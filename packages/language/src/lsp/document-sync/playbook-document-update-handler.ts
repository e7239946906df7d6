/**
 * Langium's handler of document changes, plus the closing of a document. When the editor
 * closes a file it drops its text, saved or not, and the file on disk is the truth again;
 * Langium keeps the closed editor text, so a file closed with unsaved changes kept their
 * diagnostics (and other files resolved names against it). The closed file is now read
 * again from disk, or leaves the workspace when it has no file there (an untitled buffer) or
 * lies in a folder the workspace excludes (a template opened for a look).
 */
import { URI, type FileSystemProvider } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import type { TextDocumentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { PlaybookDocumentBuilder } from '../../workspace/playbook-document-builder.js';
import { PlaybookWorkspaceManager } from '../../workspace/playbook-workspace-manager.js';

export class PlaybookDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private readonly fileSystem: FileSystemProvider;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.fileSystem = services.workspace.FileSystemProvider;
    }

    /** Every change the editor reports: requests wait for its update to begin (`PlaybookDocumentBuilder.expectUpdate`). */
    protected override fireDocumentUpdate(changed: URI[], deleted: URI[]): void {
        const builder = this.documentBuilder;
        if (builder instanceof PlaybookDocumentBuilder) {
            builder.expectUpdate();
            this.workspaceManager.ready.catch(() => builder.forgetExpectedUpdate());
        }
        super.fireDocumentUpdate(changed, deleted);
    }

    didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(event.document.uri);
        const excluded = this.workspaceManager instanceof PlaybookWorkspaceManager && this.workspaceManager.isExcluded(uri);
        // Synchronously, so that the update is queued in the order of the editor's notifications.
        if (!excluded && this.fileSystem.existsSync(uri)) this.fireDocumentUpdate([uri], []);
        else this.fireDocumentUpdate([], [uri]);
    }
}
