/** Whether the server has a document: open in the editor, or read from the workspace. */
import { URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';

export function serverKnowsDocument(shared: LangiumSharedServices, uri: string): boolean {
    if (shared.workspace.TextDocuments.get(uri)) {
        return true;
    }
    try {
        return shared.workspace.LangiumDocuments.hasDocument(URI.parse(uri));
    } catch {
        return false;
    }
}
