/**
 * Linking errors in words a sales-ops author understands, with a "did you mean" when a
 * declared name is one typo away.
 */
import {
    Cancellation, DefaultLinker, DocumentState, isAstNode,
    type AstNode, type AstNodeDescription, type LangiumDocument, type TextDocumentProvider, type LinkingError, type MultiReference, type Reference, type ReferenceInfo, type Scope
} from 'langium';
import * as ast from '../generated/ast.js';
import type { PlaybookServices } from '../playbook-module.js';
import type { ReparsedTree, ReparsedTrees } from '../parser/reparsed-trees.js';
import type { DeclarationSignatures } from '../scoping/declaration-signatures.js';
import { owningPlaybook } from '../scoping/playbook-scope-provider.js';
import type { PlaybookSymbolTables } from '../scoping/playbook-symbols.js';
import { resolvePlaybook } from '../scoping/playbook-variants.js';
import { forEachAstNode, forEachAstNodeInterruptibly, forEachReference } from '../utils/ast-walk.js';
import { NameSuggester } from '../utils/did-you-mean.js';
import { isInCurrentTree, memberOf, referenceContainer, resetReference } from './reference-internals.js';

/** What the linker remembers of a document between two links. */
interface LinkState {
    /** Whether the last link went through every reference (a cancelled one did not). */
    complete: boolean;
    /**
     * The tree of the last complete link, and the declarations it resolved names against.
     * Held weakly: after a full parse nothing else holds the old tree, and a strong hold kept
     * a whole second tree in memory until the next link (the reparse that starts from it holds
     * it itself while it matters).
     */
    linkedRoot?: WeakRef<AstNode>;
    signature?: string;
    /** How many documents had been indexed at the last complete link. */
    indexedAtLink: number;
    /** The references of the last complete link, after the document was set back to be linked again. */
    stale?: Array<Reference | MultiReference>;
    /** The editor's version of the text at the last complete link (none for a file not open). */
    linkedVersion?: number;
}

const NO_NAMES: ReadonlySet<string> = new Set();

const KIND_NAMES: Record<string, string> = {
    [ast.Playbook.$type]: 'playbook',
    [ast.Stage.$type]: 'stage',
    [ast.Task.$type]: 'task',
    [ast.Field.$type]: 'field',
    [ast.EnumValue.$type]: 'enum value',
    [ast.ValueSymbol.$type]: 'field or enum value',
    [ast.Terminate.$type]: 'outcome'
};

export class PlaybookLinker extends DefaultLinker {
    /** Per scope (scopes are cached per playbook and per build): many unresolved names in a large workspace each cost a lookup, not a pass over every name. */
    private readonly suggesters = new WeakMap<Scope, NameSuggester<AstNodeDescription>>();
    private readonly symbolTables: PlaybookSymbolTables;

    private readonly reparsedTrees: ReparsedTrees;
    private readonly signatures: DeclarationSignatures;
    private readonly states = new WeakMap<LangiumDocument, LinkState>();
    private readonly textDocuments: TextDocumentProvider | undefined;
    /** Documents indexed so far (each indexing may change what a name of another document means), and the last one. */
    private indexed = 0;
    private lastIndexed: LangiumDocument | undefined;

    constructor(services: PlaybookServices) {
        super(services);
        this.symbolTables = services.references.PlaybookSymbolTables;
        this.reparsedTrees = services.parser.ReparsedTrees;
        this.signatures = services.references.DeclarationSignatures;
        this.textDocuments = services.shared.workspace.TextDocuments;
        const builder = services.shared.workspace.DocumentBuilder;
        builder.onDocumentPhase(DocumentState.IndexedContent, document => {
            this.indexed++;
            this.lastIndexed = document;
        });
        // A deleted document takes its names out of the index without an indexing.
        builder.onUpdate((_changed, deleted) => { if (deleted.length > 0) this.indexed += 2; });
    }

