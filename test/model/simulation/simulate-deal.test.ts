/**
 * The replay engine on the plain model (no DSL involved): each outcome and each violation
 * kind on small hand-written deals.
 */
import { describe, expect, it } from 'vitest';
import { compilePlaybook, simulateDeal, type DealModel, type EventModel, type PlaybookModel } from '@playbook/model';

const field = (name: string) => ({ kind: 'field' as const, name });
const num = (value: number) => ({ kind: 'number' as const, value });

/** Lead → Qualify → (optional) Demo → Close; gates on every stage but the last. */
const playbook: PlaybookModel = {
    name: 'Sales',
    forbidRegressions: false,
    fields: [
        { name: 'budget', type: 'money' },
        { name: 'canPay', type: 'bool', default: true },
        { name: 'signed', type: 'date' }
    ],
    stages: [
        {
            name: 'Lead', optional: false, probability: 10, withinDays: 30, aliases: [],
            tasks: [{ name: 'Call', required: true }, { name: 'Research', required: false }],
            gates: [{ name: 'Qualified', requires: ['Research'], when: [{ kind: 'binary', operator: '>', left: field('budget'), right: num(0) }] }]
        },
        {
            name: 'Qualify', optional: false, probability: 30, aliases: [],
            tasks: [{ name: 'Meet', required: true }],
            gates: [{ name: 'Met', requires: [], when: [] }]
        },
        { name: 'Demo', optional: true, probability: 50, aliases: [], tasks: [{ name: 'Show', required: true }], gates: [] },
        {
            name: 'Close', optional: false, probability: 80, aliases: [],
            tasks: [{ name: 'Sign', required: true }],
            gates: [{ name: 'Signed', requires: ['Sign'], when: [{ kind: 'binary', operator: '>=', left: field('signed'), right: { kind: 'date', value: '2026-01-01' } }] }]
        }
    ],
    terminations: [
        { outcome: 'Lost', reason: 'Cannot pay', when: { kind: 'not', operand: field('canPay') }, from: [] },
        { outcome: 'Lost', reason: 'Withdrew', from: [] },
        { outcome: 'Refunded', reason: 'Check-out', from: ['Close'] }
    ]
};

const compiled = compilePlaybook(playbook);
const deal = (...events: EventModel[]): DealModel => ({ name: 'D', playbook: 'Sales', events });
const enter = (date: string, stage: string): EventModel => ({ date, kind: 'enter', stage });
const done = (date: string, ...tasks: string[]): EventModel => ({ date, kind: 'done', tasks });
const set = (date: string, fieldName: string, value: number | boolean | string): EventModel => ({ date, kind: 'set', field: fieldName, value });
const won = (date: string): EventModel => ({ date, kind: 'won' });
const terminate = (date: string, outcome: string, reason?: string): EventModel =>
    reason === undefined ? { date, kind: 'terminate', outcome } : { date, kind: 'terminate', outcome, reason };

/** A deal that does everything right up to Close. */
const toClose = [
    enter('2026-01-01', 'Lead'), done('2026-01-02', 'Call', 'Research'), set('2026-01-03', 'budget', 1000),
    enter('2026-01-10', 'Qualify'), done('2026-01-11', 'Meet'), enter('2026-01-20', 'Close')
];

