/**
 * The nesting guard counts every level the parser descends (parentheses, `not`, unary
 * minus), so that a text is refused by a fixed limit before the stack can overflow: the
 * same text gets the same verdict in a fresh process and deep inside a busy one.
 */
import { describe, expect, it } from 'vitest';
import { findExcessiveNesting, MAX_NESTING } from '../../../packages/model/src/import/nesting-guard.js';
import { check, codes, testServices } from '../../helpers.js';
import { reparseStep } from '../../language/parser/parse-snapshot.js';

const within = (condition: string): string => `playbook P {\n  field ok: bool\n  field n: number\n  stage A { gate G { when ${condition} } }\n  stage B\n}\n`;
const NESTED = /nested more than 40 levels deep/;

describe('the nesting guard', () => {
    it.each([
        ['41 parentheses', `${'('.repeat(41)}ok${')'.repeat(41)}`, 'ok'],
        ['41 nots', `${'not '.repeat(41)}ok`, 'ok'],
        ['41 unary minuses', `${'-'.repeat(41)}n > 0`, 'n'],
        ['nots and parentheses in turn', `${'not ('.repeat(21)}ok${')'.repeat(21)}`, 'ok'],
        ['minuses inside parentheses', `n > ${'-('.repeat(21)}1${')'.repeat(21)}`, '1']
    ])('refuses %s, at the level past the limit', async (_name, condition, operand) => {
        const found = await check(within(condition));
        expect(codes(found)).toEqual(['syntax-error']);
        expect(found[0].message).toMatch(NESTED);
        expect(found[0].line).toBe(4);
        const levels = [...condition.matchAll(/not|\(|-(?!\s*\d+\s*\))/g)].map(m => m.index);
        expect(levels.length).toBeGreaterThan(MAX_NESTING);
        expect(found[0].column).toBe('  stage A { gate G { when '.length + levels[MAX_NESTING] + 1);
        expect(condition).toContain(operand);
    });

    it.each([
        ['40 parentheses', `${'('.repeat(40)}ok${')'.repeat(40)}`],
        ['40 nots', `${'not '.repeat(40)}ok`],
        ['40 unary minuses', `${'-'.repeat(40)}n > 0`],
        ['200 negated terms joined by and', Array.from({ length: 200 }, () => 'not ok').join(' and ')],
        ['300 subtractions of negative numbers', `n > 0${' - -1'.repeat(300)}`],
        ['20 nots in each of 100 parenthesised terms', Array.from({ length: 100 }, () => `(${'not '.repeat(20)}ok)`).join(' or ')]
    ])('accepts %s', async (_name, condition) => {
        expect((await check(within(condition))).filter(d => d.severity === 'error')).toEqual([]);
    });

    it('counts each condition on its own: nots and unclosed parentheses do not add up over a file', async () => {
        const gates = Array.from({ length: 60 }, (_, i) => `gate G${i} { when not not (ok }`).join('\n    ');
        const found = await check(`playbook P {\n  field ok: bool\n  stage A {\n    ${gates}\n  }\n  stage B\n}\n`);
        expect(found.some(d => NESTED.test(d.message))).toBe(false);
    });

    it('ignores texts, comments and the sets of `in`, but not an unclosed block comment', () => {
        expect(findExcessiveNesting(`title "${'('.repeat(100)}" // ${'not '.repeat(100)}\n /* ${'-'.repeat(100)} */ x in {${'A, '.repeat(100)}B}`)).toBeUndefined();
        expect(findExcessiveNesting(`/* never closed\nwhen ${'not '.repeat(41)}x`)).toBeDefined();
    });

    it.each([['LF', '\n'], ['CR LF', '\r\n'], ['lone CR', '\r']])('reports the line and column of the level past the limit when lines end with %s', async (_name, lineBreak) => {
        const condition = `${'('.repeat(45)}ok${')'.repeat(45)}`;
        const found = await check(within(condition).replace(/\n/g, lineBreak));
        expect(found.map(d => [d.line, d.column, d.message.match(NESTED) !== null])).toEqual([[4, '  stage A { gate G { when '.length + 41, true]]);
    });

    it('gives the same verdict however deep the stack it is called from', () => {
        const parser = testServices().Playbook.parser.LangiumParser;
        const verdict = (text: string): string[] => {
            const result = parser.parse(text);
            return [...result.lexerErrors.map(e => `${e.line}:${e.column} ${e.message}`), ...result.parserErrors.map(e => e.message)];
        };
        const deep = (frames: number, run: () => string[]): string[] => (frames === 0 ? run() : deep(frames - 1, run));
        for (const count of [39, 300, 600, 900, 5_000]) {
            const text = within(`${'not '.repeat(count)}ok`);
            const shallow = verdict(text);
            expect(deep(5_000, () => verdict(text)), `${count} nots`).toEqual(shallow);
            expect(shallow.length > 0, `${count} nots`).toBe(count > MAX_NESTING);
        }
    });
});

