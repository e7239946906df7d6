/**
 * The canonical layout of a Playbook document, computed over the concrete syntax tree.
 *
 * The formatter is a token-based pretty-printer: every token and every comment of the text
 * is kept verbatim and in order, and only the whitespace between two of them (a "gap") is
 * rewritten. That makes the product's guarantees hold by construction: nothing is lost or
 * reordered, block comments stay byte for byte, and the result can be applied to the whole
 * document or, gap by gap, to a range of lines.
 *
 * The layout (the house style of the examples):
 * - 2 spaces per level; `playbook`, `stage`, `gate` and `deal` bodies open with `{` at the end
 *   of their header line and close with `}` on a line of its own, aligned with the header;
 *   an empty body is written `{}`;
 * - each declaration (title, version, forbid regressions, forecast, field, stage, alias,
 *   probability, within, task, gate, requires, when, terminate, won alias, drop, resolved from,
 *   activity, cadence, deal event) on a
 *   line of its own, written on one line with single spaces; no space before `,` `:` `%`
 *   `)` or after `(` and a unary `-`; enum and membership braces hug their values:
 *   `enum {A, B}`, `in {A, B}`;
 * - blank lines between declarations are kept, at most one, none right after `{` or before
 *   `}`, none at the start of the file; the file ends with exactly one line break;
 * - a comment that follows code on its line stays there: a comment that ends its line keeps
 *   the column the author aligned it to (relative to the line's indentation, as long as the
 *   line still starts with the same token) unless the code now reaches that column, then it
 *   follows after one space; a comment on a line of its own stays on a line of its own,
 *   indented like the declaration that follows it (a block comment there may lead the
 *   declaration on its line: `/* since 2026 *\/ field x: money`); block comments are verbatim;
 * - a line comment ends its line, so code after it continues on the next line, indented one
 *   level more than its declaration (a continuation line); so does code that follows a block
 *   comment that ended its line;
 * - line breaks are the document's own (LF or CRLF).
 *
 * Only a document free of lexer and parser errors is laid out: the caller checks that first.
 */
import { GrammarAST, isCompositeCstNode, type AstNode, type CstNode, type LeafCstNode } from 'langium';

/** A stretch of whitespace in the text, `[start, end)`, and the whitespace the layout puts there. */
export interface Gap {
    start: number;
    end: number;
    text: string;
}

const INDENT = '  ';

/** Nodes whose `{ … }` is a body of declarations, one per line. */
const BLOCK_TYPES = new Set(['Playbook', 'Stage', 'Gate', 'Deal']);

/** Nodes that are declarations of their own: each starts a line. */
const DECLARATION_TYPES = new Set([
    'Playbook', 'Deal', 'Field', 'Stage', 'Terminate', 'OutcomeAlias', 'Task', 'Gate', 'Activity', 'Cadence',
    'DropStages', 'DropFields', 'DropTerminations', 'EnterEvent', 'DoneEvent', 'SetEvent', 'TerminateEvent', 'WonEvent', 'ActivityEvent'
]);

/** Keywords that start a declaration inside the body of the given node type. */
const DECLARATION_KEYWORDS: Record<string, ReadonlySet<string>> = {
    Playbook: new Set(['title', 'version', 'forbid', 'forecast', 'resolved']),
    Stage: new Set(['alias', 'probability', 'within']),
    Gate: new Set(['requires', 'when'])
};

/** Nodes whose `-` is a sign (`-5`, `-(a + b)`), written against its operand. */
const UNARY_MINUS_TYPES = new Set(['NegationExpression', 'NegatedNumber']);

const enum Kind { Token, LineComment, BlockComment }

interface Item {
    start: number;
    end: number;
    text: string;
    kind: Kind;
    /** Starts a declaration: always at the beginning of a line. */
    startsLine: boolean;
    /** `{` of a body / `}` of a body. */
    opensBlock: boolean;
    closesBlock: boolean;
    /** Written directly after the previous token / the next token is written directly after it. */
    tightBefore: boolean;
    tightAfter: boolean;
}

