/**
 * A playbook model prepared for fast replay: names resolved to indices once, conditions
 * compiled to closures. Building one is linear in the playbook's size; replaying a deal
 * against it is then linear in the deal's events.
 */
import type { CadenceModel, ExpressionModel, FieldModel, PlaybookModel, StageModel, TerminationModel } from '../model/playbook-model.js';
import { compileExpression, type CompiledExpression, type RuntimeValue, toRuntimeValue } from './evaluate.js';

export interface CompiledCondition {
    readonly expression: ExpressionModel;
    readonly evaluate: CompiledExpression;
    /** Indices of the fields it reads, to explain why it was false. */
    readonly fields: readonly number[];
    /** The parts of a top-level `and` chain (itself when it is not one), to name the part that fails. */
    readonly conjuncts: readonly CompiledCondition[];
    /** It reads `today`: its value changes with the date, not only with the deal's events. */
    readonly readsToday: boolean;
}

export interface CompiledGate {
    readonly name: string;
    /** Task indices that must be done. */
    readonly requires: readonly number[];
    readonly conditions: readonly CompiledCondition[];
}

export interface CompiledStage {
    readonly model: StageModel;
    readonly index: number;
    /** Tasks marked `required` in this stage: leaving it needs them done. */
    readonly requiredTasks: readonly number[];
    readonly gates: readonly CompiledGate[];
}

export interface CompiledTermination {
    readonly model: TerminationModel;
    readonly condition?: CompiledCondition;
    /** Stage indices it applies from; `undefined` means every stage. */
    readonly from?: ReadonlySet<number>;
}

export interface CompiledCadence {
    readonly model: CadenceModel;
    readonly condition?: CompiledCondition;
    /** Stage indices it applies in; `undefined` means every stage. */
    readonly stages?: ReadonlySet<number>;
    /** Activity kinds that count as a touch; `undefined` means every kind. */
    readonly kinds?: ReadonlySet<string>;
}

export interface CompiledPlaybook {
    readonly model: PlaybookModel;
    readonly stages: readonly CompiledStage[];
    readonly stageIndex: ReadonlyMap<string, number>;
    readonly taskNames: readonly string[];
    readonly taskIndex: ReadonlyMap<string, number>;
    /** The stage each task belongs to. */
    readonly taskStage: readonly number[];
    /**
     * `not before <stage>`, by task position and by field index: the stage index before which a
     * deal may not do the task or set the field; -1 for none. Empty arrays when nothing has one.
     */
    readonly taskNotBefore: readonly number[];
    readonly fieldNotBefore: readonly number[];
    readonly fields: readonly FieldModel[];
    readonly fieldIndex: ReadonlyMap<string, number>;
    /** `forecast <field>`: the index of the field that holds a deal's value. */
    readonly forecastField?: number;
    /**
     * Every field's value before a deal sets anything: its default, or unknown; then one more
     * slot, `todaySlot`, for the day `today` stands for.
     */
    readonly initialValues: readonly RuntimeValue[];
    /** The index in the values of the day `today` stands for (after the fields). */
    readonly todaySlot: number;
    /** Positions in `automaticTerminations` of the rules reading `today`: any new day may make them hold. */
    readonly automaticToday: readonly number[];
    readonly terminations: readonly CompiledTermination[];
    /** Only the rules with a `when`, in the order they are declared (the first that holds ends the deal). */
    readonly automaticTerminations: readonly CompiledTermination[];
    /**
     * Where a replay looks for the automatic rules an event may have made hold, by their
     * positions in `automaticTerminations`: the rules reading each field (by field index), and
     * those that apply from each stage (by stage index; rules without `from` apply everywhere
     * and are in none). Checking every rule after every event made a long deal through a large
     * playbook cost events × rules.
     */
    readonly automaticReading: ReadonlyArray<readonly number[]>;
    readonly automaticFrom: ReadonlyArray<readonly number[]>;
    /** The rules of each outcome, in declaration order. */
    readonly terminationsByOutcome: ReadonlyMap<string, readonly CompiledTermination[]>;
    /** How many stages before each stage index (and before the end) are not optional. */
    readonly requiredStagesBefore: readonly number[];
    /** The cadence rules whose gap is a whole number of days above zero (the others are `cadence-range` errors), in declaration order. */
    readonly cadences: readonly CompiledCadence[];
    /** By field index: whether some cadence's condition reads the field (setting it may change which rules apply). */
    readonly cadenceReads: Uint8Array;
}