    /**
     * Links every reference of the document, as Langium's linker does, but with a plain
     * loop: the default awaits once per node, which costs more than the linking itself.
     *
     * After a keystroke that a reparser applied to the tree (the common case), only what the
     * edit can have changed is linked again, when the declarations are those of the last
     * link (see `DeclarationSignatures`) and no other document changed since: the references
     * of the new nodes, those whose target left the tree (a replaced stage: the references
     * to it and its tasks resolve to the new one, in the same place), and every reference of
     * a member holding a new node (an enum value's or a field's meaning in a condition
     * depends on its neighbours). Every other reference keeps its target.
     *
     * The same holds when the declarations differ only by tasks added, removed or renamed
     * and stages renamed in place (a new task's name being typed: `nameDelta`), for every
     * reference to another name: those to a changed name are linked again, and so are the
     * unresolved ones, whose "did you mean" reads every declared name.
     */
    override async link(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        const state = this.stateOf(document);
        const root = document.parseResult.value;
        const tree = this.reparsedTrees.take(document);
        // (Only an editor's documents are linked again after an edit: a check from the command
        // line links each once, and would only hold the signature, a text as long as the declarations.)
        const signature = ast.isDocument(root) && this.textDocuments !== undefined ? this.signatures.ofDocument(root) : undefined;
        const stale = state.stale;
        state.stale = undefined;
        const changedNames = signature === undefined || state.signature === undefined ? undefined
            : signature === state.signature ? NO_NAMES : this.signatures.nameDelta(state.signature, signature);
        if (stale && tree && tree.previousRoot === state.linkedRoot?.deref() && changedNames !== undefined
            && this.indexed === state.indexedAtLink + 1 && this.lastIndexed === document) {
            this.linkEdited(document, stale, tree, changedNames);
        } else {
            if (stale) stale.forEach(resetReference);
            await forEachAstNodeInterruptibly(root, cancelToken, container => {
                forEachReference(container, (reference, property, index) => this.doLink({ reference, container, property, index }, document));
                return true;
            });
        }
        state.complete = true;
        state.linkedRoot = new WeakRef(root);
        state.signature = signature;
        state.indexedAtLink = this.indexed;
        state.linkedVersion = this.textDocuments?.get(document.uri)?.version;
    }

    /**
     * Sets the document back to be linked again. When the editor changed its text since a
     * complete link, the references are kept, with their targets, until the next link
     * decides which still hold; otherwise they are reset, as Langium does. A file linked
     * again because another changed (a variant's base, a deal's playbook) keeps nothing: it
     * is linked whole (see `link`), and until then another file's linking may read its links
     * (a deal reads its playbook's base), which must then be resolved anew, not the old ones.
     */
    override unlink(document: LangiumDocument): void {
        const state = this.stateOf(document);
        const version = this.textDocuments?.get(document.uri)?.version;
        if (state.complete && !state.stale && version !== undefined && version !== state.linkedVersion) {
            state.stale = document.references;
            document.references = [];
        } else {
            state.stale?.forEach(resetReference);
            state.stale = undefined;
            super.unlink(document);
        }
        state.complete = false;
    }

    /** Links after a reparse that kept the declarations: see `link`. Synchronous, so never left half done. */
    private linkEdited(document: LangiumDocument, stale: Array<Reference | MultiReference>, tree: ReparsedTree, changedNames: ReadonlySet<string>): void {
        const root = tree.root;
        const fresh = new Set<AstNode>([...tree.copies, ...tree.parsed]);
        const again: Array<{ reference: Reference | MultiReference; container: AstNode }> = [];
        // Whether a node is in the current tree. A member the edit did not touch holds the same
        // subtree as before: its nodes are in the tree when it is, asked once per member (a
        // 5,000-line playbook has some 10,000 references, in a few hundred members).
        const keptMembers = new Map<AstNode, boolean>();
        const inTree = (node: AstNode, member: AstNode, of?: AstNode): boolean => {
            if (member === node || fresh.has(member)) return isInCurrentTree(node, of);
            let held = keptMembers.get(member);
            if (held === undefined) keptMembers.set(member, held = isInCurrentTree(member));
            return held;
        };
        for (const reference of stale) {
            const container = referenceContainer(reference);
            const member = container && memberOf(container);
            if (!container || !member || !inTree(container, member, root)) {
                resetReference(reference);                       // it left the tree with its node
                continue;
            }
            const target = (reference as { _ref?: unknown })._ref;
            const renamed = changedNames.size > 0 && (!isAstNode(target) || changedNames.has(reference.$refText));
            if (renamed || fresh.has(member) || (isAstNode(target) && !inTree(target, memberOf(target)))) {
                resetReference(reference);
                again.push({ reference, container });
            } else {
                document.references.push(reference);
            }
        }
        for (const { reference, container } of again) {
            const property = (reference as { property?: string }).property!;
            const value = (container as unknown as Record<string, unknown>)[property];
            const index = Array.isArray(value) ? value.indexOf(reference) : undefined;
            this.doLink({ reference, container, property, index }, document);
        }
        for (const copy of tree.copies) {
            forEachReference(copy, (reference, property, index) => this.doLink({ reference, container: copy, property, index }, document));
        }
        for (const member of tree.parsed) {
            forEachAstNode(member, container => {
                forEachReference(container, (reference, property, index) => this.doLink({ reference, container, property, index }, document));
            });
        }
    }

