/**
 * Turns the AST into the plain model. Unresolved references keep the name the author
 * wrote (`$refText`), so the model always says what the text says.
 */
import type {
    ActivityModel, BinaryOperator, CadenceModel, DealModel, EventModel, ExpressionModel, FieldModel, GateModel, OutcomeAliasModel, PlaybookModel,
    StageModel, TaskModel, TerminationModel, ValueModel
} from '@playbook/model';
import type { AstNode, Reference } from 'langium';
import * as ast from '../generated/ast.js';
import { resolvePlaybook, type ResolvedPlaybook } from '../scoping/playbook-variants.js';

const playbookCache = new WeakMap<ast.Playbook, { resolved: ResolvedPlaybook; model: PlaybookModel }>();

/**
 * The models of a playbook's members (stages, fields, termination rules), kept while the
 * member is the same node: a keystroke gives new nodes for what it changed and their
 * ancestors, so the playbook is converted again on every keystroke, but only the edited
 * member is (converting all of a 5,000-line playbook cost about a tenth of a keystroke's
 * work). A member's model reads only its own text, but for one thing: whether a name in a
 * condition is a field or an enum value, which depends on where it resolves. Those answers
 * are kept with the model and asked again before it is reused.
 */
const memberModels = new WeakMap<AstNode, { model: unknown; valueReferences: ast.ValueReference[]; enumValues: boolean[] }>();
/** The value references met while converting a member, with what each resolved to. */
let recording: { valueReferences: ast.ValueReference[]; enumValues: boolean[] } | undefined;

function memberModel<N extends AstNode, M>(member: N, convert: (member: N) => M): M {
    const kept = memberModels.get(member);
    if (kept && kept.valueReferences.every((reference, i) => ast.isEnumValue(reference.symbol?.ref) === kept.enumValues[i])) {
        return kept.model as M;
    }
    const outer = recording;
    const read = recording = { valueReferences: [], enumValues: [] };
    try {
        const model = convert(member);
        memberModels.set(member, { model, ...read });
        return model;
    } finally {
        recording = outer;
    }
}

/**
 * The model of a playbook, resolved: a variant's is its base's with its changes applied (see
 * playbook-variants.ts), naming the base in `variantOf`. Cached per AST node and resolution,
 * so it is rebuilt only when the text of the playbook or of one of its bases changes.
 */
export function playbookToModel(playbook: ast.Playbook): PlaybookModel {
    const resolved = resolvePlaybook(playbook);
    const cached = playbookCache.get(playbook);
    if (cached?.resolved === resolved) return cached.model;
    const model = convertPlaybook(resolved);
    playbookCache.set(playbook, { resolved, model });
    return model;
}

function convertPlaybook(resolved: ResolvedPlaybook): PlaybookModel {
    const playbook = resolved.playbook;
    // A variant names its base (resolved or not); a resolved variant (`resolved from "X"`) keeps naming it.
    const variantOf = playbook.base ? playbook.base.$refText : playbook.resolvedFrom[0];
    return {
        name: playbook.name,
        ...optional('variantOf', variantOf),
        ...optional('title', resolved.title),
        ...optional('version', resolved.version),
        forbidRegressions: resolved.forbidRegressions,
        ...optional('forecastField', resolved.forecast && refName(resolved.forecast)),
        fields: resolved.fields.map(field => memberModel(field, convertField)),
        stages: resolved.stages.map(stageToModel),
        terminations: resolved.terminations.map(rule => memberModel(rule, convertTermination)),
        ...convertOutcomeAliases(resolved.outcomeAliases),
        ...(resolved.activities.length > 0 ? { activities: resolved.activities.map(convertActivity) } : {}),
        ...(resolved.cadences.length > 0 ? { cadences: resolved.cadences.map(convertCadence) } : {})
    };
}

function convertActivity(activity: ast.Activity): ActivityModel {
    return { name: activity.name, ...optional('title', activity.title) };
}

