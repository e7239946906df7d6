/**
 * Follow-up cadence on the plain model: when a touch is late, when one is missing, which rule
 * applies as the grade and the stage change, and the next follow-up due of an open deal.
 */
import { describe, expect, it } from 'vitest';
import { compilePlaybook, simulateDeal, type DealModel, type EventModel, type PlaybookModel } from '@playbook/model';

const grade = (value: string) => ({ kind: 'binary' as const, operator: '==' as const, left: { kind: 'field' as const, name: 'grade' }, right: { kind: 'enumValue' as const, name: value } });

const playbook: PlaybookModel = {
    name: 'Accounts',
    forbidRegressions: false,
    fields: [{ name: 'grade', type: 'enum', values: ['A', 'B', 'C'] }],
    stages: [
        { name: 'Target', optional: false, aliases: [], tasks: [], gates: [] },
        { name: 'Proposal', optional: false, aliases: [], tasks: [], gates: [] },
        { name: 'Close', optional: false, aliases: [], tasks: [], gates: [] }
    ],
    terminations: [{ outcome: 'Lost', reason: 'Went elsewhere', from: [] }],
    activities: [{ name: 'visit' }, { name: 'call' }],
    cadences: [
        { everyDays: 7, when: grade('A'), stages: [], kinds: [] },
        { everyDays: 14, when: grade('B'), stages: ['Proposal'], kinds: ['visit'] }
    ]
};
const compiled = compilePlaybook(playbook);
const deal = (...events: EventModel[]): DealModel => ({ name: 'D', playbook: 'Accounts', events });
const enter = (date: string, stage: string): EventModel => ({ date, kind: 'enter', stage });
const set = (date: string, value: string): EventModel => ({ date, kind: 'set', field: 'grade', value });
const act = (date: string, activity: string): EventModel => ({ date, kind: 'activity', activity });
const codes = (events: EventModel[], asOf?: string) => simulateDeal(compiled, deal(...events), asOf ? { asOf } : {}).violations
    .map(v => `${v.code}@${v.eventIndex}`);

describe('cadence', () => {
    it.each([
        ['touches within the gap', [enter('2026-01-01', 'Target'), set('2026-01-01', 'A'), act('2026-01-08', 'call'), act('2026-01-15', 'visit')], []],
        ['a touch one day past the gap is late, on its line', [enter('2026-01-01', 'Target'), set('2026-01-01', 'A'), act('2026-01-09', 'call')], ['follow-up-late@2']],
        ['the gap runs from the last touch', [enter('2026-01-01', 'Target'), set('2026-01-01', 'A'), act('2026-01-05', 'call'), act('2026-01-13', 'call')], ['follow-up-late@3']],
        ['a rule without a grade set does not apply', [enter('2026-01-01', 'Target'), act('2026-03-01', 'call')], []],
        ['a rule of the stage only: B outside Proposal is not followed', [enter('2026-01-01', 'Target'), set('2026-01-01', 'B'), act('2026-03-01', 'visit')], []],
        ['only the kinds it names count: calls do not close a visit gap', [enter('2026-01-01', 'Target'), enter('2026-01-01', 'Proposal'), set('2026-01-01', 'B'), act('2026-01-10', 'call'), act('2026-01-20', 'visit')], ['follow-up-late@4']],
        ['regraded past due: the old rule is missing, the new one starts that day', [enter('2026-01-01', 'Target'), set('2026-01-01', 'A'), set('2026-01-20', 'C'), act('2026-03-01', 'call')], ['follow-up-missing@2']],
        ['regraded within the gap: nothing missing', [enter('2026-01-01', 'Target'), set('2026-01-01', 'A'), set('2026-01-05', 'C')], []],
        ['won past due without the touch: missing, on the win', [enter('2026-01-01', 'Target'), set('2026-01-01', 'A'), enter('2026-01-06', 'Proposal'), enter('2026-01-07', 'Close'), { date: '2026-01-30', kind: 'won' }], ['follow-up-missing@4']],
        ['an open deal is judged at its last event without an as-of date', [enter('2026-01-01', 'Target'), set('2026-01-01', 'A'), enter('2026-01-20', 'Proposal')], ['follow-up-missing@2']]
    ] as Array<[string, EventModel[], string[]]>)('%s', (_name, events, expected) => {
        expect(codes(events)).toEqual(expected);
    });

    it('judges an open deal at the as-of date and says when the next follow-up is due', () => {
        const events = [enter('2026-01-01', 'Target'), set('2026-01-01', 'A'), act('2026-01-06', 'visit')];
        const onTime = simulateDeal(compiled, deal(...events), { asOf: '2026-01-13' });
        expect(onTime.violations).toEqual([]);
        expect(onTime.nextFollowUp).toEqual({ due: '2026-01-13', overdue: false });
        const late = simulateDeal(compiled, deal(...events), { asOf: '2026-01-20' });
        expect(late.violations.map(v => [v.code, v.date, v.eventIndex])).toEqual([['follow-up-missing', '2026-01-20', 2]]);
        expect(late.violations[0].message).toContain('7 days overdue');
        expect(late.nextFollowUp).toEqual({ due: '2026-01-13', overdue: true });
    });

    it('says nothing of a follow-up when no rule applies or the deal ended', () => {
        expect(simulateDeal(compiled, deal(enter('2026-01-01', 'Target'))).nextFollowUp).toBeUndefined();
        const ended = simulateDeal(compiled, deal(enter('2026-01-01', 'Target'), set('2026-01-01', 'A'), { date: '2026-01-02', kind: 'terminate', outcome: 'Lost', reason: 'Went elsewhere' }));
        expect(ended.nextFollowUp).toBeUndefined();
        expect(ended.violations).toEqual([]);
    });

    it('does not judge the cadence from data without activities (a CSV export): no deal is "never followed up" for want of a column', () => {
        const events = [enter('2026-01-01', 'Target'), set('2026-01-01', 'A'), enter('2026-03-01', 'Proposal')];
        expect(codes(events)).toEqual(['follow-up-missing@2']);
        const csv = simulateDeal(compiled, deal(...events), { start: 'first-record', evidence: { tasks: true, activities: false } });
        expect(csv.violations).toEqual([]);
        expect(csv.nextFollowUp).toBeUndefined();
    });

    it('leaves a rule of 0 days out (cadence-range is reported on the playbook)', () => {
        const zero = compilePlaybook({ ...playbook, cadences: [{ everyDays: 0, stages: [], kinds: [] }] });
        expect(simulateDeal(zero, deal(enter('2026-01-01', 'Target'), act('2026-02-01', 'call'))).violations).toEqual([]);
    });

    it('costs a look at the rules per activity, not per event of the whole history', () => {
        // 10,000 touches a day apart under a weekly rule: no finding, one pass.
        const events: EventModel[] = [enter('2026-01-01', 'Target'), set('2026-01-01', 'A')];
        for (let d = 1; d <= 10_000; d++) events.push(act(dayAfter('2026-01-01', d), 'call'));
        const result = simulateDeal(compiled, deal(...events));
        expect(result.violations).toEqual([]);
        expect(result.nextFollowUp?.overdue).toBe(false);
    });
});

function dayAfter(date: string, days: number): string {
    const d = new Date(`${date}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
}
