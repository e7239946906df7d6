/**
 * The workspace index of playbook and deal names, as the language needs it beyond
 * Langium's (lazily built references, see the lazy index manager):
 *
 * - Its files are listed in the order of their URIs. A name declared in two files resolves
 *   to the first, and a duplicate is reported against the first other; Langium lists files
 *   in the order they were last indexed, which in an editor depends on which file was typed
 *   into last. In URI order an editor, the CLI and a fresh check agree, whatever the history.
 * - It records which names an indexing added or removed (a playbook or deal renamed, pasted
 *   over, deleted), so that the document builder can relink and revalidate the other files
 *   whose meaning depends on those names (see the Playbook document builder).
 * - It tells which files link into an edited file from their deals' playbooks alone (see
 *   `isAffected`), without describing their references.
 */
import * as ast from '../generated/ast.js';
import { stream, type AstNodeDescription, type Cancellation, type LangiumDocument, type Stream, type URI } from 'langium';
import { LazyIndexManager } from './lazy-index-manager.js';

/** The key of a workspace-wide name: its kind (AST type) and the name. */
export function exportedNameKey(type: string, name: string): string {
    return `${type}:${name}`;
}

export class PlaybookIndexManager extends LazyIndexManager {
    /** Every URI indexed since it was last deleted, and the same in order (built when needed). */
    private readonly knownUris = new Set<string>();
    private sortedUris: string[] | undefined;
    /** The names a document exported when its content was removed, until it is indexed again. */
    private readonly exportedBefore = new Map<string, Set<string>>();
    /** Names added to or removed from the index since `takeChangedNames` was last called. */
    private readonly changedNames = new Set<string>();
    /** Names declared by the documents indexed since `takeChangedNames` was last called. */
    private readonly indexedNames = new Set<string>();

    override allElements(nodeType?: string, uris?: Set<string>): Stream<AstNodeDescription> {
        this.sortedUris ??= [...this.knownUris].sort();
        return stream(this.sortedUris)
            .filter(uri => this.symbolIndex.has(uri) && (!uris || uris.has(uri)))
            .map(uri => this.getFileDescriptions(uri, nodeType))
            .flat();
    }

    override removeContent(uri: URI): void {
        const key = uri.toString();
        const exported = this.symbolIndex.get(key);
        // The first removal since the last indexing holds what the rest of the workspace last saw.
        if (exported && !this.exportedBefore.has(key)) this.exportedBefore.set(key, namesOf(exported));
        super.removeContent(uri);
    }

    override async updateContent(document: LangiumDocument, cancelToken?: Cancellation.CancellationToken): Promise<void> {
        await super.updateContent(document, cancelToken);
        const key = document.uri.toString();
        if (!this.knownUris.has(key)) {
            this.knownUris.add(key);
            this.sortedUris = undefined;
        }
        const before = this.exportedBefore.get(key) ?? new Set<string>();
        this.exportedBefore.delete(key);
        const after = namesOf(this.symbolIndex.get(key) ?? []);
        for (const name of before) if (!after.has(name)) this.changedNames.add(name);
        for (const name of after) if (!before.has(name)) this.changedNames.add(name);
        for (const name of after) this.indexedNames.add(name);
    }

    /** A deleted document: its names leave the workspace. */
    override remove(uri: URI): void {
        super.remove(uri);
        const key = uri.toString();
        for (const name of this.exportedBefore.get(key) ?? []) this.changedNames.add(name);
        this.exportedBefore.delete(key);
        if (this.knownUris.delete(key)) this.sortedUris = undefined;
    }

    /**
     * Whether `document` holds a link into one of `changedUris`. A file links into another
     * only through its deals' playbooks and its playbooks' bases (`variant of`; the files
     * further along a chain of bases are the document builder's to tell, see `shouldRelink`): every other name in a deal (stages, tasks, fields,
     * outcomes, values) is looked up in the deal's playbook, once that is found, and a
     * playbook names nothing outside its file. So the deals' playbooks tell, in a few
     * steps a file, what the reference index tells once every reference of the file is
     * described: in a workspace of 24 MB, seconds on the first keystroke after it was linked.
     * A deal whose playbook is not found has a linking error, and is linked again anyway.
     */
    override isAffected(document: LangiumDocument, changedUris: Set<string>): boolean {
        const root = document.parseResult.value;
        if (!ast.isDocument(root)) return false;
        for (const element of root.elements) {
            const reference = ast.isDeal(element) ? element.playbook : element.base;
            const target = reference?.$nodeDescription?.documentUri;
            if (target === undefined) continue;
            if (changedUris.has(target.toString())) return true;
        }
        return false;
    }

    /**
     * The keys (see `exportedNameKey`) of the names added or removed since the last call, and
     * of those declared by the documents indexed since (a declaration of the same name in
     * another document is reported with where these are).
     */
    takeChangedNames(): { changed: Set<string>; indexed: Set<string> } {
        const taken = { changed: new Set(this.changedNames), indexed: new Set(this.indexedNames) };
        this.changedNames.clear();
        this.indexedNames.clear();
        return taken;
    }
}

function namesOf(descriptions: readonly AstNodeDescription[]): Set<string> {
    return new Set(descriptions.map(d => exportedNameKey(d.type, d.name)));
}
