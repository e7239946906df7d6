/**
 * The generated parser behind a guard against pathological input. The parser descends
 * recursively, so thousands of nested parentheses would overflow the stack and take the
 * language server down; and the lexer matches a text in quotes with a regular expression
 * whose backtracking stack overflows on a string of a few million characters. Text nested
 * deeper than any real condition, or quoted text longer than any real title, is reported as
 * one clear error instead, and parsed as if it were blank so that every later phase still
 * gets a well-formed (empty) document.
 */
import { createLangiumParser, type LangiumCoreServices, type LangiumParser, type ParseResult, type AstNode } from 'langium';
import { findConditionBeyondLimits, MAX_EXPRESSION_DEPTH, MAX_NESTING } from '@playbook/model';
import * as ast from '../generated/ast.js';
import { withLinearHiddenTokens } from './linear-hidden-tokens.js';
import { withOffsetLeaves } from './offset-leaf-nodes.js';
import { withoutPassThroughNodes } from './unassigned-call-nodes.js';
import { positionFrom } from './syntax-tree-internals.js';
const TOO_MANY_OPERATORS = `This condition has more than ${MAX_EXPRESSION_DEPTH.toLocaleString('en')} operators; split it into several \`when\` lines or gates.`;
/**
 * Far beyond any title or description, far below the ~4 million characters at which the
 * lexer's regular expression for a text in quotes overflows: the same text gets the same
 * verdict whatever the lexer.
 */
export const MAX_STRING_LENGTH = 1_000_000;

/**
 * A parse of a text whose start, up to `guardFrom`, is known to hold no condition and no
 * text in quotes (the member reparser's stand-in: a playbook's opening and white space as
 * long as the document before the member), which the guards then need not read.
 */
export interface GuardedParseOptions {
    rule?: string;
    guardFrom?: number;
}

export function createGuardedParser(services: LangiumCoreServices): LangiumParser {
    // The generated parser, building this language's syntax trees (see each `with…`).
    const build = (): LangiumParser => withoutPassThroughNodes(withLinearHiddenTokens(withoutSpreadOverflow(withOffsetLeaves(createLangiumParser(services)))));
    const guarded = build();
    // The generated parse, kept aside: a parse aborted by a stack overflow leaves the parser's
    // internal state inconsistent, so after one the guard continues with a freshly built parser.
    let parse = releasingTokens(guarded);
    guarded.parse = <T extends AstNode = AstNode>(input: string, options?: Parameters<LangiumParser['parse']>[1]): ParseResult<T> => {
        const guardFrom = (options as GuardedParseOptions | undefined)?.guardFrom ?? 0;
        const beyond = findConditionBeyondLimits(input, { nesting: MAX_NESTING, operators: MAX_EXPRESSION_DEPTH }, guardFrom);
        if (beyond?.limit === 'nesting') {
            return rejected<T>(parse, input, beyond.offset, `This condition is nested more than ${MAX_NESTING} levels deep here (each parenthesis, \`not\` and unary \`-\` is a level); simplify it.`);
        }
        if (beyond?.limit === 'operators') {
            return rejected<T>(parse, input, beyond.offset, TOO_MANY_OPERATORS);
        }
        const tooLong = findOverlongString(input, MAX_STRING_LENGTH, guardFrom);
        if (tooLong !== undefined) {
            return rejected<T>(parse, input, tooLong.offset,
                `This text in quotes has ${tooLong.length.toLocaleString('en')} characters; a text in quotes holds at most ${MAX_STRING_LENGTH.toLocaleString('en')}. Shorten it.`);
        }
        try {
            const result = parse<T>(input, options);
            if (!result.value) {
                // Chevrotain swallowed a stack overflow during error recovery: no tree came back.
                throw new RangeError('no syntax tree');
            }
            // A backstop: the scan above already bounds a condition's depth to its operators, levels and root.
            const deep = findTooDeepExpression(result.value as unknown as ast.Document, MAX_EXPRESSION_DEPTH + MAX_NESTING + 1);
            if (deep) {
                return rejected<T>(parse, input, deep.$container.$cstNode?.offset ?? 0, TOO_MANY_OPERATORS);
            }
            return result;
        } catch {
            // A stack overflow, or the inconsistent state one leaves behind (where the overflow
            // strikes depends on how deep the caller's stack already is): whatever the generated
            // parser threw, continue with a fresh one and report the text as unreadable.
            parse = releasingTokens(build());
            return rejected<T>(parse, input, 0, 'This text is nested too deeply to be read; simplify its conditions.');
        }
    };
    return guarded;
}

/**
 * The parse of `parser`, after which the parser lets go of the text's tokens. Chevrotain keeps
 * its input until the next parse: the last text's tokens, some 90 bytes each with their
 * images, an eighth of the memory of a large checked file, held for nothing.
 */
function releasingTokens(parser: LangiumParser): LangiumParser['parse'] {
    const chevrotain = (parser as unknown as { wrapper?: { input: unknown[] } }).wrapper;
    const parse = parser.parse.bind(parser);
    return <T extends AstNode = AstNode>(input: string, options?: Parameters<LangiumParser['parse']>[1]): ParseResult<T> => {
        try {
            return parse<T>(input, options);
        } finally {
            if (chevrotain) chevrotain.input = [];
        }
    };
}

