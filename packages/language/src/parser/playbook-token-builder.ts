/**
 * The lexer's tokens, with the two terminals whose regular expressions can scan far without
 * matching given matchers that find the same tokens in linear time.
 *
 * A text without its closing quote fails to match at its opening quote after a scan to the
 * end of its line. Chevrotain then reports the character and tries every token again from
 * the next one; each escaped quote (`\"`) inside is tried as the opening of another text,
 * and scans to the end of the line again: quadratic (an unclosed text of 100,000 `\"` on
 * one 200 KB line took 47 s). An unclosed block comment does the same with every `/*`
 * after it, up to the end of the file.
 *
 * The matchers below match exactly what the grammar's STRING and ML_COMMENT expressions
 * match, and remember, for the rest of one tokenization, how far a failed scan went: no
 * opening within it can match either, so none is scanned again.
 * - STRING `"(\\.|[^"\\\r\n])*"`: a failed scan from `p` stops at `e` (a line end, the end
 *   of the text, or a `\` before a line break). Every `"` in between was the second half
 *   of an escape pair, so a scan from it follows the same pairs to the same `e` and fails.
 * - ML_COMMENT `/\*[\s\S]*?\*\/`: when no `*\/` follows `p`, none follows any later `/*`.
 */
import { DefaultTokenBuilder, type GrammarAST } from 'langium';
import type { CustomPatternMatcherReturn, IToken, TokenPattern, TokenType } from 'chevrotain';

export class PlaybookTokenBuilder extends DefaultTokenBuilder {
    protected override buildTerminalToken(terminal: GrammarAST.TerminalRule): TokenType {
        const token = super.buildTerminalToken(terminal);
        const regex = token.PATTERN;
        if (!(regex instanceof RegExp)) return token;
        switch (terminal.name) {
            case 'STRING':
                return { ...token, PATTERN: linearPattern(regex, stringMatcher()), START_CHARS_HINT: ['"'], LINE_BREAKS: false };
            case 'ML_COMMENT':
                return { ...token, PATTERN: linearPattern(regex, blockCommentMatcher()), START_CHARS_HINT: ['/'], LINE_BREAKS: true };
            default:
                return token;
        }
    }
}

type Matcher = (text: string, offset: number, tokens: IToken[]) => CustomPatternMatcherReturn | null;

/**
 * A custom pattern that keeps the grammar's `source`: Langium reads it to find which
 * terminals a keyword is a prefix of (`/` of `/*`), and Chevrotain only calls `exec`.
 */
function linearPattern(regex: RegExp, exec: Matcher): TokenPattern {
    return { exec, source: regex.source } as unknown as TokenPattern;
}

/**
 * The scan that failed last, within the tokenization whose token array it names (Chevrotain
 * passes one array per call of `tokenize`; held weakly, so a large text's tokens are not kept).
 */
interface FailedScan {
    tokens: WeakRef<IToken[]>;
    from: number;
    to: number;
}

function knownToFail(failed: FailedScan | undefined, offset: number, tokens: IToken[]): boolean {
    return failed !== undefined && offset > failed.from && offset < failed.to && failed.tokens.deref() === tokens;
}

export function stringMatcher(): Matcher {
    // Greedy and with nothing after it that can fail, so it never backtracks: the longest run
    // of text characters and escapes, then the closing quote if there is one.
    const text = /"(?:\\.|[^"\\\r\n])*("?)/y;
    let failed: FailedScan | undefined;
    return (input, offset, tokens) => {
        if (input.charCodeAt(offset) !== 0x22 /* " */ || knownToFail(failed, offset, tokens)) return null;
        text.lastIndex = offset;
        const match = text.exec(input)!;
        if (match[1] !== '') return match as unknown as CustomPatternMatcherReturn;
        failed = { tokens: new WeakRef(tokens), from: offset, to: offset + match[0].length + 1 };
        return null;
    };
}

export function blockCommentMatcher(): Matcher {
    let failed: FailedScan | undefined;
    return (text, offset, tokens) => {
        if (text.charCodeAt(offset) !== 0x2f /* / */ || text.charCodeAt(offset + 1) !== 0x2a /* * */) return null;
        if (knownToFail(failed, offset, tokens)) return null;
        const close = text.indexOf('*/', offset + 2);
        if (close >= 0) return [text.slice(offset, close + 2)];
        failed = { tokens: new WeakRef(tokens), from: offset, to: Infinity };
        return null;
    };
}
