/**
 * What the schema cannot say about an export document but the language requires: every
 * name a condition, gate, rule or deal uses is declared, names are unique, enum values
 * belong to their enum, dates are calendar days, and conditions can be written back as
 * text the parser accepts. Each problem is named by its JSON path, so that an import
 * never prints a `.playbook` that fails `playbook check` for a reason the JSON could show.
 *
 * Type errors inside conditions (`budget and true`) are left to the language's checker, which
 * @playbook/language's importPlaybook runs on the printed text (its check-printed.ts).
 */
import { crmNameClashes, crmNameClashMessage, crmNamesOfModel } from '../crm/crm-name-clashes.js';
import { expressionToText } from '../model/expression-text.js';
import type { DealModel, ExpressionModel, FieldModel, PlaybookModel, ValueModel } from '../model/playbook-model.js';
import { findExcessiveNesting, MAX_EXPRESSION_DEPTH, MAX_NESTING } from './nesting-guard.js';
import { parseIsoDate } from '../simulation/dates.js';
import type { PlaybookDocument } from '../export/playbook-document.js';
import type { SchemaProblem } from '../export/validate-document.js';

/** Checks the documents of one import; `paths[i]` is the JSON path of `documents[i]`. */
export function checkDocuments(documents: readonly PlaybookDocument[], paths: readonly string[]): SchemaProblem[] {
    const problems: SchemaProblem[] = [];
    const report = (path: string, message: string): void => { problems.push({ path, message }); };
    const playbooks = new Map<string, string>();
    const deals = new Map<string, string>();
    documents.forEach((document, i) => {
        const base = paths[i];
        const name = document.playbook.name;
        unique(playbooks, name, `${base}/playbook/name`, `Another playbook named '${name}'`, report);
        checkPlaybook(document.playbook, `${base}/playbook`, report);
        document.deals?.forEach((deal, d) => {
            unique(deals, deal.name, `${base}/deals/${d}/name`, `Another deal named '${deal.name}'`, report);
            checkDeal(deal, document.playbook, `${base}/deals/${d}`, report);
        });
    });
    return problems;
}

type Report = (path: string, message: string) => void;

