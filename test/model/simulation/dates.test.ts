/** Dates as day numbers, without Date objects: checked against the platform's own calendar. */
import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { formatIsoDate, parseIsoDate } from '@playbook/model';

describe('calendar dates', () => {
    it('agrees with Date.UTC on every day from 1900 to 2200, both ways', () => {
        fc.assert(fc.property(fc.integer({ min: -25567, max: 84000 }), day => {
            const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
            expect(parseIsoDate(iso)).toBe(day);
            expect(formatIsoDate(day)).toBe(iso);
        }), { numRuns: 2000 });
    });

    it.each(['2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-1-01', '20260101', '2026-01-0x', ''])('rejects %j', text => {
        expect(parseIsoDate(text)).toBeUndefined();
    });

    it('accepts leap days of leap years', () => {
        expect(formatIsoDate(parseIsoDate('2024-02-29')!)).toBe('2024-02-29');
        expect(parseIsoDate('2000-02-29')).toBeDefined();
        expect(parseIsoDate('1900-02-29')).toBeUndefined();
    });
});
