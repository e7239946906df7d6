/**
 * Prints the plain model as `.playbook` source in the canonical layout (the house style of
 * the examples and of `playbook fmt`): 2 spaces per level, one declaration per line, a
 * blank line between the header, the fields, the activity kinds, each stage, the
 * terminations, the cadence rules and the CRM names of a deal's ends (`won alias`,
 * `terminate Lost alias`).
 *
 * The model must be valid (see `checkModel`): names are written as they are, so a name
 * that is not an identifier would print text that does not parse.
 */
import { daysText, expressionToText, formatNumber, quote } from '../model/expression-text.js';
import type {
    ActivityModel, CadenceModel, DealModel, EventModel, FieldModel, FieldTypeName, GateModel, PlaybookModel, StageModel, TaskModel, TerminationModel, ValueModel
} from '../model/playbook-model.js';
import type { PlaybookDocument } from '../export/playbook-document.js';

const INDENT = '  ';

export function printPlaybook(playbook: PlaybookModel): string {
    const header = [
        // A variant, exported resolved, states everything itself: the import keeps its lineage, not a link to its base.
        ...(playbook.variantOf !== undefined ? [`resolved from ${quote(playbook.variantOf)}`] : []),
        ...(playbook.title !== undefined ? [`title ${quote(playbook.title)}`] : []),
        ...(playbook.version !== undefined ? [`version ${quote(playbook.version)}`] : []),
        ...(playbook.forbidRegressions ? ['forbid regressions'] : []),
        ...(playbook.forecastField !== undefined ? [`forecast ${playbook.forecastField}`] : [])
    ];
    const sections: string[][] = [
        header,
        playbook.fields.map(printField),
        (playbook.activities ?? []).map(printActivity),
        ...playbook.stages.map(printStage),
        playbook.terminations.map(printTermination),
        (playbook.cadences ?? []).map(printCadence),
        [
            ...(playbook.wonAliases?.length ? [`won alias ${playbook.wonAliases.map(quote).join(', ')}`] : []),
            ...(playbook.outcomeAliases ?? []).map(entry => `terminate ${entry.outcome} alias ${entry.aliases.map(quote).join(', ')}`)
        ]
    ].filter(section => section.length > 0);
    return block(`playbook ${playbook.name}`, sections.flatMap((section, i) => (i === 0 ? section : ['', ...section])));
}

/** A deal; `playbook` (the one it follows) tells how to write the values it sets. */
export function printDeal(deal: DealModel, playbook?: PlaybookModel): string {
    const fieldTypes = new Map(playbook?.fields.map(f => [f.name, f.type]));
    const title = deal.title !== undefined ? ` ${quote(deal.title)}` : '';
    return block(`deal ${deal.name}${title} for ${deal.playbook}`, deal.events.map(event => printEvent(event, fieldTypes)));
}

function printField(field: FieldModel): string {
    const type = field.type === 'enum' ? `enum {${(field.values ?? []).join(', ')}}` : field.type;
    const value = field.default !== undefined ? ` = ${printValue(field.default, field.type)}` : '';
    return `${field.informational ? 'info ' : ''}field ${field.name}: ${type}${value}${field.notBefore !== undefined ? ` not before ${field.notBefore}` : ''}`;
}

function printStage(stage: StageModel): string[] {
    const header = `${stage.optional ? 'optional ' : ''}stage ${stage.name}${titled(stage.title)}`;
    const body = [
        ...(stage.aliases.length > 0 ? [`alias ${stage.aliases.map(quote).join(', ')}`] : []),
        ...(stage.probability !== undefined ? [`probability ${formatNumber(stage.probability)}%`] : []),
        ...(stage.withinDays !== undefined ? [`within ${daysText(stage.withinDays)}`] : []),
        ...stage.tasks.map(printTask),
        ...stage.gates.flatMap(printGate)
    ];
    // A stage with nothing to say is written without braces, as authors do for optional stages.
    return body.length > 0 ? block(header, body).split('\n') : [header];
}