/** Like a termination rule, the first `when` is the rule's condition (the others are `duplicate-attribute`). */
function convertCadence(cadence: ast.Cadence): CadenceModel {
    return {
        ...optional('title', cadence.title),
        everyDays: cadence.everyDays,
        ...(cadence.conditions.length > 0 ? { when: expressionToModel(cadence.conditions[0]) } : {}),
        stages: cadence.stages.map(refName),
        kinds: cadence.kinds.map(refName)
    };
}

/** `won alias` lines become one list, `terminate X alias` lines one entry per outcome: the meaning, not the layout. */
function convertOutcomeAliases(declarations: readonly ast.OutcomeAlias[]): Pick<PlaybookModel, 'wonAliases' | 'outcomeAliases'> {
    const won: string[] = [];
    const byOutcome = new Map<string, OutcomeAliasModel>();
    for (const declaration of declarations) {
        if (declaration.won) {
            won.push(...declaration.aliases);
            continue;
        }
        const outcome = refName(declaration.outcome);
        const entry = byOutcome.get(outcome) ?? { outcome, aliases: [] };
        entry.aliases.push(...declaration.aliases);
        byOutcome.set(outcome, entry);
    }
    return {
        ...(won.length > 0 ? { wonAliases: won } : {}),
        ...(byOutcome.size > 0 ? { outcomeAliases: [...byOutcome.values()] } : {})
    };
}

function convertField(field: ast.Field): FieldModel {
    const type = field.type;
    const model: FieldModel = ast.EnumType.$type === type?.$type
        ? { name: field.name, type: 'enum', values: (type as ast.EnumType).values.map(v => v.name) }
        : { name: field.name, type: (type as ast.PrimitiveType | undefined)?.kind ?? 'text' };
    if (field.default) {
        model.default = valueToModel(field.default);
    }
    if (field.informational) {
        model.informational = true;
    }
    if (field.notBefore.length > 0) {
        model.notBefore = refName(field.notBefore[0]);
    }
    return model;
}

/** A stage's model, kept while the stage is the same node (see `memberModel`). */
export function stageToModel(stage: ast.Stage): StageModel {
    return memberModel(stage, convertStage);
}

function convertStage(stage: ast.Stage): StageModel {
    return {
        name: stage.name,
        ...optional('title', stage.title),
        optional: stage.optional,
        ...optional('probability', stage.probabilities[0]),
        ...optional('withinDays', stage.withinDays[0]),
        aliases: [...stage.aliases],
        tasks: stage.tasks.map(convertTask),
        gates: stage.gates.map(convertGate)
    };
}

function convertTask(task: ast.Task): TaskModel {
    return {
        name: task.name,
        ...optional('title', task.title),
        required: task.requiredMarks.length > 0,
        ...optional('owner', task.owners[0]),
        ...optional('notBefore', task.notBefore[0] && refName(task.notBefore[0]))
    };
}

function convertGate(gate: ast.Gate): GateModel {
    return {
        name: gate.name,
        ...optional('title', gate.title),
        requires: gate.requires.map(refName),
        when: gate.conditions.map(expressionToModel)
    };
}

function convertTermination(rule: ast.Terminate): TerminationModel {
    return {
        outcome: rule.name,
        reason: rule.reason ?? '',
        ...(rule.conditions.length > 0 ? { when: expressionToModel(rule.conditions[0]) } : {}),
        from: rule.from.map(refName)
    };
}

