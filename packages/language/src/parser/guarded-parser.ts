/**
 * The generated parser behind a guard against pathological input. The parser descends
 * recursively, so thousands of nested parentheses would overflow the stack and take the
 * language server down. Text nested deeper than any real condition is reported as one
 * clear error instead, and parsed as if it were blank so that every later phase still
 * gets a well-formed (empty) document.
 */
import { createLangiumParser, type LangiumCoreServices, type LangiumParser, type ParseResult, type AstNode } from 'langium';

/** Far beyond any condition a person writes, far below what overflows the stack. */
export const MAX_NESTING = 200;

export function createGuardedParser(services: LangiumCoreServices): LangiumParser {
    const parser = createLangiumParser(services);
    const parse = parser.parse.bind(parser);
    parser.parse = <T extends AstNode = AstNode>(input: string, options?: Parameters<LangiumParser['parse']>[1]): ParseResult<T> => {
        const tooDeep = findExcessiveNesting(input, MAX_NESTING);
        if (tooDeep !== undefined) {
            return rejected<T>(parse, input, tooDeep, `Parentheses are nested more than ${MAX_NESTING} levels deep here; simplify the condition.`);
        }
        try {
            return parse<T>(input, options);
        } catch (error) {
            if (error instanceof RangeError) {
                return rejected<T>(parse, input, 0, 'This text is nested too deeply to be read; simplify its conditions.');
            }
            throw error;
        }
    };
    return parser;
}

function rejected<T extends AstNode>(parse: LangiumParser['parse'], input: string, offset: number, message: string): ParseResult<T> {
    const blank = input.replace(/[^\r\n]/g, ' ');
    const result = parse<T>(blank);
    const before = input.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - (before.lastIndexOf('\n') + 1) + 1;
    return { ...result, lexerErrors: [{ offset, line, column, length: 1, message }] };
}

/** The offset of the first `(` nested deeper than `limit`, ignoring strings and comments. */
export function findExcessiveNesting(text: string, limit: number): number | undefined {
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x28 /* ( */) {
            if (++depth > limit) return i;
        } else if (c === 0x29 /* ) */) {
            if (depth > 0) depth--;
        } else if (c === 0x22 /* " */) {
            i++;
            while (i < text.length && text.charCodeAt(i) !== 0x22 && text.charCodeAt(i) !== 0x0a) {
                if (text.charCodeAt(i) === 0x5c /* \ */) i++;
                i++;
            }
        } else if (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
            const end = text.indexOf('\n', i);
            i = end < 0 ? text.length : end;
        } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
            const end = text.indexOf('*/', i + 2);
            i = end < 0 ? text.length : end + 1;
        }
    }
    return undefined;
}
