/**
 * The decimal value of `text[from, to)`, or -1 when any character there is not an ASCII digit.
 * Dates are read with it instead of a regular expression or `Number()`: a CRM export of a
 * million rows holds millions of them. Internal to the model (not part of its API).
 */
export function decimalDigits(text: string, from: number, to: number): number {
    let value = 0;
    for (let i = from; i < to; i++) {
        const d = text.charCodeAt(i) - 0x30;
        if (d < 0 || d > 9) return -1;
        value = value * 10 + d;
    }
    return value;
}
