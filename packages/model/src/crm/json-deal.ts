/**
 * One deal-shaped JSON value (the engine's `DealModel`, plus an optional `amount`) checked
 * and read in the playbook's terms. Stage names go through the same mapping as CSV (names,
 * aliases, "Closed Won"/"Closed Lost"), task and field names are matched case- and
 * accent-insensitively, and dates may be written in any form CSV accepts. Every problem is
 * an error naming the JSON path; a deal with any error is skipped.
 */
import type { DealModel, EventModel, PlaybookModel, ValueModel } from '../model/playbook-model.js';
import { parseCrmDate } from './crm-dates.js';
import type { PlaybookVocabulary } from './playbook-vocabulary.js';
import type { StageMapper } from './stage-mapper.js';
import type { DateOrder } from './types.js';

export interface JsonDealContext {
    playbook: PlaybookModel;
    mapper: StageMapper;
    vocabulary: PlaybookVocabulary;
    dateOrder: DateOrder;
}

/** A problem of a deal, with its kind when it names an unknown stage or task (as CSV cells report them, see `CrmError.code`). */
export interface JsonDealProblem {
    path: string;
    message: string;
    code?: 'unknown-stage' | 'unknown-task';
    subject?: string;
}

export type JsonDealResult = { deal: DealModel; amount?: number } | { problems: JsonDealProblem[] };

export function readJsonDeal(value: unknown, path: string, context: JsonDealContext): JsonDealResult {
    const problems: JsonDealProblem[] = [];
    const problem = (at: string, message: string, kind?: Pick<JsonDealProblem, 'code' | 'subject'>): void => { problems.push({ path: at, message, ...kind }); };
    if (!isObject(value)) {
        return { problems: [{ path, message: `a deal is an object with a name and events, not ${describe(value)}` }] };
    }
    const name = typeof value.name === 'string' && value.name.trim() !== '' ? value.name
        : typeof value.id === 'string' || typeof value.id === 'number' ? String(value.id) : undefined;
    if (name === undefined) problem(`${path}.name`, 'the deal has no name (or id)');
    if (value.playbook !== undefined && value.playbook !== context.playbook.name) {
        problem(`${path}.playbook`, `the deal follows playbook ${describe(value.playbook)}, not ${context.playbook.name}`);
    }
    let amount: number | undefined;
    if (value.amount !== undefined && value.amount !== null) {
        if (typeof value.amount === 'number' && Number.isFinite(value.amount)) amount = value.amount;
        else problem(`${path}.amount`, `the amount must be a number, not ${describe(value.amount)}`);
    }
    const events: EventModel[] = [];
    if (!Array.isArray(value.events)) {
        problem(`${path}.events`, `events must be an array, not ${describe(value.events)}`);
    } else {
        value.events.forEach((event, i) => {
            const converted = readEvent(event, `${path}.events[${i}]`, context, problem);
            if (converted) events.push(converted);
        });
    }
    if (problems.length > 0 || name === undefined) {
        return { problems };
    }
    const deal: DealModel = { name, playbook: context.playbook.name, events };
    if (typeof value.title === 'string') deal.title = value.title;
    return amount === undefined ? { deal } : { deal, amount };
}

