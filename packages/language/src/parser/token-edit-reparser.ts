/**
 * Most keystrokes change no token's kind: a letter typed into a name, a string, a number
 * or a comment, a space or a line break. The parser's decisions depend only on the kinds
 * of the tokens, so after such an edit a full parse would build a tree of exactly the same
 * shape, differing only in the values taken from the edited tokens and in positions.
 * Parsing a 5,000-line playbook takes ~30 ms; this service instead re-lexes the text,
 * checks that the token kinds are unchanged, moves every syntax-tree position to its new
 * offset and recomputes the values of the edited tokens, in a few milliseconds.
 *
 * Whatever it cannot be sure of (syntax errors before or after, a token of another kind,
 * a token more or fewer) it declines, and the document is parsed as usual.
 *
 * The nodes whose values change, and their ancestors up to the root, are replaced by
 * copies, as a parse would replace them: caches keyed by a playbook or a deal (its model,
 * symbol table, replay) must see a new node when its content changed.
 */
import {
    GrammarAST, isReference,
    type AstNode, type CstNode, type LangiumCoreServices, type Lexer, type Linker, type ParseResult, type ValueConverter
} from 'langium';
import { AstNodeCopier } from './ast-node-copier.js';
import { detached } from './detached-values.js';
import type { Reparsed } from './reparsed-trees.js';
import {
    firstIndex, isCarriageReturn, mergeByOffset, placeLeaf, shiftLeaves, treeEdit,
    type CompositeInternals
} from './syntax-tree-internals.js';

/** One token whose text changed, with the syntax-tree node its value is assigned from. */
interface EditedValue {
    owner: AstNode;
    assignment: GrammarAST.Assignment;
    /** The leaf, or the node of the data-type rule around it (the grammar has none today; a rule like `QualifiedName returns string: ID ("." ID)*` would be one). */
    assigned: CstNode;
}

export class TokenEditReparser {
    private readonly lexer: Lexer;
    private readonly converter: ValueConverter;
    private readonly linker: Linker;
    private readonly copier: AstNodeCopier;

    constructor(services: LangiumCoreServices) {
        this.lexer = services.parser.Lexer;
        this.converter = services.parser.ValueConverter;
        this.linker = services.references.Linker;
        this.copier = new AstNodeCopier(this.linker);
    }

    /**
     * The parse result of `text`, made from `previous` (the parse result of an earlier text
     * of the same document) when the edit changed no token's kind; `undefined` when the text
     * must be parsed. On success `previous`'s tree is reused and must no longer be used as
     * the earlier text's tree.
     */
    reparse<T extends AstNode>(previous: ParseResult<T>, text: string): Reparsed<T> | undefined {
        if (previous.lexerErrors.length > 0 || previous.parserErrors.length > 0 || (previous.lexerReport?.diagnostics.length ?? 0) > 0) return undefined;
        const edit = treeEdit(previous, text);
        if (!edit) return undefined;
        const { root, oldText, leaves, composites, prefix, oldEnd, delta } = edit;

        // Re-lex a window: from the first token touching the edit to two tokens past it. The
        // first token after the edit must come out as it was (same kind and length, moved by
        // `delta`): from there on the lexer reads the same text as before, so every later
        // token is the old one, moved.
        const first = firstIndex(leaves, leaf => leaf._offset + leaf._length >= prefix);
        // (A token starting right at the edit's end may join the edit: `x` typed before `Lead`.)
        const last = firstIndex(leaves, leaf => leaf._offset > oldEnd, first);
        const windowStart = first < leaves.length ? Math.min(prefix, leaves[first]._offset) : prefix;
        if (isCarriageReturn(text, windowStart - 1)) return undefined;
        const windowEnd = (last + 1 < leaves.length ? leaves[last + 1]._offset + leaves[last + 1]._length : oldText.length) + delta;
        const lexed = this.lexer.tokenize(text.slice(windowStart, windowEnd));
        if (lexed.errors.length > 0 || (lexed.report?.diagnostics.length ?? 0) > 0) return undefined;
        const tokens = mergeByOffset(lexed.tokens, lexed.hidden);
        const replaced = last - first;
        if (last < leaves.length) {
            const resync = tokens[replaced], leaf = leaves[last];
            if (!resync || resync.tokenType !== leaf.tokenType || windowStart + resync.startOffset !== leaf._offset + delta || resync.image.length !== leaf._length) return undefined;
        } else if (tokens.length !== replaced) {
            return undefined;
        }
        const edited: number[] = [];
        for (let i = 0; i < replaced; i++) {
            const leaf = leaves[first + i], token = tokens[i];
            if (leaf.tokenType !== token.tokenType) return undefined;
            if (token.image.length !== leaf._length || !oldText.startsWith(token.image, leaf._offset)) edited.push(first + i);
        }
        const values: EditedValue[] = [];
        for (const i of edited) {
            const value = this.editedValue(leaves[i]);
            if (value === false) return undefined;
            if (value) values.push(value);
        }

        // From here on the old tree becomes the new one.
        root._text = text;
        for (let i = 0; i < replaced; i++) placeLeaf(leaves[first + i], tokens[i], windowStart);
        shiftLeaves(leaves, last, delta);
        for (const composite of composites) composite._rangeCache = undefined;
        const copies = new Map<AstNode, AstNode>();
        for (const value of values) {
            const target = this.copier.copyUpToRoot(value.owner, copies);
            this.assign(target, value);
        }
        const value = (copies.get(previous.value) ?? previous.value) as T;
        const reparsedTree = { previousRoot: previous.value, root: value, copies: [...new Set(copies.values())], parsed: [] };
        return { ...previous, value, reparsedTree };
    }

