/**
 * Automatic termination rules: the replay looks only at the rules an event can have made hold
 * (those reading a field it set, those applying from a stage it entered). On random
 * playbooks and deals, the deal must end exactly where, and by exactly the rule by which, a
 * replay that checks every rule after every event ends it.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePlaybook, parseIsoDate, simulateDeal, type DealModel, type EventModel, type ExpressionModel, type PlaybookModel, type StageModel, type TerminationModel } from '@playbook/model';
import { toRuntimeValue } from '../../../packages/model/src/simulation/evaluate.js';

const FIELDS = ['a', 'b', 'c'];
const STAGES = ['S0', 'S1', 'S2', 'S3', 'S4'];

/** Where the deal ends by an automatic rule when every rule is checked after every event: the event and the rule's reason. */
function endByCheckingEveryRule(playbook: PlaybookModel, deal: DealModel): { eventIndex: number; reason: string } | undefined {
    const compiled = compilePlaybook(playbook);
    const values = compiled.initialValues.slice();
    let current = -1;
    for (let i = 0; i < deal.events.length; i++) {
        const event = deal.events[i];
        if (parseIsoDate(event.date) === undefined) continue;
        if (current < 0 && event.kind !== 'enter') current = 0;
        if (event.kind === 'enter') {
            current = compiled.stageIndex.get(event.stage) ?? current;
        } else if (event.kind === 'set') {
            const index = compiled.fieldIndex.get(event.field);
            if (index !== undefined) values[index] = toRuntimeValue(event.value, compiled.fields[index]);
        } else if (event.kind === 'won' || event.kind === 'terminate') {
            return undefined;
        }
        for (const rule of compiled.automaticTerminations) {
            if ((!rule.from || rule.from.has(current)) && rule.condition!.evaluate(values) === true) {
                return { eventIndex: i, reason: rule.model.reason };
            }
        }
    }
    return undefined;
}

const field = fc.constantFrom(...FIELDS);
const comparison: fc.Arbitrary<ExpressionModel> = fc.record({
    kind: fc.constant('binary' as const),
    operator: fc.constantFrom('<' as const, '>=' as const, '==' as const),
    left: field.map(name => ({ kind: 'field' as const, name })),
    right: fc.integer({ min: 0, max: 3 }).map(value => ({ kind: 'number' as const, value }))
});
const condition: fc.Arbitrary<ExpressionModel> = fc.oneof(
    comparison,
    fc.tuple(comparison, comparison, fc.constantFrom('and' as const, 'or' as const)).map(([left, right, operator]) => ({ kind: 'binary' as const, operator, left, right })),
    comparison.map(operand => ({ kind: 'not' as const, operand })),
    fc.constant<ExpressionModel>({ kind: 'binary', operator: '>', left: { kind: 'number', value: 1 }, right: { kind: 'number', value: 0 } })
);

const playbookArbitrary: fc.Arbitrary<PlaybookModel> = fc.record({
    optional: fc.array(fc.boolean(), { minLength: STAGES.length, maxLength: STAGES.length }),
    defaults: fc.array(fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }), { minLength: FIELDS.length, maxLength: FIELDS.length }),
    rules: fc.array(fc.record({ when: fc.option(condition, { nil: undefined }), from: fc.subarray([...STAGES, 'Unknown']) }), { maxLength: 6 })
}).map(({ optional, defaults, rules }) => ({
    name: 'P',
    forbidRegressions: false,
    fields: FIELDS.map((name, i) => (defaults[i] === undefined ? { name, type: 'number' as const } : { name, type: 'number' as const, default: defaults[i] })),
    stages: STAGES.map((name, i): StageModel => ({ name, optional: optional[i], aliases: [], tasks: [], gates: [] })),
    terminations: rules.map((rule, i): TerminationModel => ({ outcome: 'Lost', reason: `R${i}`, from: rule.from, ...(rule.when ? { when: rule.when } : {}) }))
}));

const eventArbitrary: fc.Arbitrary<Omit<EventModel, 'date'>> = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...STAGES, 'Nowhere').map(stage => ({ kind: 'enter' as const, stage })) },
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...FIELDS, 'z'), fc.integer({ min: -1, max: 4 })).map(([name, value]) => ({ kind: 'set' as const, field: name, value })) },
    { weight: 2, arbitrary: fc.constant({ kind: 'done' as const, tasks: ['T'] }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'won' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'terminate' as const, outcome: 'Lost' }) }
);
const dealArbitrary: fc.Arbitrary<DealModel> = fc.array(fc.tuple(eventArbitrary, fc.integer({ min: 0, max: 20 })), { maxLength: 15 })
    .map(events => ({
        name: 'D',
        playbook: 'P',
        // Day 20 is not a calendar date (2026-01-31 + 1 → 2026-01-32): such an event is ignored.
        events: events.map(([event, day], i) => ({ ...event, date: day === 20 ? '2026-01-32' : `2026-01-${String(1 + Math.min(i, 29)).padStart(2, '0')}` }) as EventModel)
    }));

describe('automatic termination rules', () => {
    it('end a deal at the same event, by the same rule, as checking every rule after every event', () => {
        fc.assert(fc.property(playbookArbitrary, dealArbitrary, (playbook, deal) => {
            const expected = endByCheckingEveryRule(playbook, deal);
            const { outcome } = simulateDeal(compilePlaybook(playbook), deal);
            const automatic = outcome.kind === 'terminated' && outcome.automatic
                ? { date: outcome.date, reason: outcome.reason }
                : undefined;
            expect(automatic).toEqual(expected && { date: deal.events[expected.eventIndex].date, reason: expected.reason });
        }), { numRuns: 3000, seed: 15 });
    });
});
