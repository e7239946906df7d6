/**
 * How deeply the conditions of a text nest, and how many operators each holds, measured on
 * the text before it is parsed. The
 * parser descends one level of recursion for each open parenthesis, each `not` and each
 * unary minus, so all three count: a chain of 700 `not`s overflows the stack as surely as
 * 700 parentheses. Counting them here gives every caller (the CLI in a fresh process, the
 * language server after hours of work, an import checking what it would write) the same
 * verdict for the same text, decided by a number rather than by how much stack was left.
 *
 * The scan follows the lexer: texts, line comments and closed block comments are skipped; a
 * `/*` that is never closed is no comment (the lexer reads `/` and `*`). Levels end where
 * the parser's recursion ends: a `)` closes its parenthesis, an operand ends the unary
 * minuses before it, `and` and `or` end the `not`s before them (`not a and b` is
 * `(not a) and b`), and any other keyword (`when`, `stage`, `from`…) ends the condition.
 *
 * Operators are counted too: a chain `a * b * c …` is parsed by a loop, but every later
 * phase walks its syntax tree, one level per operator, recursively; past some thousands of
 * operators (or while recovering from a run of operators without operands) a stack
 * overflow decided again.
 */
import { playbookKeywords } from '../export/identifiers.js';

/** Far beyond any condition a person writes, far below what overflows the stack. */
export const MAX_NESTING = 40;
/**
 * A chain `a and b and c …` nests one syntax node per operator, and Langium computes
 * ranges recursively, so a condition is limited in size too.
 */
export const MAX_EXPRESSION_DEPTH = 1000;

interface Level {
    nots: number;
    minuses: number;
}

/** Keywords that may stand inside a condition; any other keyword of the grammar ends it. */
const EXPRESSION_WORDS = new Set(['and', 'or', 'not', 'in', 'true', 'false', 'days', 'day', 'today']);
let statementWords: ReadonlySet<string> | undefined;

/**
 * The offset of the first parenthesis, `not` or unary `-` that nests a condition deeper than
 * `limit` levels, or `undefined`.
 */
export function findExcessiveNesting(text: string, limit: number = MAX_NESTING): number | undefined {
    return findConditionBeyondLimits(text, { nesting: limit, operators: Number.POSITIVE_INFINITY })?.offset;
}

export interface ConditionLimits {
    /** Parentheses, `not`s and unary minuses around a point of a condition. */
    nesting: number;
    /** Binary operators (`and`, `<`, `+`, `in`…) in one condition. */
    operators: number;
}

/** Where a condition first goes beyond a limit, and which. */
export interface LimitExceeded {
    offset: number;
    limit: keyof ConditionLimits;
}

/**
 * Where a condition of `text` first goes beyond a limit, reading from `from` on (where no
 * condition may be open: the text before it is white space or ends a block).
 */