interface CstNodeLike { container?: unknown; content: unknown[] }
interface CstBuilderLike {
    appendChildren(parent: CstNodeLike, children: CstNodeLike[]): void;
    insertChildren(parent: CstNodeLike, index: number, children: CstNodeLike[]): void;
}

/**
 * Langium's syntax-tree builder adds runs of comments with `push(...nodes)` and
 * `splice(i, 0, ...nodes)`, which overflow the stack once a run has a few hundred thousand
 * comments (a 10 MB file of comment lines). This parser's builder adds them without
 * spreading arguments; the result is the same tree.
 */
const SPREAD_CHUNK = 10_000;

function withoutSpreadOverflow(parser: LangiumParser): LangiumParser {
    const builder = (parser as unknown as { nodeBuilder?: CstBuilderLike }).nodeBuilder;
    if (builder) {
        builder.appendChildren = (parent, children) => {
            for (const child of children) {
                child.container = parent;
                parent.content.push(child);
            }
        };
        builder.insertChildren = (parent, index, children) => {
            // In chunks small enough to pass as arguments; an empty run (the common case) costs nothing.
            for (let start = 0; start < children.length; start += SPREAD_CHUNK) {
                const chunk = children.slice(start, start + SPREAD_CHUNK);
                for (const child of chunk) {
                    child.container = parent;
                }
                parent.content.splice(index + start, 0, ...chunk);
            }
        };
    }
    return parser;
}

function rejected<T extends AstNode>(parse: LangiumParser['parse'], input: string, offset: number, message: string): ParseResult<T> {
    const result = parse<T>(blankOut(input));
    // Line breaks as the lexer and editors count them: LF, CR LF and a lone CR.
    const { line, column } = positionFrom(input, 0, 1, 0, offset);
    return { ...result, lexerErrors: [{ offset, line, column: column + 1, length: 1, message }] };
}

/**
 * The text with every character but its line breaks replaced by a space. Built without a
 * regular expression: `replace(/[^\r\n]/g, ' ')` on a 10 MB text made ten million matches
 * and left the process half a gigabyte larger for good.
 */
function blankOut(input: string): string {
    const parts: string[] = [];
    let start = 0;
    for (let i = 0; i < input.length; i++) {
        const c = input.charCodeAt(i);
        if (c === 0x0a /* \n */ || c === 0x0d /* \r */) {
            if (i > start) parts.push(' '.repeat(i - start));
            parts.push(input[i]);
            start = i + 1;
        }
    }
    if (input.length > start) parts.push(' '.repeat(input.length - start));
    return parts.join('');
}

/** The first text in quotes with more than `limit` characters between its quotes, outside comments. */
export function findOverlongString(text: string, limit: number, from = 0): { offset: number; length: number } | undefined {
    if (text.length - from <= limit + 1) return undefined;          // (no text in quotes can be longer)
    for (let i = from; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x22 /* " */) {
            // Up to the closing quote, or to the end of the line when there is none (as the lexer reads it).
            const start = i++;
            while (i < text.length && text.charCodeAt(i) !== 0x22 && !isLineBreak(text.charCodeAt(i))) {
                if (text.charCodeAt(i) === 0x5c /* \ */ && i + 1 < text.length && !isLineBreak(text.charCodeAt(i + 1))) i++;
                i++;
            }
            if (i - start - 1 > limit) return { offset: start, length: i - start - 1 };
        } else if (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
            while (i + 1 < text.length && !isLineBreak(text.charCodeAt(i + 1))) i++;
        } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
            const end = text.indexOf('*/', i + 2);
            i = end < 0 ? text.length : end + 1;
        }
    }
    return undefined;
}

function isLineBreak(c: number): boolean {
    return c === 0x0a || c === 0x0d;
}

/** The first condition nested deeper than `limit`, measured without recursion. */
function findTooDeepExpression(document: ast.Document, limit: number): ast.Expression | undefined {
    const roots: ast.Expression[] = [];
    for (const element of document?.elements ?? []) {
        if (!ast.isPlaybook(element)) continue;
        for (const stage of element.stages) {
            for (const gate of stage.gates) roots.push(...gate.conditions);
        }
        for (const rule of element.terminations) {
            roots.push(...rule.conditions);
        }
    }
    for (const root of roots) {
        const stack: Array<[ast.Expression, number]> = [[root, 1]];
        while (stack.length > 0) {
            const [node, depth] = stack.pop()!;
            if (depth > limit) return root;
            for (const child of childExpressions(node)) {
                stack.push([child, depth + 1]);
            }
        }
    }
    return undefined;
}

function childExpressions(node: ast.Expression): ast.Expression[] {
    const record = node as unknown as Record<string, unknown>;
    const children: ast.Expression[] = [];
    for (const key of ['left', 'right', 'operand', 'inner']) {
        const child = record[key];
        if (child && typeof child === 'object') children.push(child as ast.Expression);
    }
    return children;
}
