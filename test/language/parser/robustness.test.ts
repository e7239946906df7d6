/**
 * No input makes the checker throw or hang: garbage, huge files and pathological nesting
 * all come back as diagnostics.
 */
import { describe, expect, it, vi } from 'vitest';
import * as fc from 'fast-check';
import { check, codes, testServices } from '../../helpers.js';

/** A deterministic pseudo-random byte string, so a failure can be reproduced. */
function randomBytes(length: number, seed: number): string {
    let state = seed;
    let text = '';
    for (let i = 0; i < length; i++) {
        state = (state * 1103515245 + 12345) & 0x7fffffff;
        text += String.fromCharCode(state % 256);
    }
    return text;
}

describe('garbage input', () => {
    it('random bytes give syntax errors, not exceptions', async () => {
        const found = await check(randomBytes(20_000, 42));
        expect(found.length).toBeGreaterThan(0);
        expect(new Set(codes(found))).toEqual(new Set(['syntax-error']));
    });

    it('a 5 MB file is checked', async () => {
        const stage = (i: number) => `  stage S${i} "Stage ${i}" { probability ${Math.min(100, i)}% task T${i} required gate G${i} { requires T${i} } }\n`;
        let body = '';
        for (let i = 0; body.length < 5 * 1024 * 1024; i++) body += stage(i);
        const found = await check(`playbook Big {\n${body}}\n`);
        expect(found.filter(d => d.severity === 'error')).toEqual([]);
    });

    it.each([
        ['10,000 nested parentheses', `${'('.repeat(10_000)}ok${')'.repeat(10_000)}`],
        ['10,000 nots', `${'not '.repeat(10_000)}ok`],
        ['10,000 negations', `${'-'.repeat(10_000)}1 > 0`],
        ['20,000 ands', `ok${' and ok'.repeat(20_000)}`]
    ])('%s: one clear syntax error', async (_name, condition) => {
        const found = await check(`playbook P { field ok: bool stage A { gate G { when ${condition} } } stage B }`);
        expect(codes(found)).toEqual(['syntax-error']);
        expect(found[0].message).toMatch(/nested|operators/);
    });

    it('the checker still works after a pathological document', async () => {
        await check(`playbook P { field ok: bool stage A { gate G { when ${'('.repeat(50_000)} } } }`);
        await check(`playbook P { field ok: bool stage A { gate G { when ok${' or ok'.repeat(30_000)} } } }`);
        expect(codes(await check('playbook P { field ok: bool stage A { gate G { when ok and 1 } } stage B }'))).toEqual(['type-mismatch']);
    });

    it('parentheses nested within the limit are fine', async () => {
        const found = await check(`playbook P { field ok: bool stage A { gate G { when ${'('.repeat(40)}ok${')'.repeat(40)} } } stage B }`);
        expect(found.filter(d => d.severity === 'error')).toEqual([]);
    });

    it('any text made of the language\'s own tokens is checked without an exception', async () => {
        const tokens = ['playbook', 'stage', 'task', 'gate', 'when', 'requires', 'deal', 'for', 'enter', 'done', 'set', 'won', 'terminate',
            'field', ':', 'money', 'enum', '{', '}', '(', ')', ',', '=', '>', 'and', 'not', 'P', 'A', 'B', '"t"', '10', '%', '2026-01-01', '//c\n'];
        await fc.assert(fc.asyncProperty(fc.array(fc.constantFrom(...tokens), { maxLength: 60 }), async parts => {
            const found = await check(parts.join(' '));
            expect(Array.isArray(found)).toBe(true);
        }), { numRuns: 200 });
    });
});

describe('syntax trees of many siblings', () => {
    /** Elements examined by `indexOf` and `lastIndexOf` on arrays while `run` runs. */
    function elementsSearched(run: () => void): number {
        let searched = 0;
        const indexOf = Array.prototype.indexOf, lastIndexOf = Array.prototype.lastIndexOf;
        vi.spyOn(Array.prototype, 'indexOf').mockImplementation(function (this: unknown[], item: unknown, from?: number) {
            const found = indexOf.call(this, item, from);
            searched += found < 0 ? this.length : found + 1;
            return found;
        });
        vi.spyOn(Array.prototype, 'lastIndexOf').mockImplementation(function (this: unknown[], item: unknown, from?: number) {
            const found = from === undefined ? lastIndexOf.call(this, item) : lastIndexOf.call(this, item, from);
            searched += found < 0 ? this.length : this.length - found;
            return found;
        });
        try {
            run();
        } finally {
            vi.restoreAllMocks();
        }
        return searched;
    }

    it.each([
        ['10,000 stages on one line', `playbook P { ${'stage S '.repeat(10_000)}}`],
        ['10,000 stages, each after a comment', `playbook P {\n${'  // a stage\n  stage S\n'.repeat(10_000)}}`],
        ['5,000 playbooks', 'playbook P { stage S }\n'.repeat(5_000)]
    ])('%s: each new node is not searched for among all its siblings', (_name, text) => {
        const parser = testServices().Playbook.parser.LangiumParser;
        const searched = elementsSearched(() => parser.parse(text));
        expect(searched).toBeLessThanOrEqual(text.length);
    });
});

