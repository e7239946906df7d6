/**
 * A `ReplaySession` as `playbook simulate --deals` runs it: open deals held (packed) until the
 * latest date of the input is known, then judged as of it; the result must be exactly what a
 * session told that date up front gives, whatever the deals hold.
 */
import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { ReplaySession, type DealModel, type EventModel, type PlaybookModel } from '@playbook/model';
import { EventPacker } from '../../../packages/model/src/simulation/packed-events.js';

const playbook = (automatic: boolean): PlaybookModel => ({
    name: 'Sales',
    forbidRegressions: false,
    fields: [{ name: 'budget', type: 'money' }, { name: 'note', type: 'text' }, { name: 'vip', type: 'bool' }],
    stages: [
        { name: 'Lead', optional: false, probability: 10, withinDays: 20, aliases: [], tasks: [{ name: 'Call', required: false }], gates: [] },
        { name: 'Qualify', optional: false, probability: 40, withinDays: 15, aliases: [], tasks: [], gates: [] },
        { name: 'Close', optional: false, probability: 80, aliases: [], tasks: [], gates: [] }
    ],
    terminations: [
        { outcome: 'Lost', reason: 'Withdrew', from: [] },
        ...(automatic ? [{ outcome: 'Lost', reason: 'No budget', from: [], when: { kind: 'binary' as const, operator: '<' as const, left: { kind: 'field' as const, name: 'budget' }, right: { kind: 'number' as const, value: 0 } } }] : [])
    ]
});

const day = fc.integer({ min: 0, max: 120 }).map(d => new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10));
const event: fc.Arbitrary<EventModel> = fc.oneof(
    fc.record({ date: day, kind: fc.constant('enter' as const), stage: fc.constantFrom('Lead', 'Qualify', 'Close') }),
    fc.record({ date: day, kind: fc.constant('done' as const), tasks: fc.constant(['Call']).map(t => [...t]) }),
    fc.record({ date: day, kind: fc.constant('set' as const), field: fc.constant('budget'), value: fc.integer({ min: -5, max: 5000 }) }),
    fc.record({ date: day, kind: fc.constant('set' as const), field: fc.constant('note'), value: fc.string({ maxLength: 5 }) }),
    fc.record({ date: day, kind: fc.constant('set' as const), field: fc.constant('vip'), value: fc.boolean() }),
    fc.record({ date: day, kind: fc.constant('terminate' as const), outcome: fc.constant('Lost'), reason: fc.option(fc.constant('Withdrew'), { nil: undefined }) })
        .map(e => (e.reason === undefined ? { date: e.date, kind: e.kind, outcome: e.outcome } : e)),
    fc.record({ date: day, kind: fc.constant('won' as const) })
);
const deals = fc.array(fc.array(event, { maxLength: 6 }).map(events => events.sort((a, b) => a.date.localeCompare(b.date))), { minLength: 1, maxLength: 12 })
    .map(list => list.map((events, i): DealModel => ({ name: `D${i}`, ...(i % 3 === 0 ? { title: `Deal ${i}` } : {}), playbook: 'Sales', events })));

function run(model: PlaybookModel, list: readonly DealModel[], options: ConstructorParameters<typeof ReplaySession>[0]) {
    const session = new ReplaySession<number>(options);
    session.expect(model);
    const replayed = list.flatMap((deal, tag) => {
        const now = session.add(model, deal, { amount: tag * 10, tag });
        return now ? [now] : [];
    });
    replayed.push(...session.drain());
    const { reports, asOf } = session.finish();
    return { replayed: replayed.sort((a, b) => a.tag - b.tag), reports, asOf };
}

describe('ReplaySession', () => {
    it('judges held open deals as a session told the latest date up front would', () => {
        fc.assert(fc.property(deals, fc.boolean(), (list, automatic) => {
            const model = playbook(automatic);
            const held = run(model, list, { start: 'first-record', defaultAsOf: 'latest' });
            const latest = list.flatMap(d => d.events.map(e => e.date)).sort().pop();
            const told = run(model, list, { start: 'first-record', ...(latest ? { asOf: latest } : {}) });
            expect(held.asOf).toBe(latest);
            expect(held.replayed.map(r => [r.deal, r.result, r.amount])).toEqual(told.replayed.map(r => [r.deal, r.result, r.amount]));
            // Held deals are aggregated after the others: only which deal is a violation's example may differ.
            const withoutExamples = (reports: typeof held.reports) => reports.map(r => ({ ...r, violations: r.violations.map(({ example: _, ...v }) => v) }));
            expect(withoutExamples(held.reports)).toEqual(withoutExamples(told.reports));
        }), { numRuns: 300 });
    });

    it('replays a deal ended by an automatic rule at once, though no event of it ends it', () => {
        const session = new ReplaySession<undefined>({ start: 'first-record', defaultAsOf: 'latest' });
        const deal: DealModel = { name: 'A', playbook: 'Sales', events: [{ date: '2026-01-02', kind: 'enter', stage: 'Lead' }, { date: '2026-01-03', kind: 'set', field: 'budget', value: -1 }] };
        expect(session.add(playbook(true), deal, { tag: undefined })?.result.outcome).toMatchObject({ kind: 'terminated', automatic: true });
        expect(session.add(playbook(false), deal, { tag: undefined })).toBeUndefined();
        expect(session.heldCount).toBe(1);
    });
});

describe('EventPacker', () => {
    it('gives back the events it packed, deal after deal', () => {
        fc.assert(fc.property(deals, list => {
            const packer = new EventPacker();
            const starts = list.map(deal => packer.pack(deal.events));
            list.forEach((deal, i) => {
                expect(packer.unpack(starts[i], starts[i + 1] ?? packer.end)).toEqual(deal.events);
            });
        }), { numRuns: 300 });
    });
});