function readEvent(event: unknown, path: string, context: JsonDealContext, problem: (path: string, message: string, kind?: Pick<JsonDealProblem, 'code' | 'subject'>) => void): EventModel | undefined {
    if (!isObject(event)) {
        problem(path, `an event is an object with a date and a kind, not ${describe(event)}`);
        return undefined;
    }
    const date = typeof event.date === 'string' ? parseCrmDate(event.date, context.dateOrder) : undefined;
    if (!date) {
        problem(`${path}.date`, `${describe(event.date)} is not a date (write 2026-01-31)`);
        return undefined;
    }
    const iso = date.iso;
    switch (event.kind) {
        case 'enter': {
            if (typeof event.stage !== 'string') break;
            const meaning = context.mapper.read(event.stage);
            if (!meaning || meaning.kind === 'open') {
                problem(`${path}.stage`, `"${event.stage}" is not a stage of playbook ${context.playbook.name}: add it as an alias of a stage (known: ${context.mapper.describeKnown()})`, { code: 'unknown-stage', subject: event.stage });
                return undefined;
            }
            if (meaning.kind === 'stage') return { date: iso, kind: 'enter', stage: meaning.stage };
            if (meaning.kind === 'won') return { date: iso, kind: 'won' };
            return { date: iso, kind: 'terminate', outcome: meaning.outcome };
        }
        case 'done': {
            if (!Array.isArray(event.tasks) || !event.tasks.every(t => typeof t === 'string')) break;
            const tasks: string[] = [];
            event.tasks.forEach((name, i) => {
                const task = context.vocabulary.task(name as string);
                if (task === undefined) problem(`${path}.tasks[${i}]`, `"${name}" is not a task of playbook ${context.playbook.name}`, { code: 'unknown-task', subject: name as string });
                else tasks.push(task);
            });
            return { date: iso, kind: 'done', tasks };
        }
        case 'set': {
            if (typeof event.field !== 'string' || !isValue(event.value)) break;
            const field = context.vocabulary.field(event.field);
            if (!field) {
                problem(`${path}.field`, `"${event.field}" is not a field of playbook ${context.playbook.name}`);
                return undefined;
            }
            const value = typeof event.value === 'string' || field.type === 'date' || field.type === 'enum'
                ? context.vocabulary.value(field, String(event.value))
                : { value: event.value };
            if ('problem' in value) {
                problem(`${path}.value`, `${value.problem} (field ${field.name} is ${field.type})`);
                return undefined;
            }
            return { date: iso, kind: 'set', field: field.name, value: value.value };
        }
        case 'terminate': {
            if (typeof event.outcome !== 'string' || (event.reason !== undefined && typeof event.reason !== 'string')) break;
            const meaning = context.mapper.read(event.outcome);
            const outcome = meaning?.kind === 'terminate' ? meaning.outcome : event.outcome;
            const rule = context.mapper.terminationFor(outcome, event.reason as string | undefined);
            return { date: iso, kind: 'terminate', outcome: rule.outcome, ...(rule.reason !== undefined ? { reason: rule.reason } : {}) };
        }
        case 'won':
            return { date: iso, kind: 'won' };
        case 'activity': {
            if (typeof event.activity !== 'string' || (event.note !== undefined && typeof event.note !== 'string')) break;
            const activity = context.vocabulary.activity(event.activity);
            if (activity === undefined) {
                const known = (context.playbook.activities ?? []).map(a => a.name);
                problem(`${path}.activity`, `"${event.activity}" is not an activity of playbook ${context.playbook.name}${known.length > 0 ? ` (declared: ${known.join(', ')})` : ': it declares none (add `activity ' + event.activity.trim() + '`)'}`);
                return undefined;
            }
            return { date: iso, kind: 'activity', activity, ...(typeof event.note === 'string' ? { note: event.note } : {}) };
        }
        default:
            problem(`${path}.kind`, `${describe(event.kind)} is not an event kind (enter, done, set, terminate, won, activity)`);
            return undefined;
    }
    problem(path, `a ${event.kind} event needs ${REQUIRED[event.kind as string]}`);
    return undefined;
}

const REQUIRED: Record<string, string> = {
    enter: 'a stage (a string)',
    done: 'tasks (an array of strings)',
    set: 'a field (a string) and a value (number, boolean or string)',
    terminate: 'an outcome (a string) and optionally a reason (a string)',
    activity: 'an activity (a string) and optionally a note (a string)'
};

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isValue(value: unknown): value is ValueModel {
    return typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string';
}

function describe(value: unknown): string {
    if (value === undefined) return 'missing';
    if (value === null) return 'null';
    if (Array.isArray(value)) return 'an array';
    if (typeof value === 'object') return 'an object';
    return JSON.stringify(value);
}
