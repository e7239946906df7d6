/**
 * After an edit that adds or removes tokens (writing a new line, and the syntax errors of
 * the half-written line), parses again only the member of the document the edit lies in: a
 * playbook's stage, field or termination rule, or a deal. A stage of a 5,000-line playbook
 * is some 20 lines.
 *
 * The result must be what a parse of the whole text gives. The member is parsed at its own
 * offset, line and column, inside a stand-in playbook (`playbook x { <member> }`, padded
 * with white space), so that the parser descends through the same rules as in the whole
 * text and Chevrotain recovers from a syntax error the same way: by the follow sets of the
 * rules being parsed. What lies after the member is the only difference, so the result is
 * kept only when nothing depended on it:
 * - the edit lies after the member's first token and before the next member's first token
 *   (or comment), the member's text lexes the same alone as within the whole text, and the
 *   token after it is unchanged;
 * - the earlier tree's syntax errors were all inside the member, before its last token
 *   (the rest of the tree is then the parse of the rest of the text);
 * - the stand-in parse yields exactly one member, of the same kind, holding every token of
 *   the member's text up to the last, and each syntax error in it, with the tokens its
 *   recovery skipped, lies before that last token (the parser never needed to look past it).
 * Otherwise the document is parsed whole.
 */
import { type AstNode, type CstNode, type LangiumCoreServices, type LangiumParser, type Lexer, type ParseResult } from 'langium';
import type { ILexingError, IRecognitionException, IToken } from 'chevrotain';
import * as ast from '../generated/ast.js';
import { AstNodeCopier } from './ast-node-copier.js';
import { detachValues } from './detached-values.js';
import { lineIndexOf } from './line-index.js';
import type { GuardedParseOptions } from './guarded-parser.js';
import type { Reparsed } from './reparsed-trees.js';
import {
    firstIndex, isCarriageReturn, mergeByOffset, replaceSubtrees, shiftLeaves, treeEdit, treeOf,
    type CompositeInternals, type LeafInternals
} from './syntax-tree-internals.js';

