/**
 * Random playbooks that `playbook check` accepts without errors: unique names (Latin and
 * Chinese), hostile titles, well-typed conditions of every kind, defaults of every type,
 * gates requiring tasks of their own or an earlier stage, and deals that cannot fail.
 */
import * as fc from 'fast-check';
import { invalidNameReason, normalizeName, type DealModel, type EventModel, type ExpressionModel, type FieldModel, type PlaybookModel, type StageModel, type ValueModel } from '@playbook/model';

const name: fc.Arbitrary<string> = fc.oneof(
    fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/),
    fc.stringMatching(/^[\u4e00-\u9fa5][\u4e00-\u9fa5A-Za-z0-9]{0,3}$/),
    fc.constantFrom('Négociation', 'Ωmega', 'Сделка', 'قيمة', 'Stage', 'titleX', 'days1', '_')
).filter(n => invalidNameReason(n) === undefined);

/** Text as authors write it, and text that tries to break things. */
export const title: fc.Arbitrary<string> = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.string({ unit: 'grapheme', maxLength: 8 }),
    fc.constantFrom('客户开发 / Development', 'say "hi"', 'back\\slash', 'line\nbreak\r\ttab', 'a --> b | c ] [d]', '<script>alert(1)</script>', '#quot; *x* _y_', '')
);

const date: fc.Arbitrary<string> = fc.date({ min: new Date('1970-01-01'), max: new Date('2999-12-31'), noInvalidDate: true })
    .map(d => d.toISOString().slice(0, 10));
const amount: fc.Arbitrary<number> = fc.oneof(fc.nat(1_000_000), fc.constantFrom(0.5, 1.25, 99.99, 1e20));

interface Names {
    fields: string[];
    enumValues: string[][];
    stages: string[];
    tasks: string[];
    gates: string[];
    outcomes: string[];
}

/** Every name of a playbook drawn from one pool: no name means two things. */
const names: fc.Arbitrary<Names> = fc.uniqueArray(name, { minLength: 40, maxLength: 40 }).chain(pool => fc.record({
    fieldCount: fc.integer({ min: 0, max: 6 }),
    enumSizes: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 6, maxLength: 6 }),
    stageCount: fc.integer({ min: 1, max: 4 }),
    taskCount: fc.integer({ min: 0, max: 5 }),
    gateCount: fc.integer({ min: 0, max: 4 }),
    outcomeCount: fc.integer({ min: 1, max: 2 })
}).map(sizes => {
    // A copy: fast-check runs this again on the same pool when it shrinks a failure.
    const rest = pool.slice();
    const take = (n: number): string[] => rest.splice(0, n);
    return {
        fields: take(sizes.fieldCount),
        enumValues: sizes.enumSizes.map(take),
        stages: take(sizes.stageCount),
        tasks: take(sizes.taskCount),
        gates: take(sizes.gateCount),
        outcomes: take(sizes.outcomeCount)
    };
}));

const TYPES = ['money', 'number', 'bool', 'text', 'date', 'days', 'enum'] as const;

function defaultOf(field: FieldModel): fc.Arbitrary<ValueModel> {
    switch (field.type) {
        case 'money': case 'number': case 'days': return fc.oneof(amount, amount.map(a => -a));
        case 'bool': return fc.boolean();
        case 'text': return title;
        case 'date': return date;
        case 'enum': return fc.constantFrom(...field.values!);
    }
}

function fieldsOf(n: Names): fc.Arbitrary<FieldModel[]> {
    return fc.tuple(...n.fields.map((fieldName, i) => fc.constantFrom(...TYPES).chain(type => {
        const field: FieldModel = type === 'enum' ? { name: fieldName, type, values: n.enumValues[i] } : { name: fieldName, type };
        return fc.tuple(fc.option(defaultOf(field), { nil: undefined }), fc.boolean(), fc.option(fc.constantFrom(...n.stages), { nil: undefined }))
            .map(([value, info, notBefore]) => ({
                ...field, ...(value === undefined ? {} : { default: value }), ...(info ? { informational: true } : {}),
                ...(notBefore === undefined ? {} : { notBefore })
            }));
    })));
}

