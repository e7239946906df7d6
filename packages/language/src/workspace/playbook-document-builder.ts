/**
 * Langium's document builder, plus two things a workspace of many files needs:
 *
 * The files open in the editor first. Langium builds a batch phase by phase: every file is
 * parsed before any is linked, every one linked before any is validated, so in a workspace of
 * a hundred large files the file the author has open showed its diagnostics only after all of
 * them (tens of seconds after opening the folder), and a keystroke into a playbook waited for
 * the deal files naming it to be linked and validated again. Here a build whose batch holds
 * files open in the editor and others takes two rounds:
 * 1. the open files, and the files that may declare a name the open files declare or name
 *    (see `NameMentions`), are parsed and indexed; the open files are then linked and
 *    validated, and their diagnostics published;
 * 2. then, once the editor has sent nothing for `idleMs` (the language server sets it; 0
 *    by default), the rest of the batch goes through every phase, as Langium builds it. A
 *    newer change cancels this round as any build; the next build takes up the files where
 *    they were left. While the author types, the server does not start on a file it could
 *    not leave before the next keystroke (a parse of one file of a large workspace takes a
 *    few hundred milliseconds and cannot be interrupted).
 * The open files' diagnostics are those of a build of the whole batch: a file's meaning
 * depends on other files only through the workspace-wide names it declares or names, and
 * every file that may declare one of those was indexed first.
 *
 * The files whose meaning depends on a workspace-wide name that an edit added or removed.
 * Langium relinks, after an edit, the files with an unresolved reference and those with a
 * reference into an edited file (here: a deal's playbook, a variant's base, or anything
 * along the chain of bases they lead to). Playbook and deal names are workspace-wide, so an edit that
 * renames a playbook or a deal (or pastes one in, or deletes one) also changes:
 * - the files with a deal naming a playbook of that name, which may now resolve to another
 *   file: they are linked again;
 * - the files declaring a playbook or deal of that name, which are now, or no longer,
 *   duplicates: they are validated again.
 * And a file declaring a name that an edited file declares too is validated again: its
 * error says on which line the other declaration is.
 * Which names changed is only known once the edited files are parsed and indexed, so each
 * round does that first, then adds those files to the build: the editor never sees a
 * state in which the files disagree.
 */
import {
    DefaultDocumentBuilder, Deferred, DocumentState, OperationCancelled,
    type AstNode, type BuildOptions, type Cancellation, type LangiumDocument, type LangiumSharedCoreServices, type URI, type ValidationOptions
} from 'langium';
import * as ast from '../generated/ast.js';
import { exportedNameKey, PlaybookIndexManager } from './playbook-index-manager.js';
import { NameMentions } from './name-mentions.js';