export function findConditionBeyondLimits(text: string, limits: ConditionLimits, from = 0): LimitExceeded | undefined {
    const limit = limits.nesting;
    const levels: Level[] = [{ nots: 0, minuses: 0 }];
    let depth = 0;
    let operators = 0;
    let expectOperand = true;
    const endCondition = (): void => {
        levels.length = 1;
        levels[0].nots = levels[0].minuses = 0;
        depth = 0;
        operators = 0;
        expectOperand = true;
    };
    const tooDeep = (offset: number): LimitExceeded => ({ offset, limit: 'nesting' });
    /** One more binary operator at `offset`; whether that is one too many. */
    const operator = (): boolean => {
        expectOperand = true;
        return ++operators > limits.operators;
    };
    const operandEnded = (): void => {
        const level = levels[levels.length - 1];
        depth -= level.minuses;
        level.minuses = 0;
        expectOperand = false;
    };
    statementWords ??= new Set(playbookKeywords().filter(word => !EXPRESSION_WORDS.has(word)));
    const length = text.length;
    // Once no `*/` follows, none follows any later `/*` either: searched for once, not once per `/*`.
    let commentsClose = true;
    let i = from;
    while (i < length) {
        const c = text.charCodeAt(i);
        if (c === 0x28 /* ( */) {
            levels.push({ nots: 0, minuses: 0 });
            if (++depth > limit) return tooDeep(i);
            expectOperand = true;
            i++;
        } else if (c === 0x29 /* ) */) {
            if (levels.length > 1) {
                const level = levels.pop()!;
                depth -= 1 + level.nots + level.minuses;
            }
            operandEnded();
            i++;
        } else if (c === 0x2d /* - */) {
            if (expectOperand) {
                levels[levels.length - 1].minuses++;
                if (++depth > limit) return tooDeep(i);
            } else if (operator()) {
                return { offset: i, limit: 'operators' };
            }
            expectOperand = true;
            i++;
        } else if (c === 0x22 /* " */) {
            i = endOfText(text, i);
            operandEnded();
        } else if (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
            i = endOfLine(text, i);
        } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */ && commentsClose && (commentsClose = text.indexOf('*/', i + 2) >= 0)) {
            i = text.indexOf('*/', i + 2) + 2;
        } else if (isWordCharacter(c)) {
            const start = i;
            while (i < length && isWordCharacter(text.charCodeAt(i))) i++;
            const word = text.slice(start, i);
            if (word === 'not') {
                levels[levels.length - 1].nots++;
                if (++depth > limit) return tooDeep(start);
                expectOperand = true;
            } else if (word === 'and' || word === 'or') {
                const level = levels[levels.length - 1];
                depth -= level.nots + level.minuses;
                level.nots = level.minuses = 0;
                if (operator()) return { offset: start, limit: 'operators' };
            } else if (word === 'in') {
                if (operator()) return { offset: start, limit: 'operators' };
                i = afterSet(text, i);
                operandEnded();
            } else if (statementWords.has(word)) {
                endCondition();
            } else {
                operandEnded();
            }
        } else if (c === 0x7b /* { */ || c === 0x7d /* } */) {
            // A block opens or closes (an `in {…}` set holds only names): no condition goes on across it.
            endCondition();
            i++;
        } else if (c === 0x25 /* % */) {
            operandEnded();
            i++;
        } else if (isOperatorCharacter(c)) {
            // `<`, `<=`, `>`, `>=`, `=`, `==`, `!=`, `+`, `*`, `/`: one operator, of one or two characters.
            if (operator()) return { offset: i, limit: 'operators' };
            i += text.charCodeAt(i + 1) === 0x3d /* = */ && c !== 0x2b && c !== 0x2a && c !== 0x2f ? 2 : 1;
        } else {
            // White space and separators; after a separator comes an operand.
            if (!isSpace(c)) expectOperand = true;
            i++;
        }
    }
    return undefined;
}

/** `<`, `>`, `=`, `!`, `+`, `*`, `/`. */
function isOperatorCharacter(c: number): boolean {
    return c === 0x3c || c === 0x3e || c === 0x3d || c === 0x21 || c === 0x2b || c === 0x2a || c === 0x2f;
}

/**
 * After `in`: the offset after its set of names (`{A, B}`), or where something else than
 * names and commas stands in it (from where the scan goes on as usual).
 */
function afterSet(text: string, from: number): number {
    let i = from;
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== 0x7b /* { */) return from;
    i++;
    while (i < text.length) {
        const c = text.charCodeAt(i);
        if (c === 0x7d /* } */) return i + 1;
        if (!isSpace(c) && c !== 0x2c /* , */ && (!isWordCharacter(c) || c === 0x2e)) return i;
        i++;
    }
    return i;
}

/** The offset after a text opened at `start`: after its closing quote, or at the end of its line. */
function endOfText(text: string, start: number): number {
    let i = start + 1;
    while (i < text.length) {
        const c = text.charCodeAt(i);
        if (c === 0x22) return i + 1;
        if (c === 0x0a || c === 0x0d) return i;
        i += c === 0x5c /* \ */ && i + 1 < text.length && !isLineBreak(text.charCodeAt(i + 1)) ? 2 : 1;
    }
    return i;
}

function endOfLine(text: string, from: number): number {
    for (let i = from; i < text.length; i++) {
        if (isLineBreak(text.charCodeAt(i))) return i;
    }
    return text.length;
}

function isLineBreak(c: number): boolean {
    return c === 0x0a || c === 0x0d;
}

function isSpace(c: number): boolean {
    return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c || c === 0x0b;
}

/** Letters, digits, `_` and `.` (of a number), and every character beyond ASCII but for spaces. */
function isWordCharacter(c: number): boolean {
    return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2e
        || (c >= 0x80 && c !== 0xa0 && c !== 0x2028 && c !== 0x2029 && c !== 0xfeff && !(c >= 0x2000 && c <= 0x200a) && c !== 0x3000 && c !== 0x1680 && c !== 0x202f && c !== 0x205f && c !== 0x85);
}