/** A yes/no condition that type-checks against the fields. */
function condition(fields: FieldModel[]): fc.Arbitrary<ExpressionModel> {
    const of = (type: string): FieldModel[] => fields.filter(f => f.type === type);
    const ref = (f: FieldModel): ExpressionModel => ({ kind: 'field', name: f.name });
    const literal = amount.map((value): ExpressionModel => ({ kind: 'number', value }));
    const money: fc.Arbitrary<ExpressionModel> = fc.letrec<{ m: ExpressionModel }>(tie => ({
        m: fc.oneof({ depthSize: 'small', withCrossShrink: true },
            of('money').length > 0 ? fc.constantFrom(...of('money')).map(ref) : literal,
            literal,
            fc.record({ kind: fc.constant('binary' as const), operator: fc.constantFrom('+' as const, '-' as const), left: tie('m'), right: tie('m') }),
            fc.record({ kind: fc.constant('binary' as const), operator: fc.constantFrom('*' as const, '/' as const), left: tie('m'), right: literal }),
            fc.record({ kind: fc.constant('negate' as const), operand: tie('m') }))
    })).m;
    const atoms: Array<fc.Arbitrary<ExpressionModel>> = [
        fc.boolean().map((value): ExpressionModel => ({ kind: 'bool', value })),
        fc.record({ kind: fc.constant('binary' as const), operator: fc.constantFrom('<' as const, '<=' as const, '>' as const, '>=' as const, '==' as const, '!=' as const), left: money, right: money })
    ];
    if (of('bool').length > 0) atoms.push(fc.constantFrom(...of('bool')).map(ref));
    if (of('enum').length > 0) {
        atoms.push(fc.constantFrom(...of('enum')).chain(f => fc.subarray(f.values!, { minLength: 1 })
            .map((values): ExpressionModel => ({ kind: 'in', operand: ref(f), values }))));
        atoms.push(fc.constantFrom(...of('enum')).chain(f => fc.constantFrom(...f.values!)
            .map((value): ExpressionModel => ({ kind: 'binary', operator: '==', left: ref(f), right: { kind: 'enumValue', name: value } }))));
    }
    if (of('text').length > 0) {
        atoms.push(fc.tuple(fc.constantFrom(...of('text')), title)
            .map(([f, value]): ExpressionModel => ({ kind: 'binary', operator: '!=', left: ref(f), right: { kind: 'text', value } })));
    }
    if (of('date').length > 0) {
        atoms.push(fc.tuple(fc.constantFrom(...of('date')), date, fc.nat(400)).map(([f, value, days]): ExpressionModel => ({
            kind: 'binary', operator: '<',
            left: { kind: 'binary', operator: '+', left: ref(f), right: { kind: 'number', value: days, unit: 'days' } },
            right: { kind: 'date', value }
        })));
    }
    if (of('days').length > 0) {
        atoms.push(fc.tuple(fc.constantFrom(...of('days')), fc.nat(90)).map(([f, value]): ExpressionModel => ({
            kind: 'binary', operator: '>=', left: ref(f), right: { kind: 'number', value, unit: 'days' }
        })));
    }
    if (of('number').length > 0) {
        atoms.push(fc.tuple(fc.constantFrom(...of('number')), fc.nat(100)).map(([f, value]): ExpressionModel => ({
            kind: 'binary', operator: '<=', left: ref(f), right: { kind: 'number', value, unit: '%' }
        })));
    }
    return fc.letrec<{ b: ExpressionModel }>(tie => ({
        b: fc.oneof({ depthSize: 'small', withCrossShrink: true },
            fc.oneof(...atoms),
            fc.record({ kind: fc.constant('not' as const), operand: tie('b') }),
            fc.record({ kind: fc.constant('binary' as const), operator: fc.constantFrom('and' as const, 'or' as const), left: tie('b'), right: tie('b') }))
    })).b;
}

function stagesOf(n: Names, fields: FieldModel[]): fc.Arbitrary<StageModel[]> {
    // Tasks and gates are dealt out to the stages in order.
    return fc.tuple(
        fc.array(fc.nat(n.stages.length - 1), { minLength: n.tasks.length, maxLength: n.tasks.length }).map(a => a.sort()),
        fc.array(fc.nat(n.stages.length - 1), { minLength: n.gates.length, maxLength: n.gates.length }).map(a => a.sort())
    ).chain(([taskStages, gateStages]) => fc.tuple(...n.stages.map((stageName, s) => {
        const tasks = n.tasks.filter((_, t) => taskStages[t] === s);
        const earlier = n.tasks.filter((_, t) => taskStages[t] <= s);
        const gates = n.gates.filter((_, g) => gateStages[g] === s);
        return fc.record({
            name: fc.constant(stageName),
            title: fc.option(title, { nil: undefined }),
            optional: fc.boolean(),
            probability: fc.option(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant(12.5)), { nil: undefined }),
            withinDays: fc.option(fc.integer({ min: 1, max: 365 }), { nil: undefined }),
            aliases: fc.array(title, { maxLength: 2 }),
            tasks: fc.tuple(...tasks.map(taskName => fc.record({
                name: fc.constant(taskName),
                title: fc.option(title, { nil: undefined }),
                required: fc.boolean(),
                owner: fc.option(title, { nil: undefined }),
                notBefore: fc.option(fc.constantFrom(...n.stages), { nil: undefined })
            }, { requiredKeys: ['name', 'required'] }))),
            gates: fc.tuple(...gates.map(gateName => fc.record({
                name: fc.constant(gateName),
                title: fc.option(title, { nil: undefined }),
                requires: earlier.length > 0 ? fc.subarray(earlier) : fc.constant<string[]>([]),
                when: fc.array(condition(fields), { maxLength: 2 })
            }, { requiredKeys: ['name', 'requires', 'when'] })))
        }, { requiredKeys: ['name', 'optional', 'aliases', 'tasks', 'gates'] }) as fc.Arbitrary<StageModel>;
    })));
}