export class PlaybookDocumentBuilder extends DefaultDocumentBuilder {
    private readonly names: PlaybookIndexManager;
    private readonly mentions: NameMentions;
    /** The files along the chains of bases of each document, as linked when the current update began (see `update`). */
    private basesBeyond = new Map<string, Set<string>>();
    /** How long the rest of a build waits after the open files were published, for the editor's next change. */
    idleMs = 0;
    /** Set from a change of the editor's until its update begins (see `expectUpdate`). */
    private updateRequested: Deferred<void> | undefined;

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        if (!(this.indexManager instanceof PlaybookIndexManager)) {
            throw new Error('The Playbook document builder needs the Playbook index manager.');
        }
        this.names = this.indexManager;
        this.mentions = new NameMentions(services.workspace.FileSystemProvider, services.workspace.TextDocuments);
        this.onUpdate((changed, deleted) => this.mentions.forget([...changed, ...deleted]));
    }

    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: Cancellation.CancellationToken): Promise<void> {
        this.prepareBuild(documents, options);
        const open = documents.filter(document => document.state < DocumentState.Validated && this.textDocuments?.get(document.uri) !== undefined);
        let rest = documents;
        let dependents: LangiumDocument[] = [];
        if (open.length > 0 && open.length < documents.length) {
            // Round 1: the open files, and what they need of the others.
            await this.parseAndIndex(open, cancelToken);
            const waiting = documents.filter(document => document.state < DocumentState.ComputedScopes && !open.includes(document));
            const needed = await this.mentions.filter(waiting, namesOf(open, this.names));
            await this.parseAndIndex(needed, cancelToken);
            // The bases (`variant of`) the files now parsed name, and theirs in turn, until none is
            // new: a deal's playbook read in round 1 may be a variant whose base has just changed.
            for (let found = [...documents.filter(document => !waiting.includes(document)), ...needed]; found.length > 0;) {
                const rest = waiting.filter(document => !needed.includes(document));
                found = await this.mentions.filter(rest, basesNamed(found));
                await this.parseAndIndex(found, cancelToken);
                needed.push(...found);
            }
            await this.runCancelable(needed, DocumentState.ComputedScopes, cancelToken, async document => {
                const scopeComputation = this.serviceRegistry.getServices(document.uri).references.ScopeComputation;
                document.localSymbols = await scopeComputation.collectLocalSymbols(document, cancelToken);
            });
            // Files depending on a name these changed are set back, and built with the rest.
            dependents = this.withDependents([...open, ...needed]).filter(document => !open.includes(document));
            await super.buildDocuments(open, options, cancelToken);
            rest = documents.filter(document => !open.includes(document) || document.state < DocumentState.Validated);
            // The workspace is as far as its least built file, whatever the open files reached:
            // a request waiting for a state of the workspace, or of a file not open, waits for round 2.
            this.currentState = Math.min(this.currentState, ...[...rest, ...dependents].map(document => document.state));
            if (rest.length > 0 || dependents.length > 0) await this.idle(cancelToken);
        }
        // Round 2 (or the only one): Langium's first two phases, so that the names the edit changed are known...
        const all = [...rest, ...dependents.filter(document => !rest.includes(document))];
        await this.parseAndIndex(all, cancelToken);
        // ...then every phase (those done are skipped) for these documents and the ones depending on those names.
        await super.buildDocuments(this.withDependents(all), options, cancelToken);
        this.mentions.forgetParsed(documents);
    }

    /**
     * A document whose last build was cancelled keeps that build's options, so that the next
     * build goes on where it stopped (as in Langium); here it also gets what the new build
     * asks for. The server's first build reads the workspace without validating it (Langium's
     * initial options), and when the editor's first change cancelled it, the change's build
     * linked the files the first build had begun but did not validate them, then said the
     * workspace was validated: a request waiting for one of them to be validated (code
     * actions, code lenses, the outline) was refused ("Document state ... is
     * IndexedReferences, requiring Validated, but workspace state is already Validated").
     */
    protected override prepareBuild(documents: LangiumDocument[], options: BuildOptions): void {
        super.prepareBuild(documents, options);
        for (const document of documents) {
            const state = this.buildState.get(document.uri.toString());
            if (state && state.options !== options) state.options = unitedOptions(state.options, options);
        }
    }

    /**
     * Whether a file that did not change must be linked again after a change to `changedUris`:
     * Langium relinks every file with a linking error (a name that another file may now
     * declare) and every file linking into a changed one, and looks for errors among all the
     * references of every file on every keystroke (hundreds of milliseconds in a workspace of
     * 24 MB). Only a deal's playbook can be declared by another file; every other name a file
     * uses is looked up in its own file or in its deals' playbooks, which the index manager's
     * `isAffected` checks.
     */
    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        const root = document.parseResult.value;
        if (ast.isDocument(root) && root.elements.some(element => ast.isDeal(element) ? element.playbook?.error !== undefined : element.base?.error !== undefined)) {
            return true;
        }
        if (this.indexManager.isAffected(document, changedUris)) return true;
        const bases = this.basesBeyond.get(document.uri.toString());
        return bases !== undefined && [...bases].some(uri => changedUris.has(uri));
    }

    /**
     * A variant's names are its base's, so a deal of a variant, or a variant of a variant,
     * depends on every file along its chain of bases. Langium sets the files to relink back
     * one by one, unlinking each, so the chains are read before, while every link holds.
     */
    override async update(changed: URI[], deleted: URI[], cancelToken?: Cancellation.CancellationToken): Promise<void> {
        this.basesBeyond = this.chainsOfBases();
        // Before anything is awaited (Langium first looks for the documents under each URI):
        // from here on a request about a changed document waits for its new build. Only the
        // state is set here; Langium's update sets the document back (unlinking it) once, as
        // the linker expects: a second unlink would drop the links it keeps across a keystroke.
        for (const uri of changed) {
            const document = this.langiumDocuments.getDocument(uri);
            if (document && document.state > DocumentState.Changed) document.state = DocumentState.Changed;
        }
        this.currentState = DocumentState.Changed;
        const requested = this.updateRequested;
        this.updateRequested = undefined;
        requested?.resolve();
        return super.update(changed, deleted, cancelToken);
    }

    /**
     * The editor changed documents (`didChange`, `didOpen`, `didClose`, files on disk): their
     * update waits in the workspace lock until the build it cancels has stopped, and until it
     * begins, those documents still look built. A request answered then (a code action, a
     * code lens) would be answered on the text before the change; requests wait for the
     * update to begin (see `waitUntil`).
     */
    expectUpdate(): void {
        this.updateRequested ??= new Deferred<void>();
    }

    /** No update will come (the workspace could not be read): requests no longer wait for one. */
    forgetExpectedUpdate(): void {
        this.updateRequested?.resolve();
        this.updateRequested = undefined;
    }

    override waitUntil(state: DocumentState, cancelToken?: Cancellation.CancellationToken): Promise<void>;
    override waitUntil(state: DocumentState, uri?: URI, cancelToken?: Cancellation.CancellationToken): Promise<URI>;
    override waitUntil(state: DocumentState, uriOrToken?: URI | Cancellation.CancellationToken, cancelToken?: Cancellation.CancellationToken): Promise<URI | void> {
        const wait = (): Promise<URI | void> => super.waitUntil(state, uriOrToken as URI, cancelToken);
        const requested = this.updateRequested;
        return requested ? requested.promise.then(wait) : wait();
    }

    /** For each document, the files of the bases beyond its deals' playbooks and its playbooks' own bases. */
    private chainsOfBases(): Map<string, Set<string>> {
        const chains = new Map<string, Set<string>>();
        for (const document of this.langiumDocuments.all) {
            const root = document.parseResult.value;
            if (!ast.isDocument(root)) continue;
            let uris: Set<string> | undefined;
            for (const element of root.elements) {
                const seen = new Set<AstNode>();
                // (`$nodeDescription`, not `ref`: reading a link must not make one.)
                let node = (ast.isDeal(element) ? element.playbook : element.base)?.$nodeDescription?.node;
                while (ast.isPlaybook(node) && !seen.has(node)) {
                    seen.add(node);
                    const base = node.base?.$nodeDescription;
                    if (!base) break;
                    (uris ??= new Set()).add(base.documentUri.toString());
                    node = base.node;
                }
            }
            if (uris) chains.set(document.uri.toString(), uris);
        }
        return chains;
    }

    /** Resolves after `idleMs`; rejects as soon as the build is cancelled. */
    private idle(cancelToken: Cancellation.CancellationToken): Promise<void> {
        if (this.idleMs <= 0) return Promise.resolve();
        if (cancelToken.isCancellationRequested) return Promise.reject(OperationCancelled);
        return new Promise((resolve, reject) => {
            const listener = cancelToken.onCancellationRequested(() => {
                clearTimeout(timer);
                reject(OperationCancelled);
            });
            const timer = setTimeout(() => {
                listener.dispose();
                resolve();
            }, this.idleMs);
        });
    }

    private async parseAndIndex(documents: LangiumDocument[], cancelToken: Cancellation.CancellationToken): Promise<void> {
        await this.runCancelable(documents, DocumentState.Parsed, cancelToken, document => this.langiumDocumentFactory.update(document, cancelToken));
        await this.runCancelable(documents, DocumentState.IndexedContent, cancelToken, document => this.indexManager.updateContent(document, cancelToken));
    }

    /**
     * `documents` and the other documents that depend on a name added or removed since the
     * last call, set back to the state from which they must be built again.
     */
    private withDependents(documents: LangiumDocument[]): LangiumDocument[] {
        const { changed, indexed } = this.names.takeChangedNames();
        if (changed.size === 0 && indexed.size === 0) return documents;
        const building = new Set(documents);
        const all = [...documents];
        for (const document of this.langiumDocuments.all) {
            const from = rebuildFrom(document, changed, building.has(document) ? new Set() : indexed);
            if (from === undefined || document.state <= from) continue;
            this.resetToState(document, from);
            if (!building.has(document)) all.push(document);
        }
        return all;
    }
}