/** The tokens and comments of a parsed document, in text order. */
function collectItems(root: CstNode): Item[] {
    const leaves: LeafCstNode[] = [];
    // Iterative: a long condition nests one syntax node per operator.
    const stack: CstNode[] = [root];
    while (stack.length > 0) {
        const node = stack.pop()!;
        if (isCompositeCstNode(node)) {
            for (let i = node.content.length - 1; i >= 0; i--) stack.push(node.content[i]);
        } else {
            leaves.push(node as LeafCstNode);
        }
    }
    leaves.sort((a, b) => a.offset - b.offset);
    const items: Item[] = [];
    for (const leaf of leaves) {
        if (leaf.length === 0) continue;
        const text = leaf.text;
        if (leaf.hidden) {
            if (/^\s*$/.test(text)) continue;
            const kind = text.startsWith('//') ? Kind.LineComment : Kind.BlockComment;
            items.push({ start: leaf.offset, end: leaf.end, text, kind, startsLine: false, opensBlock: false, closesBlock: false, tightBefore: false, tightAfter: false });
            continue;
        }
        const node = leaf.astNode;
        const keyword = GrammarAST.isKeyword(leaf.grammarSource) ? leaf.grammarSource.value : undefined;
        const block = keyword !== undefined && BLOCK_TYPES.has(node.$type);
        const item: Item = {
            start: leaf.offset, end: leaf.end, text, kind: Kind.Token,
            startsLine: isDeclarationStart(leaf, node, keyword),
            opensBlock: block && keyword === '{',
            closesBlock: block && keyword === '}',
            tightBefore: false,
            tightAfter: false
        };
        switch (keyword) {
            case ',': case ':': case '%': case ')':
                item.tightBefore = true;
                break;
            case '(':
                item.tightAfter = true;
                break;
            case '-':
                item.tightAfter = UNARY_MINUS_TYPES.has(node.$type);
                break;
            case '{':
                item.tightAfter = !block;
                break;
            case '}':
                item.tightBefore = !block;
                break;
        }
        items.push(item);
    }
    return items;
}

function isDeclarationStart(leaf: LeafCstNode, node: AstNode, keyword: string | undefined): boolean {
    if (DECLARATION_TYPES.has(node.$type) && node.$cstNode?.offset === leaf.offset) return true;
    return keyword !== undefined && DECLARATION_KEYWORDS[node.$type]?.has(keyword) === true;
}

const LINE_BREAK = /\r\n|\r|\n/g;
/** Nothing but spaces up to the end of the line (sticky: tested at `lastIndex`). */
const END_OF_LINE = /[^\S\r\n]*(?:\r|\n|$)/y;

function countLineBreaks(text: string): number {
    let count = 0;
    LINE_BREAK.lastIndex = 0;
    while (LINE_BREAK.exec(text)) count++;
    return count;
}

/**
 * The line break the document uses: the first one between its tokens and comments (not one
 * inside a block comment, which is kept as it is), or `\n`.
 */
function detectLineBreak(text: string, items: readonly Item[]): string {
    let position = 0;
    for (let i = 0; i <= items.length; i++) {
        const end = i < items.length ? items[i].start : text.length;
        const match = /\r\n|\r|\n/.exec(text.slice(position, end));
        if (match) return match[0];
        if (i < items.length) position = items[i].end;
    }
    return '\n';
}

/** Start offset of the line that contains `offset`. */
function lineStartOf(text: string, offset: number): number {
    let i = offset;
    while (i > 0) {
        const c = text.charCodeAt(i - 1);
        if (c === 0x0a || c === 0x0d) break;
        i--;
    }
    return i;
}

/** Length of the whitespace that starts the line beginning at `lineStart` (within `limit`). */
function leadingWhitespace(text: string, lineStart: number, limit: number): number {
    let i = lineStart;
    while (i < limit && /[^\S\r\n]/.test(text[i])) i++;
    return i - lineStart;
}

/**
 * Computes, for every gap of the document (before the first item, between consecutive
 * tokens and comments, after the last one), the whitespace of the canonical layout.
 * `root` is the concrete syntax tree of `text`, parsed without errors.
 */