describe('outcomes', () => {
    it('a deal that passes every gate and claims the win is won, with its cycle time', () => {
        const result = simulateDeal(compiled, deal(...toClose, done('2026-02-01', 'Sign'), set('2026-02-01', 'signed', '2026-02-01'), won('2026-02-02')));
        expect(result.violations).toEqual([]);
        expect(result.outcome).toEqual({ kind: 'won', date: '2026-02-02' });
        expect(result.cycleDays).toBe(32);
        expect(result.visits.map(v => [v.stage, v.days])).toEqual([['Lead', 9], ['Qualify', 10], ['Close', 13]]);
    });

    it('an open deal is open at its current stage, with time counted to its last event', () => {
        const result = simulateDeal(compiled, deal(enter('2026-01-01', 'Lead'), done('2026-01-05', 'Call')));
        expect(result.outcome).toEqual({ kind: 'open', stage: 'Lead' });
        expect(result.visits).toEqual([{ stage: 'Lead', entered: '2026-01-01', days: 4 }]);
        expect(result.cycleDays).toBeUndefined();
    });

    it('a manual termination with a declared reason ends the deal', () => {
        const result = simulateDeal(compiled, deal(enter('2026-01-01', 'Lead'), terminate('2026-01-04', 'Lost', 'Withdrew')));
        expect(result.violations).toEqual([]);
        expect(result.outcome).toEqual({ kind: 'terminated', outcome: 'Lost', reason: 'Withdrew', automatic: false, date: '2026-01-04' });
    });

    it('an automatic termination fires on the event that makes its condition true', () => {
        const result = simulateDeal(compiled, deal(enter('2026-01-01', 'Lead'), set('2026-01-02', 'budget', 5), set('2026-01-03', 'canPay', false)));
        expect(result.outcome).toEqual({ kind: 'terminated', outcome: 'Lost', reason: 'Cannot pay', automatic: true, date: '2026-01-03' });
    });

    it('events before any enter put the deal in the first stage', () => {
        const result = simulateDeal(compiled, deal(done('2026-01-01', 'Call')));
        expect(result.outcome).toEqual({ kind: 'open', stage: 'Lead' });
        expect(result.violations).toEqual([]);
    });

    it('skipping an optional stage is allowed; moving back is counted', () => {
        const result = simulateDeal(compiled, deal(...toClose, enter('2026-01-25', 'Qualify')));
        expect(result.violations).toEqual([]);
        expect(result.regressions).toBe(1);
        expect(result.outcome).toEqual({ kind: 'open', stage: 'Qualify' });
    });
});