/** Options that do whatever either of `kept` and `next` does: link if either links, run the checks of both. */
function unitedOptions(kept: BuildOptions, next: BuildOptions): BuildOptions {
    return {
        ...kept,
        ...next,
        eagerLinking: (kept.eagerLinking ?? true) || (next.eagerLinking ?? true),
        validation: unitedValidation(kept.validation, next.validation)
    };
}

function unitedValidation(kept: BuildOptions['validation'], next: BuildOptions['validation']): boolean | ValidationOptions | undefined {
    if (!kept) return next;
    if (!next) return kept;
    if (kept === true || next === true) return true;
    // No categories means every category.
    const categories = kept.categories && next.categories ? [...new Set([...kept.categories, ...next.categories])] : undefined;
    return { ...kept, ...next, categories };
}

/** The workspace-wide names the parsed and indexed `documents` declare or name. */
function namesOf(documents: LangiumDocument[], index: PlaybookIndexManager): Set<string> {
    const uris = new Set(documents.map(document => document.uri.toString()));
    const names = new Set(index.allElements(undefined, uris).map(description => description.name));
    for (const document of documents) {
        const root = document.parseResult.value;
        if (!ast.isDocument(root)) continue;
        for (const element of root.elements) {
            if (ast.isDeal(element) && element.playbook) names.add(element.playbook.$refText);
            if (ast.isPlaybook(element) && element.base) names.add(element.base.$refText);
        }
    }
    return names;
}

