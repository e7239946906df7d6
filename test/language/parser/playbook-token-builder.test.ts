/**
 * Texts and block comments are lexed in linear time, with the same tokens and errors as the
 * grammar's own regular expressions give.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as fc from 'fast-check';
import { DefaultTokenBuilder } from 'langium';
import { Lexer, type ILexingResult, type TokenType } from 'chevrotain';
import { PlaybookLexerErrorMessageProvider } from '../../../packages/language/src/parser/syntax-error-messages.js';
import { check, testServices } from '../../helpers.js';

const services = testServices().Playbook;

/** The lexer Langium would build from the grammar alone: the reference the matchers must agree with. */
const reference = new Lexer(new DefaultTokenBuilder().buildTokens(services.Grammar) as TokenType[], {
    positionTracking: 'full', errorMessageProvider: new PlaybookLexerErrorMessageProvider()
});

function summary(result: Pick<ILexingResult, 'tokens' | 'errors'> & { groups?: Record<string, unknown[]>; hidden?: unknown[] }): unknown {
    const hidden = (result.hidden ?? result.groups?.hidden ?? []) as ILexingResult['tokens'];
    return {
        tokens: [...result.tokens, ...hidden].sort((a, b) => a.startOffset - b.startOffset)
            // (Offsets only: the language's tokens carry no lines or columns, see playbook-lexer.test.ts.)
            .map(t => [t.tokenType.name, t.startOffset, t.endOffset, t.image]),
        errors: result.errors.map(e => [e.offset, e.length, e.message])
    };
}

/**
 * How many characters the string and block-comment scans can have examined: for every call of
 * a regular expression of a text at a quote, the rest of its line; of a block comment at a
 * `/*` (or a search for a comment's end), the rest of the text.
 */
function charactersScanned(run: () => void): number {
    let scanned = 0;
    const exec = RegExp.prototype.exec;
    const indexOf = String.prototype.indexOf;
    vi.spyOn(RegExp.prototype, 'exec').mockImplementation(function (this: RegExp, text: string) {
        const at = this.lastIndex;
        if (this.source.startsWith('"') && text[at] === '"') scanned += restOfLine(text, at);
        if (this.source.startsWith('\\/\\*') && text.startsWith('/*', at)) scanned += text.length - at;
        return exec.call(this, text);
    });
    vi.spyOn(String.prototype, 'indexOf').mockImplementation(function (this: string, search: string, from?: number) {
        if (search === '*/') scanned += this.length - (from ?? 0);
        return indexOf.call(this, search, from);
    });
    try {
        run();
    } finally {
        vi.restoreAllMocks();
    }
    return scanned;
}

function restOfLine(text: string, from: number): number {
    const end = /[\r\n]/.exec(text.slice(from));
    return end ? end.index : text.length - from;
}

afterEach(() => vi.restoreAllMocks());

describe('lexing texts and block comments', () => {
    it.each([
        ['an unclosed text of escaped quotes', `playbook P { title "${'\\"'.repeat(2_000)}\n  stage A\n}\n`],
        ['unclosed texts, one per line', `playbook P {\n${'  title "a \\" b\n'.repeat(200)}}\n`],
        ['an unclosed block comment followed by many openings', `playbook P { stage A }\n/* ${'/* '.repeat(2_000)}`]
    ])('%s is scanned in linear time', (_name, text) => {
        const scanned = charactersScanned(() => services.parser.Lexer.tokenize(text));
        expect(scanned).toBeLessThanOrEqual(4 * text.length);
    });

    it('gives the tokens and errors of the grammar\'s regular expressions, on any text', () => {
        const pieces = fc.constantFrom('"', '\\', '\\"', '\\\\', 'a', ' ', '\n', '\r', '\r\n', '\u2028', '/', '*', '/*', '*/', '//', 'stage', '1', '{', '}', '(');
        fc.assert(fc.property(fc.array(pieces, { maxLength: 60 }), parts => {
            const text = parts.join('');
            expect(summary(services.parser.Lexer.tokenize(text))).toEqual(summary(reference.tokenize(text)));
        }), { numRuns: 2_000 });
    });

    it('still says that a text has no closing quote, once, where it opens', async () => {
        const found = await check(`playbook P { title "${'\\"'.repeat(1_000)}\n  stage A\n}\n`);
        const unclosed = found.filter(d => d.message.includes('no closing quote'));
        expect(unclosed).toHaveLength(1);
        expect([unclosed[0].line, unclosed[0].column]).toEqual([1, 20]);
    });

    it('lexes comments that hold `/*`, `"` and `*/` pieces as before', () => {
        for (const text of ['/* a /* b */ stage', '/*/ x */', '/**/', '/* " */ "x"', '"/* not a comment */"', '// "\n"a"', '/*\n*/']) {
            expect(summary(services.parser.Lexer.tokenize(text)), text).toEqual(summary(reference.tokenize(text)));
        }
    });
});
