/**
 * Deterministic JSON text for export documents: the same playbook always gives the same
 * bytes, whatever order the keys of the objects passed in happen to have (a model built
 * from the AST and one read back from JSON print identically). Keys follow the order
 * the model declares them; absent optional facts are left out; unknown keys are dropped.
 */
import type {
    ActivityModel, CadenceModel, DealModel, EventModel, ExpressionModel, FieldModel, GateModel, PlaybookModel, StageModel, TaskModel, TerminationModel
} from '../model/playbook-model.js';
import type { PlaybookDocument } from './playbook-document.js';

/** One document as JSON text: 2-space indentation, a trailing newline. */
export function serializeDocument(document: PlaybookDocument): string {
    return `${JSON.stringify(canonicalDocument(document), undefined, 2)}\n`;
}

/**
 * The export of a file: a file with one playbook gives its document, a file with several
 * gives a JSON array of documents in file order (docs/json-format.md).
 */
export function serializeDocuments(documents: readonly PlaybookDocument[]): string {
    if (documents.length === 1) {
        return serializeDocument(documents[0]);
    }
    return `${JSON.stringify(documents.map(canonicalDocument), undefined, 2)}\n`;
}

/** A copy of the document with its keys in canonical order. */
export function canonicalDocument(document: PlaybookDocument): PlaybookDocument {
    return pick({
        $schema: document.$schema,
        formatVersion: document.formatVersion,
        playbook: canonicalPlaybook(document.playbook),
        deals: document.deals?.map(canonicalDeal)
    });
}

function canonicalPlaybook(playbook: PlaybookModel): PlaybookModel {
    return pick({
        name: playbook.name,
        variantOf: playbook.variantOf,
        title: playbook.title,
        version: playbook.version,
        forbidRegressions: playbook.forbidRegressions,
        forecastField: playbook.forecastField,
        fields: playbook.fields.map(canonicalField),
        stages: playbook.stages.map(canonicalStage),
        terminations: playbook.terminations.map(canonicalTermination),
        wonAliases: playbook.wonAliases && [...playbook.wonAliases],
        outcomeAliases: playbook.outcomeAliases?.map(entry => ({ outcome: entry.outcome, aliases: [...entry.aliases] })),
        activities: playbook.activities?.map(canonicalActivity),
        cadences: playbook.cadences?.map(canonicalCadence)
    });
}

function canonicalActivity(activity: ActivityModel): ActivityModel {
    return pick({ name: activity.name, title: activity.title });
}

function canonicalCadence(rule: CadenceModel): CadenceModel {
    return pick({
        title: rule.title,
        everyDays: rule.everyDays,
        when: rule.when && canonicalExpression(rule.when),
        stages: [...rule.stages],
        kinds: [...rule.kinds]
    });
}

function canonicalField(field: FieldModel): FieldModel {
    return pick({
        name: field.name, type: field.type, values: field.values && [...field.values], default: field.default,
        // Written only when true: a field is a criterion unless declared `info`.
        informational: field.informational === true ? true : undefined,
        notBefore: field.notBefore
    });
}

function canonicalStage(stage: StageModel): StageModel {
    return pick({
        name: stage.name,
        title: stage.title,
        optional: stage.optional,
        probability: stage.probability,
        withinDays: stage.withinDays,
        aliases: [...stage.aliases],
        tasks: stage.tasks.map(canonicalTask),
        gates: stage.gates.map(canonicalGate)
    });
}

function canonicalTask(task: TaskModel): TaskModel {
    return pick({ name: task.name, title: task.title, required: task.required, owner: task.owner, notBefore: task.notBefore });
}

function canonicalGate(gate: GateModel): GateModel {
    return pick({ name: gate.name, title: gate.title, requires: [...gate.requires], when: gate.when.map(canonicalExpression) });
}

function canonicalTermination(rule: TerminationModel): TerminationModel {
    return pick({ outcome: rule.outcome, reason: rule.reason, when: rule.when && canonicalExpression(rule.when), from: [...rule.from] });
}

export function canonicalExpression(expression: ExpressionModel): ExpressionModel {
    switch (expression.kind) {
        case 'binary':
            return { kind: 'binary', operator: expression.operator, left: canonicalExpression(expression.left), right: canonicalExpression(expression.right) };
        case 'not':
        case 'negate':
            return { kind: expression.kind, operand: canonicalExpression(expression.operand) };
        case 'in':
            return { kind: 'in', operand: canonicalExpression(expression.operand), values: [...expression.values] };
        case 'field':
        case 'enumValue':
            return { kind: expression.kind, name: expression.name };
        case 'number':
            return pick({ kind: 'number', value: expression.value, unit: expression.unit });
        case 'bool':
            return { kind: 'bool', value: expression.value };
        case 'text':
        case 'date':
            return { kind: expression.kind, value: expression.value };
        case 'today':
            return { kind: 'today' };
    }
}

function canonicalDeal(deal: DealModel): DealModel {
    return pick({ name: deal.name, title: deal.title, playbook: deal.playbook, events: deal.events.map(canonicalEvent) });
}

function canonicalEvent(event: EventModel): EventModel {
    switch (event.kind) {
        case 'enter': return { date: event.date, kind: 'enter', stage: event.stage };
        case 'done': return { date: event.date, kind: 'done', tasks: [...event.tasks] };
        case 'set': return { date: event.date, kind: 'set', field: event.field, value: event.value };
        case 'terminate': return pick({ date: event.date, kind: 'terminate', outcome: event.outcome, reason: event.reason });
        case 'won': return { date: event.date, kind: 'won' };
        case 'activity': return pick({ date: event.date, kind: 'activity', activity: event.activity, note: event.note });
    }
}

/** The object without its `undefined` entries, keys in the order written. */
function pick<T extends object>(entries: T): T {
    const result: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(entries)) {
        if (value !== undefined) {
            result[key] = value;
        }
    }
    return result as T;
}
