/** Dates, amounts and names as CRMs write them. */
import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { normalizeName, parseAmount, parseCrmDate, StageMapper } from '@playbook/model';
import { playbook } from './crm-test-helpers.js';

describe('dates', () => {
    it.each([
        ['2026-01-03', '2026-01-03'],
        ['2026-01-03T10:00:00Z', '2026-01-03'],
        ['2026-01-03T23:30:00.000+0000', '2026-01-03'],
        ['2026-01-03T23:30:00-05:00', '2026-01-03'],
        ['2026-01-03 10:00:00', '2026-01-03'],
        ['2026/01/03', '2026-01-03'],
        ['01/03/2026', '2026-01-03'],
        ['1/3/2026 2:30 PM', '2026-01-03'],
        ['1/3/26', '2026-01-03'],
        ['03.01.2026', '2026-01-03'],
        ['03.01.2026 14:30', '2026-01-03']
    ])('%s is %s', (text, iso) => {
        expect(parseCrmDate(text)?.iso).toBe(iso);
    });

    it('reads NN/NN/YYYY month first by default and day first when asked', () => {
        expect(parseCrmDate('03/04/2026')?.iso).toBe('2026-03-04');
        expect(parseCrmDate('03/04/2026', 'dmy')?.iso).toBe('2026-04-03');
        // Dotted dates are day first whatever the option says.
        expect(parseCrmDate('03.04.2026', 'mdy')?.iso).toBe('2026-04-03');
    });

    it.each(['2026-02-30', '13/01/2026', '2026-01-03T25:00', '1/3/2026 13:00 PM', 'yesterday', '', '2026-1-3x'])('rejects %j', text => {
        expect(parseCrmDate(text)).toBeUndefined();
    });

    it('keeps the time of day in the sort key, so changes on one day stay in order', () => {
        expect(parseCrmDate('2026-01-03T09:00:00Z')!.key).toBeLessThan(parseCrmDate('1/3/2026 2:30 PM')!.key);
        expect(parseCrmDate('2026-01-03T23:59:00Z')!.key).toBeLessThan(parseCrmDate('2026-01-04')!.key);
    });
});

