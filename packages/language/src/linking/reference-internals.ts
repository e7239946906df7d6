/**
 * What the linker reads of Langium's references and trees to keep links across an edit:
 * the node a reference belongs to, resetting a reference as Langium's `unlink` does, and
 * whether a node is still in its document's tree.
 */
import type { AstNode, MultiReference, Reference } from 'langium';
import * as ast from '../generated/ast.js';

/** The node holding `reference` (Langium's references know it as `node`). */
export function referenceContainer(reference: Reference | MultiReference): AstNode | undefined {
    return (reference as { node?: AstNode }).node;
}

/** Forgets the reference's target, as Langium's `unlink` does: it is resolved again when next linked or read. */
export function resetReference(reference: Reference | MultiReference): void {
    const internals = reference as { _ref?: unknown; _nodeDescription?: unknown; _items?: unknown; _linkingError?: unknown };
    if ('_ref' in internals) {
        internals._ref = undefined;
        delete internals._nodeDescription;
    } else if ('_items' in internals) {
        internals._items = undefined;
        delete internals._linkingError;
    }
}

/**
 * Whether `node` is in the current tree of its document (`root`, or when not given the
 * tree its document holds now). A node an edit replaced may still name as its container a
 * node of the current tree (the copy of its former parent), which no longer holds it: each
 * step up is checked from both ends.
 */
export function isInCurrentTree(node: AstNode, root?: AstNode): boolean {
    let top = node;
    while (top.$container) {
        const parent = top.$container as unknown as Record<string, unknown>;
        const held = parent[top.$containerProperty!];
        if (top.$containerIndex === undefined ? held !== top : !Array.isArray(held) || held[top.$containerIndex] !== top) return false;
        top = top.$container;
    }
    return root !== undefined ? top === root : top.$document?.parseResult.value === top;
}

/**
 * The member of a playbook (stage, field, termination rule, outcome alias) or the deal that
 * holds `node`: the unit an edit replaces. A playbook or a document is its own.
 */
export function memberOf(node: AstNode): AstNode {
    // By the exact type (neither has subtypes): asked for every reference on every keystroke,
    // where the reflection's subtype test cost more than the walk.
    let member = node;
    for (let container = member.$container; container && container.$type !== ast.Playbook.$type && container.$type !== ast.Document.$type; container = member.$container) {
        member = container;
    }
    return member;
}