/**
 * A CRM name means one thing (`duplicate-alias`): aliases that repeat a stage name, an outcome
 * or an earlier alias are dropped, an outcome alias of an outcome no rule declares too, and
 * each outcome gets one entry (as the model of a parsed playbook has).
 */
function withDistinctCrmNames(playbook: PlaybookModel): PlaybookModel {
    const taken = new Set([...playbook.stages.map(s => s.name), ...playbook.terminations.map(t => t.outcome)].map(normalizeName));
    const fresh = (aliases: readonly string[]): string[] => aliases.filter(alias => {
        const key = normalizeName(alias);
        if (taken.has(key)) return false;
        if (key !== '') taken.add(key);
        return true;
    });
    const stages = playbook.stages.map(stage => ({ ...stage, aliases: fresh(stage.aliases) }));
    const result: PlaybookModel = { ...playbook, stages };
    delete result.wonAliases;
    delete result.outcomeAliases;
    const won = fresh(playbook.wonAliases ?? []);
    if (won.length > 0) result.wonAliases = won;
    const outcomes = new Set(playbook.terminations.map(t => t.outcome));
    const byOutcome = new Map<string, string[]>();
    for (const entry of playbook.outcomeAliases ?? []) {
        if (!outcomes.has(entry.outcome)) continue;
        const aliases = fresh(entry.aliases);
        if (aliases.length > 0) byOutcome.set(entry.outcome, [...(byOutcome.get(entry.outcome) ?? []), ...aliases]);
    }
    if (byOutcome.size > 0) result.outcomeAliases = [...byOutcome].map(([outcome, aliases]) => ({ outcome, aliases }));
    return result;
}

/** A deal that cannot break a rule: it enters the first stage and does tasks (those it may do there), nothing else. */
function dealsOf(playbook: PlaybookModel, dealNames: string[]): fc.Arbitrary<DealModel[]> {
    const first = playbook.stages[0].name;
    const tasks = playbook.stages.flatMap(s => s.tasks.filter(t => t.notBefore === undefined || t.notBefore === first).map(t => t.name));
    return fc.tuple(...dealNames.map(dealName => fc.record({
        title: fc.option(title, { nil: undefined }),
        start: date,
        done: tasks.length > 0 ? fc.subarray(tasks, { minLength: 1 }) : fc.constant<string[]>([])
    }).map(({ title: dealTitle, start, done }): DealModel => {
        const events: EventModel[] = [{ date: start, kind: 'enter', stage: playbook.stages[0].name }];
        if (done.length > 0) events.push({ date: start, kind: 'done', tasks: done });
        return { name: dealName, ...(dealTitle !== undefined ? { title: dealTitle } : {}), playbook: playbook.name, events };
    })));
}

export const playbookWithDeals: fc.Arbitrary<{ playbook: PlaybookModel; deals: DealModel[] }> = names.chain(n => fieldsOf(n).chain(fields => fc.record({
    name: fc.constant('Generated'),
    title: fc.option(title, { nil: undefined }),
    version: fc.option(fc.constantFrom('1.0.0', '2.3.4-beta.1', 'v1'), { nil: undefined }),
    forbidRegressions: fc.boolean(),
    fields: fc.constant(fields),
    stages: stagesOf(n, fields),
    terminations: fc.uniqueArray(fc.record({
        outcome: fc.constantFrom(...n.outcomes),
        reason: title,
        when: fc.option(condition(fields), { nil: undefined }),
        from: fc.subarray(n.stages)
    }, { requiredKeys: ['outcome', 'reason', 'from'] }), { maxLength: 4, selector: rule => `${rule.outcome}\u0000${rule.reason}` }),
    forecastField: fields.some(f => f.type === 'money' || f.type === 'number')
        ? fc.option(fc.constantFrom(...fields.filter(f => f.type === 'money' || f.type === 'number').map(f => f.name)), { nil: undefined })
        : fc.constant(undefined),
    wonAliases: fc.option(fc.array(title, { minLength: 1, maxLength: 2 }), { nil: undefined }),
    outcomeAliases: fc.option(fc.array(fc.record({ outcome: fc.constantFrom(...n.outcomes), aliases: fc.array(title, { minLength: 1, maxLength: 2 }) }), { minLength: 1, maxLength: 2 }), { nil: undefined })
}, { requiredKeys: ['name', 'forbidRegressions', 'fields', 'stages', 'terminations'] }) as fc.Arbitrary<PlaybookModel>)
    .map(withDistinctCrmNames)
    // Automatic terminations could end a deal before its later events: deals only without them.
    .chain(playbook => (playbook.terminations.some(t => t.when) ? fc.constant<DealModel[]>([]) : dealsOf(playbook, ['DealOne', 'DealTwo']))
        .map(deals => ({ playbook, deals }))));