function printTask(task: TaskModel): string {
    const required = task.required ? ' required' : '';
    const owner = task.owner !== undefined ? ` owner ${quote(task.owner)}` : '';
    const notBefore = task.notBefore !== undefined ? ` not before ${task.notBefore}` : '';
    return `task ${task.name}${titled(task.title)}${required}${owner}${notBefore}`;
}

function printGate(gate: GateModel): string[] {
    const header = `gate ${gate.name}${titled(gate.title)}`;
    const body = [
        ...(gate.requires.length > 0 ? [`requires ${gate.requires.join(', ')}`] : []),
        ...gate.when.map(condition => `when ${expressionToText(condition)}`)
    ];
    return body.length > 0 ? block(header, body).split('\n') : [header];
}

function printTermination(rule: TerminationModel): string {
    const when = rule.when ? ` when ${expressionToText(rule.when)}` : '';
    const from = rule.from.length > 0 ? ` from ${rule.from.join(', ')}` : '';
    return `terminate ${rule.outcome} ${quote(rule.reason)}${when}${from}`;
}

function printActivity(activity: ActivityModel): string {
    return `activity ${activity.name}${titled(activity.title)}`;
}

function printCadence(rule: CadenceModel): string {
    const every = ` every ${formatNumber(rule.everyDays)} ${rule.everyDays === 1 ? 'day' : 'days'}`;
    const when = rule.when ? ` when ${expressionToText(rule.when)}` : '';
    const stages = rule.stages.length > 0 ? ` during ${rule.stages.join(', ')}` : '';
    const kinds = rule.kinds.length > 0 ? ` by ${rule.kinds.join(', ')}` : '';
    return `cadence${titled(rule.title)}${every}${when}${stages}${kinds}`;
}

function printEvent(event: EventModel, fieldTypes: ReadonlyMap<string, FieldTypeName>): string {
    switch (event.kind) {
        case 'enter': return `${event.date} enter ${event.stage}`;
        case 'done': return `${event.date} done ${event.tasks.join(', ')}`;
        case 'set': return `${event.date} set ${event.field} = ${printValue(event.value, fieldTypes.get(event.field))}`;
        case 'terminate': return `${event.date} terminate ${event.outcome}${event.reason !== undefined ? ` ${quote(event.reason)}` : ''}`;
        case 'won': return `${event.date} won`;
        case 'activity': return `${event.date} ${event.activity}${event.note !== undefined ? ` ${quote(event.note)}` : ''}`;
    }
}

/**
 * A constant as the source writes it. The model keeps dates, enum values and texts all as
 * strings, so the field's type decides: a date and an enum value are written bare, a text
 * quoted. Without a known type a string is quoted (the safe reading).
 */
export function printValue(value: ValueModel, type: FieldTypeName | undefined): string {
    if (typeof value === 'number') return formatNumber(value);
    if (typeof value === 'boolean') return String(value);
    return type === 'date' || type === 'enum' ? value : quote(value);
}

function titled(title: string | undefined): string {
    return title !== undefined ? ` ${quote(title)}` : '';
}

/** `header {`, the lines indented one level, `}`; an empty body is `{}`. */
function block(header: string, lines: readonly string[]): string {
    if (lines.length === 0) {
        return `${header} {}`;
    }
    const body = lines.map(line => (line === '' ? '' : INDENT + line));
    return `${header} {\n${body.join('\n')}\n}`;
}

/** The `.playbook` text of documents: playbooks in order, each followed by its deals, a blank line between. */
export function printDocuments(documents: readonly PlaybookDocument[]): string {
    const parts = documents.flatMap(document => [
        printPlaybook(document.playbook),
        ...(document.deals ?? []).map(deal => printDeal(deal, document.playbook))
    ]);
    return `${parts.join('\n\n')}\n`;
}
