/**
 * What must hold for every input, whatever it is. Each check returns the problems it found
 * (an empty list when the property holds); the harness records them with the input.
 */
import { IssueCodes } from '@playbook/model';

export interface Problem {
    /** The property that failed: `throws`, `message`, `range`, `format`, `round-trip`… */
    oracle: string;
    detail: string;
}

export interface RangeLike {
    start: { line: number; character: number };
    end: { line: number; character: number };
}

export interface MessageLike {
    message: string | { value: string };
    range: RangeLike;
    code?: string | number;
}

const KNOWN_CODES = new Set<string>(Object.values(IssueCodes));

/** Words that only a program's internals put into a message (as whole words of any script: `nullउक` is a name). */
const INTERNAL_WORDS = /(?<![\p{L}\p{N}_])(?:undefined|null|NaN|Infinity)(?![\p{L}\p{N}_])|\[object Object\]|(?<![\p{L}\p{N}_])function\s*\(|=>/gu;

/**
 * The internal words a message holds that the input does not: a name or text of the input
 * may be `null`, but then the message only quotes it. Inside quotes, any occurrence in the
 * input counts (the lexer may cut `nullᖔ` into the name `null` and a character it rejects).
 */
export function internalWords(message: string, input: string): string[] {
    const quoted = [...message.matchAll(/'[^']*'|"[^"]*"|`[^`]*`/g)].map(m => [m.index, m.index + m[0].length]);
    const found: string[] = [];
    for (const match of message.matchAll(INTERNAL_WORDS)) {
        const word = match[0];
        const inQuotes = quoted.some(([start, end]) => match.index > start && match.index < end);
        if (inQuotes ? !input.includes(word) : !inputHasWord(input, word)) found.push(word);
    }
    return found;
}

function inputHasWord(input: string, word: string): boolean {
    if (/^\w+$/.test(word)) {
        return new RegExp(`(?<![\\p{L}\\p{N}_])${word}(?![\\p{L}\\p{N}_])`, 'u').test(input);
    }
    return input.includes(word);
}

/** Lengths of the lines of a text, line breaks as LSP counts them (`\r\n`, `\r`, `\n`). */
export function lineLengths(text: string): number[] {
    return text.split(/\r\n|\r|\n/).map(line => line.length);
}

export function rangeProblem(range: RangeLike, lines: readonly number[]): string | undefined {
    const inside = (p: { line: number; character: number }): boolean =>
        Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line];
    if (!inside(range.start) || !inside(range.end)) return 'outside the text';
    if (range.start.line > range.end.line || (range.start.line === range.end.line && range.start.character > range.end.character)) return 'ends before it starts';
    return undefined;
}

/**
 * The problems of a checker's diagnostics for `text`. `quotable` is all the text a message may
 * quote: with several files, a deal's message names a reason or a stage declared in another.
 */
export function diagnosticProblems(diagnostics: readonly MessageLike[], text: string, quotable = text): Problem[] {
    const lines = lineLengths(text);
    const problems: Problem[] = [];
    for (const { message, range, code: rawCode } of diagnostics) {
        const diagnostic = { message: typeof message === 'string' ? message : message.value, range, code: rawCode };
        const where = `${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1}`;
        const words = internalWords(diagnostic.message, quotable);
        if (words.length > 0) problems.push({ oracle: 'message', detail: `${where} "${diagnostic.message}" holds ${words.join(', ')}` });
        if (/\n\s+at\s/.test(diagnostic.message) || /error occurred during validation/i.test(diagnostic.message)) {
            problems.push({ oracle: 'internal-error', detail: `${where} ${diagnostic.message}` });
        }
        if (diagnostic.message.trim() === '') problems.push({ oracle: 'message', detail: `${where} an empty message` });
        const code = String(diagnostic.code ?? '');
        if (!KNOWN_CODES.has(code)) problems.push({ oracle: 'message', detail: `${where} unknown code '${code}': ${diagnostic.message}` });
        const outside = rangeProblem(diagnostic.range, lines);
        if (outside) problems.push({ oracle: 'range', detail: `${JSON.stringify(diagnostic.range)} ${outside} (${lines.length} lines): ${diagnostic.message}` });
    }
    return problems;
}

/**
 * Mermaid rewrites a diagram's text before parsing it (`encodeEntities` in mermaidAPI): on
 * every line that matches `style….:…#….;` or `classDef….:…#….;` it drops the last `;`, which
 * breaks an entity code such as `#37;` in a label. Only the diagram's own style lines may
 * match.
 */
export function mermaidProblems(diagram: string): Problem[] {
    const problems: Problem[] = [];
    for (const line of diagram.split('\n')) {
        if (/^\s*classDef\s/.test(line)) continue;
        if (/style.*:\S*#.*;/.test(line) || /classDef.*:\S*#.*;/.test(line)) {
            problems.push({ oracle: 'mermaid', detail: `Mermaid's style preprocessing would change this line: ${line}` });
        }
    }
    return problems;
}
