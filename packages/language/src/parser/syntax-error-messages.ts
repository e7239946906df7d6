/**
 * Syntax errors in words, not token-type dumps: "Expected a number or a name but found '>'."
 * instead of Chevrotain's numbered lists of token sequences.
 */
import type { ILexerErrorMessageProvider, IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';

const TERMINAL_WORDS: Record<string, string> = {
    ID: 'a name',
    NUMBER: 'a number',
    STRING: 'a "quoted text"',
    DATE: 'a date (YYYY-MM-DD)',
    EOF: 'the end of the file'
};

/** Terminals in words; anything else is a keyword, named by its text. */
export function describeTokenType(type: TokenType): string {
    const name = type.name.endsWith(':KW') ? type.name.slice(0, -3) : type.name;
    return TERMINAL_WORDS[name] ?? `'${name}'`;
}

function describeToken(token: IToken | undefined): string {
    if (!token || token.tokenType?.name === 'EOF') {
        return 'the end of the file';
    }
    return `'${token.image}'`;
}

function expectedList(types: TokenType[]): string {
    const words = [...new Set(types.map(describeTokenType))];
    const shown = words.slice(0, 8);
    const more = words.length > shown.length ? ', …' : '';
    if (shown.length <= 1) return shown.join('') + more;
    return `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}${more}`;
}

export class PlaybookParserErrorMessageProvider implements IParserErrorMessageProvider {
    buildMismatchTokenMessage({ expected, actual }: { expected: TokenType; actual: IToken }): string {
        if (expected.name === 'EOF') {
            return this.buildNotAllInputParsedMessage({ firstRedundant: actual });
        }
        return `Expected ${describeTokenType(expected)} but found ${describeToken(actual)}.`;
    }

    buildNotAllInputParsedMessage({ firstRedundant }: { firstRedundant: IToken }): string {
        return `Unexpected ${describeToken(firstRedundant)}: a file holds only 'playbook' and 'deal' blocks.`;
    }

    buildNoViableAltMessage({ expectedPathsPerAlt, actual }: { expectedPathsPerAlt: TokenType[][][]; actual: IToken[] }): string {
        const firsts = expectedPathsPerAlt.flatMap(paths => paths.map(path => path[0]).filter(Boolean));
        return `Expected ${expectedList(firsts)} but found ${describeToken(actual[0])}.`;
    }

    buildEarlyExitMessage({ expectedIterationPaths, actual }: { expectedIterationPaths: TokenType[][]; actual: IToken[] }): string {
        const firsts = expectedIterationPaths.map(path => path[0]).filter(Boolean);
        return `Expected at least one ${expectedList(firsts)} but found ${describeToken(actual[0])}.`;
    }
}

export class PlaybookLexerErrorMessageProvider implements ILexerErrorMessageProvider {
    buildUnexpectedCharactersMessage(fullText: string, startOffset: number, length: number): string {
        const text = fullText.substr(startOffset, length);
        if (text.startsWith('"')) {
            return 'This text has no closing quote (") on its line.';
        }
        const printable = [...text].map(c => (c < ' ' || c === '\u007f' ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)).join('');
        return `Unexpected character${length > 1 ? 's' : ''} '${printable}'.`;
    }

    buildUnableToPopLexerModeMessage(token: IToken): string {
        return `Unexpected ${describeToken(token)}.`;
    }
}
