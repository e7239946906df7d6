/**
 * Langium's document builder, plus the files whose meaning depends on a workspace-wide
 * name that an edit added or removed.
 *
 * Langium relinks, after an edit, the files with an unresolved reference and those with a
 * reference into an edited file. Playbook and deal names are workspace-wide, so an edit that
 * renames a playbook or a deal (or pastes one in, or deletes one) also changes:
 * - the files with a deal naming a playbook of that name, which may now resolve to another
 *   file: they are linked again;
 * - the files declaring a playbook or deal of that name, which are now, or no longer,
 *   duplicates: they are validated again.
 * Which names changed is only known once the edited files are parsed and indexed, so the
 * build does that first, then adds those files to the same build: the editor never sees a
 * state in which the files disagree.
 */
import {
    DefaultDocumentBuilder, DocumentState,
    type BuildOptions, type Cancellation, type LangiumDocument, type LangiumSharedCoreServices
} from 'langium';
import * as ast from '../generated/ast.js';
import { exportedNameKey, PlaybookIndexManager } from './playbook-index-manager.js';

export class PlaybookDocumentBuilder extends DefaultDocumentBuilder {
    private readonly names: PlaybookIndexManager;

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        if (!(this.indexManager instanceof PlaybookIndexManager)) {
            throw new Error('The Playbook document builder needs the Playbook index manager.');
        }
        this.names = this.indexManager;
    }

    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: Cancellation.CancellationToken): Promise<void> {
        // Langium's first two phases, so that the names the edit changed are known...
        this.prepareBuild(documents, options);
        await this.runCancelable(documents, DocumentState.Parsed, cancelToken, document => this.langiumDocumentFactory.update(document, cancelToken));
        await this.runCancelable(documents, DocumentState.IndexedContent, cancelToken, document => this.indexManager.updateContent(document, cancelToken));
        // ...then every phase (those done are skipped) for these documents and the ones depending on those names.
        await super.buildDocuments(this.withDependents(documents), options, cancelToken);
    }

    /**
     * `documents` and the other documents that depend on a name added or removed since the
     * last call, set back to the state from which they must be built again.
     */
    private withDependents(documents: LangiumDocument[]): LangiumDocument[] {
        const changed = this.names.takeChangedNames();
        if (changed.size === 0) return documents;
        const building = new Set(documents);
        const all = [...documents];
        for (const document of this.langiumDocuments.all) {
            const from = rebuildFrom(document, changed);
            if (from === undefined || document.state <= from) continue;
            this.resetToState(document, from);
            if (!building.has(document)) all.push(document);
        }
        return all;
    }
}

/** The state to build `document` again from when the names `changed` were added or removed, if any. */
function rebuildFrom(document: LangiumDocument, changed: Set<string>): DocumentState | undefined {
    const root = document.parseResult.value;
    if (!ast.isDocument(root)) return undefined;
    let from: DocumentState | undefined;
    for (const element of root.elements) {
        if (ast.isDeal(element) && element.playbook && changed.has(exportedNameKey(ast.Playbook.$type, element.playbook.$refText))) {
            return DocumentState.ComputedScopes;   // linked again (and so validated again)
        }
        if (element.name && changed.has(exportedNameKey(element.$type, element.name))) {
            from = DocumentState.IndexedReferences;   // validated again
        }
    }
    return from;
}
