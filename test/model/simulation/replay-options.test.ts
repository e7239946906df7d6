/**
 * How a CRM history is replayed (`ReplayOptions`): from its first record, with only the checks
 * its data can evidence, and open deals judged as of a date. The playbook is the one of
 * simulate-deal.test.ts: Lead (30-day limit, gate: task Research, budget > 0) → Qualify →
 * (optional) Demo → Close.
 */
import { describe, expect, it } from 'vitest';
import { compilePlaybook, DealAggregator, simulateDeal, type DataEvidence, type DealModel, type EventModel, type PlaybookModel, type ReplayOptions } from '@playbook/model';

const field = (name: string) => ({ kind: 'field' as const, name });
const playbook: PlaybookModel = {
    name: 'Sales',
    forbidRegressions: false,
    fields: [{ name: 'budget', type: 'money' }, { name: 'amount', type: 'money' }],
    stages: [
        {
            name: 'Lead', optional: false, probability: 10, withinDays: 30, aliases: [],
            tasks: [{ name: 'Research', required: false }],
            gates: [{ name: 'Qualified', requires: ['Research'], when: [{ kind: 'binary', operator: '>', left: field('budget'), right: { kind: 'number', value: 0 } }] }]
        },
        { name: 'Qualify', optional: false, probability: 30, withinDays: 10, aliases: [], tasks: [], gates: [] },
        { name: 'Demo', optional: true, probability: 50, aliases: [], tasks: [], gates: [] },
        { name: 'Close', optional: false, probability: 80, aliases: [], tasks: [], gates: [] }
    ],
    terminations: [{ outcome: 'Lost', reason: 'Withdrew', from: ['Lead'] }]
};
const compiled = compilePlaybook(playbook);
const deal = (...events: EventModel[]): DealModel => ({ name: 'D', playbook: 'Sales', events });
const enter = (date: string, stage: string): EventModel => ({ date, kind: 'enter', stage });
const set = (date: string, name: string, value: number): EventModel => ({ date, kind: 'set', field: name, value });
const crm: ReplayOptions = { start: 'first-record' };
const replay = (events: EventModel[], options: ReplayOptions = crm) => simulateDeal(compiled, deal(...events), options);

describe('a history starts at its first record', () => {
    it('a first record in a later stage is a late start, not a skip, whatever else the row holds', () => {
        const bare = replay([enter('2026-01-05', 'Qualify'), enter('2026-01-09', 'Close')]);
        // The same row with an amount cell: its `set` comes first, and changes nothing.
        const withAmount = replay([set('2026-01-05', 'amount', 900), enter('2026-01-05', 'Qualify'), enter('2026-01-09', 'Close')]);
        for (const result of [bare, withAmount]) {
            expect(result.violations).toEqual([]);
            expect(result.lateStart).toEqual({ stage: 'Qualify', date: '2026-01-05', unseen: ['Lead'] });
            expect(result.visits.map(v => v.stage)).toEqual(['Qualify', 'Close']);
        }
    });

    it('deals written in files still start in the first stage', () => {
        expect(replay([enter('2026-01-05', 'Qualify')], {}).violations.map(v => v.code)).toEqual(['stage-skip']);
        const result = replay([set('2026-01-05', 'amount', 900), enter('2026-01-05', 'Qualify')], {});
        expect(result.visits.map(v => v.stage)).toEqual(['Lead', 'Qualify']);
        expect(result.lateStart).toBeUndefined();
    });

    it('--late-start skip makes it a stage-skip on the first record', () => {
        const result = replay([enter('2026-01-05', 'Close')], { ...crm, lateStart: 'skip' });
        expect(result.violations.map(v => [v.code, v.date])).toEqual([['stage-skip', '2026-01-05']]);
        expect(result.violations[0].message).toMatch(/starts in Close, skipping Lead and Qualify/);
    });

    it('a history that starts with the win is a late start with no stage; one that starts with a loss is not', () => {
        expect(replay([{ date: '2026-01-05', kind: 'won' }]).lateStart).toEqual({ date: '2026-01-05', unseen: ['Lead', 'Qualify', 'Close'] });
        const lost = replay([{ date: '2026-01-05', kind: 'terminate', outcome: 'Lost' }]);
        expect(lost.lateStart).toBeUndefined();
        // No stage is known, so `from Lead` cannot be broken.
        expect(lost.violations).toEqual([]);
    });

    it('a skip between two recorded stages is still a skip', () => {
        expect(replay([enter('2026-01-05', 'Qualify'), enter('2026-01-06', 'Lead'), enter('2026-01-09', 'Close')]).violations.map(v => v.code))
            .toEqual(['stage-skip', 'gate-not-met']);
    });
});