describe('the nesting guard\'s own scan', () => {
    it('searches for the end of an unclosed block comment once, not once per later /*', () => {
        const text = `playbook P { stage A ${'/* '.repeat(5_000)}}`;
        let searched = 0;
        const indexOf = String.prototype.indexOf;
        String.prototype.indexOf = function (this: string, search: string, from?: number): number {
            if (search === '*/') searched += this.length - (from ?? 0);
            return indexOf.call(this, search, from);
        };
        try {
            expect(findExcessiveNesting(text)).toBeUndefined();
        } finally {
            String.prototype.indexOf = indexOf;
        }
        expect(searched).toBeLessThanOrEqual(2 * text.length);
    });
});

describe('the nesting guard in the editor\'s path', () => {
    const services = testServices().Playbook;
    const parse = (text: string) => services.parser.LangiumParser.parse(text);
    const offer = services.parser.MemberReparser.reparse.bind(services.parser.MemberReparser);
    const verdict = (result: ReturnType<typeof parse>): string[] => result.lexerErrors.map(e => `${e.line}:${e.column} ${e.message}`);

    it.each([
        ['700 nots pasted at once', 'not '.repeat(700)],
        ['41 nots pasted at once', 'not '.repeat(41)]
    ])('%s into a gate: the stage parsed again gives the verdict of the whole text', (_name, pasted) => {
        const before = within('ok');
        const at = before.indexOf('when ') + 'when '.length;
        const after = before.slice(0, at) + pasted + before.slice(at);
        const step = reparseStep(offer, parse, parse(before), after);
        expect(verdict(step.next)).toEqual(verdict(parse(after)));
        // One error, at the `not` past the limit.
        expect(verdict(step.next)).toHaveLength(1);
        expect(verdict(step.next)[0]).toMatch(new RegExp(`^4:${'  stage A { gate G { when '.length + 4 * MAX_NESTING + 1} .*${NESTED.source}`));
    });

    it('typing nots one at a time: every keystroke gets the verdict of the whole text', () => {
        let text = within('ok');
        let current = parse(text);
        let position = text.indexOf('when ') + 'when '.length;
        for (let i = 0; i < 45; i++) {
            for (const character of 'not ') {
                text = text.slice(0, position) + character + text.slice(position);
                position++;
                current = reparseStep(offer, parse, current, text).next;
                expect(verdict(current)).toEqual(verdict(parse(text)));
            }
            expect(verdict(current).some(v => NESTED.test(v))).toBe(i + 1 > MAX_NESTING);
        }
    });
});

describe('the operator limit of a condition', () => {
    const OPERATORS = /more than 1,000 operators/;

    // [what, condition, offset in the condition of the operator past the limit]
    it.each([
        ['1,001 ands', Array.from({ length: 1_002 }, () => 'ok').join(' and '), 2 + 1_000 * 7 + 1],
        ['1,001 operators: a comparison and additions', `n > 0${' + 1'.repeat(1_000)}`, 5 + 999 * 4 + 1],
        ['8,000 operators without operands (a run of /* that is never closed)', `n > 1${' /*'.repeat(4_000)}`, 5 + 499 * 3 + 2],
        ['16,000 multiplications without operands', `n${' *'.repeat(16_000)} > 0`, 1 + 1_000 * 2 + 1]
    ])('refuses %s before parsing, at the operator past the limit, whatever the stack', async (_name, condition, offset) => {
        const text = within(condition);
        const found = await check(text);
        expect(found.map(d => [d.code, d.line, d.column, d.message.match(OPERATORS) !== null])).toEqual([['syntax-error', 4, '  stage A { gate G { when '.length + offset + 1, true]]);
        const parser = testServices().Playbook.parser.LangiumParser;
        const deep = (frames: number): string[] => (frames === 0 ? parser.parse(text).lexerErrors.map(e => e.message) : deep(frames - 1));
        expect(deep(6_000)).toEqual(parser.parse(text).lexerErrors.map(e => e.message));
    });

    it.each([
        ['1,000 ands in one condition', `gate G { when ${Array.from({ length: 1_001 }, () => 'ok').join(' and ')} }`],
        ['400 operators in each of 10 gates', Array.from({ length: 10 }, (_, g) => `gate G${g} { when ${Array.from({ length: 201 }, () => 'ok').join(' and ')} when n > 0${' + 1'.repeat(199)} }`).join(' ')]
    ])('reads %s', async (_name, gates) => {
        const found = await check(`playbook P {\n  field ok: bool\n  field n: number\n  stage A { ${gates} }\n  stage B\n}\n`);
        expect(found.filter(d => d.severity === 'error')).toEqual([]);
    });
});
