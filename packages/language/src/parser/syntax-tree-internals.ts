/**
 * What the reparsers (token-edit and member) need of Langium's syntax tree: the fields of
 * its nodes they update in place, the leaves of a tree in text order, and positions
 * counted the way the lexer counts them.
 */
import type { IToken, TokenType } from 'chevrotain';
import type { AstNode, CstNode, ParseResult } from 'langium';

/** The internals of the syntax-tree nodes that the reparsers update in place (leaves: offset-leaf-nodes.ts). */
export interface LeafInternals extends CstNode {
    _offset: number; _length: number;
    readonly tokenType: TokenType;
}
export interface CompositeInternals extends CstNode {
    content: CstNode[];
    _astNode?: AstNode;
    _rangeCache?: unknown;
}
export interface RootInternals extends CompositeInternals {
    _text: string;
}

/** The lexer's tokens and its hidden tokens (comments) in text order, as the tree holds them. */
export function mergeByOffset(tokens: IToken[], hidden: IToken[]): IToken[] {
    if (hidden.length === 0) return tokens;
    const merged: IToken[] = new Array(tokens.length + hidden.length);
    let t = 0, h = 0;
    for (let i = 0; i < merged.length; i++) {
        merged[i] = h >= hidden.length || (t < tokens.length && tokens[t].startOffset < hidden[h].startOffset) ? tokens[t++] : hidden[h++];
    }
    return merged;
}

/**
 * The leaves of a syntax tree in text order and its composite nodes. Kept per tree: the
 * token-edit reparser moves leaves without changing the tree's shape, the member reparser
 * forgets the tree whose shape it changes, and a parse makes a new tree.
 */
const trees = new WeakMap<RootInternals, { leaves: LeafInternals[]; composites: CompositeInternals[] }>();

export function treeOf(root: RootInternals): { leaves: LeafInternals[]; composites: CompositeInternals[] } {
    let tree = trees.get(root);
    if (!tree) {
        tree = { leaves: [], composites: [] };
        const stack: CstNode[] = [root];
        while (stack.length > 0) {
            const node = stack.pop()!;
            const content = (node as CompositeInternals).content;
            if (content === undefined) {
                tree.leaves.push(node as LeafInternals);
            } else {
                tree.composites.push(node as CompositeInternals);
                for (let i = content.length - 1; i >= 0; i--) stack.push(content[i]);
            }
        }
        trees.set(root, tree);
    }
    return tree;
}

/** The first index from `from` whose leaf satisfies `test` (which holds for all later ones too), by bisection. */
export function firstIndex(leaves: LeafInternals[], test: (leaf: LeafInternals) => boolean, from = 0): number {
    let low = from, high = leaves.length;
    while (low < high) {
        const middle = (low + high) >>> 1;
        if (test(leaves[middle])) high = middle;
        else low = middle + 1;
    }
    return low;
}

export interface Position { line: number; column: number }

export function isCarriageReturn(text: string, offset: number): boolean {
    return offset >= 0 && text.charCodeAt(offset) === 0x0d;
}

/** The line and column of `to`, counting from `from` at (`line`, `column`); line breaks as the lexer counts them (LF, CRLF, CR). */
export function positionFrom(text: string, from: number, line: number, column: number, to: number): Position {
    let lineStart = from - column;
    for (let i = from; i < to; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
            line++;
            lineStart = i + 1;
        }
    }
    return { line, column: to - lineStart };
}

/** Gives a leaf the place of its token, lexed from `windowStart`; as small integers, as the tree builder writes them. */
export function placeLeaf(leaf: LeafInternals, token: IToken, windowStart: number): void {
    leaf._offset = (windowStart + token.startOffset) | 0;
    leaf._length = token.image.length | 0;
}

/** Moves the leaves from `from` on, which follow the edit, by `delta` characters (lines and columns follow from the text). */
export function shiftLeaves(leaves: LeafInternals[], from: number, delta: number): void {
    for (let i = from; i < leaves.length; i++) {
        const leaf = leaves[i];
        leaf._offset = (leaf._offset + delta) | 0;
    }
}