function checkPlaybook(playbook: PlaybookModel, path: string, report: Report): void {
    const fields = new Map(playbook.fields.map(f => [f.name, f]));
    const enumValues = new Set(playbook.fields.flatMap(f => f.values ?? []));
    const seenFields = new Map<string, string>();
    playbook.fields.forEach((field, i) => {
        unique(seenFields, field.name, `${path}/fields/${i}/name`, `Another field named '${field.name}'`, report);
        if (field.default !== undefined) {
            checkValue(field.default, field, `${path}/fields/${i}/default`, report);
        }
    });
    const declaredStages = new Set(playbook.stages.map(stage => stage.name));
    const notBefore = (stage: string | undefined, at: string): void => {
        if (stage !== undefined && !declaredStages.has(stage)) report(at, `names the stage '${stage}', which the playbook does not declare`);
    };
    playbook.fields.forEach((field, i) => notBefore(field.notBefore, `${path}/fields/${i}/notBefore`));
    playbook.stages.forEach((stage, s) => stage.tasks.forEach((task, t) => notBefore(task.notBefore, `${path}/stages/${s}/tasks/${t}/notBefore`)));
    const stageNames = new Map<string, string>();
    const taskNames = new Map<string, string>();
    const gateNames = new Map<string, string>();
    // Tasks a gate may require: those of its own stage and the ones before.
    const tasksSoFar = new Set<string>();
    const allTasks = new Set(playbook.stages.flatMap(s => s.tasks.map(t => t.name)));
    const conditions = { fields, enumValues, report };
    playbook.stages.forEach((stage, s) => {
        const stagePath = `${path}/stages/${s}`;
        unique(stageNames, stage.name, `${stagePath}/name`, `Another stage named '${stage.name}'`, report);
        stage.tasks.forEach((task, t) => {
            unique(taskNames, task.name, `${stagePath}/tasks/${t}/name`, `Another task named '${task.name}'`, report);
            tasksSoFar.add(task.name);
        });
        stage.gates.forEach((gate, g) => {
            const gatePath = `${stagePath}/gates/${g}`;
            unique(gateNames, gate.name, `${gatePath}/name`, `Another gate named '${gate.name}'`, report);
            gate.requires.forEach((task, r) => {
                if (!allTasks.has(task)) {
                    report(`${gatePath}/requires/${r}`, `names the task '${task}', which no stage declares`);
                } else if (!tasksSoFar.has(task)) {
                    report(`${gatePath}/requires/${r}`, `names the task '${task}' of a later stage: a deal cannot have done it before leaving stage '${stage.name}'`);
                }
            });
            gate.when.forEach((condition, c) => checkCondition(condition, `${gatePath}/when/${c}`, conditions));
        });
    });
    const rules = new Map<string, string>();
    playbook.terminations.forEach((rule, i) => {
        const rulePath = `${path}/terminations/${i}`;
        unique(rules, `${rule.outcome}\u0000${rule.reason}`, `${rulePath}/reason`, `${rule.outcome} "${rule.reason}"`, report);
        if (rule.when) {
            checkCondition(rule.when, `${rulePath}/when`, conditions);
        }
        rule.from.forEach((stage, f) => {
            if (!stageNames.has(stage)) report(`${rulePath}/from/${f}`, `names the stage '${stage}', which the playbook does not declare`);
        });
    });
    const activities = new Map<string, string>();
    playbook.activities?.forEach((activity, a) => {
        unique(activities, activity.name, `${path}/activities/${a}/name`, `Another activity named '${activity.name}'`, report);
    });
    playbook.cadences?.forEach((rule, c) => {
        const rulePath = `${path}/cadences/${c}`;
        if (rule.when) checkCondition(rule.when, `${rulePath}/when`, conditions);
        rule.stages.forEach((stage, s) => {
            if (!stageNames.has(stage)) report(`${rulePath}/stages/${s}`, `names the stage '${stage}', which the playbook does not declare`);
        });
        rule.kinds.forEach((kind, k) => {
            if (!activities.has(kind)) report(`${rulePath}/kinds/${k}`, `names the activity '${kind}', which the playbook does not declare`);
        });
    });
    if (playbook.forecastField !== undefined) {
        const field = fields.get(playbook.forecastField);
        if (!field) report(`${path}/forecastField`, `names the field '${playbook.forecastField}', which the playbook does not declare`);
        else if (field.type !== 'money' && field.type !== 'number') report(`${path}/forecastField`, `names the field '${field.name}' of type ${field.type}; the forecast weighs a money or number field`);
    }
    const outcomes = new Set(playbook.terminations.map(rule => rule.outcome));
    const aliased = new Map<string, string>();
    playbook.outcomeAliases?.forEach((entry, e) => {
        const entryPath = `${path}/outcomeAliases/${e}/outcome`;
        if (!outcomes.has(entry.outcome)) report(entryPath, `names the outcome '${entry.outcome}', which no termination rule declares`);
        unique(aliased, entry.outcome, entryPath, `The aliases of outcome '${entry.outcome}'`, report);
    });
    for (const clash of crmNameClashes(crmNamesOfModel(playbook, path))) {
        report(clash.alias.site, crmNameClashMessage(clash));
    }
}

interface ConditionContext {
    fields: ReadonlyMap<string, FieldModel>;
    enumValues: ReadonlySet<string>;
    report: Report;
}

function checkCondition(condition: ExpressionModel, path: string, context: ConditionContext): void {
    // Measured before printing: the printer recurses, and the parser refuses deeper conditions.
    if (depthOf(condition) > MAX_EXPRESSION_DEPTH / 2) {
        context.report(path, `is nested more than ${MAX_EXPRESSION_DEPTH / 2} levels deep; split it into several conditions`);
        return;
    }
    if (findExcessiveNesting(expressionToText(condition), MAX_NESTING) !== undefined) {
        context.report(path, `is nested more than ${MAX_NESTING} levels deep when written (parentheses, \`not\` and unary \`-\` each add a level); simplify it`);
    }
    walk(condition, path, (node, nodePath) => {
        switch (node.kind) {
            case 'field':
                if (!context.fields.has(node.name)) context.report(`${nodePath}/name`, `names the field '${node.name}', which the playbook does not declare`);
                break;
            case 'enumValue':
                if (!context.enumValues.has(node.name)) context.report(`${nodePath}/name`, `names the enum value '${node.name}', which no enum field declares`);
                break;
            case 'in':
                node.values.forEach((value, i) => {
                    if (!context.enumValues.has(value)) context.report(`${nodePath}/values/${i}`, `names the enum value '${value}', which no enum field declares`);
                });
                break;
            case 'date':
                checkDate(node.value, `${nodePath}/value`, context.report);
                break;
            default:
                break;
        }
    });
}