/** A member that can be parsed alone, and the stand-in text around it. */
interface Member {
    node: ast.Stage | ast.Field | ast.Terminate | ast.Deal;
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
    reparse<T extends AstNode>(previous: ParseResult<T>, text: string): Reparsed<T> | undefined {
        if ((previous.lexerReport?.diagnostics.length ?? 0) > 0) return undefined;
        const edit = treeEdit(previous, text);
        if (!edit) return undefined;
        const { root, oldText, leaves, prefix, oldEnd, delta } = edit;

        // The member around the edit (or the one whose last token the edit follows, when it
        // lies in the space after it), its leaves [first, last] and the leaf after it.
        const touched = firstIndex(leaves, leaf => leaf._offset + leaf._length > prefix);
        const previousLeaf = touched > 0 ? leaves[touched - 1] : undefined;
        const anchor = previousLeaf && (touched >= leaves.length || oldEnd <= leaves[touched]._offset) ? previousLeaf : leaves[touched];
        const member = anchor ? memberAround(anchor) : undefined;
        if (!member) return undefined;
        const first = firstIndex(leaves, leaf => leaf._offset >= member.cst.offset - leadingHiddenLength(member.cst));
        let last = firstIndex(leaves, leaf => leaf._offset >= member.cst.end) - 1;
        let next = leaves[last + 1];
        const opening = member.cst.content.find(child => !child.hidden);
        if (!opening || last < first || prefix < opening.end || oldEnd > (next ? next._offset : oldText.length)) return undefined;
        // An edit after the member's last token (a word being typed after a stage) is parsed
        // with the member that follows, so that the recovery from its errors sees what the
        // whole text has after it.
        const replaced: Member[] = [member];
        const nextMember = prefix >= leaves[last]._offset + leaves[last]._length && next ? memberAround(next) : undefined;
        if (nextMember && nextMember.node.$container === member.node.$container && nextMember.node !== member.node) {
            const siblings = (member.cst.container as CompositeInternals).content;
            if (siblings[siblings.indexOf(member.cst) + 1] !== nextMember.cst) return undefined;
            replaced.push(nextMember);
            last = firstIndex(leaves, leaf => leaf._offset >= nextMember.cst.end) - 1;
            next = leaves[last + 1];
        }
        const start = leaves[first]._offset;
        if (isCarriageReturn(oldText, start - 1)) return undefined;
        // (After its first token: an error found at a member's first token is the previous
        // member's, which expected more before it.)
        if (!errorsWithin(previous, start, leaves[last]._offset + (closesItsMember(leaves[last]) ? 1 : 0), opening.end)) return undefined;

        // The member's new text (up to the next leaf) must lex the same alone as within the
        // whole text (nothing after it, such as the end of a comment opened inside it, changes
        // its tokens), end with a token of the member rather than a comment (which would
        // belong to what follows), and be followed by the next leaf, unchanged.
        const memberText = text.slice(start, next ? next._offset + delta : text.length);
        const windowEnd = next ? next._offset + next._length + delta : text.length;
        const alone = this.lexer.tokenize(memberText);
        const within = this.lexer.tokenize(text.slice(start, windowEnd));
        const aloneTokens = mergeByOffset(alone.tokens, alone.hidden);
        const withinTokens = mergeByOffset(within.tokens, within.hidden);
        if (!sameTokens(aloneTokens, withinTokens, aloneTokens.length) || !sameErrors(alone.errors, within.errors.filter(e => e.offset < memberText.length))) return undefined;
        const lastToken = aloneTokens[aloneTokens.length - 1], following = withinTokens[aloneTokens.length];
        if (!lastToken || alone.hidden.includes(lastToken)) return undefined;
        if (next && (!following || following.tokenType !== next.tokenType || following.startOffset + start !== next._offset + delta || following.image.length !== next._length)) return undefined;

        // The member's text alone, at its own offset, line and column, in its stand-in context.
        // It may hold several members now (a new stage typed after this one); the first must
        // start the text and the last hold its last token.
        const at = lineIndexOf(root, oldText).position(start);
        const stand = standInText(member, memberText, start, at.line, at.character);
        if (stand === undefined) return undefined;
        const options: GuardedParseOptions = { guardFrom: stand.length - memberText.length - member.after.length };
        const result = this.parser.parse(stand, options);
        const parsed = membersOf(result.value as unknown as ast.Document, member);
        if (!parsed || parsed.length === 0 || (result.lexerReport?.diagnostics.length ?? 0) > 0) return undefined;
        const firstLeaves = leavesOf(parsed[0].$cstNode as CompositeInternals);
        const lastLeaves = leavesOf(parsed[parsed.length - 1].$cstNode as CompositeInternals);
        const parsedLast = lastLeaves[lastLeaves.length - 1];
        if (firstLeaves[0]?.offset !== start || !parsedLast || parsedLast.offset !== start + lastToken.startOffset || parsedLast.tokenType !== lastToken.tokenType) return undefined;
        if (!errorsWithin(result, start, parsedLast.offset + (closesItsMember(parsedLast) ? 1 : 0))) return undefined;

        // From here on the old tree becomes the new one.
        root._text = text;
        shiftLeaves(leaves, last + 1, delta);
        const container = member.cst.container as CompositeInternals;
        container.content.splice(container.content.indexOf(member.cst), replaced.length, ...parsed.map(node => node.$cstNode!));
        for (const node of parsed) (node.$cstNode as { container?: CstNode }).container = container;
        replaceSubtrees(root, replaced.map(old => old.cst), parsed.map(node => node.$cstNode as CompositeInternals), first);
        for (const composite of treeOf(root).composites) composite._rangeCache = undefined;

        const copies = new Map<AstNode, AstNode>();
        const formerOwner = member.node.$container;
        const owner = this.copier.copyUpToRoot(formerOwner, copies);
        replaceMembers(owner, formerOwner, replaced.map(old => old.node), parsed);
        releaseStandIn(result.value as unknown as ast.Document);
        for (const node of parsed) detachValues(node);
        const value = copies.get(previous.value) as T;
        return {
            value,
            lexerErrors: result.lexerErrors,
            lexerReport: result.lexerReport,
            parserErrors: result.parserErrors,
            reparsedTree: { previousRoot: previous.value, root: value, copies: [...new Set(copies.values())], parsed }
        };
    }
}

/**
 * Puts `parsed` in the place of `olds` (consecutive members) among the members of `owner`
 * (a copy of their former container): each in its own list (stages, fields, ...) in text
 * order, the indexes of the members after them renumbered. The olds keep their former
 * container, as every node that leaves the tree does: they no longer lead to its root.
 */
function replaceMembers(owner: AstNode, formerOwner: AstNode, olds: AstNode[], parsed: AstNode[]): void {
    for (const old of olds) (old as { $container?: AstNode }).$container = formerOwner;
    const record = owner as unknown as Record<string, AstNode[]>;
    const at = olds[0].$cstNode!.offset;
    const properties = new Set([...olds.map(old => old.$containerProperty!), ...parsed.map(node => propertyOf(owner, node))]);
    for (const property of properties) {
        const kept = record[property].filter(node => !olds.includes(node));
        const index = kept.findIndex(node => node.$cstNode!.offset > at);
        const added = parsed.filter(node => propertyOf(owner, node) === property);
        kept.splice(index < 0 ? kept.length : index, 0, ...added);
        kept.forEach((node, i) => Object.assign(node, { $container: owner, $containerProperty: property, $containerIndex: i }));
        record[property] = kept;
    }
}

