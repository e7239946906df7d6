/**
 * Langium's handler of document changes, plus the closing of a document. When the editor
 * closes a file it drops its text, saved or not, and the file on disk is the truth again;
 * Langium keeps the closed editor text, so a file closed with unsaved changes kept their
 * diagnostics (and other files resolved names against it). The closed file is now read
 * again from disk, or leaves the workspace when it has no file there (an untitled buffer).
 */
import { URI, type FileSystemProvider } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import type { TextDocumentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export class PlaybookDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private readonly fileSystem: FileSystemProvider;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.fileSystem = services.workspace.FileSystemProvider;
    }

    didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(event.document.uri);
        // Synchronously, so that the update is queued in the order of the editor's notifications.
        if (this.fileSystem.existsSync(uri)) this.fireDocumentUpdate([uri], []);
        else this.fireDocumentUpdate([], [uri]);
    }
}
