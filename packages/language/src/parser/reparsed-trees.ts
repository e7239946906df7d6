/**
 * What a reparser changed in a document's tree, for the phases after the parse: the linker
 * relinks only what an edit can have changed (linking/playbook-linker.ts) when it knows
 * which nodes are new. A full parse leaves no record: everything is new.
 */
import type { AstNode, LangiumDocument, ParseResult } from 'langium';

/** A parse result made by a reparser, with what it changed. */
export type Reparsed<T extends AstNode> = ParseResult<T> & { readonly reparsedTree: ReparsedTree };

export interface ReparsedTree {
    /** The tree the reparser started from (the previous text's) and the one it gave. */
    readonly previousRoot: AstNode;
    readonly root: AstNode;
    /**
     * Copies of the edited nodes and of their ancestors: new nodes whose own references are
     * new (unresolved); their children that were not copied are the previous tree's nodes.
     */
    readonly copies: readonly AstNode[];
    /** Members parsed anew: new nodes, and every node below them. */
    readonly parsed: readonly AstNode[];
}

/**
 * Every node of `root` that is neither in `copies` nor below one of `parsed` is a node of
 * `previousRoot` with the same content (the reparsers never change a kept node's values,
 * only its place in the text); a node that left the tree keeps its former ancestors, so
 * that it no longer leads to the document's root.
 */
export class ReparsedTrees {
    private readonly trees = new WeakMap<LangiumDocument, ReparsedTree>();

    /** The last reparse of `document`, if its current tree comes from one; it is forgotten. */
    take(document: LangiumDocument): ReparsedTree | undefined {
        const tree = this.trees.get(document);
        this.trees.delete(document);
        return tree && tree.root === document.parseResult.value ? tree : undefined;
    }

    set(document: LangiumDocument, tree: ReparsedTree | undefined): void {
        if (tree) this.trees.set(document, tree);
        else this.trees.delete(document);
    }
}