/**
 * Empties the stand-in document, whose members are now the document's. The parser holds
 * its last parse until the next one: through the stand-in it would keep the members as
 * parsed, and, through their children, the trees of the keystrokes since.
 */
function releaseStandIn(standIn: ast.Document): void {
    for (const element of standIn.elements) {
        if (ast.isPlaybook(element)) {
            element.stages = [];
            element.fields = [];
            element.terminations = [];
        }
    }
    standIn.elements = [];
}

/** The list of `owner` that holds members of `node`'s kind. */
function propertyOf(owner: AstNode, node: AstNode): string {
    if (ast.isDocument(owner)) return 'elements';
    return ast.isStage(node) ? 'stages' : ast.isField(node) ? 'fields' : 'terminations';
}

/** The stage, field or termination rule (of a playbook) or the deal whose syntax tree holds `leaf`. */
function memberAround(leaf: CstNode): Member | undefined {
    for (let node: CstNode | undefined = leaf; node; node = node.container) {
        const astNode: AstNode | undefined = (node as CompositeInternals)._astNode;
        if (astNode && node === astNode.$cstNode) {
            if ((ast.isStage(astNode) || ast.isField(astNode) || ast.isTerminate(astNode)) && ast.isPlaybook(astNode.$container)) {
                return { node: astNode, cst: node as CompositeInternals, before: `playbook ${STAND_IN} {`, after: '\n}' };
            }
            if (ast.isDeal(astNode)) {
                return { node: astNode, cst: node as CompositeInternals, before: '', after: '' };
            }
        }
    }
    return undefined;
}

/**
 * Whether `leaf` is the closing brace of a stage or a deal. A syntax error found at it (a
 * task name missing before it) is recovered from without looking past it: the brace ends
 * the repetition it is in, and nothing that may follow a member (a keyword that starts the
 * next one, the playbook's brace, the end of the file) is ever expected inside one.
 */
function closesItsMember(leaf: CstNode): boolean {
    const member = leaf.container as CompositeInternals | undefined;
    const node = member?._astNode;
    return leaf.text === '}' && !!node && node.$cstNode === member && (ast.isStage(node) || ast.isDeal(node));
}

/** The length of the comments that a member's syntax tree holds before its first token. */
function leadingHiddenLength(cst: CompositeInternals): number {
    const firstToken = cst.content.find(child => !child.hidden);
    const firstChild = cst.content[0];
    return firstToken && firstChild ? firstToken.offset - firstChild.offset : 0;
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

/**
 * The members parsed from the member's text, in text order: the elements of the stand-in
 * document, or the members of its playbook (which must have no title or other header, nor
 * an activity kind or a cadence rule: an edit that writes one is parsed with the whole text);
 * `undefined` when the stand-in parse is not of that shape.
 */
function membersOf(document: ast.Document | undefined, member: Member): AstNode[] | undefined {
    const elements = document?.elements ?? [];
    if (ast.isDocument(member.node.$container)) return [...elements];
    if (elements.length !== 1) return undefined;
    const element = elements[0];
    if (!ast.isPlaybook(element) || element.name !== STAND_IN) return undefined;
    if (element.titles.length > 0 || element.versions.length > 0 || element.forbidClauses.length > 0
        || element.forecasts.length > 0 || element.outcomeAliases.length > 0
        || element.base !== undefined || element.drops.length > 0 || element.resolvedFrom.length > 0
        || element.activities.length > 0 || element.cadences.length > 0) return undefined;
    return [...element.stages, ...element.fields, ...element.terminations].sort((a, b) => a.$cstNode!.offset - b.$cstNode!.offset);
}

/**
 * Whether every syntax error of `result`, and every token its recovery skipped, lies in
 * [from, before); the token of a parser error also at or after `parserFrom`.
 */
function errorsWithin(result: ParseResult<AstNode>, from: number, before: number, parserFrom = from): boolean {
    const inside = (offset: number | undefined, lowest = from): boolean => offset !== undefined && Number.isFinite(offset) && offset >= lowest && offset < before;
    return result.lexerErrors.every((error: ILexingError) => inside(error.offset))
        && result.parserErrors.every((error: IRecognitionException) =>
            inside(error.token?.startOffset, parserFrom) && (error.resyncedTokens ?? []).every((token: IToken) => inside(token.startOffset)));
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