    /**
     * Where the text of an edited leaf goes: `undefined` when nowhere (a comment, a keyword),
     * `false` when this service cannot update it.
     */
    private editedValue(leaf: CstNode): EditedValue | undefined | false {
        if (leaf.hidden) return undefined;
        const owner = leaf.astNode;
        let node: CstNode | undefined = leaf;
        while (node && node.container && node.container.astNode === owner && (node as CompositeInternals)._astNode === undefined) {
            const assignment = findAssignmentAbove(node.grammarSource);
            if (assignment) {
                if (GrammarAST.isCrossReference(assignment.terminal) && assignment.terminal.isMulti) return false;
                return { owner, assignment, assigned: node };
            }
            node = node.container;
        }
        return undefined;
    }

    /** The value a parse would assign from `assigned`'s current text. */
    private valueOf(assigned: CstNode): unknown {
        if (!('content' in assigned)) {
            return GrammarAST.isKeyword(assigned.grammarSource) ? assigned.text : this.converter.convert(assigned.text, assigned);
        }
        // A data-type rule: the converted texts of its tokens, joined, then converted as a whole.
        let joined = '';
        for (const child of (assigned as CompositeInternals).content) {
            if (child.hidden) continue;
            joined += 'content' in child || !GrammarAST.isKeyword(child.grammarSource)
                ? String(this.valueOf(child))
                : child.text;
        }
        return this.converter.convert(joined, assigned);
    }

    private assign(target: AstNode, { assignment, assigned }: EditedValue): void {
        const record = target as unknown as Record<string, unknown>;
        const property = assignment.feature;
        if (assignment.operator === '?=') return;   // a flag: its token is a keyword, unchanged
        const value = detached(this.valueOf(assigned));
        const isCrossReference = GrammarAST.isCrossReference(assignment.terminal);
        const item = isCrossReference ? this.linker.buildReference(target, property, assigned, String(value)) : value;
        if (assignment.operator === '=') {
            record[property] = item;
            return;
        }
        const list = record[property] as unknown[];
        const index = isCrossReference
            ? list.findIndex(element => isReference(element) && element.$refNode === assigned)
            : assignedNodesOf(target, assignment).indexOf(assigned);
        if (index < 0) throw new Error(`no ${property} value for an edited token`);
        list[index] = item;
    }

}

/** The assignment that a grammar element is part of, if any, within its own rule. */
function findAssignmentAbove(element: GrammarAST.AbstractElement | undefined): GrammarAST.Assignment | undefined {
    for (let at: unknown = element; at && !GrammarAST.isAbstractRule(at); at = (at as GrammarAST.AbstractElement).$container) {
        if (GrammarAST.isAssignment(at)) return at;
    }
    return undefined;
}

/**
 * The nodes assigned to `assignment`'s property of `owner`, in order (for `+=` lists). By
 * property name: `aliases+=STRING (',' aliases+=STRING)*` holds two assignments to one list.
 */
function assignedNodesOf(owner: AstNode, assignment: GrammarAST.Assignment): CstNode[] {
    const found: CstNode[] = [];
    const visit = (node: CstNode): void => {
        for (const child of (node as CompositeInternals).content ?? []) {
            if ((child as CompositeInternals)._astNode !== undefined && (child as CompositeInternals)._astNode !== owner) continue;
            const grammar = child.grammarSource;
            const own = findAssignmentAbove(grammar);
            if (own?.feature === assignment.feature) found.push(child);
            else if ('content' in child) visit(child);
        }
    };
    if (owner.$cstNode) visit(owner.$cstNode);
    return found;
}

