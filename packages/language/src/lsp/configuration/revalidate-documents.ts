/**
 * Checks every document again after a setting that changes findings (severity overrides, the
 * as-of date): nothing is re-read or re-parsed, the documents are validated as an edit would.
 */
import { DocumentState } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';

export async function revalidateAllDocuments(shared: LangiumSharedServices): Promise<void> {
    const workspace = shared.workspace;
    await workspace.WorkspaceLock.write(async () => {
        const documents = workspace.LangiumDocuments.all.toArray();
        for (const document of documents) {
            workspace.DocumentBuilder.resetToState(document, DocumentState.IndexedReferences);
        }
        await workspace.DocumentBuilder.build(documents, { validation: true });
    });
}
