/**
 * Properties of the formatter on generated playbooks: random valid documents (every
 * construct of the grammar) rendered with random whitespace and comments between tokens.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { format, formatInEditor, formatRangeInEditor, tokens } from './format-helpers.js';

type Tokens = string[];

const name = fc.constantFrom('a', 'b', 'budget', 'Lead', 'Close', '陌生期', '_x9', 'Ärger', 'T1', 'dealValue');
const str = fc.constantFrom('"t"', '"Big / 大客户"', '""', '"a \\" quote"', '"// not a comment"', '"/* nor this */"', '"  spaced  "');
const num = fc.constantFrom('0', '5', '10', '1.5', '100', '365');
const date = fc.constantFrom('2026-01-05', '2025-12-31');
const opt = (arb: fc.Arbitrary<Tokens>): fc.Arbitrary<Tokens> => fc.option(arb, { nil: undefined }).map(t => t ?? []);
const many = (arb: fc.Arbitrary<Tokens>, maxLength = 3): fc.Arbitrary<Tokens> => fc.array(arb, { maxLength }).map(list => list.flat());
const list = (arb: fc.Arbitrary<string>, maxLength = 3): fc.Arbitrary<Tokens> =>
    fc.array(arb, { minLength: 1, maxLength }).map(items => items.flatMap((item, i) => (i === 0 ? [item] : [',', item])));
const one = (token: string): fc.Arbitrary<Tokens> => fc.constant([token]);

const literal: fc.Arbitrary<Tokens> = fc.oneof(
    num.map(n => [n]), num.map(n => [n, 'days']), num.map(n => [n, '%']),
    one('true'), one('false'), str.map(s => [s]), date.map(d => [d])
);
const value: fc.Arbitrary<Tokens> = fc.oneof(literal, fc.tuple(num, fc.constantFrom([], ['days'], ['%'])).map(([n, unit]) => ['-', n, ...unit]), name.map(n => [n]));

const { expression } = fc.letrec<{ atom: Tokens; additive: Tokens; comparison: Tokens; negation: Tokens; expression: Tokens }>(tie => ({
    atom: fc.oneof(
        { maxDepth: 3, depthIdentifier: 'expression' },
        name.map(n => [n]),
        literal,
        tie('atom').map(a => ['-', ...a]),
        tie('expression').map(e => ['(', ...e, ')'])
    ),
    additive: fc.tuple(tie('atom'), fc.array(fc.tuple(fc.constantFrom('+', '-', '*', '/'), tie('atom')), { maxLength: 2 }))
        .map(([first, rest]) => [...first, ...rest.flatMap(([op, a]) => [op, ...a])]),
    comparison: fc.oneof(
        tie('additive'),
        fc.tuple(tie('additive'), fc.constantFrom('<', '<=', '>', '>=', '=', '==', '!='), tie('additive')).map(([l, op, r]) => [...l, op, ...r]),
        fc.tuple(tie('additive'), list(name)).map(([l, names]) => [...l, 'in', '{', ...names, '}'])
    ),
    negation: fc.oneof(tie('comparison'), tie('comparison').map(c => ['not', ...c])),
    expression: fc.tuple(tie('negation'), fc.array(fc.tuple(fc.constantFrom('and', 'or'), tie('negation')), { maxLength: 2 }))
        .map(([first, rest]) => [...first, ...rest.flatMap(([op, n]) => [op, ...n])])
}));

