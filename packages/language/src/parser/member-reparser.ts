/**
 * After an edit that adds or removes tokens (writing a new line, and the syntax errors of
 * the half-written line), parses again only the playbook stage or the deal the edit lies in,
 * not the whole document: a stage of a 5,000-line playbook is some 20 lines.
 *
 * The result must be what a parse of the whole text gives. The stage is parsed at its own
 * offset, line and column, inside a stand-in playbook (`playbook x { <stage> }`, padded with
 * white space), so that the parser descends through the same rules as in the whole text and
 * Chevrotain recovers from a syntax error the same way: by the follow sets of the rules being
 * parsed. What lies after the member is the only difference, so the result is kept only when
 * nothing depended on it:
 * - the edit lies between the member's first token and its closing brace, and the text
 *   after the member lexes as before;
 * - the earlier tree's syntax errors were all inside the member, before its closing brace
 *   (the rest of the tree is then the parse of the rest of the text);
 * - the stand-in parse yields exactly one member spanning the whole text of the member and
 *   ending with its closing brace, and each syntax error in it, with the tokens its recovery
 *   skipped, lies before that brace (the parser never looked past it).
 * Otherwise the document is parsed as usual.
 */
import { GrammarAST, type AstNode, type CstNode, type LangiumCoreServices, type LangiumParser, type Lexer, type ParseResult } from 'langium';
import type { ILexingError, IRecognitionException, IToken } from 'chevrotain';
import * as ast from '../generated/ast.js';
import { AstNodeCopier } from './ast-node-copier.js';
import {
    firstIndex, forgetTree, isCarriageReturn, mergeByOffset, positionFrom, shiftLeaves, textChange, treeOf,
    type CompositeInternals, type LeafInternals, type RootInternals
} from './syntax-tree-internals.js';

/** A member that can be parsed alone, and the stand-in text around it. */
interface Member {
    node: ast.Stage | ast.Deal;
    cst: CompositeInternals;
    /** Text before the member (then padded to its offset) and after it. */
    before: string;
    after: string;
}

/** The name of the stand-in playbook around a stage. */
const STAND_IN = 'x';

export class MemberReparser {
    private readonly parser: LangiumParser;
    private readonly lexer: Lexer;
    private readonly copier: AstNodeCopier;

    constructor(services: LangiumCoreServices) {
        this.parser = services.parser.LangiumParser;
        this.lexer = services.parser.Lexer;
        this.copier = new AstNodeCopier(services.references.Linker);
    }

