/**
 * The reference index (which reference points where: find references, rename, and
 * deciding which other files to relink after an edit) built when first asked for rather
 * than on every keystroke. Building it visits every reference of the document, about a
 * sixth of the time between a keystroke and its diagnostics on a large file, and nothing
 * asks for it while an author types.
 *
 * A document's pending entry is dropped whenever the document builder drops its references
 * (`removeReferences` on every re-link), so the index, once built, describes the same
 * links as an eager one would. A document linked (wholly or in part) by a build that was
 * cancelled before it indexed the references is described from its links when asked
 * whether an edit affects it: Langium's index would have no entry for it and answer no,
 * and the document would keep links into the edited file's former tree.
 */
import { DefaultIndexManager, type LangiumDocument, type ReferenceDescription, type URI } from 'langium';
import { PlaybookReferenceDescriptionProvider } from './playbook-reference-descriptions.js';

export class LazyIndexManager extends DefaultIndexManager {
    /** Documents linked but not yet described in the reference index, by URI. */
    private readonly pending = new Map<string, LangiumDocument>();

    override async updateReferences(document: LangiumDocument): Promise<void> {
        const uri = document.uri.toString();
        this.referenceIndex.delete(uri);
        this.pending.set(uri, document);
    }

    override removeReferences(uri: URI): void {
        this.pending.delete(uri.toString());
        super.removeReferences(uri);
    }

    override findAllReferences(...args: Parameters<DefaultIndexManager['findAllReferences']>): ReturnType<DefaultIndexManager['findAllReferences']> {
        this.indexPending();
        return super.findAllReferences(...args);
    }

    override isAffected(document: LangiumDocument, changedUris: Set<string>): boolean {
        const uri = document.uri.toString();
        if (document.references.length > 0 && !this.referenceIndex.has(uri)) {
            // Linked, wholly or in part, by a build that was cancelled (a newer change arrived)
            // before it described the references: its links are still those to look at.
            this.pending.set(uri, document);
        }
        this.indexPending(uri);
        return super.isAffected(document, changedUris);
    }

    /** Describes the references of the pending documents (all, or the one with `onlyUri`). */
    private indexPending(onlyUri?: string): void {
        const uris = onlyUri === undefined ? [...this.pending.keys()] : this.pending.has(onlyUri) ? [onlyUri] : [];
        for (const uri of uris) {
            const document = this.pending.get(uri)!;
            this.pending.delete(uri);
            this.referenceIndex.set(uri, this.describeReferences(document));
        }
    }

    private describeReferences(document: LangiumDocument): ReferenceDescription[] {
        const provider = this.serviceRegistry.getServices(document.uri).workspace.ReferenceDescriptionProvider;
        if (!(provider instanceof PlaybookReferenceDescriptionProvider)) {
            throw new Error(`The reference index needs the Playbook reference description provider (${document.uri.toString()}).`);
        }
        return provider.describeReferences(document);
    }
}
