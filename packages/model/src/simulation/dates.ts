/**
 * Calendar dates as whole days since 1970-01-01, so that differences are day counts.
 * Plain integer arithmetic (no `Date` objects): replaying a million deals parses and prints
 * millions of dates, and allocating a `Date` for each was a fifth of the time.
 */
import { decimalDigits } from '../utils/decimal-digits.js';

/** The day number of a `YYYY-MM-DD` date, or `undefined` when it is not a real calendar date (2026-02-30). */
export function parseIsoDate(text: string): number | undefined {
    if (text.length !== 10 || text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d) {
        return undefined;
    }
    const year = decimalDigits(text, 0, 4), month = decimalDigits(text, 5, 7), day = decimalDigits(text, 8, 10);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
        return undefined;
    }
    return daysFromCivil(year, month, day);
}

/** One string per day: a replay of a million deals prints the same few thousand days. */
const formatted = new Map<number, string>();

/** `YYYY-MM-DD` of a day number. */
export function formatIsoDate(dayNumber: number): string {
    let text = formatted.get(dayNumber);
    if (text === undefined) {
        const { year, month, day } = civilFromDays(dayNumber);
        text = `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
        if (formatted.size < 100_000) formatted.set(dayNumber, text);
    }
    return text;
}

export function daysInMonth(year: number, month: number): number {
    if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
    return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
export function daysFromCivil(year: number, month: number, day: number): number {
    const y = month <= 2 ? year - 1 : year;
    const era = Math.floor(y / 400);
    const yoe = y - era * 400;
    const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
    const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    return era * 146097 + doe - 719468;
}

/** The inverse of `daysFromCivil`. */
export function civilFromDays(dayNumber: number): { year: number; month: number; day: number } {
    const z = dayNumber + 719468;
    const era = Math.floor(z / 146097);
    const doe = z - era * 146097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const month = mp < 10 ? mp + 3 : mp - 9;
    return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Today's date where the program runs (its local calendar), `YYYY-MM-DD`: what `today` means without an as-of date. */
export function currentIsoDate(now: Date = new Date()): string {
    return `${String(now.getFullYear()).padStart(4, '0')}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