    private stateOf(document: LangiumDocument): LinkState {
        let state = this.states.get(document);
        if (!state) {
            state = { complete: false, indexedAtLink: -2 };
            this.states.set(document, state);
        }
        return state;
    }

    override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): LinkingError {
        const error = super.createLinkingError(refInfo, targetDescription);
        const referenceType = this.reflection.getReferenceType(refInfo);
        const name = refInfo.reference.$refText;
        const kind = KIND_NAMES[referenceType] ?? referenceType;
        let message: string;
        if (referenceType === ast.Playbook.$type) {
            message = `No playbook named '${name}' in the workspace.`;
        } else if (isDrop(refInfo.container)) {
            const base = resolvePlaybook(refInfo.container.$container).base?.playbook;
            message = base
                ? `${base.name} has no ${kind} named '${name}' to drop.`
                : `Nothing to drop: the base playbook '${refInfo.container.$container.base?.$refText ?? ''}' is not found.`;
        } else {
            const playbook = owningPlaybook(refInfo.container);
            message = playbook
                // (A playbook whose name did not parse is still the one the reference is in.)
                ? `${playbook.name ? `Playbook ${playbook.name}` : 'The playbook'} has no ${kind} named '${name}'.`
                : `Unknown ${kind} '${name}': the deal's playbook could not be found.`;
        }
        // (Not for a playbook's name: resolving the variant would need the very reference being linked.)
        const target = isDrop(refInfo.container) || referenceType === ast.Playbook.$type ? undefined : owningPlaybook(refInfo.container);
        const dropped = target && droppedDeclaration(target, referenceType, name);
        if (dropped) {
            message += ` ${target.name || 'It'} drops it: ${dropped}.`;
        }
        const suggestion = this.suggest(refInfo, name);
        if (suggestion) {
            message += ` Did you mean '${suggestion}'?`;
        }
        return { ...error, message };
    }

    private suggest(refInfo: ReferenceInfo, name: string): string | undefined {
        try {
            const scope = this.scopeProvider.getScope(refInfo);
            let suggester = this.suggesters.get(scope);
            if (!suggester) {
                suggester = new NameSuggester(scope.getAllElements().map(d => [d.name, d] as const));
                this.suggesters.set(scope, suggester);
            }
            const gate = refInfo.container;
            if (ast.isGate(gate)) {
                // A gate may only require tasks of its own stage or an earlier one: suggest no other.
                const positions = this.symbolTables.get(gate.$container.$container).stagePositions;
                const last = positions.get(gate.$container) ?? -1;
                return suggester.closest(name, d => ast.isTask(d.node) && (positions.get(d.node.$container) ?? Infinity) <= last);
            }
            return suggester.closest(name);
        } catch {
            return undefined;
        }
    }
}

function isDrop(node: AstNode): node is ast.DropStages | ast.DropFields | ast.DropTerminations {
    return ast.isDropStages(node) || ast.isDropFields(node) || ast.isDropTerminations(node);
}

/** How a name a variant no longer has was dropped: `drop stage Presentation`, with the task's stage when a stage took it along. */
export function droppedDeclaration(playbook: ast.Playbook, referenceType: string, name: string): string | undefined {
    const changes = resolvePlaybook(playbook).changes;
    switch (referenceType) {
        case ast.Stage.$type:
            return changes.droppedStages.some(s => s.name === name) ? `drop stage ${name}` : undefined;
        case ast.Task.$type: {
            const stage = changes.droppedStages.find(s => s.tasks.some(t => t.name === name));
            if (stage) return `drop stage ${stage.name}, which holds it`;
            const replaced = changes.replacedStages.find(([own, base]) => base.tasks.some(t => t.name === name) && !own.tasks.some(t => t.name === name));
            return replaced ? `its stage ${replaced[0].name} replaces the base's and has no such task` : undefined;
        }
        case ast.Field.$type:
        case ast.ValueSymbol.$type:
            return changes.droppedFields.some(f => f.name === name) ? `drop field ${name}` : undefined;
        case ast.Terminate.$type:
            return changes.droppedTerminations.some(t => t.name === name) ? `drop terminate ${name}` : undefined;
        default:
            return undefined;
    }
}