describe('violations', () => {
    // `stage`: the stage the deal was in when it broke the rule (none before its first stage, after its end, or for the order of dates).
    const cases: Array<{ name: string; events: EventModel[]; code: string; eventIndex: number; message: RegExp; stage?: string }> = [
        {
            name: 'entering a later stage skips a non-optional one',
            events: [enter('2026-01-01', 'Lead'), done('2026-01-01', 'Call', 'Research'), set('2026-01-01', 'budget', 1), enter('2026-01-02', 'Close')],
            code: 'stage-skip', eventIndex: 3, message: /skips Qualify/, stage: 'Lead'
        },
        {
            name: 'a deal starting after the first stage skips it',
            events: [enter('2026-01-01', 'Qualify')],
            code: 'stage-skip', eventIndex: 0, message: /starts in Qualify, skipping Lead/
        },
        {
            name: 'leaving a stage with a required task not done',
            events: [enter('2026-01-01', 'Lead'), done('2026-01-01', 'Research'), set('2026-01-01', 'budget', 1), enter('2026-01-02', 'Qualify')],
            code: 'gate-not-met', eventIndex: 3, message: /task Call is not done/, stage: 'Lead'
        },
        {
            name: 'leaving a stage while a condition is false names the condition and the value',
            events: [enter('2026-01-01', 'Lead'), done('2026-01-01', 'Call', 'Research'), set('2026-01-01', 'budget', 0), enter('2026-01-02', 'Qualify')],
            code: 'gate-not-met', eventIndex: 3, message: /`budget > 0` is false \(budget is 0\)/, stage: 'Lead'
        },
        {
            name: 'leaving a stage while a condition reads an unset field',
            events: [enter('2026-01-01', 'Lead'), done('2026-01-01', 'Call', 'Research'), enter('2026-01-02', 'Qualify')],
            code: 'gate-not-met', eventIndex: 2, message: /cannot be decided \(budget is not set\)/, stage: 'Lead'
        },
        {
            name: 'claiming the win while the last gate does not hold',
            events: [...toClose, won('2026-02-01')],
            code: 'gate-not-met', eventIndex: 6, message: /Claims the win in Close.*task Sign is not done/, stage: 'Close'
        },
        {
            name: 'claiming the win before the last stage',
            events: [enter('2026-01-01', 'Lead'), done('2026-01-01', 'Call', 'Research'), set('2026-01-01', 'budget', 1), won('2026-01-02')],
            code: 'stage-skip', eventIndex: 3, message: /skipping Qualify and Close/, stage: 'Lead'
        },
        {
            name: 'a termination reason that is not declared',
            events: [enter('2026-01-01', 'Lead'), terminate('2026-01-02', 'Lost', 'Too expensive')],
            code: 'undeclared-reason', eventIndex: 1, message: /"Too expensive" is not a declared reason for Lost\. Declared: "Cannot pay", "Withdrew"/, stage: 'Lead'
        },
        {
            name: 'an outcome that is not declared',
            events: [enter('2026-01-01', 'Lead'), terminate('2026-01-02', 'Paused', 'Holiday')],
            code: 'undeclared-reason', eventIndex: 1, message: /declares no outcome Paused/, stage: 'Lead'
        },
        {
            name: 'a termination not allowed from the current stage',
            events: [enter('2026-01-01', 'Lead'), terminate('2026-01-02', 'Refunded', 'Check-out')],
            code: 'terminate-not-allowed', eventIndex: 1, message: /applies only from Close, but the deal is in Lead/, stage: 'Lead'
        },
        {
            name: 'staying longer than the stage allows',
            events: [enter('2026-01-01', 'Lead'), done('2026-02-15', 'Call')],
            code: 'sla-exceeded', eventIndex: 1, message: /limit of 30 days.*for 45 days/, stage: 'Lead'
        },
        {
            name: 'an event after the deal ended',
            events: [enter('2026-01-01', 'Lead'), terminate('2026-01-02', 'Lost', 'Withdrew'), done('2026-01-03', 'Call')],
            code: 'event-after-end', eventIndex: 2, message: /already ended \(Lost on 2026-01-02\)/
        },
        {
            name: 'an event dated before the previous one',
            events: [enter('2026-01-05', 'Lead'), done('2026-01-01', 'Call')],
            code: 'event-out-of-order', eventIndex: 1, message: /earlier than the event before it/
        },
        {
            name: 'a date that is not a calendar date',
            events: [enter('2026-02-30', 'Lead')],
            code: 'invalid-date', eventIndex: 0, message: /not a calendar date/
        }
    ];
    it.each(cases)('$name → $code', ({ events, code, eventIndex, message, stage }) => {
        const result = simulateDeal(compiled, deal(...events));
        expect(result.violations.map(v => [v.code, v.eventIndex, v.stage])).toEqual([[code, eventIndex, stage]]);
        expect(result.violations[0].message).toMatch(message);
        expect(result.violations[0].date).toBe(events[eventIndex].date);
    });

    it('moving back is an error when the playbook forbids regressions', () => {
        const strict = compilePlaybook({ ...playbook, forbidRegressions: true });
        const result = simulateDeal(strict, deal(...toClose, enter('2026-01-25', 'Lead')));
        expect(result.violations.map(v => v.code)).toEqual(['regression-forbidden']);
        expect(result.regressions).toBe(1);
    });

    it('reports the SLA once per stay, not on every later event', () => {
        const result = simulateDeal(compiled, deal(enter('2026-01-01', 'Lead'), done('2026-02-15', 'Call'), done('2026-02-16', 'Research')));
        expect(result.violations.map(v => v.code)).toEqual(['sla-exceeded']);
    });
});

describe('edge cases', () => {
    it('a deal without events is open in the first stage', () => {
        expect(simulateDeal(compiled, deal()).outcome).toEqual({ kind: 'open', stage: 'Lead' });
    });

    it('ended by hand without a reason: no reason is made up from a rule', () => {
        const result = simulateDeal(compiled, deal(enter('2026-01-01', 'Lead'), terminate('2026-01-02', 'Lost')));
        expect(result.outcome).toEqual({ kind: 'terminated', outcome: 'Lost', automatic: false, date: '2026-01-02' });
        expect(result.violations).toEqual([]);
    });
});
