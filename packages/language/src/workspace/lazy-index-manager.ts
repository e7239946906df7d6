/**
 * The reference index (which reference points where: find references, rename, and
 * deciding which other files to relink after an edit) built when first asked for rather
 * than on every keystroke. Building it visits every reference of the document, about a
 * sixth of the time between a keystroke and its diagnostics on a large file, and nothing
 * asks for it while an author types.
 *
 * A document's pending entry is dropped whenever the document builder drops its references
 * (`removeReferences` on every re-link), so the index, once built, describes the same
 * links as an eager one would. Which documents an edit affects is not read from this index
 * (see the Playbook index manager's `isAffected`): describing every reference of a large
 * workspace for it cost seconds.
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

    /** Describes the references of the pending documents. */
    private indexPending(): void {
        for (const [uri, document] of this.pending) {
            this.referenceIndex.set(uri, this.describeReferences(document));
        }
        this.pending.clear();
    }

    private describeReferences(document: LangiumDocument): ReferenceDescription[] {
        const provider = this.serviceRegistry.getServices(document.uri).workspace.ReferenceDescriptionProvider;
        if (!(provider instanceof PlaybookReferenceDescriptionProvider)) {
            throw new Error(`The reference index needs the Playbook reference description provider (${document.uri.toString()}).`);
        }
        return provider.describeReferences(document);
    }
}
