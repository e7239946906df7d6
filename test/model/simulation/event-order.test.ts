/**
 * Events out of date order: the fewest events are blamed, each once, compared with the
 * nearest event in place; and everything after the end of a deal is one finding.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePlaybook, simulateDeal, type DealModel, type EventModel, type PlaybookModel } from '@playbook/model';
import { misplacedEvents } from '../../../packages/model/src/simulation/event-order.js';

describe('misplacedEvents', () => {
    const cases: Array<[string, Array<number | undefined>, Array<[number, 'early' | 'late', number]>]> = [
        ['in order', [1, 2, 2, 3], []],
        ['a simple swap blames the second', [1, 3, 2, 4], [[2, 'early', 1]]],
        ['one event dated far too late', [1, 9, 2, 3, 4, 5, 6], [[1, 'late', 2]]],
        ['one event dated far too early', [1, 2, 3, 4, 0, 5], [[4, 'early', 3]]],
        ['a wrong first event', [9, 1, 2, 3], [[0, 'late', 1]]],
        ['a block of two too late', [1, 5, 6, 2, 3, 4], [[1, 'late', 3], [2, 'late', 3]]],
        ['invalid dates take no part', [1, undefined, 3, 2, 4], [[3, 'early', 2]]],
        ['two out of place', [5, 1, 2, 9, 3, 4], [[0, 'late', 1], [3, 'late', 4]]]
    ];
    it.each(cases)('%s', (_name, days, expected) => {
        expect(misplacedEvents(days).map(m => [m.index, m.relation, m.other])).toEqual(expected);
    });

    it('blames the fewest events: what is left is in order, and no blamed event fits back in', () => {
        fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 40 }), days => {
            const blamed = new Set(misplacedEvents(days).map(m => m.index));
            const kept = days.filter((_, i) => !blamed.has(i));
            expect(kept).toEqual([...kept].sort((a, b) => a - b));
            expect(blamed.size).toBe(days.length - longestNonDecreasing(days));
        }));
    });
});

/** The length of the longest non-decreasing subsequence, the slow and obvious way. */
function longestNonDecreasing(values: readonly number[]): number {
    const best = values.map(() => 1);
    for (let i = 0; i < values.length; i++) {
        for (let j = 0; j < i; j++) {
            if (values[j] <= values[i]) best[i] = Math.max(best[i], best[j] + 1);
        }
    }
    return Math.max(0, ...best);
}

const playbook: PlaybookModel = {
    name: 'Sales',
    forbidRegressions: false,
    fields: [{ name: 'canPay', type: 'bool', default: true }],
    stages: [
        { name: 'Lead', optional: false, aliases: [], tasks: [{ name: 'Call', required: false }, { name: 'Mail', required: false }], gates: [] },
        { name: 'Middle', optional: false, aliases: [], tasks: [], gates: [] },
        { name: 'Close', optional: false, aliases: [], tasks: [], gates: [] }
    ],
    terminations: [
        { outcome: 'Lost', reason: 'Cannot pay', when: { kind: 'not', operand: { kind: 'field', name: 'canPay' } }, from: [] }
    ]
};
const compiled = compilePlaybook(playbook);
const replay = (...events: EventModel[]) => simulateDeal(compiled, { name: 'D', playbook: 'Sales', events } satisfies DealModel);
const done = (date: string, task = 'Call'): EventModel => ({ date, kind: 'done', tasks: [task] });

describe('event-out-of-order in a replay', () => {
    it('one mis-dated event gives one finding, on it, naming the line it disagrees with', () => {
        const result = replay(
            { date: '2026-01-01', kind: 'enter', stage: 'Lead' }, done('2026-10-02'), done('2026-01-03'), done('2026-01-04'),
            done('2026-01-05'), done('2026-01-06'), done('2026-01-07')
        );
        expect(result.violations.map(v => [v.code, v.eventIndex, v.message])).toEqual([
            ['event-out-of-order', 1, '2026-10-02 is later than the event after it (2026-01-03); events must be in date order.']
        ]);
    });

    it('each event out of place is compared with the nearest event in place, never with a later line\'s date', () => {
        const result = replay(done('2026-01-01'), done('2026-01-05'), done('2026-01-09'), done('2026-01-03'), done('2026-01-06'), done('2026-01-07'));
        expect(result.violations.map(v => [v.eventIndex, v.message])).toEqual([
            [2, '2026-01-09 is later than the event 2 below it (2026-01-06); events must be in date order.'],
            [3, '2026-01-03 is earlier than the event 2 above it (2026-01-05); events must be in date order.']
        ]);
    });

    it('compared with an event further away, says how far', () => {
        const result = replay(done('2026-01-01'), done('2026-01-05'), done('2026-01-06'), done('2026-01-02'), done('2026-01-03'), done('2026-01-04'));
        expect(result.violations.map(v => [v.eventIndex, v.message])).toEqual([
            [1, '2026-01-05 is later than the event 2 below it (2026-01-02); events must be in date order.'],
            [2, '2026-01-06 is later than the event after it (2026-01-02); events must be in date order.']
        ]);
    });

    it('comes before the other findings of the same event', () => {
        const result = replay(done('2026-01-05'), { date: '2026-01-01', kind: 'enter', stage: 'Close' }, done('2026-01-06'));
        expect(result.violations.map(v => [v.code, v.eventIndex])).toEqual([['event-out-of-order', 1], ['stage-skip', 1]]);
    });
});

describe('event-after-end in a replay', () => {
    it('an automatic termination followed by many events gives one finding, on the first, counting them', () => {
        const after = Array.from({ length: 13 }, (_, i) => done(`2026-01-${String(10 + i)}`));
        const result = replay(done('2026-01-01'), { date: '2026-01-05', kind: 'set', field: 'canPay', value: false }, ...after);
        expect(result.violations.map(v => [v.code, v.eventIndex, v.date])).toEqual([['event-after-end', 2, '2026-01-10']]);
        expect(result.violations[0].message).toBe(
            'The deal already ended (Lost on 2026-01-05, automatically: "Cannot pay"); nothing can happen after that, but 13 events follow it (this one and 12 more).'
        );
    });

    it('a single event after the end keeps the short message', () => {
        const result = replay(done('2026-01-01'), { date: '2026-01-02', kind: 'enter', stage: 'Middle' }, { date: '2026-01-02', kind: 'enter', stage: 'Close' },
            { date: '2026-01-02', kind: 'won' }, done('2026-01-03'));
        expect(result.violations.map(v => [v.code, v.message])).toEqual([
            ['event-after-end', 'The deal already ended (won on 2026-01-02); nothing can happen after that.']
        ]);
    });

    it('events after the end take no part in the date order', () => {
        const result = replay(done('2026-01-05'), { date: '2026-01-06', kind: 'set', field: 'canPay', value: false }, done('2026-01-01'), done('2026-01-02'));
        expect(result.violations.map(v => [v.code, v.eventIndex])).toEqual([['event-after-end', 2]]);
    });
});