    /**
     * The parse result of `text`, made from `previous` (the parse result of an earlier text
     * of the same document) by parsing only the member the edit lies in; `undefined` when
     * the whole text must be parsed. On success `previous`'s tree is reused and must no
     * longer be used as the earlier text's tree.
     */
    reparse<T extends AstNode>(previous: ParseResult<T>, text: string): ParseResult<T> | undefined {
        if ((previous.lexerReport?.diagnostics.length ?? 0) > 0) return undefined;
        const root = previous.value.$cstNode?.root as RootInternals | undefined;
        if (!root || previous.value.$cstNode !== root) return undefined;
        const oldText = root._text;
        const { leaves } = treeOf(root);
        const { prefix, oldEnd, newEnd, delta } = textChange(oldText, text);
        if (isCarriageReturn(oldText, prefix - 1) || isCarriageReturn(oldText, oldEnd - 1) || isCarriageReturn(text, newEnd - 1)) return undefined;

        // The member around the edit, its leaves [first, last] and its closing brace.
        const touched = firstIndex(leaves, leaf => leaf._offset + leaf._length > prefix);
        const member = touched < leaves.length ? memberAround(leaves[touched]) : undefined;
        if (!member) return undefined;
        const first = firstIndex(leaves, leaf => leaf._offset >= member.cst.offset - leadingHiddenLength(member.cst));
        const last = firstIndex(leaves, leaf => leaf._offset >= member.cst.end) - 1;
        const brace = leaves[last];
        if (!brace || brace.container !== member.cst || !isClosingBrace(brace)) return undefined;
        const opening = member.cst.content.find(child => !child.hidden);
        if (!opening || prefix < opening.end || oldEnd > brace._offset) return undefined;
        const start = leaves[first]._offset;
        if (isCarriageReturn(oldText, start - 1)) return undefined;
        if (!errorsWithin(previous, start, brace._offset)) return undefined;

        // The member's text must lex the same alone as within the whole text (nothing after it,
        // such as the end of a comment opened inside it, changes its tokens), and the text
        // after it as before: the closing brace and the next token unchanged.
        const newBrace = brace._offset + delta;
        const next = leaves[last + 1];
        const windowEnd = next ? next._offset + next._length + delta : text.length;
        const memberText = text.slice(start, newBrace + 1);
        const alone = this.lexer.tokenize(memberText);
        const within = this.lexer.tokenize(text.slice(start, windowEnd));
        const aloneTokens = mergeByOffset(alone.tokens, alone.hidden);
        const withinTokens = mergeByOffset(within.tokens, within.hidden);
        if (!sameTokens(aloneTokens, withinTokens, aloneTokens.length) || !sameErrors(alone.errors, within.errors.filter(e => e.offset <= memberText.length - 1))) return undefined;
        const closing = withinTokens[aloneTokens.length - 1], following = withinTokens[aloneTokens.length];
        if (!closing || closing.image !== '}' || closing.startOffset !== memberText.length - 1) return undefined;
        if (next && (!following || following.tokenType !== next.tokenType || following.startOffset + start !== next._offset + delta || following.image.length !== next._length)) return undefined;

        // The member alone, at its own offset, line and column, in its stand-in context.
        const stand = standInText(member, memberText, start, leaves[first]._startLine, leaves[first]._startColumn);
        if (stand === undefined) return undefined;
        const result = this.parser.parse(stand);
        const parsed = onlyMember(result.value as unknown as ast.Document, member.node.$type);
        if (!parsed || (result.lexerReport?.diagnostics.length ?? 0) > 0) return undefined;
        const parsedLeaves = leavesOf(parsed.$cstNode as CompositeInternals);
        const parsedBrace = parsedLeaves[parsedLeaves.length - 1];
        if (parsedLeaves[0]?.offset !== start || !parsedBrace || parsedBrace.offset !== newBrace || !isClosingBrace(parsedBrace) || parsedBrace.container !== parsed.$cstNode) return undefined;
        if (!errorsWithin(result, start, newBrace)) return undefined;

        // From here on the old tree becomes the new one.
        root._text = text;
        const editEnd = positionFrom(oldText, start, leaves[first]._startLine, leaves[first]._startColumn, oldEnd);
        const newEditEnd = positionFrom(text, start, leaves[first]._startLine, leaves[first]._startColumn, newEnd);
        shiftLeaves(leaves, last + 1, delta, editEnd.line, newEditEnd.line - editEnd.line, newEditEnd.column - editEnd.column);
        const container = member.cst.container as CompositeInternals;
        container.content[container.content.indexOf(member.cst)] = parsed.$cstNode!;
        (parsed.$cstNode as { container?: CstNode }).container = container;
        forgetTree(root);
        for (const composite of treeOf(root).composites) composite._rangeCache = undefined;

        const copies = new Map<AstNode, AstNode>();
        const owner = this.copier.copyUpToRoot(member.node.$container, copies) as unknown as Record<string, AstNode[]>;
        const property = member.node.$containerProperty!, index = member.node.$containerIndex!;
        owner[property][index] = parsed;
        Object.assign(parsed, { $container: owner, $containerProperty: property, $containerIndex: index });
        return {
            value: copies.get(previous.value) as T,
            lexerErrors: result.lexerErrors,
            lexerReport: result.lexerReport,
            parserErrors: result.parserErrors
        };
    }
}