function checkDeal(deal: DealModel, playbook: PlaybookModel, path: string, report: Report): void {
    if (deal.playbook !== playbook.name) {
        report(`${path}/playbook`, `is '${deal.playbook}', but this document holds playbook '${playbook.name}'; a document's deals follow its playbook`);
        return;
    }
    const fields = new Map(playbook.fields.map(f => [f.name, f]));
    const stages = new Set(playbook.stages.map(s => s.name));
    const tasks = new Set(playbook.stages.flatMap(s => s.tasks.map(t => t.name)));
    const outcomes = new Set(playbook.terminations.map(t => t.outcome));
    const activities = new Set((playbook.activities ?? []).map(a => a.name));
    deal.events.forEach((event, i) => {
        const eventPath = `${path}/events/${i}`;
        checkDate(event.date, `${eventPath}/date`, report);
        switch (event.kind) {
            case 'enter':
                if (!stages.has(event.stage)) report(`${eventPath}/stage`, `names the stage '${event.stage}', which playbook '${playbook.name}' does not declare`);
                break;
            case 'done':
                event.tasks.forEach((task, t) => {
                    if (!tasks.has(task)) report(`${eventPath}/tasks/${t}`, `names the task '${task}', which playbook '${playbook.name}' does not declare`);
                });
                break;
            case 'set': {
                const field = fields.get(event.field);
                if (!field) report(`${eventPath}/field`, `names the field '${event.field}', which playbook '${playbook.name}' does not declare`);
                else checkValue(event.value, field, `${eventPath}/value`, report);
                break;
            }
            case 'terminate':
                if (!outcomes.has(event.outcome)) report(`${eventPath}/outcome`, `names the outcome '${event.outcome}', which no termination rule of playbook '${playbook.name}' declares`);
                break;
            case 'activity':
                if (!activities.has(event.activity)) report(`${eventPath}/activity`, `names the activity '${event.activity}', which playbook '${playbook.name}' does not declare`);
                break;
            default:
                break;
        }
    });
}

/** A field's default or a value a deal sets must fit the field's type. */
function checkValue(value: ValueModel, field: FieldModel, path: string, report: Report): void {
    const expected: Record<string, string> = { money: 'number', number: 'number', days: 'number', bool: 'boolean', text: 'string', date: 'string', enum: 'string' };
    if (typeof value !== expected[field.type]) {
        report(path, `must be a ${expected[field.type]}: field '${field.name}' is of type ${field.type}`);
    } else if (field.type === 'enum' && !(field.values ?? []).includes(value as string)) {
        report(path, `must be one of the values of field '${field.name}': ${(field.values ?? []).join(', ')}`);
    } else if (field.type === 'date') {
        checkDate(value as string, path, report);
    }
}

function checkDate(date: string, path: string, report: Report): void {
    if (parseIsoDate(date) === undefined) {
        report(path, `'${date}' is not a calendar date (YYYY-MM-DD)`);
    }
}

function unique(seen: Map<string, string>, key: string, path: string, what: string, report: Report): void {
    const first = seen.get(key);
    if (first !== undefined) {
        report(path, `${what} is declared at ${first}; names must be unique`);
    } else {
        seen.set(key, path);
    }
}

function depthOf(expression: ExpressionModel): number {
    let deepest = 0;
    const stack: Array<[ExpressionModel, number]> = [[expression, 1]];
    while (stack.length > 0) {
        const [node, depth] = stack.pop()!;
        deepest = Math.max(deepest, depth);
        for (const child of children(node)) stack.push([child, depth + 1]);
    }
    return deepest;
}

function walk(expression: ExpressionModel, path: string, visit: (node: ExpressionModel, path: string) => void): void {
    const stack: Array<[ExpressionModel, string]> = [[expression, path]];
    while (stack.length > 0) {
        const [node, nodePath] = stack.pop()!;
        visit(node, nodePath);
        if (node.kind === 'binary') {
            stack.push([node.right, `${nodePath}/right`], [node.left, `${nodePath}/left`]);
        } else if (node.kind === 'not' || node.kind === 'negate' || node.kind === 'in') {
            stack.push([node.operand, `${nodePath}/operand`]);
        }
    }
}

function children(node: ExpressionModel): ExpressionModel[] {
    switch (node.kind) {
        case 'binary': return [node.left, node.right];
        case 'not': case 'negate': case 'in': return [node.operand];
        default: return [];
    }
}