function commonPrefixLength(a: string, b: string): number {
    const limit = Math.min(a.length, b.length);
    let i = 0;
    // Whole chunks first: comparing two slices is one native comparison, where a loop over
    // the characters of a 240 KB text took half a millisecond on every keystroke.
    while (i + CHUNK <= limit && a.slice(i, i + CHUNK) === b.slice(i, i + CHUNK)) i += CHUNK;
    while (i < limit && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    return i;
}

const CHUNK = 1024;

/** The length of the common end of `a` and `b`, not reaching into their first `prefix` characters. */
function commonSuffixLength(a: string, b: string, prefix: number): number {
    const limit = Math.min(a.length, b.length) - prefix;
    let i = 0;
    while (i + CHUNK <= limit && a.slice(a.length - i - CHUNK, a.length - i) === b.slice(b.length - i - CHUNK, b.length - i)) i += CHUNK;
    while (i < limit && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
    return i;
}

/** Forgets the leaves listed for a tree whose shape changed (a member replaced). */
export function forgetTree(root: RootInternals): void {
    trees.delete(root);
}

/**
 * Updates the lists of a tree in which the subtrees `olds` (consecutive children of one
 * node, whose leaves were at `first` on) were replaced by `news`: a subtree's leaves and
 * composite nodes are consecutive in both lists, so they are spliced, not listed again by a
 * walk of the whole tree (some 100,000 nodes of a 5,000-line file, on every keystroke that
 * parses a member). When the lists do not hold the old subtrees where expected, the tree is
 * forgotten and listed anew when next asked for.
 */
export function replaceSubtrees(root: RootInternals, olds: CompositeInternals[], news: CompositeInternals[], first: number): void {
    const tree = trees.get(root);
    if (!tree) return;
    const oldLeaves: LeafInternals[] = [], oldComposites: CompositeInternals[] = [];
    for (const old of olds) listSubtree(old, oldLeaves, oldComposites);
    const at = tree.composites.indexOf(olds[0]);
    if (at < 0 || !holdsAt(tree.leaves, oldLeaves, first) || !holdsAt(tree.composites, oldComposites, at)) {
        forgetTree(root);
        return;
    }
    const newLeaves: LeafInternals[] = [], newComposites: CompositeInternals[] = [];
    for (const node of news) listSubtree(node, newLeaves, newComposites);
    tree.leaves.splice(first, oldLeaves.length, ...newLeaves);
    tree.composites.splice(at, oldComposites.length, ...newComposites);
}

/** The leaves and composite nodes of a subtree, in text order (composites before their children). */
function listSubtree(node: CstNode, leaves: LeafInternals[], composites: CompositeInternals[]): void {
    const stack: CstNode[] = [node];
    while (stack.length > 0) {
        const next = stack.pop()!;
        const content = (next as CompositeInternals).content;
        if (content === undefined) {
            leaves.push(next as LeafInternals);
        } else {
            composites.push(next as CompositeInternals);
            for (let i = content.length - 1; i >= 0; i--) stack.push(content[i]);
        }
    }
}

function holdsAt<T>(list: readonly T[], part: readonly T[], at: number): boolean {
    if (at + part.length > list.length) return false;
    for (let i = 0; i < part.length; i++) {
        if (list[at + i] !== part[i]) return false;
    }
    return true;
}

/**
 * An edit of a parsed text, as the reparsers see it: the earlier tree (its root, text and
 * leaves) and where the new text differs, old [prefix, oldEnd) having become new
 * [prefix, newEnd).
 */
export interface TreeEdit {
    root: RootInternals;
    oldText: string;
    leaves: LeafInternals[];
    composites: CompositeInternals[];
    prefix: number;
    oldEnd: number;
    newEnd: number;
    delta: number;
}

/** The last edit described per tree, for the next reparser offered the same edit. */
const lastEdits = new WeakMap<RootInternals, { text: string; edit: TreeEdit }>();

/**
 * The edit that turns `previous`'s text into `text`; `undefined` when no reparser may take it:
 * the tree is not a whole parse, or a carriage return next to the edit may pair with a line
 * feed differently after it. The comparison of the two texts is made once per edit however
 * many reparsers are offered it.
 */
export function treeEdit(previous: ParseResult<AstNode>, text: string): TreeEdit | undefined {
    const root = previous.value.$cstNode?.root as RootInternals | undefined;
    if (!root || previous.value.$cstNode !== root) return undefined;
    const oldText = root._text;
    let last = lastEdits.get(root);
    if (last?.text !== text || last.edit.oldText !== oldText) {
        const prefix = commonPrefixLength(oldText, text);
        const suffix = commonSuffixLength(oldText, text, prefix);
        const { leaves, composites } = treeOf(root);
        last = { text, edit: { root, oldText, leaves, composites, prefix, oldEnd: oldText.length - suffix, newEnd: text.length - suffix, delta: text.length - oldText.length } };
        lastEdits.set(root, last);
    }
    const edit = last.edit;
    if (isCarriageReturn(oldText, edit.prefix - 1) || isCarriageReturn(oldText, edit.oldEnd - 1) || isCarriageReturn(text, edit.newEnd - 1)) return undefined;
    return edit;
}