export function expressionToModel(expression: ast.Expression | undefined): ExpressionModel {
    switch (expression?.$type) {
        case ast.BinaryExpression.$type: {
            const binary = expression as ast.BinaryExpression;
            const operator = (binary.operator === '=' ? '==' : binary.operator) as BinaryOperator;
            return { kind: 'binary', operator, left: expressionToModel(binary.left), right: expressionToModel(binary.right) };
        }
        case ast.NotExpression.$type:
            return { kind: 'not', operand: expressionToModel((expression as ast.NotExpression).operand) };
        case ast.NegationExpression.$type:
            return { kind: 'negate', operand: expressionToModel((expression as ast.NegationExpression).operand) };
        case ast.ParenthesizedExpression.$type:
            return expressionToModel((expression as ast.ParenthesizedExpression).inner);
        case ast.MembershipExpression.$type: {
            const membership = expression as ast.MembershipExpression;
            return { kind: 'in', operand: expressionToModel(membership.operand), values: membership.values.map(refName) };
        }
        case ast.ValueReference.$type: {
            const symbol = (expression as ast.ValueReference).symbol;
            const enumValue = ast.isEnumValue(symbol?.ref);
            recording?.valueReferences.push(expression as ast.ValueReference);
            recording?.enumValues.push(enumValue);
            return enumValue ? { kind: 'enumValue', name: refName(symbol) } : { kind: 'field', name: refName(symbol) };
        }
        case ast.NumberLiteral.$type: {
            const literal = expression as ast.NumberLiteral;
            // `1 day` and `1 days` mean the same: the model records the unit, not its spelling.
            const unit = literal.unit === 'day' ? 'days' : literal.unit;
            return unit ? { kind: 'number', value: literal.value, unit } : { kind: 'number', value: literal.value };
        }
        case ast.BooleanLiteral.$type:
            return { kind: 'bool', value: (expression as ast.BooleanLiteral).value };
        case ast.StringLiteral.$type:
            return { kind: 'text', value: (expression as ast.StringLiteral).value };
        case ast.DateLiteral.$type:
            return { kind: 'date', value: (expression as ast.DateLiteral).value };
        case ast.TodayExpression.$type:
            return { kind: 'today' };
        default:
            // Only reachable on a partial AST after a syntax error: a condition that never holds.
            return { kind: 'bool', value: false };
    }
}

export function valueToModel(value: ast.Value): ValueModel {
    switch (value.$type) {
        case ast.NegatedNumber.$type: return -(value as ast.NegatedNumber).value;
        case ast.EnumValueReference.$type: return refName((value as ast.EnumValueReference).value);
        case ast.NumberLiteral.$type: return (value as ast.NumberLiteral).value;
        case ast.BooleanLiteral.$type: return (value as ast.BooleanLiteral).value;
        case ast.StringLiteral.$type: return (value as ast.StringLiteral).value;
        case ast.DateLiteral.$type: return (value as ast.DateLiteral).value;
        default: return '';
    }
}

/**
 * The model of a deal, with `eventNodes[i]` the AST node of `model.events[i]` so that
 * simulation findings can be reported on the right line.
 */
export function dealToModel(deal: ast.Deal): { model: DealModel; eventNodes: ast.Event[] } {
    const events: EventModel[] = [];
    const eventNodes: ast.Event[] = [];
    for (const event of deal.events) {
        const converted = eventToModel(event);
        if (converted) {
            events.push(converted);
            eventNodes.push(event);
        }
    }
    return {
        model: { name: deal.name, ...optional('title', deal.title), playbook: refName(deal.playbook), events },
        eventNodes
    };
}

function eventToModel(event: ast.Event): EventModel | undefined {
    const date = event.date;
    if (!date) {
        return undefined;
    }
    switch (event.$type) {
        case ast.EnterEvent.$type:
            return { date, kind: 'enter', stage: refName((event as ast.EnterEvent).stage) };
        case ast.DoneEvent.$type:
            return { date, kind: 'done', tasks: (event as ast.DoneEvent).tasks.map(refName) };
        case ast.SetEvent.$type: {
            const set = event as ast.SetEvent;
            return set.value ? { date, kind: 'set', field: refName(set.field), value: valueToModel(set.value) } : undefined;
        }
        case ast.TerminateEvent.$type: {
            const terminate = event as ast.TerminateEvent;
            return { date, kind: 'terminate', outcome: refName(terminate.outcome), ...optional('reason', terminate.reason) };
        }
        case ast.WonEvent.$type:
            return { date, kind: 'won' };
        case ast.ActivityEvent.$type: {
            const activity = event as ast.ActivityEvent;
            return { date, kind: 'activity', activity: refName(activity.activity), ...optional('note', activity.note) };
        }
        default:
            return undefined;
    }
}

function refName(reference: Reference | undefined): string {
    return reference?.$refText ?? '';
}

/** `{ key: value }` when the value is present, `{}` otherwise: keeps absent facts out of the JSON. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
    return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
