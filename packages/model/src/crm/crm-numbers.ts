/**
 * Money as CRMs and spreadsheets write it: `1054`, `1,054.50`, `$1,054`, `1.054,50 €`,
 * `(200)` for a negative. When both `.` and `,` occur, the last one is the decimal mark.
 * With only one kind: groups of exactly three digits (`1,054`, `1.054.000`) are thousands,
 * except a single `.` (`1.054`), which is read as a decimal point, as US exports mean it.
 */
const CURRENCY = /[\p{Sc}\s\u00a0\u202f']|\b[A-Z]{3}\b/gu;

export function parseAmount(text: string): number | undefined {
    const plain = plainNumber(text);
    if (plain !== undefined) return plain;
    let value = text.trim();
    let negative = false;
    if (/^\(.*\)$/.test(value)) {
        negative = true;
        value = value.slice(1, -1);
    }
    value = value.replace(CURRENCY, '');
    if (value.startsWith('-')) {
        negative = !negative;
        value = value.slice(1);
    } else if (value.startsWith('+')) {
        value = value.slice(1);
    }
    if (!/^[\d.,]+$/.test(value) || !/\d/.test(value)) {
        return undefined;
    }
    const lastDot = value.lastIndexOf('.');
    const lastComma = value.lastIndexOf(',');
    if (lastDot >= 0 && lastComma >= 0) {
        const decimal = lastDot > lastComma ? '.' : ',';
        const thousands = decimal === '.' ? ',' : '.';
        value = value.split(thousands).join('');
        if (value.indexOf(decimal) !== value.lastIndexOf(decimal)) return undefined;
        value = value.replace(decimal, '.');
    } else if (lastComma >= 0) {
        value = /^\d{1,3}(,\d{3})+$/.test(value) ? value.replace(/,/g, '') : singleDecimal(value, ',');
    } else if (lastDot >= 0 && value.indexOf('.') !== lastDot) {
        value = /^\d{1,3}(\.\d{3})+$/.test(value) ? value.replace(/\./g, '') : '';
    }
    if (value === '') {
        return undefined;
    }
    const number = Number(value);
    return Number.isFinite(number) ? (negative ? -number : number) : undefined;
}

function singleDecimal(value: string, mark: string): string {
    return value.indexOf(mark) === value.lastIndexOf(mark) ? value.replace(mark, '.') : '';
}

/**
 * `1200`, `-5`, `1200.5`: what most exports write on every row, read without regular
 * expressions (the general reader gives the same value). Undefined for anything else.
 */
function plainNumber(text: string): number | undefined {
    const n = text.length;
    let i = n > 0 && text.charCodeAt(0) === 0x2d ? 1 : 0;
    const start = i;
    let dot = false;
    for (; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x2e && !dot && i > start && i < n - 1) {
            dot = true;
        } else if (c < 0x30 || c > 0x39) {
            return undefined;
        }
    }
    return i > start ? Number(text) : undefined;
}