/** The stage (of a playbook) or the deal whose syntax tree holds `leaf`. */
function memberAround(leaf: CstNode): Member | undefined {
    for (let node: CstNode | undefined = leaf; node; node = node.container) {
        const astNode: AstNode | undefined = (node as CompositeInternals)._astNode;
        if (astNode && node === astNode.$cstNode) {
            if (ast.isStage(astNode) && ast.isPlaybook(astNode.$container)) {
                return { node: astNode, cst: node as CompositeInternals, before: `playbook ${STAND_IN} {`, after: '\n}' };
            }
            if (ast.isDeal(astNode)) {
                return { node: astNode, cst: node as CompositeInternals, before: '', after: '' };
            }
        }
    }
    return undefined;
}

/** The length of the comments that a member's syntax tree holds before its first token. */
function leadingHiddenLength(cst: CompositeInternals): number {
    const firstToken = cst.content.find(child => !child.hidden);
    const firstChild = cst.content[0];
    return firstToken && firstChild ? firstToken.offset - firstChild.offset : 0;
}

function isClosingBrace(leaf: CstNode): boolean {
    return GrammarAST.isKeyword(leaf.grammarSource) && leaf.grammarSource.value === '}';
}

/**
 * `text` (the member) at `offset`, line `line`, column `column`, inside its stand-in
 * context; `undefined` when the text before the member is too short to hold the context.
 */
function standInText(member: Member, text: string, offset: number, line: number, column: number): string | undefined {
    const padding = offset - member.before.length - (line > 0 ? line + column : 0);
    if (padding < 0 || (line === 0 && column !== offset)) return undefined;
    return member.before + ' '.repeat(padding) + '\n'.repeat(line) + (line > 0 ? ' '.repeat(column) : '') + text + member.after;
}

/** The member parsed alone: the only element of the stand-in document (or of its playbook). */
function onlyMember(document: ast.Document | undefined, type: string): ast.Stage | ast.Deal | undefined {
    const elements = document?.elements ?? [];
    if (elements.length !== 1) return undefined;
    const element = elements[0];
    if (type === ast.Deal.$type) return ast.isDeal(element) ? element : undefined;
    if (!ast.isPlaybook(element) || element.name !== STAND_IN) return undefined;
    const others = element.fields.length + element.terminations.length + (element.title !== undefined ? 1 : 0)
        + (element.version !== undefined ? 1 : 0) + (element.forbidRegressions ? 1 : 0);
    return element.stages.length === 1 && others === 0 ? element.stages[0] : undefined;
}

/** Whether every syntax error of `result`, and every token its recovery skipped, lies in [from, before). */
function errorsWithin(result: ParseResult<AstNode>, from: number, before: number): boolean {
    const inside = (offset: number | undefined): boolean => offset !== undefined && Number.isFinite(offset) && offset >= from && offset < before;
    return result.lexerErrors.every((error: ILexingError) => inside(error.offset))
        && result.parserErrors.every((error: IRecognitionException) =>
            inside(error.token?.startOffset) && (error.resyncedTokens ?? []).every((token: IToken) => inside(token.startOffset)));
}

function sameTokens(a: IToken[], b: IToken[], count: number): boolean {
    if (a.length < count || b.length < count) return false;
    for (let i = 0; i < count; i++) {
        if (a[i].tokenType !== b[i].tokenType || a[i].startOffset !== b[i].startOffset || a[i].image !== b[i].image) return false;
    }
    return true;
}

function sameErrors(a: ILexingError[], b: ILexingError[]): boolean {
    return a.length === b.length && a.every((error, i) => error.offset === b[i].offset && error.length === b[i].length);
}

function leavesOf(node: CompositeInternals): LeafInternals[] {
    const leaves: LeafInternals[] = [];
    const visit = (child: CstNode): void => {
        const content = (child as CompositeInternals).content;
        if (content === undefined) leaves.push(child as LeafInternals);
        else content.forEach(visit);
    };
    visit(node);
    return leaves;
}
