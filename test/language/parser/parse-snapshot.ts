/**
 * Everything a parse decides, as plain data, to compare a reparsed tree with a parse of
 * the same text: types, values, references, every position, the tree's links, and the
 * syntax errors with their messages and positions.
 */
import { expect } from 'vitest';
import { isAstNode, isReference, type AstNode, type CstNode, type ParseResult } from 'langium';
import { treeOf, type RootInternals } from '../../../packages/language/src/parser/syntax-tree-internals.js';

/** Everything a parse decides, as plain data: types, values, references, positions, and the tree's links. */
export function snapshot(result: ParseResult<AstNode>): unknown {
    const root = result.value;
    const leaves: CstNode[] = [];
    const collect = (node: CstNode): void => {
        if ('content' in node) (node as unknown as { content: CstNode[] }).content.forEach(collect);
        else leaves.push(node);
    };
    collect(root.$cstNode!);
    const leafIndex = new Map(leaves.map((leaf, i) => [leaf, i]));
    const describe = (node: AstNode): unknown => {
        if (node.$cstNode) expect(node.$cstNode.astNode).toBe(node);
        const out: Record<string, unknown> = { $type: node.$type, $range: node.$cstNode?.range, $offset: node.$cstNode?.offset, $text: node.$cstNode?.text };
        for (const [key, value] of Object.entries(node)) {
            if (key.startsWith('$')) continue;
            const one = (item: unknown): unknown => {
                if (isAstNode(item)) {
                    expect(item.$container).toBe(node);
                    return describe(item);
                }
                if (isReference(item)) return { ref: item.$refText, leaf: leafIndex.get(item.$refNode!) ?? `not a leaf: ${item.$refNode?.text}`, range: item.$refNode?.range };
                return item;
            };
            out[key] = Array.isArray(value) ? value.map(one) : one(value);
        }
        return out;
    };
    return {
        tree: describe(root),
        leaves: leaves.map(leaf => [(leaf as CstNode & { tokenType?: { name: string } }).tokenType?.name, leaf.offset, leaf.length, leaf.range, leaf.hidden, leaf.text]),
        // (Offsets: the language's lexer errors carry no lines; the diagnostics place them, see syntax-error-ranges.test.ts.)
        lexerErrors: result.lexerErrors.map(e => [e.offset, e.length, e.message]),
        parserErrors: result.parserErrors.map(e => [e.message, e.token?.startOffset, e.token?.image, (e.resyncedTokens ?? []).map(t => t.startOffset)])
    };
}


/**
 * One step of a typing session: offers `text` to `reparse` with the tree the last step left;
 * when it is taken, the result must equal `parse(text)`. Returns the tree for the next step
 * and whether the reparser took the edit.
 */
export function reparseStep(
    reparse: (previous: ParseResult<AstNode>, text: string) => ParseResult<AstNode> | undefined,
    parse: (text: string) => ParseResult<AstNode>,
    current: ParseResult<AstNode>, text: string, message?: string
): { next: ParseResult<AstNode>; taken: boolean } {
    const reused = reparse(current, text);
    const parsed = parse(text);
    if (reused) {
        expect(snapshot(reused), message).toEqual(snapshot(parsed));
        expectListedAsWalked(reused.value.$cstNode!.root as unknown as RootInternals, message);
    }
    return { next: reused ?? parsed, taken: reused !== undefined };
}

/**
 * The leaves and composite nodes the reparsers keep listed for a tree (spliced after each
 * member reparse, not listed again) are those of a walk of the tree, in the same order.
 */
function expectListedAsWalked(root: RootInternals, message?: string): void {
    const listed = treeOf(root);
    const leaves: CstNode[] = [], composites: CstNode[] = [];
    const walk = (node: CstNode): void => {
        const content = (node as unknown as { content?: CstNode[] }).content;
        if (content === undefined) leaves.push(node);
        else {
            composites.push(node);
            content.forEach(walk);
        }
    };
    walk(root);
    const same = (a: readonly CstNode[], b: readonly CstNode[]) => a.length === b.length && a.every((node, i) => node === b[i]);
    expect(same(listed.leaves, leaves), `${message ?? ''}: the listed leaves are the tree's`).toBe(true);
    expect(same(listed.composites, composites), `${message ?? ''}: the listed composite nodes are the tree's`).toBe(true);
}

/** Every node of a syntax tree, in text order (a composite before its children). */
export function cstNodesInOrder(root: CstNode): CstNode[] {
    const all: CstNode[] = [];
    const stack = [root];
    while (stack.length > 0) {
        const node = stack.pop()!;
        all.push(node);
        if ('content' in node) stack.push(...[...(node as unknown as { content: CstNode[] }).content].reverse());
    }
    return all;
}