/** The bases (`variant of`) the playbooks of the parsed `documents` name. */
function basesNamed(documents: LangiumDocument[]): Set<string> {
    const names = new Set<string>();
    for (const document of documents) {
        const root = document.parseResult.value;
        if (!ast.isDocument(root)) continue;
        for (const element of root.elements) {
            if (ast.isPlaybook(element) && element.base) names.add(element.base.$refText);
        }
    }
    return names;
}

/**
 * The state to build `document` again from when the names `changed` were added or removed
 * and the names `indexed` declared again by other documents, if any.
 */
function rebuildFrom(document: LangiumDocument, changed: Set<string>, indexed: Set<string>): DocumentState | undefined {
    const root = document.parseResult.value;
    if (!ast.isDocument(root)) return undefined;
    let from: DocumentState | undefined;
    for (const element of root.elements) {
        const named = ast.isDeal(element) ? element.playbook : element.base;
        if (named && changed.has(exportedNameKey(ast.Playbook.$type, named.$refText))) {
            return DocumentState.ComputedScopes;   // linked again (and so validated again)
        }
        const key = element.name ? exportedNameKey(element.$type, element.name) : undefined;
        if (key !== undefined && (changed.has(key) || indexed.has(key))) {
            from = DocumentState.IndexedReferences;   // validated again
        }
    }
    return from;
}