const fieldType: fc.Arbitrary<Tokens> = fc.oneof(
    fc.constantFrom('money', 'number', 'bool', 'text', 'date', 'days').map(t => [t]),
    fc.tuple(list(name), fc.boolean()).map(([names, trailing]) => ['enum', '{', ...names, ...(trailing ? [','] : []), '}'])
);
const field = fc.tuple(name, fieldType, opt(value.map(v => ['=', ...v]))).map(([n, t, d]) => ['field', n, ':', ...t, ...d]);
const task = fc.tuple(name, opt(str.map(s => [s])), many(fc.oneof(one('required'), str.map(s => ['owner', s])))).map(([n, t, attrs]) => ['task', n, ...t, ...attrs]);
const gateBody = many(fc.oneof(list(name).map(names => ['requires', ...names]), expression.map(e => ['when', ...e])));
const gate = fc.tuple(name, opt(str.map(s => [s])), opt(gateBody.map(b => ['{', ...b, '}']))).map(([n, t, b]) => ['gate', n, ...t, ...b]);
const stageMember = fc.oneof(
    list(str).map(aliases => ['alias', ...aliases]),
    num.map(n => ['probability', n, '%']),
    num.map(n => ['within', n, 'days']),
    task,
    gate
);
const stage = fc.tuple(fc.boolean(), name, opt(str.map(s => [s])), opt(many(stageMember, 4).map(b => ['{', ...b, '}'])))
    .map(([optional, n, t, b]) => [...(optional ? ['optional'] : []), 'stage', n, ...t, ...b]);
const terminate = fc.tuple(name, str, many(fc.oneof(expression.map(e => ['when', ...e]), list(name).map(names => ['from', ...names])), 2))
    .map(([n, reason, rest]) => ['terminate', n, reason, ...rest]);
const playbookMember = fc.oneof(
    str.map(s => ['title', s]), str.map(s => ['version', s]), one('forbid').map(() => ['forbid', 'regressions']),
    field, stage, terminate
);
const playbook = fc.tuple(name, many(playbookMember, 5)).map(([n, members]) => ['playbook', n, '{', ...members, '}']);
const event = fc.tuple(date, fc.oneof(
    name.map(n => ['enter', n]),
    list(name).map(names => ['done', ...names]),
    fc.tuple(name, value).map(([n, v]) => ['set', n, '=', ...v]),
    fc.tuple(name, opt(str.map(s => [s]))).map(([n, r]) => ['terminate', n, ...r]),
    one('won')
)).map(([d, rest]) => [d, ...rest]);
const deal = fc.tuple(name, opt(str.map(s => [s])), name, many(event, 4)).map(([n, t, p, events]) => ['deal', n, ...t, 'for', p, '{', ...events, '}']);
const document: fc.Arbitrary<Tokens> = fc.array(fc.oneof(playbook, deal), { maxLength: 3 }).map(elements => elements.flat());

/** Tokens that nothing sticks to: written without a space next to any other token. */
const PUNCTUATION = new Set(['{', '}', '(', ')', ',', ':', '%']);

/** Whitespace (and, with `comments`, comments) between two tokens; never one that changes the tokens. */
function separator(comments: boolean, blankLines: boolean): fc.Arbitrary<(previous: string, next: string) => string> {
    const plain = ['', ' ', '  ', '\t', '\n', ' \n    ', '\n\t  ', ' \u3000 '];
    const blank = ['\n\n\n', '\n  \n', '\r\n\r\n'];
    const commented = [' /* c */ ', ' /**/', ' // note\n', '\n// own line\n', '\n  /* block\n   over lines */\n', ' /* x */\n', '\n/* a */ ', ' // 注释 /* */\n\n'];
    const choices = [...plain, ...(blankLines ? blank : []), ...(comments ? commented : [])];
    return fc.constantFrom(...choices).map(choice => (previous: string, next: string) =>
        choice === '' && !PUNCTUATION.has(previous) && !PUNCTUATION.has(next) ? ' ' : choice);
}

function render(tokens: Tokens, separators: Array<(previous: string, next: string) => string>, edges: [string, string]): string {
    let text = edges[0];
    tokens.forEach((token, i) => {
        if (i > 0) text += separators[(i - 1) % separators.length](tokens[i - 1], token);
        text += token;
    });
    return text + (tokens.length > 0 ? edges[1] : '');
}

const startEdge = fc.constantFrom('', '\n', '  \n\n', '// top\n', '/* top */\n\n', '/* top */ ');
const endEdge = fc.constantFrom('', '\n', '  \n\n', ' // end', '\n// end\n', '\n/* end */', '\n\n\n');

