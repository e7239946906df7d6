/** The decimal value of text[from, to), or -1 if any character is not a digit (no sign, no spaces). */
export function decimalDigits(text: string, from: number, to: number): number {
    let value = 0;
    for (let i = from; i < to; i++) {
        const d = text.charCodeAt(i) - 0x30;
        if (d < 0 || d > 9) return -1;
        value = value * 10 + d;
    }
    return value;
}
