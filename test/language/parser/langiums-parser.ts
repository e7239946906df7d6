/**
 * Langium's parser with tokens as Langium's lexer makes them (full positions): what the
 * language's own parser, whose tokens carry offsets only (playbook-lexer.ts), is compared with.
 * The same token types, so that the parser knows them.
 */
import { Lexer as ChevrotainLexer, type TokenType } from 'chevrotain';
import type { LangiumCoreServices, LangiumParser, Lexer, LexerResult } from 'langium';

class FullPositionsLexer implements Lexer {
    private readonly chevrotain: ChevrotainLexer;

    constructor(private readonly ours: Lexer, private readonly services: LangiumCoreServices) {
        this.chevrotain = new ChevrotainLexer(Object.values(ours.definition) as TokenType[], {
            positionTracking: 'full', skipValidations: true, errorMessageProvider: services.parser.LexerErrorMessageProvider
        });
    }

    get definition(): Lexer['definition'] {
        return this.ours.definition;
    }

    tokenize(text: string): LexerResult {
        const result = this.chevrotain.tokenize(text);
        return { tokens: result.tokens, errors: result.errors, hidden: result.groups.hidden ?? [], report: this.services.parser.TokenBuilder.flushLexingReport?.(text) };
    }
}

export function withLangiumsLexer(parser: LangiumParser, services: LangiumCoreServices): LangiumParser {
    (parser as unknown as { lexer: Lexer }).lexer = new FullPositionsLexer(services.parser.Lexer, services);
    return parser;
}