/** A generated document written with random whitespace and comments. */
const messyDocument = fc.tuple(document, fc.array(separator(true, true), { minLength: 1, maxLength: 40 }), startEdge, endEdge)
    .map(([tokenList, separators, start, end]) => render(tokenList, separators, [start, end]));

/** More runs on demand: `FORMAT_PROPERTY_RUNS=20000 npx vitest run test/language/lsp/formatting`. */
const scale = Number(process.env.FORMAT_PROPERTY_RUNS ?? 300) / 300;
const runs = { numRuns: Math.round(300 * scale) };

describe('formatting properties (fast-check)', () => {
    it('generated documents are valid Playbook syntax', () => {
        fc.assert(fc.property(messyDocument, text => {
            format(text);
        }), runs);
    });

    it('never loses, adds or reorders a token or a comment', () => {
        fc.assert(fc.property(messyDocument, text => {
            expect(tokens(format(text))).toEqual(tokens(text));
        }), runs);
    });

    it('is idempotent', () => {
        fc.assert(fc.property(messyDocument, text => {
            const once = format(text);
            expect(format(once)).toBe(once);
        }), runs);
    });

    it('writes clean lines: 2-space indentation, no trailing whitespace, at most one blank line, one final line break', () => {
        fc.assert(fc.property(messyDocument, text => {
            const formatted = format(text);
            if (formatted === '') return;
            expect(formatted).toMatch(/\n$/);
            expect(formatted).not.toMatch(/\n$\n$/m);
            expect(formatted).not.toMatch(/(\r?\n){3}/);
            let inBlockComment = false;
            for (const line of formatted.split(/\r?\n/)) {
                if (!inBlockComment) {
                    expect(line).not.toMatch(/[^\S\r\n]$/);
                    expect(line.match(/^ */)![0].length % 2).toBe(0);
                    expect(line).not.toMatch(/^\s*\t/);
                }
                const open = line.lastIndexOf('/*');
                if (open >= 0 && line.indexOf('*/', open) < 0 && !line.slice(0, open).includes('//')) inBlockComment = true;
                if (line.includes('*/')) inBlockComment = false;
            }
        }), runs);
    });

    it('has one canonical layout: without comments or blank lines, the whitespace written does not matter', () => {
        fc.assert(fc.property(document, fc.array(separator(false, false), { minLength: 1, maxLength: 40 }), (tokenList, separators) => {
            const canonical = format(tokenList.join(' '));
            expect(format(render(tokenList, separators, ['', '']))).toBe(canonical);
        }), runs);
    });

    it('gives the editor the same text as the API', async () => {
        await fc.assert(fc.asyncProperty(messyDocument, async text => {
            expect(await formatInEditor(text)).toBe(format(text));
        }), { numRuns: Math.round(100 * scale) });
    });

    it('range formatting changes only the lines of the range, keeps every token, and on the whole document formats it all', async () => {
        await fc.assert(fc.asyncProperty(messyDocument, fc.nat(), fc.nat(), async (text, a, b) => {
            const lineStarts = [0, ...[...text.matchAll(/\r\n|\r|\n/g)].map(m => m.index + m[0].length)];
            const first = a % lineStarts.length;
            const last = first + (b % (lineStarts.length - first));
            const result = await formatRangeInEditor(text, { start: { line: first, character: 0 }, end: { line: last, character: 1000 } });
            expect(tokens(result)).toEqual(tokens(text));
            const before = text.slice(0, lineStarts[first]);
            const lineEnd = last + 1 < lineStarts.length ? lineStarts[last + 1] - (/\r\n$/.test(text.slice(0, lineStarts[last + 1])) ? 2 : 1) : text.length;
            const after = text.slice(lineEnd);
            expect(result.startsWith(before)).toBe(true);
            expect(result.endsWith(after)).toBe(true);
            const whole = await formatRangeInEditor(text, { start: { line: 0, character: 0 }, end: { line: lineStarts.length, character: 0 } });
            expect(whole).toBe(format(text));
        }), { numRuns: Math.round(150 * scale) });
    });
});
