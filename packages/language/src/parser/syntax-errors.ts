/**
 * Whether a parse found syntax errors. Used wherever a half-understood text must not be
 * acted on: the formatter leaves it alone, deals are not replayed against it.
 */
import type { ParseResult } from 'langium';

export function hasSyntaxErrors(parseResult: ParseResult): boolean {
    return parseResult.lexerErrors.length > 0
        || parseResult.parserErrors.length > 0
        || (parseResult.lexerReport?.diagnostics ?? []).some(d => (d.severity ?? 'error') === 'error');
}