const compiledCache = new WeakMap<PlaybookModel, CompiledPlaybook>();

/** Compiles once per model object (the model is immutable once built). */
export function compilePlaybook(model: PlaybookModel): CompiledPlaybook {
    let compiled = compiledCache.get(model);
    if (!compiled) {
        compiled = compile(model);
        compiledCache.set(model, compiled);
    }
    return compiled;
}

/**
 * Compiled conditions, per condition model object, with the fields they were compiled
 * against (a condition reads fields by their place). The language server builds a new
 * playbook model on every keystroke but keeps the models of the members it did not change
 * (and so their conditions' objects): those are not compiled again.
 */
const compiledConditions = new WeakMap<ExpressionModel, { fields: string; compiled: CompiledCondition }>();

function compile(model: PlaybookModel): CompiledPlaybook {
    const fieldIndex = firstIndexByName(model.fields);
    const todaySlot = model.fields.length;
    const fieldNames = model.fields.map(field => field.name).join('\n');
    const stageIndex = firstIndexByName(model.stages);
    const taskNames: string[] = [];
    const taskStage: number[] = [];
    const taskIndex = new Map<string, number>();
    model.stages.forEach((stage, s) => {
        for (const task of stage.tasks) {
            if (!taskIndex.has(task.name)) {
                taskIndex.set(task.name, taskNames.length);
            }
            taskNames.push(task.name);
            taskStage.push(s);
        }
    });
    const single = (expression: ExpressionModel): CompiledCondition & { conjuncts: CompiledCondition[] } => {
        const compiled = {
            expression, evaluate: compileExpression(expression, fieldIndex, todaySlot), fields: fieldIndicesOf(expression, fieldIndex),
            conjuncts: [] as CompiledCondition[], readsToday: readsToday(expression)
        };
        compiled.conjuncts.push(compiled);
        return compiled;
    };
    const condition = (expression: ExpressionModel): CompiledCondition => {
        const kept = compiledConditions.get(expression);
        if (kept?.fields === fieldNames) return kept.compiled;
        const parts = conjunctsOf(expression);
        const compiled = parts.length === 1 ? single(expression) : { ...single(expression), conjuncts: parts.map(single) };
        compiledConditions.set(expression, { fields: fieldNames, compiled });
        return compiled;
    };
    const stages = model.stages.map((stage, index): CompiledStage => ({
        model: stage,
        index,
        requiredTasks: stage.tasks.filter(t => t.required).map(t => taskIndex.get(t.name)!),
        gates: stage.gates.map(gate => ({
            name: gate.name,
            requires: gate.requires.map(name => taskIndex.get(name)).filter((i): i is number => i !== undefined),
            conditions: gate.when.map(condition)
        }))
    }));
    const terminations = model.terminations.map((rule): CompiledTermination => ({
        model: rule,
        ...(rule.when ? { condition: condition(rule.when) } : {}),
        ...(rule.from.length > 0
            ? { from: new Set(rule.from.map(name => stageIndex.get(name)).filter((i): i is number => i !== undefined)) }
            : {})
    }));
    const automaticTerminations = terminations.filter(t => t.condition);
    const automaticReading = model.fields.map((): number[] => []);
    const automaticFrom = model.stages.map((): number[] => []);
    const automaticToday: number[] = [];
    automaticTerminations.forEach((rule, position) => {
        if (rule.condition!.readsToday) automaticToday.push(position);
        for (const field of rule.condition!.fields) automaticReading[field].push(position);
        for (const stage of rule.from ?? []) automaticFrom[stage].push(position);
    });
    const terminationsByOutcome = new Map<string, CompiledTermination[]>();
    for (const rule of terminations) {
        const same = terminationsByOutcome.get(rule.model.outcome);
        if (same) same.push(rule);
        else terminationsByOutcome.set(rule.model.outcome, [rule]);
    }
    const notBefore = (stage: string | undefined): number => (stage === undefined ? -1 : stageIndex.get(stage) ?? -1);
    const taskNotBefore = model.stages.flatMap(stage => stage.tasks.map(task => notBefore(task.notBefore)));
    const fieldNotBefore = model.fields.map(field => notBefore(field.notBefore));
    const cadences = (model.cadences ?? [])
        .filter(rule => Number.isInteger(rule.everyDays) && rule.everyDays > 0)
        .map((rule): CompiledCadence => ({
            model: rule,
            ...(rule.when ? { condition: condition(rule.when) } : {}),
            ...(rule.stages.length > 0
                ? { stages: new Set(rule.stages.map(name => stageIndex.get(name)).filter((i): i is number => i !== undefined)) }
                : {}),
            ...(rule.kinds.length > 0 ? { kinds: new Set(rule.kinds) } : {})
        }));
    const cadenceReads = new Uint8Array(model.fields.length);
    for (const rule of cadences) for (const field of rule.condition?.fields ?? []) cadenceReads[field] = 1;
    const requiredStagesBefore = [0];
    model.stages.forEach((stage, s) => requiredStagesBefore.push(requiredStagesBefore[s] + (stage.optional ? 0 : 1)));
    return {
        model,
        stages,
        stageIndex,
        taskNames,
        taskIndex,
        taskStage,
        taskNotBefore: taskNotBefore.some(i => i > 0) ? taskNotBefore : [],
        fieldNotBefore: fieldNotBefore.some(i => i > 0) ? fieldNotBefore : [],
        fields: model.fields,
        fieldIndex,
        ...(model.forecastField !== undefined && fieldIndex.has(model.forecastField) ? { forecastField: fieldIndex.get(model.forecastField) } : {}),
        initialValues: [...model.fields.map(field => toRuntimeValue(field.default, field)), undefined],
        todaySlot,
        automaticToday,
        terminations,
        automaticTerminations,
        automaticReading,
        automaticFrom,
        terminationsByOutcome,
        requiredStagesBefore,
        cadences,
        cadenceReads
    };
}