export function layoutGaps(text: string, root: CstNode): Gap[] {
    const items = collectItems(root);
    const eol = detectLineBreak(text, items);
    const gaps: Gap[] = [];
    if (items.length === 0) {
        return [{ start: 0, end: text.length, text: '' }];
    }

    // For each item, the index of the first token (not comment) at or after it.
    const nextToken = new Array<number>(items.length + 1);
    nextToken[items.length] = -1;
    for (let i = items.length - 1; i >= 0; i--) {
        nextToken[i] = items[i].kind === Kind.Token ? i : nextToken[i + 1];
    }

    let depth = 0;
    // Whether the previous item is the first thing on its output line.
    let previousOpensLine = true;
    // The item at the start of the output's current line (a block comment over several lines
    // counts for each of its lines).
    let lineFirstItem = 0;
    // The output's current line: its length so far and the length of its indentation.
    let column = 0;
    let lineIndent = 0;
    const advance = (written: string): void => {
        LINE_BREAK.lastIndex = 0;
        let lastBreakEnd = -1;
        let match: RegExpExecArray | null;
        while ((match = LINE_BREAK.exec(written))) lastBreakEnd = match.index + match[0].length;
        if (lastBreakEnd < 0) {
            if (column === lineIndent) lineIndent += leadingWhitespace(written, 0, written.length);
            column += written.length;
        } else {
            column = written.length - lastBreakEnd;
            lineIndent = leadingWhitespace(written, lastBreakEnd, written.length);
        }
    };

    for (let i = 0; i < items.length; i++) {
        const item = items[i];
        const previous = i > 0 ? items[i - 1] : undefined;
        const start = previous ? previous.end : 0;
        const breaks = countLineBreaks(text.slice(start, item.start));
        let whitespace: string;

        if (!previous) {
            whitespace = '';
        } else if (item.kind !== Kind.Token && breaks === 0) {
            // A comment after code on the same line stays on that line.
            END_OF_LINE.lastIndex = item.end;
            const endsLine = item.kind === Kind.LineComment || END_OF_LINE.test(text);
            if (endsLine) {
                // The author's column counts when the line is still the author's line: it
                // starts with the same token or comment (maybe re-indented).
                const lineStart = lineStartOf(text, item.start);
                let first = i;
                while (first > 0 && items[first - 1].end > lineStart) first--;
                const authored = first === lineFirstItem
                    ? item.start - lineStart - leadingWhitespace(text, lineStart, item.start) + lineIndent
                    : 0;
                whitespace = ' '.repeat(authored > column ? authored - column : 1);
            } else {
                whitespace = ' ';
            }
        } else if (item.closesBlock && previous.opensBlock) {
            depth--;
            whitespace = '';
        } else {
            // A block comment that opens a line may lead the declaration written after it:
            // `/* since 2026 */ field budget: money`.
            const ledByComment = previous.kind === Kind.BlockComment && breaks === 0 && previousOpensLine && item.startsLine;
            const newLine = item.kind !== Kind.Token
                || ((item.startsLine && !ledByComment) || item.closesBlock)
                || previous.kind === Kind.LineComment
                || (previous.kind === Kind.BlockComment && breaks > 0);
            if (newLine) {
                if (item.closesBlock) depth--;
                // Declarations (and comments between them) at the body's level; the rest of a
                // declaration that had to be broken one level deeper.
                const next = nextToken[i] >= 0 ? items[nextToken[i]] : undefined;
                const declarationLevel = item.kind === Kind.Token
                    ? item.startsLine || item.closesBlock
                    : next === undefined || next.startsLine || next.closesBlock;
                const blank = breaks >= 2 && declarationLevel && !previous.opensBlock && !item.closesBlock;
                whitespace = eol + (blank ? eol : '') + INDENT.repeat(declarationLevel ? depth : depth + 1);
            } else {
                whitespace = previous.tightAfter || item.tightBefore ? '' : ' ';
            }
        }

        gaps.push({ start, end: item.start, text: whitespace });
        advance(whitespace);
        previousOpensLine = column === lineIndent;
        if (previousOpensLine) lineFirstItem = i;
        advance(item.text);
        if (item.kind === Kind.BlockComment && countLineBreaks(item.text) > 0) lineFirstItem = i;
        if (item.opensBlock) depth++;
    }
    const last = items[items.length - 1];
    gaps.push({ start: last.end, end: text.length, text: eol });
    return gaps;
}

/** The text with every gap replaced by its layout. */
export function applyGaps(text: string, gaps: readonly Gap[]): string {
    const parts: string[] = [];
    let position = 0;
    for (const gap of gaps) {
        parts.push(text.slice(position, gap.start), gap.text);
        position = gap.end;
    }
    parts.push(text.slice(position));
    return parts.join('');
}

/** The gaps whose layout differs from the text. */
export function changedGaps(text: string, gaps: readonly Gap[]): Gap[] {
    return gaps.filter(gap => text.slice(gap.start, gap.end) !== gap.text);
}

/**
 * The edits of the layout restricted to whole lines `firstLine..lastLine` (0-based,
 * inclusive): whitespace inside those lines is rewritten, the indentation of the first line
 * and the end of the last line too, but nothing outside them. A line break the layout would
 * add or remove across the boundary of the range is left as it is.
 */
export function gapsWithinLines(text: string, gaps: readonly Gap[], rangeStart: number, rangeEnd: number): Gap[] {
    const result: Gap[] = [];
    for (const gap of gaps) {
        if (gap.end < rangeStart || gap.start > rangeEnd) continue;
        const source = text.slice(gap.start, gap.end);
        if (gap.start >= rangeStart && gap.end <= rangeEnd) {
            result.push(gap);
            continue;
        }
        if (gap.start < rangeStart && gap.end > rangeEnd) continue; // the range is only blank lines
        const sourceBreaks = [...source.matchAll(/\r\n|\r|\n/g)];
        const layoutBreaks = [...gap.text.matchAll(/\r\n|\r|\n/g)];
        if (sourceBreaks.length === 0 || layoutBreaks.length === 0) continue;
        if (gap.start < rangeStart) {
            // Only the indentation of the range's first line.
            const lastSource = sourceBreaks[sourceBreaks.length - 1];
            const lastLayout = layoutBreaks[layoutBreaks.length - 1];
            result.push({
                start: gap.start + lastSource.index + lastSource[0].length,
                end: gap.end,
                text: gap.text.slice(lastLayout.index + lastLayout[0].length)
            });
        } else {
            // Only the end of the range's last line.
            result.push({ start: gap.start, end: gap.start + sourceBreaks[0].index, text: gap.text.slice(0, layoutBreaks[0].index) });
        }
    }
    return result;
}
