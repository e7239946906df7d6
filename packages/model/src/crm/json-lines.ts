/**
 * JSON Lines (one JSON value a line), as both readers of deals take them: as deals or as
 * stage-history rows (json-deals.ts, json-rows.ts).
 */

/** A value of the file, or the line that is not JSON. `path` numbers the values: `[0]`, `[1]`, … */
export type JsonLine =
    | { line: number; path: string; value: unknown }
    | { line: number; path: string; text: string; problem: string };

/** Each value of the lines, in order; blank lines are skipped. */
export async function* jsonLineValues(lines: AsyncIterable<{ text: string; line: number }>): AsyncGenerator<JsonLine> {
    let index = 0;
    for await (const { text, line } of lines) {
        if (text.trim() === '') continue;
        const path = `[${index++}]`;
        let value: unknown;
        try {
            value = JSON.parse(text);
        } catch (error) {
            yield { line, path, text, problem: jsonSyntaxMessage(error as Error) };
            continue;
        }
        yield { line, path, value };
    }
}

/** What JSON.parse says is wrong, without the text it quotes and the offset (the reader gives line and column). */
export function jsonSyntaxMessage(error: Error): string {
    return error.message.replace(/, ".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
}
