/** Calendar dates as whole days since 1970-01-01 (UTC), so that differences are day counts. */

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of a `YYYY-MM-DD` date, or `undefined` when it is not a real calendar date (2026-02-30). */
export function parseIsoDate(text: string): number | undefined {
    const match = ISO_DATE.exec(text);
    if (!match) {
        return undefined;
    }
    const year = +match[1], month = +match[2], day = +match[3];
    const time = Date.UTC(year, month - 1, day);
    const check = new Date(time);
    if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
        return undefined;
    }
    return time / MS_PER_DAY;
}

export function formatIsoDate(dayNumber: number): string {
    return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}
