/**
 * Where the lexer's and the parser's errors are, as ranges worked out from their offsets:
 * the tokens carry no lines or columns (playbook-lexer.ts). Placed as Langium places them: a
 * lexer error over its characters; a parser error over its token, or, at a token the
 * recovery made up (the end of the text, a missing brace), right after the token before it,
 * or at the start of the text when there is none.
 */
import type { ILexingError, IRecognitionException, IToken } from 'chevrotain';
import type { AstNode, ParseResult, RootCstNode } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import { LineIndex, lineIndexOf } from './line-index.js';

export class SyntaxErrorRanges {
    constructor(private readonly lines: () => LineIndex) {}

    ofLexerError(error: Pick<ILexingError, 'offset' | 'length'>): Range {
        const start = this.lines().position(error.offset);
        return { start, end: { line: start.line, character: start.character + error.length } };
    }

    ofParserError(error: IRecognitionException): Range {
        if (isInText(error.token)) return this.lines().range(error.token.startOffset, error.token.endOffset! + 1);
        const previous = (error as { previousToken?: IToken }).previousToken;
        const position = previous && isInText(previous) ? this.lines().position(previous.endOffset! + 1) : { line: 0, character: 0 };
        return { start: position, end: position };
    }
}

/** The ranges of a parse's syntax errors, in the text it parsed: from the line index its syntax tree's ranges use. */
export function syntaxErrorRangesOf(parseResult: ParseResult<AstNode>): SyntaxErrorRanges {
    const root = parseResult.value?.$cstNode?.root as RootCstNode | undefined;
    return new SyntaxErrorRanges(() => (root ? lineIndexOf(root, root.fullText) : new LineIndex('')));
}

/** Whether a token is one of the text's (one the recovery made up has no offsets), as Langium tells them apart. */
function isInText(token: IToken | undefined): token is IToken {
    const end = token?.endOffset;
    return token !== undefined && Number.isFinite(token.startOffset) && token.startOffset >= 0
        && end !== undefined && Number.isFinite(end) && end >= token.startOffset;
}
