/**
 * Mutations of real `.playbook` texts: what editing, pasting, merging, encodings and hostile
 * authors do to a file. Each mutation keeps most of the text, so the result is usually
 * "almost a playbook", the input that reaches the deepest into the checker.
 */
import type { Random } from './random.js';

/** Tokens and fragments worth inserting: the language's own words, its delimiters, and what breaks lexers. */
const FRAGMENTS = [
    'playbook', 'stage', 'optional', 'task', 'gate', 'when', 'requires', 'terminate', 'from', 'field', 'deal', 'for', 'enter', 'done', 'set',
    'won', 'forecast', 'title', 'version', 'alias', 'probability', 'within', 'days', 'required', 'owner', 'forbid', 'regressions', 'enum', 'money',
    'number', 'bool', 'text', 'date', 'and', 'or', 'not', 'in', 'true', 'false',
    '{', '}', '(', ')', ',', ':', '=', '==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', '"', '\\"', '\\', '"unclosed',
    '/*', '*/', '//', '\n', '\r', '\r\n', '\t', ' ', '\u00a0', '\u2028', '\u0085', '\ufeff', '\u0000', '\u200b',
    '0', '1', '100', '1.5', '-5', '0.0000001', '1000000000000000000000', '1'.padEnd(400, '0'), '1e-7', '1e+21', '12.', '.5', '007',
    '2026-01-05', '2026-02-30', '9999-99-99', '0000-00-00', '2026-1-5',
    'x', '_', 'Stage', 'Lead', '𠮷野家', '〇〇商事', '客户开发', 'Ärger', 'Сделка', '🚀', 'é', 'e\u0301', 'undefined', 'null', 'NaN', 'constructor', '__proto__',
    'stage X', 'task T', 'gate G { when x }', 'field f: money', 'terminate Lost "r"', 'deal D for P {}', '2026-01-01 enter X',
    'won alias "Closed Won"', 'terminate Lost alias "Closed Lost", "No decision"', 'forecast f', 'alias ""'
];

/** Repeated fragments that stress nesting, the lexer and the checker's limits. */
const STRESS = ['not ', '(', ')', '-', '\\"', '" ', '/* ', '// x\n', ' and x', ' or not x', 'stage S ', '{', '}', 'x', '1 + ', '"a" '];

export type Mutation = (random: Random, text: string, others: readonly string[]) => string;

const MUTATIONS: ReadonlyArray<readonly [Mutation, number]> = [
    [deleteSpan, 6],
    [duplicateSpan, 3],
    [insertFragment, 10],
    [replaceWord, 5],
    [swapLines, 2],
    [lineBreaks, 1],
    [truncate, 1],
    [splice, 2],
    [stress, 1],
    [flipCharacter, 4],
    [dropLines, 2]
];

/** The text after one to four mutations. */
export function mutate(random: Random, text: string, others: readonly string[]): string {
    let result = text;
    const count = random.weighted([[1, 4], [2, 3], [3, 2], [4, 1]]);
    for (let i = 0; i < count; i++) {
        result = random.weighted(MUTATIONS)(random, result, others);
    }
    return result;
}

function position(random: Random, text: string): number {
    return random.int(0, text.length);
}

function span(random: Random, text: string, maxLength = 40): [number, number] {
    const start = position(random, text);
    return [start, Math.min(text.length, start + random.int(1, maxLength))];
}

function deleteSpan(random: Random, text: string): string {
    const [start, end] = span(random, text);
    return text.slice(0, start) + text.slice(end);
}

function duplicateSpan(random: Random, text: string): string {
    const [start, end] = span(random, text, 200);
    const at = position(random, text);
    return text.slice(0, at) + text.slice(start, end) + text.slice(at);
}

function insertFragment(random: Random, text: string): string {
    const at = position(random, text);
    const fragment = random.pick(FRAGMENTS);
    const pad = random.chance(0.6) ? ' ' : '';
    return text.slice(0, at) + pad + fragment + pad + text.slice(at);
}

/** One word replaced by another word of the text: unresolved and duplicated names, keywords in the wrong place. */
function replaceWord(random: Random, text: string): string {
    const words = [...text.matchAll(/[\p{L}_][\p{L}\p{N}_]*/gu)];
    if (words.length < 2) return text;
    const target = random.pick(words);
    const replacement = random.pick(words)[0];
    return text.slice(0, target.index) + replacement + text.slice(target.index + target[0].length);
}

function swapLines(random: Random, text: string): string {
    const lines = text.split('\n');
    if (lines.length < 2) return text;
    const a = random.int(0, lines.length - 1), b = random.int(0, lines.length - 1);
    [lines[a], lines[b]] = [lines[b], lines[a]];
    return lines.join('\n');
}

function dropLines(random: Random, text: string): string {
    const lines = text.split('\n');
    const start = random.int(0, lines.length - 1);
    lines.splice(start, random.int(1, 5));
    return lines.join('\n');
}

/** Every line break as CR LF, lone CR, or mixed: files from other systems and editors. */
function lineBreaks(random: Random, text: string): string {
    const style = random.pick(['\r\n', '\r', 'mixed']);
    return text.replace(/\r\n|\r|\n/g, () => (style === 'mixed' ? random.pick(['\n', '\r\n', '\r']) : style));
}

function truncate(random: Random, text: string): string {
    return text.slice(0, position(random, text));
}

/** A piece of another text pasted in. */
function splice(random: Random, text: string, others: readonly string[]): string {
    const other = random.pick(others);
    if (!other) return text;
    const [start, end] = span(random, other, 400);
    const at = position(random, text);
    return text.slice(0, at) + other.slice(start, end) + text.slice(at);
}

/**
 * A fragment repeated many times: long `not` chains, deep parentheses, long runs of
 * escaped quotes in an unclosed text, unclosed comments, thousands of stages. Mostly
 * hundreds of times, rarely up to 200 KB of text (100,000 escaped quotes on one line, the
 * size at which a quadratic path takes seconds). Larger texts are legitimately slower than
 * the harness's 1 s of CPU per input, and would only measure the machine.
 */
export const MAX_STRESS_LENGTH = 200_000;

function stress(random: Random, text: string): string {
    const fragment = random.pick(STRESS);
    const wanted = random.weighted([[random.int(2, 100), 20], [random.int(100, 2_000), 6], [random.int(2_000, 20_000), 2], [random.int(20_000, 100_000), 1]]);
    const times = Math.min(wanted, Math.floor(MAX_STRESS_LENGTH / fragment.length));
    const at = position(random, text);
    const opening = fragment === '\\"' ? '"' : '';
    return text.slice(0, at) + opening + fragment.repeat(times) + text.slice(at);
}

/** One character changed to a random one, from ASCII, Latin-1, other planes, or a lone surrogate. */
function flipCharacter(random: Random, text: string): string {
    if (text.length === 0) return text;
    const at = random.int(0, text.length - 1);
    const replacement = random.weighted<() => string>([
        [() => String.fromCharCode(random.int(0x20, 0x7e)), 6],
        [() => String.fromCharCode(random.int(0, 0x1f)), 1],
        [() => String.fromCharCode(random.int(0xa0, 0x2fff)), 2],
        [() => String.fromCodePoint(random.int(0x10000, 0x3134f)), 1],
        [() => String.fromCharCode(random.int(0xd800, 0xdfff)), 1]
    ])();
    return text.slice(0, at) + replacement + text.slice(at + 1);
}
