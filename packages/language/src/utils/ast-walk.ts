/**
 * Plain loops over a syntax tree. Langium's `streamAst` and `streamReferences` build an
 * iterator, a state object and closures per node; on every keystroke the linker, the
 * reference index and the validator each visit all nodes of the document (some 50,000 in a
 * 5,000-line playbook), so these walks use an explicit stack instead.
 */
import { interruptAndCheck, isAstNode, isReference, type AstNode, type Cancellation, type MaybePromise, type Reference } from 'langium';

/** Nodes visited between two chances to notice a cancellation (a newer keystroke). */
const NODES_PER_INTERRUPT_CHECK = 512;

/** Calls `visit` for `root` and every node below it, in document order. */
export function forEachAstNode(root: AstNode, visit: (node: AstNode) => void): void {
    forEachAstNodePruned(root, node => {
        visit(node);
        return true;
    });
}

/**
 * Calls `visit` for `root` and every node below it, in document order, except below the
 * nodes for which `visit` returns false.
 */
export function forEachAstNodePruned(root: AstNode, visit: (node: AstNode) => boolean): void {
    const stack: AstNode[] = [root];
    const children: AstNode[] = [];
    while (stack.length > 0) {
        const node = stack.pop()!;
        if (!visit(node)) continue;
        childNodes(node, children);
        // Pushed in reverse, so that the first child is visited next.
        while (children.length > 0) stack.push(children.pop()!);
    }
}

/** Appends to `into` the nodes held by `node`'s properties, in the order of the properties (as Langium's `streamContents`). */
export function childNodes(node: AstNode, into: AstNode[] = []): AstNode[] {
    for (const key in node) {
        if (key.charCodeAt(0) === 0x24 /* $ */) continue;
        const value = (node as unknown as Record<string, unknown>)[key];
        if (Array.isArray(value)) {
            for (const item of value) {
                if (isAstNode(item)) into.push(item);
            }
        } else if (isAstNode(value)) {
            into.push(value);
        }
    }
    return into;
}

/** Calls `visit` for every cross-reference held directly by `node` (not by its children). */
export function forEachReference(node: AstNode, visit: (reference: Reference, property: string, index: number | undefined) => void): void {
    for (const key in node) {
        if (key.charCodeAt(0) === 0x24 /* $ */) continue;
        const value = (node as unknown as Record<string, unknown>)[key];
        if (Array.isArray(value)) {
            for (let i = 0; i < value.length; i++) {
                if (isReference(value[i])) visit(value[i] as Reference, key, i);
            }
        } else if (isReference(value)) {
            visit(value, key, undefined);
        }
    }
}

/**
 * Calls `visit` for each of `nodes` in turn, giving a newer request (a keystroke) the chance
 * to cancel the work every few hundred nodes rather than at every node, as Langium does.
 */
export async function forEachInterruptibly(nodes: AstNode[], cancelToken: Cancellation.CancellationToken, visit: (node: AstNode) => MaybePromise<void>): Promise<void> {
    for (let start = 0; start < nodes.length; start += NODES_PER_INTERRUPT_CHECK) {
        await interruptAndCheck(cancelToken);
        const end = Math.min(nodes.length, start + NODES_PER_INTERRUPT_CHECK);
        for (let i = start; i < end; i++) {
            const pending = visit(nodes[i]);
            if (pending) await pending;
        }
    }
}
