/**
 * Whether a parse found syntax errors. Used wherever a half-understood text must not be
 * acted on: the formatter leaves it alone, deals are not replayed against it.
 */
import type { AstNode, ParseResult } from 'langium';

export function hasSyntaxErrors(parseResult: ParseResult): boolean {
    return parseResult.lexerErrors.length > 0
        || parseResult.parserErrors.length > 0
        || (parseResult.lexerReport?.diagnostics ?? []).some(d => (d.severity ?? 'error') === 'error');
}

/**
 * Whether a syntax error lies in a top-level declaration's part of its file: from where it
 * starts to where the next one starts (or the end). A declaration the parser cut short
 * leaves the rest of its text as errors before the next one, which count; a broken deal
 * elsewhere in the file does not make a playbook half understood. (`playbook check` of a
 * deals file reads only that playbook from the file beside it, so both see it alike.)
 */
export function hasSyntaxErrorsIn(parseResult: ParseResult, element: AstNode): boolean {
    if (!hasSyntaxErrors(parseResult)) return false;
    const start = element.$cstNode?.offset;
    if (start === undefined) return true;
    const siblings = (element.$container as { elements?: AstNode[] } | undefined)?.elements ?? [];
    // Its place among them as the tree records it (a search would cost a pass over a file of
    // thousands of declarations for each of its deals).
    const index = siblings[element.$containerIndex ?? -1] === element ? element.$containerIndex! : siblings.indexOf(element);
    const next = siblings[index + 1]?.$cstNode?.offset ?? Number.POSITIVE_INFINITY;
    // An error at the end of the text (an unclosed block) is at the end-of-file token, offset -1.
    const within = (offset: number): boolean => (Number.isFinite(offset) && offset >= 0 ? offset >= start && offset < next : next === Number.POSITIVE_INFINITY);
    return parseResult.lexerErrors.some(error => within(error.offset))
        || parseResult.parserErrors.some(error => within(error.token.startOffset))
        || (parseResult.lexerReport?.diagnostics ?? []).some(d => (d.severity ?? 'error') === 'error' && within(d.offset));
}