function firstIndexByName(items: ReadonlyArray<{ name: string }>): Map<string, number> {
    const index = new Map<string, number>();
    items.forEach((item, i) => { if (!index.has(item.name)) index.set(item.name, i); });
    return index;
}

function conjunctsOf(expression: ExpressionModel): ExpressionModel[] {
    return expression.kind === 'binary' && expression.operator === 'and'
        ? [...conjunctsOf(expression.left), ...conjunctsOf(expression.right)]
        : [expression];
}

function readsToday(expression: ExpressionModel): boolean {
    switch (expression.kind) {
        case 'today': return true;
        case 'not': case 'negate': case 'in': return readsToday(expression.operand);
        case 'binary': return readsToday(expression.left) || readsToday(expression.right);
        default: return false;
    }
}

function fieldIndicesOf(expression: ExpressionModel, fieldIndex: ReadonlyMap<string, number>, into: number[] = []): number[] {
    switch (expression.kind) {
        case 'field': {
            const index = fieldIndex.get(expression.name);
            if (index !== undefined && !into.includes(index)) into.push(index);
            break;
        }
        case 'not': case 'negate': case 'in': fieldIndicesOf(expression.operand, fieldIndex, into); break;
        case 'binary': fieldIndicesOf(expression.left, fieldIndex, into); fieldIndicesOf(expression.right, fieldIndex, into); break;
        default: break;
    }
    return into;
}
