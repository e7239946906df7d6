/**
 * Replaces changed AST nodes and their ancestors by copies, as a parse would give new
 * nodes: caches keyed by a playbook or a deal (its model, symbol table, replay) must see a
 * new node when its content changed. Children, syntax-tree nodes and references of a copy
 * are re-pointed at it; untouched subtrees are kept.
 */
import { isAstNode, isReference, type AstNode, type Linker, type Reference } from 'langium';
import type { CompositeInternals } from './syntax-tree-internals.js';

export class AstNodeCopier {
    constructor(private readonly linker: Linker) {}

    /**
     * Replaces `node` and its ancestors by copies (once each); returns the copy of `node`.
     * `copies` maps each replaced node, and each copy, to the copy: once a node is copied its
     * children name the copy as their container, so a later call for one of them (a second
     * edited name in the same stage) climbs through the copy and must stop there, not copy
     * it again (a copy of a copy would be left out of the tree, and its edit with it).
     */
    copyUpToRoot(node: AstNode, copies: Map<AstNode, AstNode>): AstNode {
        const existing = copies.get(node);
        if (existing) return existing;
        const copy = this.copyNode(node);
        copies.set(node, copy);
        copies.set(copy, copy);
        const parent = node.$container;
        if (parent) {
            const parentCopy = this.copyUpToRoot(parent, copies) as unknown as Record<string, unknown>;
            const property = node.$containerProperty!;
            if (node.$containerIndex === undefined) {
                parentCopy[property] = copy;
            } else {
                (parentCopy[property] as AstNode[])[node.$containerIndex] = copy;
            }
            (copy as { $container?: AstNode }).$container = parentCopy as unknown as AstNode;
            // Copying the parent pointed every child of it at the parent's copy, `node`
            // included, which has now left the tree. Were it left so, an old node still held
            // anywhere (a stand-in parse, an editor request in flight) would keep every later
            // copy alive, one generation per keystroke: the old node's child, then that
            // child's parent's copy, its child, and so on.
            (node as { $container?: AstNode }).$container = parent;
        }
        return copy;
    }

    /** A copy of `node` that its children, its syntax-tree nodes and its references know as theirs. */
    private copyNode(node: AstNode): AstNode {
        const copy = { ...node } as AstNode;
        const record = copy as unknown as Record<string, unknown>;
        for (const key of Object.keys(record)) {
            if (key.charCodeAt(0) === 0x24 /* $ */) continue;
            const value = record[key];
            if (Array.isArray(value)) {
                const items = value.slice();
                for (let i = 0; i < items.length; i++) {
                    const item = items[i];
                    if (isAstNode(item)) (item as { $container?: AstNode }).$container = copy;
                    else if (isReference(item)) items[i] = this.copyReference(copy, key, item);
                }
                record[key] = items;
            } else if (isAstNode(value)) {
                (value as { $container?: AstNode }).$container = copy;
            } else if (isReference(value)) {
                record[key] = this.copyReference(copy, key, value);
            }
        }
        pointSyntaxNodesAt(node.$cstNode as CompositeInternals | undefined, node, copy);
        return copy;
    }

    private copyReference(container: AstNode, property: string, reference: Reference): Reference {
        return this.linker.buildReference(container, property, reference.$refNode, reference.$refText);
    }
}

/** Every syntax-tree node whose AST node was `from` (a rule call chain shares one) now has `to`. */
function pointSyntaxNodesAt(node: CompositeInternals | undefined, from: AstNode, to: AstNode): void {
    if (!node) return;
    if (node._astNode === from) node._astNode = to;
    for (const child of node.content ?? []) {
        if ((child as CompositeInternals)._astNode === from) pointSyntaxNodesAt(child as CompositeInternals, from, to);
    }
}

