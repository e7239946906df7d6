/**
 * Quoted text far longer than any title: one clear error at its opening quote, the same
 * verdict whatever the lexer can cope with, and no memory kept after it.
 */
import { describe, expect, it } from 'vitest';
import { findOverlongString } from '../../../packages/language/src/parser/guarded-parser.js';
import { check, testServices } from '../../helpers.js';

const playbook = (line: string) => `playbook Huge {\n  ${line}\n  stage A\n}\n`;
const MILLION = 1_000_000;

describe('a text in quotes longer than any title', () => {
    it.each([
        ['a 10 MB title', playbook(`title "${'x'.repeat(10 * 1024 * 1024)}"`), 10 * 1024 * 1024],
        ['a title of 4.4 million characters', playbook(`title "${'标'.repeat(4.4 * MILLION)}"`), 4.4 * MILLION],
        ['a title just over the limit', playbook(`title "${'x'.repeat(MILLION + 1)}"`), MILLION + 1],
        ['an unclosed text of 5 million characters', playbook(`title "${'x'.repeat(5 * MILLION)}`), 5 * MILLION]
    ])('%s: one error at its opening quote, in words', async (_name, text, length) => {
        const found = await check(text);
        expect(found.map(d => [d.code, d.line, d.column, d.message])).toEqual([
            ['syntax-error', 2, 9, `This text in quotes has ${length.toLocaleString('en')} characters; a text in quotes holds at most 1,000,000. Shorten it.`]
        ]);
    }, 60_000);

    it('a title of a million characters is read', async () => {
        const found = await check(playbook(`title "${'x'.repeat(MILLION)}"`));
        expect(found.filter(d => d.severity === 'error')).toEqual([]);
    }, 60_000);

    it('rejecting a 10 MB line leaves the process not much larger', async () => {
        await check(playbook('title "small"'));
        const before = process.memoryUsage().rss;
        await check(playbook(`title "${'x'.repeat(10 * 1024 * 1024)}"`));
        // Blanking the text with a regular expression (ten million matches) grew it by ~450 MB, for good.
        expect((process.memoryUsage().rss - before) / 1024 / 1024).toBeLessThan(150);
    }, 60_000);
});

describe('after a parse', () => {
    it('the parser holds none of the text\'s tokens (a large file\'s tokens weigh an eighth of its tree)', () => {
        const parser = testServices().Playbook.parser.LangiumParser;
        const result = parser.parse(playbook('title "kept"'));
        expect(result.parserErrors).toEqual([]);
        expect((parser as unknown as { wrapper: { input: unknown[] } }).wrapper.input).toEqual([]);
    });

    it('the syntax errors of the parse are still reported', () => {
        const result = testServices().Playbook.parser.LangiumParser.parse('playbook P {\n  stage stage\n}\n');
        expect(result.parserErrors.length).toBeGreaterThan(0);
    });
});

describe('findOverlongString', () => {
    it.each<[string, string, number, { offset: number; length: number } | undefined]>([
        ['a short string', 'title "abc"', 2, { offset: 6, length: 3 }],
        ['within the limit', 'title "abc"', 3, undefined],
        ['escaped quotes count', 'x "a\\"b" y', 3, { offset: 2, length: 4 }],
        ['unclosed: to the end of the line', 'x "abcd\nstage "e"', 3, { offset: 2, length: 4 }],
        ['unclosed: to a lone carriage return', 'x "abcd\rstage "e"', 3, { offset: 2, length: 4 }],
        ['quotes in a line comment are not a string', '// "abcdef\nx "ab"', 3, undefined],
        ['a line comment ends at a lone carriage return', '// c\rx "abcdef"', 3, { offset: 7, length: 6 }],
        ['quotes in a block comment are not a string', '/* "abcdef" */ "ab"', 3, undefined]
    ])('%s', (_name, text, limit, expected) => {
        expect(findOverlongString(text, limit)).toEqual(expected);
    });
});