describe('the fast readers agree with the general ones', () => {
    // A leading space makes the fast path decline: the general reader (trimming, regular
    // expressions) reads the same text then.
    const pad = (n: number, width: number): string => String(n).padStart(width, '0');
    const timestamp = fc.record({
        year: fc.integer({ min: 0, max: 9999 }), month: fc.integer({ min: 0, max: 13 }), day: fc.integer({ min: 0, max: 32 }),
        time: fc.option(fc.record({
            separator: fc.constantFrom('T', ' '), hours: fc.integer({ min: 0, max: 25 }), minutes: fc.integer({ min: 0, max: 61 }),
            seconds: fc.option(fc.integer({ min: 0, max: 61 })), fraction: fc.option(fc.constantFrom('.000', '.5', ',25')),
            zone: fc.constantFrom('', 'Z', '+0000', '-05:00', '+01:30', '+1', 'UTC')
        }))
    }).map(({ year, month, day, time }) => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}${time
        ? `${time.separator}${pad(time.hours, 2)}:${pad(time.minutes, 2)}${time.seconds === null ? '' : `:${pad(time.seconds, 2)}${time.fraction ?? ''}`}${time.zone}`
        : ''}`);

    it('ISO dates and timestamps', () => {
        fc.assert(fc.property(timestamp, text => {
            expect(parseCrmDate(text)).toEqual(parseCrmDate(` ${text}`));
        }), { numRuns: 2000 });
    });

    it('plain numbers', () => {
        const plain = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }).map(n => n.toFixed(3)), fc.stringMatching(/^-?[0-9.]{1,8}$/));
        fc.assert(fc.property(plain, value => {
            const text = String(value);
            expect(parseAmount(text)).toEqual(parseAmount(` ${text}`));
        }), { numRuns: 2000 });
    });
});

describe('amounts', () => {
    it.each([
        ['1054', 1054], ['1,054.50', 1054.5], ['$1,054', 1054], ['1.054,50 €', 1054.5], ['1.234.567', 1234567],
        ['1234,5', 1234.5], ['(200)', -200], ['-3.5', -3.5], ['USD 12,000', 12000], ['0', 0]
    ])('%s is %d', (text, value) => {
        expect(parseAmount(text)).toBe(value);
    });

    it.each(['N/A', '12abc', '1,2,3', '', '--5'])('rejects %j', text => {
        expect(parseAmount(text)).toBeUndefined();
    });
});

describe('stage names', () => {
    const mapper = new StageMapper(playbook);

    it('ignores case, accents (precomposed or combining) and spacing', () => {
        expect(normalizeName('  Negociación  ')).toBe('negociacion');
        expect(normalizeName('Nego\u0301ciacio\u0301n')).toBe('negociacion');
        for (const name of ['Negociación', 'NEGOCIACION', 'negociacio\u0301n', 'Contract   Sent', 'negotiation']) {
            expect(mapper.map(name)).toEqual({ kind: 'stage', stage: 'Negotiation', index: 3 });
        }
    });

    it('maps a name written exactly as a stage\'s to that stage, when another stage differs from it only by accent or case', () => {
        const twins = new StageMapper({ ...playbook, stages: [{ ...playbook.stages[0], name: 'A', aliases: [] }, { ...playbook.stages[1], name: 'À', aliases: [] }] });
        expect(twins.map('À')).toEqual({ kind: 'stage', stage: 'À', index: 1 });
        expect(twins.map(' A ')).toEqual({ kind: 'stage', stage: 'A', index: 0 });
        // Any other spelling means the first declared, as CRM names compare.
        expect(twins.map('a')).toEqual({ kind: 'stage', stage: 'A', index: 0 });
    });

    it('maps CRM outcome words to a win or to the playbook loss rule', () => {
        expect(mapper.map('Closed Won')).toEqual({ kind: 'won' });
        expect(mapper.map('closedwon')).toEqual({ kind: 'won' });
        expect(mapper.map('Closed-Lost')).toEqual({ kind: 'terminate', outcome: 'Lost' });
        expect(mapper.map('disqualified')).toEqual({ kind: 'terminate', outcome: 'Disqualified' });
        expect(mapper.map('Somewhere else')).toBeUndefined();
    });

    it('matches a CRM loss reason to a declared reason, any outcome, and keeps an unknown one as written', () => {
        expect(mapper.terminationFor('Lost', 'competitor')).toEqual({ outcome: 'Lost', reason: 'Competitor' });
        expect(mapper.terminationFor('Lost', 'NO BUDGET')).toEqual({ outcome: 'Disqualified', reason: 'No budget' });
        expect(mapper.terminationFor('Lost', 'Price')).toEqual({ outcome: 'Lost', reason: 'Price' });
        expect(mapper.terminationFor('Lost', undefined)).toEqual({ outcome: 'Lost' });
    });

    it('without a rule named Lost, a loss ends by the first manual rule', () => {
        const other = new StageMapper({
            ...playbook,
            terminations: [
                { outcome: 'Expired', reason: 'Too old', when: { kind: 'bool', value: false }, from: [] },
                { outcome: 'Cancelled', reason: 'Customer', from: [] }
            ]
        });
        expect(other.map('Closed Lost')).toEqual({ kind: 'terminate', outcome: 'Cancelled' });
        expect(new StageMapper({ ...playbook, terminations: [{ outcome: 'lost', reason: 'x', from: [] }] }).map('Lost'))
            .toEqual({ kind: 'terminate', outcome: 'lost' });
    });
});

describe('date arithmetic', () => {
    it('sort keys are whole days since 1970 times 86,400, leap years included', () => {
        for (const iso of ['1970-01-01', '2000-02-29', '2024-02-29', '2026-03-01', '1999-12-31', '2100-03-01']) {
            expect(parseCrmDate(iso)!.key).toBe(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8)) / 1000);
        }
        expect(parseCrmDate('2100-02-29')).toBeUndefined();
        expect(parseCrmDate('2000-02-30')).toBeUndefined();
    });
});
