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
import { daysFromCivil, daysInMonth } from '../simulation/dates.js';
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

function fullYear(text: string): number {
    const year = +text;
    return text.length === 4 ? year : year < 70 ? 2000 + year : 1900 + year;
}

function build(year: number, month: number, day: number, match: RegExpExecArray, timeAt: number): CrmDate | undefined {
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
        return undefined;
    }
    const iso = `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
    const dayNumber = daysFromCivil(year, month, day);
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

function pad(n: number): string {
    return String(n).padStart(2, '0');
}