describe('checks the data cannot evidence', () => {
    const noColumns: DataEvidence = { tasks: false, fields: [] };
    it('a gate whose task and field have no column is not a violation', () => {
        const result = replay([enter('2026-01-01', 'Lead'), enter('2026-01-05', 'Qualify')], { ...crm, evidence: noColumns });
        expect(result.violations).toEqual([]);
    });

    it('the part of a gate the data shows is still checked', () => {
        const result = replay([enter('2026-01-01', 'Lead'), set('2026-01-02', 'budget', 0), enter('2026-01-05', 'Qualify')], { ...crm, evidence: { tasks: false, fields: ['budget'] } });
        expect(result.violations.map(v => v.code)).toEqual(['gate-not-met']);
        expect(result.violations[0].message).toMatch(/`budget > 0` is false \(budget is 0\)/);
        expect(result.violations[0].message).not.toMatch(/Research/);
    });

    it('a stage the data cannot show is neither visited nor skipped', () => {
        const result = replay([enter('2026-01-01', 'Lead'), enter('2026-01-05', 'Close')], { ...crm, evidence: { tasks: true, unobservedStages: ['Qualify'] } });
        expect(result.violations.map(v => v.code)).toEqual(['gate-not-met']);
    });

    it('the aggregate lists each unverifiable check once, with the column it needs', () => {
        const aggregator = new DealAggregator(playbook, { evidence: { tasks: false, fields: ['amount'] } });
        for (let i = 0; i < 3; i++) aggregator.add(replay([enter('2026-01-01', 'Lead'), enter('2026-01-05', 'Qualify')], { ...crm, evidence: noColumns }));
        expect(aggregator.report().unverifiable).toEqual([
            { stage: 'Lead', gate: 'Qualified', requirement: { kind: 'task', task: 'Research' }, needs: { kind: 'task-column' }, deals: 3 },
            { stage: 'Lead', gate: 'Qualified', requirement: { kind: 'condition', condition: 'budget > 0' }, needs: { kind: 'field-columns', fields: ['budget'] }, deals: 3 }
        ]);
    });
});

describe('--as-of', () => {
    it('an open deal past its time limit by the as-of date is flagged there, and its days run to that date', () => {
        const result = replay([enter('2026-01-01', 'Lead')], { ...crm, asOf: '2026-03-01' });
        expect(result.visits).toEqual([{ stage: 'Lead', entered: '2026-01-01', days: 59 }]);
        expect(result.violations.map(v => [v.code, v.date, v.eventIndex])).toEqual([['sla-exceeded', '2026-03-01', 0]]);
        // Without it: judged up to its last event.
        expect(replay([enter('2026-01-01', 'Lead')]).violations).toEqual([]);
    });

    it('events after the as-of date have not happened yet', () => {
        const result = replay([enter('2026-01-01', 'Lead'), enter('2026-01-20', 'Qualify')], { ...crm, asOf: '2026-01-10', evidence: { tasks: false, fields: [] } });
        expect(result.outcome).toEqual({ kind: 'open', stage: 'Lead' });
        expect(result.visits).toEqual([{ stage: 'Lead', entered: '2026-01-01', days: 9 }]);
    });
});

describe('the funnel from CRM histories', () => {
    it('counts reached, skipped and started-later stages without inventing visits', () => {
        const evidence: DataEvidence = { tasks: false, fields: [] };
        const aggregator = new DealAggregator(playbook, { evidence });
        const options = { ...crm, evidence };
        aggregator.add(replay([enter('2026-01-05', 'Qualify'), enter('2026-01-09', 'Close')], options)); // late start
        aggregator.add(replay([enter('2026-01-01', 'Lead'), enter('2026-01-09', 'Close')], options));    // skips Qualify (and Demo)
        aggregator.add(replay([enter('2026-01-01', 'Lead')], options));                                  // open in Lead
        const funnel = aggregator.report().funnel;
        expect(funnel.map(s => [s.stage, s.reached, s.skipped, s.startedLater, s.advanced, s.pending])).toEqual([
            ['Lead', 2, 0, 1, 1, 1],
            ['Qualify', 1, 1, 0, 1, 0],
            ['Demo', 0, 2, 0, 0, 0],
            ['Close', 2, 0, 0, 0, 2]
        ]);
        expect(funnel[0].days).toEqual({ count: 1, mean: 8, median: 8, p90: 8 });
        expect(funnel[2].days.median).toBeNull();
        expect(aggregator.report().lateStarts).toEqual({ deals: 1, byStage: [{ stage: 'Qualify', deals: 1 }] });
    });
});
