/**
 * Plain loops over a syntax tree. Langium's `streamAst` and `streamReferences` build an
 * iterator, a state object and closures per node; on every keystroke the linker, the
 * reference index and the validator each visit all nodes of the document (some 50,000 in a
 * 5,000-line playbook), so these walks use an explicit stack instead.
 */
import { interruptAndCheck, isAstNode, isReference, type AstNode, type Cancellation, type MaybePromise, type Reference } from 'langium';

/** Nodes visited between two chances to notice a cancellation (a newer keystroke). */
export const NODES_PER_INTERRUPT_CHECK = 512;

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
 * Calls `visit` for `root` and every node below it, in document order, except below the
 * nodes for which it returns (or resolves to) false, giving a newer request the chance to
 * cancel the work every few hundred nodes. The nodes are not listed first: a 1,000,000-line
 * file has some 3.5 million, and their list (with the copies left behind as it grew) would
 * stay in the heap until the next full collection.
 */
export async function forEachAstNodeInterruptibly(root: AstNode, cancelToken: Cancellation.CancellationToken, visit: (node: AstNode) => MaybePromise<boolean>): Promise<void> {
    const stack: AstNode[] = [root];
    const children: AstNode[] = [];
    let sinceInterrupt = NODES_PER_INTERRUPT_CHECK;
    while (stack.length > 0) {
        if (++sinceInterrupt >= NODES_PER_INTERRUPT_CHECK) {
            sinceInterrupt = 0;
            await interruptAndCheck(cancelToken);
        }
        const node = stack.pop()!;
        const visited = visit(node);
        if (!(typeof visited === 'boolean' ? visited : await visited)) continue;
        childNodes(node, children);
        while (children.length > 0) stack.push(children.pop()!);
    }
}
