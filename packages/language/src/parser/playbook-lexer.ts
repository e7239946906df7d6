/**
 * The lexer, as Langium's but with smaller tokens: their offsets and image, no lines or
 * columns. A parse holds all of a text's tokens until it ends (some 4.5 million for a
 * 1,000,000-line file), and Langium's tokens carry four positions more, 96 bytes a token
 * instead of 64; the lexer also no longer looks for line breaks in every token. Nothing
 * reads a token's line or column: the syntax tree's leaves keep offsets
 * (offset-leaf-nodes.ts), and syntax errors are placed from their offsets
 * (syntax-error-ranges.ts).
 *
 * Chevrotain's `positionTracking: 'onlyOffset'` drops lines and columns, and also the end
 * offset, which Langium reads to tell a token of the text from one the parser's recovery made
 * up; the tokens are made here with it (Chevrotain's token factory, replaced on the instance).
 */
import { Lexer as ChevrotainLexer, type IToken, type TokenType } from 'chevrotain';
import type { LangiumCoreServices, Lexer, LexerResult, TokenBuilder, TokenizeOptions } from 'langium';

type TokenFactory = (image: string, startOffset: number, tokenTypeIdx: number, tokenType: TokenType, line: number, column: number, imageLength: number) => IToken;

export class PlaybookLexer implements Lexer {
    private readonly chevrotainLexer: ChevrotainLexer;
    private readonly tokenBuilder: TokenBuilder;
    private readonly tokenTypes: Record<string, TokenType>;

    constructor(services: LangiumCoreServices) {
        this.tokenBuilder = services.parser.TokenBuilder;
        const tokens = this.tokenBuilder.buildTokens(services.Grammar, { caseInsensitive: services.LanguageMetaData.caseInsensitive });
        if (!Array.isArray(tokens)) throw new Error('The token builder must give a list of token types.');
        this.tokenTypes = Object.fromEntries((tokens as TokenType[]).map(token => [token.name, token]));
        this.chevrotainLexer = new ChevrotainLexer(tokens as TokenType[], {
            positionTracking: 'onlyOffset',
            skipValidations: services.LanguageMetaData.mode === 'production',
            errorMessageProvider: services.parser.LexerErrorMessageProvider
        });
        const factory: TokenFactory = (image, startOffset, tokenTypeIdx, tokenType, _line, _column, imageLength) =>
            ({ image, startOffset, endOffset: startOffset + imageLength - 1, tokenTypeIdx, tokenType }) as IToken;
        (this.chevrotainLexer as unknown as { createTokenInstance: TokenFactory }).createTokenInstance = factory;
    }

    get definition(): Record<string, TokenType> {
        return this.tokenTypes;
    }

    tokenize(text: string, _options?: TokenizeOptions): LexerResult {
        const result = this.chevrotainLexer.tokenize(text);
        return {
            tokens: result.tokens,
            errors: result.errors,
            hidden: result.groups.hidden ?? [],
            report: this.tokenBuilder.flushLexingReport?.(text)
        };
    }
}
