/**
 * Figures and tables in the text the commands print. Written by hand: the first
 * `toLocaleString` of a process sets up ICU's number formats and the first `string-width`
 * call compiles its emoji pattern, some 10 ms of a `simulate` on two rows, whose start-up is
 * a product target.
 */
import stringWidth from 'string-width';

/** `1,234,567`: as `n.toLocaleString('en-US')` writes it. */
export function groupedCount(n: number): string {
    const digits = Math.abs(n).toString();
    // A fraction, or a number written with an exponent: ICU's rounding and grouping.
    if (!/^\d+$/.test(digits)) return n.toLocaleString('en-US');
    return (n < 0 || Object.is(n, -0) ? '-' : '') + digits.replace(/\B(?=(\d{3})+$)/g, ',');
}

/**
 * A text's width in a terminal's columns: its length when each character is one column wide
 * for certain (printable Latin but © and ® (emoji) and the soft hyphen, the dashes, quotes
 * and ellipsis of general punctuation, as "—" for an unknown figure), otherwise string-width's (wide East Asian characters, emoji,
 * combining and zero-width characters).
 */
export function displayWidth(text: string): number {
    return /^[\x20-\x7e\u00a0-\u00a8\u00aa-\u00ac\u00af-\u02ff\u2010-\u2027]*$/.test(text) ? text.length : stringWidth(text);
}

/** Text columns padded by display width, two spaces apart: the columns `leftAligned` tells to the left, the others to the right. */
export function textTable(header: readonly string[], rows: readonly string[][], leftAligned: (column: number) => boolean): string {
    const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map(r => displayWidth(r[i]))));
    const pad = (text: string, i: number): string => {
        const fill = ' '.repeat(Math.max(0, widths[i] - displayWidth(text)));
        return leftAligned(i) ? text + fill : fill + text;
    };
    const line = (cells: readonly string[]): string => cells.map(pad).join('  ').trimEnd();
    return [line(header), line(widths.map(w => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
