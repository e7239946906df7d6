/**
 * One-row-per-deal CSV: every bad date cell is reported with its line and column, whether the
 * deal is open, won or lost (the README: a bad cell is reported with its line).
 */
import { describe, expect, it } from 'vitest';
import { collect, streamOf } from './crm-test-helpers.js';

const HEADER = 'deal,stage,created,close_date,amount';

describe('a bad close date', () => {
    it.each([
        ['an open deal in the first stage', 'O1,Lead,2026-01-02,soon,100'],
        ['an open deal with no created date', 'O2,Lead,,2026-02-30,100'],
        ['a won deal', 'W1,Won,2026-01-02,13/45/2026,100'],
        ['a lost deal', 'L1,Lost,2026-01-02,next week,']
    ])('is reported on %s, by line and column, and the deal is skipped', async (_name, row) => {
        const { deals, errors } = await collect(streamOf(`${HEADER}\nOK,Lead,2026-01-01,,\n${row}\n`));
        expect(deals.map(d => d.deal.name)).toEqual(['OK']);
        expect(errors.map(e => [e.line, e.column, e.deal])).toEqual([[3, 4, row.split(',')[0]]]);
        expect(errors[0].message).toMatch(/^close_date: ".*" is not a date/);
    });

    it('is reported once on a won deal that also has a won date', async () => {
        const { errors } = await collect(streamOf('deal,stage,created,won_date,close_date\nW2,Won,2026-01-02,2026-01-09,never\n'));
        expect(errors.map(e => [e.line, e.column, e.message])).toEqual([[2, 5, 'close_date: "never" is not a date (write 2026-01-31, 01/31/2026, 31.01.2026 or 2026-01-31T10:00:00Z)']]);
    });
});
