/**
 * Dates as CRMs write them, read into the engine's `YYYY-MM-DD`.
 *
 * Accepted: `2026-01-03`, `2026-01-03T10:00:00Z` (and `+01:00`, `.000+0000`, or a space
 * instead of `T`), `2026/01/03`, `01/03/2026` and `1/3/26 10:00 AM`, `03.01.2026`.
 * - `NN/NN/YYYY` is ambiguous: `dateOrder` decides, month first by default because the US
 *   exports of Salesforce, HubSpot and Pipedrive write it that way; `NN.NN.YYYY` is always
 *   day first (that is how the dotted form is used).
 * - Two-digit years 00–69 are 2000–2069, 70–99 are 1970–1999 (the spreadsheet convention).
 * - A time zone does not move the date: the calendar date as written is the one the CRM
 *   user saw; converting `2026-01-03T23:30-05:00` to the 4th would surprise them.
 * The sort key keeps the time of day, so two changes on one day stay in their real order.
 */
import { daysFromCivil, daysInMonth, formatIsoDate } from '../simulation/dates.js';
import { decimalDigits } from '../utils/decimal-digits.js';
import type { DateOrder } from './types.js';

export interface CrmDate {
    /** `YYYY-MM-DD`. */
    iso: string;
    /** Seconds since 1970-01-01 of the date and time as written, to order events. */
    key: number;
}

const TIME = String.raw`(?:[T ,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([AaPp][Mm])?\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?`;
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})${TIME}$`);
const SLASHED = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})${TIME}$`);
const DOTTED = new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})${TIME}$`);

export function parseCrmDate(text: string, order: DateOrder = 'mdy'): CrmDate | undefined {
    // Most exports write ISO dates and timestamps, on every row: read those without a regular expression.
    const fast = parseIsoTimestamp(text);
    if (fast !== null) return fast;
    const value = text.trim();
    let match = YEAR_FIRST.exec(value);
    if (match) {
        return build(+match[1], +match[2], +match[3], match, 4);
    }
    match = SLASHED.exec(value);
    if (match) {
        const [month, day] = order === 'mdy' ? [+match[1], +match[2]] : [+match[2], +match[1]];
        return build(fullYear(match[3]), month, day, match, 4);
    }
    match = DOTTED.exec(value);
    if (match) {
        return build(fullYear(match[3]), +match[2], +match[1], match, 4);
    }
    return undefined;
}

/**
 * `YYYY-MM-DD`, optionally followed by `T` or a space and `HH:MM`, `:SS`, a fraction and a
 * zone (`Z`, `+0000`, `+01:00`), the way Salesforce, HubSpot's API and ISO writers put them:
 * the same result as the regular expressions give. `null` when the text is not of that form
 * (the general reader decides then); `undefined` when it is, but is no calendar date or time.
 */
function parseIsoTimestamp(text: string): CrmDate | undefined | null {
    const n = text.length;
    if (n < 10 || text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d) return null;
    const year = decimalDigits(text, 0, 4), month = decimalDigits(text, 5, 7), day = decimalDigits(text, 8, 10);
    if (year < 0 || month < 0 || day < 0) return null;
    let seconds = 0;
    if (n > 10) {
        const separator = text.charCodeAt(10);
        if ((separator !== 0x54 /* T */ && separator !== 0x20) || n < 16 || text.charCodeAt(13) !== 0x3a /* : */) return null;
        const hours = decimalDigits(text, 11, 13), minutes = decimalDigits(text, 14, 16);
        if (hours < 0 || minutes < 0) return null;
        let at = 16;
        let secs = 0;
        if (at < n && text.charCodeAt(at) === 0x3a) {
            secs = decimalDigits(text, at + 1, at + 3);
            if (secs < 0) return null;
            at += 3;
            if (at < n && (text.charCodeAt(at) === 0x2e || text.charCodeAt(at) === 0x2c)) {
                const start = ++at;
                while (at < n && isDigit(text.charCodeAt(at))) at++;
                if (at === start) return null;
            }
        }
        if (!isZone(text, at)) return null;
        if (hours > 23 || minutes > 59 || secs > 60) return undefined;
        seconds = hours * 3600 + minutes * 60 + secs;
    }
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
    const dayNumber = daysFromCivil(year, month, day);
    return { iso: isoOf(dayNumber), key: dayNumber * 86_400 + seconds };
}

/** Nothing, `Z`, `+HHMM`, `+HH:MM` or `-…` from `at` to the end. */
function isZone(text: string, at: number): boolean {
    const rest = text.length - at;
    if (rest === 0) return true;
    const c = text.charCodeAt(at);
    if (c === 0x5a /* Z */) return rest === 1;
    if (c !== 0x2b && c !== 0x2d) return false;
    if (rest === 5) return decimalDigits(text, at + 1, at + 5) >= 0;
    return rest === 6 && text.charCodeAt(at + 3) === 0x3a && decimalDigits(text, at + 1, at + 3) >= 0 && decimalDigits(text, at + 4, at + 6) >= 0;
}

function isDigit(c: number): boolean {
    return c >= 0x30 && c <= 0x39;
}

/** `YYYY-MM-DD`: one string per calendar day (an export repeats a few thousand days on a million rows). */
function isoOf(dayNumber: number): string {
    return formatIsoDate(dayNumber);
}

function fullYear(text: string): number {
    const year = +text;
    return text.length === 4 ? year : year < 70 ? 2000 + year : 1900 + year;
}

function build(year: number, month: number, day: number, match: RegExpExecArray, timeAt: number): CrmDate | undefined {
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
        return undefined;
    }
    const dayNumber = daysFromCivil(year, month, day);
    const iso = isoOf(dayNumber);
    let seconds = 0;
    if (match[timeAt] !== undefined) {
        let hours = +match[timeAt];
        const minutes = +match[timeAt + 1];
        const secs = match[timeAt + 2] === undefined ? 0 : +match[timeAt + 2];
        const meridiem = match[timeAt + 3]?.toLowerCase();
        if (meridiem) {
            if (hours < 1 || hours > 12) return undefined;
            hours = (hours % 12) + (meridiem === 'pm' ? 12 : 0);
        }
        if (hours > 23 || minutes > 59 || secs > 60) {
            return undefined;
        }
        seconds = hours * 3600 + minutes * 60 + secs;
    }
    return { iso, key: dayNumber * 86_400 + seconds };
}
