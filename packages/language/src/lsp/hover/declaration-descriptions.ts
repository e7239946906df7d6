/**
 * What an author wants to know about a declaration without scrolling to it: a stage's place
 * in the process, its limits, tasks and gates; a task's stage and the gates that require it;
 * a field's type and default; an outcome's declared reasons. Shared by hover (Markdown) and
 * completion (a one-line `detail` plus the same Markdown as documentation), so that both
 * always say the same thing.
 */
import { expressionToText, quote } from '@playbook/model';
import { AstUtils, GrammarAST, GrammarUtils, type AstNode, type CstNode } from 'langium';
import * as ast from '../../generated/ast.js';
import { expressionToModel } from '../../model/ast-to-model.js';
import { resolvePlaybook, type ResolvedPlaybook } from '../../scoping/playbook-variants.js';

/** One line: what the declaration is and where it sits ("Stage 3 of 7 · "Bidding" · optional"). */
export function declarationDetail(node: AstNode): string {
    if (ast.isStage(node)) {
        return join(stagePosition(node), node.title !== undefined ? quote(node.title) : undefined, node.optional ? 'optional' : undefined);
    }
    if (ast.isTask(node)) {
        const stage = node.$container;
        return join(`Task of ${stage.name} (${stagePosition(stage).toLowerCase()})`, node.requiredMarks.length > 0 ? 'required' : undefined,
            node.title !== undefined ? quote(node.title) : undefined);
    }
    if (ast.isGate(node)) {
        return join(`Gate of ${node.$container.name}`, node.title !== undefined ? quote(node.title) : undefined);
    }
    if (ast.isField(node)) {
        return `${node.informational ? 'Profile field' : 'Field'}: ${fieldTypeText(node)}${node.default ? ` = ${valueText(node.default)}` : ''}`;
    }
    if (ast.isEnumValue(node)) {
        const field = node.$container.$container;
        return `Value of ${field.name}: ${fieldTypeText(field)}`;
    }
    if (ast.isTerminate(node)) {
        const reasons = outcomeRules(node).length;
        return `Outcome · ${reasons} declared reason${reasons === 1 ? '' : 's'}`;
    }
    if (ast.isPlaybook(node)) {
        return join(`Playbook · ${count(node.stages.length, 'stage')}`, node.titles.length > 0 ? quote(node.titles[0]) : undefined);
    }
    if (ast.isDeal(node)) {
        return join(`Deal for ${node.playbook?.$refText ?? '?'}`, node.title !== undefined ? quote(node.title) : undefined);
    }
    if (ast.isActivity(node)) {
        return join('Activity kind', node.title !== undefined ? quote(node.title) : undefined);
    }
    return node.$type;
}

/** The Markdown shown on hover (and as completion documentation); undefined for nodes that are not declarations. */
export function describeDeclaration(node: AstNode): string | undefined {
    if (ast.isStage(node)) return describeStage(node);
    if (ast.isTask(node)) return describeTask(node);
    if (ast.isGate(node)) return describeGate(node);
    if (ast.isField(node)) return describeField(node);
    if (ast.isEnumValue(node)) return describeEnumValue(node);
    if (ast.isTerminate(node)) return describeOutcome(node);
    if (ast.isPlaybook(node)) return describePlaybook(node);
    if (ast.isActivity(node)) return describeActivity(node);
    return undefined;
}

/** "Stage 3 of 7": the stage's place in the process, counted from 1. */
export function stagePosition(stage: ast.Stage): string {
    const playbook = stage.$container;
    if (!playbook) {
        return 'Stage 1 of 1';
    }
    const resolved = resolvePlaybook(playbook);
    if (resolved.stages === playbook.stages) {
        return `Stage ${(usageOf(playbook).stageIndex.get(stage) ?? 0) + 1} of ${playbook.stages.length}`;
    }
    // A variant's stage: its place among the resolved stages (computed once per resolution).
    let positions = resolvedPositions.get(resolved);
    if (!positions) {
        positions = new Map(resolved.stages.map((s, i) => [s, i]));
        resolvedPositions.set(resolved, positions);
    }
    return `Stage ${(positions.get(stage) ?? 0) + 1} of ${resolved.stages.length}`;
}

/**
 * Who uses what in one playbook, computed once per playbook AST (a new text gives a new AST):
 * completion describes every candidate, and on a large playbook scanning all gates for each
 * task would make the list quadratic.
 */
interface PlaybookUsage {
    stageIndex: Map<ast.Stage, number>;
    /** Every declaration's place in the text among those of its kind (tasks counted across stages). */
    order: Map<AstNode, number>;
    /** Gates naming a task in `requires`, by the task's name (unresolved names count too: they are what the author wrote). */
    gatesByTask: Map<string, ast.Gate[]>;
    /** Gates and terminate rules whose conditions read a field, by the field's name. */
    readersByField: Map<string, string[]>;
}

const usageCache = new WeakMap<ast.Playbook, PlaybookUsage>();
const resolvedPositions = new WeakMap<ResolvedPlaybook, Map<ast.Stage, number>>();

function usageOf(playbook: ast.Playbook): PlaybookUsage {
    let usage = usageCache.get(playbook);
    if (!usage) {
        usage = computeUsage(playbook);
        usageCache.set(playbook, usage);
    }
    return usage;
}

function computeUsage(playbook: ast.Playbook): PlaybookUsage {
    const stageIndex = new Map(playbook.stages.map((stage, index) => [stage, index]));
    const order = new Map<AstNode, number>();
    const number = (nodes: readonly AstNode[]): void => nodes.forEach((node, index) => order.set(node, index));
    number(playbook.stages);
    number(playbook.stages.flatMap(s => s.tasks));
    number(playbook.stages.flatMap(s => s.gates));
    number(playbook.fields);
    number(playbook.fields.flatMap(f => (ast.isEnumType(f.type) ? f.type.values : [])));
    number(playbook.terminations);
    number(playbook.activities);
    const gatesByTask = new Map<string, ast.Gate[]>();
    const readersByField = new Map<string, string[]>();
    const addReader = (names: Set<string>, reader: string): void => {
        for (const name of names) {
            const readers = readersByField.get(name) ?? [];
            readers.push(reader);
            readersByField.set(name, readers);
        }
    };
    for (const stage of playbook.stages) {
        for (const gate of stage.gates) {
            for (const name of new Set(gate.requires.map(r => r.ref?.name ?? r.$refText))) {
                const gates = gatesByTask.get(name) ?? [];
                gates.push(gate);
                gatesByTask.set(name, gates);
            }
            addReader(fieldsRead(gate.conditions), `gate \`${gate.name}\``);
        }
    }
    for (const rule of playbook.terminations) {
        addReader(fieldsRead(rule.conditions), `terminate \`${rule.name}\` ${escapeMarkdown(quote(rule.reason ?? ''))}`);
    }
    for (const rule of playbook.cadences) {
        addReader(fieldsRead(rule.conditions), `\`${cadenceText(rule)}\``);
    }
    return { stageIndex, order, gatesByTask, readersByField };
}

/** The names of the fields the conditions read. */
function fieldsRead(conditions: readonly ast.Expression[]): Set<string> {
    const names = new Set<string>();
    for (const condition of conditions) {
        for (const node of AstUtils.streamAst(condition)) {
            if (ast.isValueReference(node) && !ast.isEnumValue(node.symbol?.ref)) {
                names.add(node.symbol?.ref?.name ?? node.symbol?.$refText ?? '');
            }
        }
    }
    return names;
}

function describeStage(stage: ast.Stage): string {
    const facts = [
        stagePosition(stage),
        stage.probabilities.length > 0 ? `probability ${numberAsWritten(stage, 'probabilities', stage.probabilities[0])}%` : 'no probability',
        stage.withinDays.length > 0 ? `within ${numberAsWritten(stage, 'withinDays', stage.withinDays[0])} day${stage.withinDays[0] === 1 ? '' : 's'}` : 'no time limit',
        stage.optional ? 'optional (a deal may skip it)' : 'not optional (a deal may not skip it)'
    ];
    const sections = [signature(`${stage.optional ? 'optional ' : ''}stage ${stage.name}${titleSuffix(stage.title)}`), facts.join(' · ')];
    if (stage.aliases.length > 0) {
        sections.push(`Also called ${stage.aliases.map(a => escapeMarkdown(quote(a))).join(', ')} in CRM exports`);
    }
    sections.push(stage.tasks.length > 0
        ? ['**Tasks**', ...stage.tasks.map(taskLine)].join('\n')
        : '**Tasks**: none');
    if (stage.gates.length > 0) {
        sections.push(...stage.gates.map(gateSection));
    } else {
        sections.push(isLastStage(stage) ? '**Gate**: none (the last stage: passing it wins the deal)' : '**Gate**: none');
    }
    const cadences = (stage.$container?.cadences ?? []).filter(rule => rule.stages.length === 0 || rule.stages.some(s => s.$refText === stage.name));
    if (cadences.length > 0) {
        sections.push(['**Follow-up**', ...cadences.map(rule => `- \`${cadenceText(rule)}\``)].join('\n'));
    }
    return sections.join('\n\n');
}

/**
 * A number as the author wrote it: a value too large for a double (`1` and 400 zeros, which
 * the checker reports) would otherwise read "Infinity".
 */
function numberAsWritten(node: AstNode, property: string, value: number): string {
    return Number.isFinite(value) ? String(value) : GrammarUtils.findNodeForProperty(node.$cstNode, property)?.text ?? String(value);
}

function taskLine(task: ast.Task): string {
    const marks = [task.requiredMarks.length > 0 ? '**required**' : undefined, task.owners.length > 0 ? `owner ${escapeMarkdown(task.owners[0])}` : undefined].filter(Boolean);
    return `- \`${task.name}\`${marks.length > 0 ? ` (${marks.join(', ')})` : ''}${task.title !== undefined ? `: ${escapeMarkdown(task.title)}` : ''}`;
}

function gateSection(gate: ast.Gate): string {
    const lines = [`**Gate** \`${gate.name}\`${gate.title !== undefined ? `: ${escapeMarkdown(gate.title)}` : ''}`];
    if (gate.requires.length > 0) {
        lines.push(`- requires ${gate.requires.map(r => `\`${r.$refText}\``).join(', ')}`);
    }
    for (const condition of gate.conditions) {
        lines.push(`- when \`${conditionText(condition)}\``);
    }
    if (lines.length === 1) {
        lines.push('- no requirements');
    }
    return lines.join('\n');
}

function describeTask(task: ast.Task): string {
    const stage = task.$container;
    const facts = [
        `In stage \`${stage.name}\` (${stagePosition(stage).toLowerCase()})`,
        task.requiredMarks.length > 0 ? `**required**: must be done before a deal leaves ${stage.name}` : 'not required by its stage',
        task.owners.length > 0 ? `owner ${escapeMarkdown(task.owners[0])}` : 'no owner'
    ];
    const gates = stage.$container ? usageOf(stage.$container).gatesByTask.get(task.name) ?? [] : [];
    const requiredBy = gates.length > 0
        ? `Required by ${gates.length === 1 ? 'gate' : 'gates'} ${gates.map(g => `\`${g.name}\` (${g.$container.name})`).join(', ')}`
        : 'No gate requires it';
    const notBefore = task.notBefore[0]?.$refText;
    const early = notBefore ? `Not before \`${notBefore}\`: a deal that does it in an earlier stage is \`done-too-early\`` : undefined;
    return [signature(`task ${task.name}${titleSuffix(task.title)}${notBefore ? ` not before ${notBefore}` : ''}`), facts.join(' · '), requiredBy, early]
        .filter(Boolean).join('\n\n');
}

function describeGate(gate: ast.Gate): string {
    const stage = gate.$container;
    return [signature(`gate ${gate.name}${titleSuffix(gate.title)}`),
        `Exit criteria of stage \`${stage.name}\` (${stagePosition(stage).toLowerCase()})`,
        gateSection(gate)].join('\n\n');
}

function describeField(field: ast.Field): string {
    const defaultText = field.default ? `default \`${valueText(field.default)}\`` : 'no default (unknown until a deal sets it)';
    const facts = `Type: ${fieldTypeText(field)} · ${defaultText}`;
    const users = fieldUsers(field);
    const forecast = field.$container?.forecasts[0]?.ref === field;
    const usedBy = users.length > 0 ? `Read by ${users.join(', ')}` : forecast || field.informational ? undefined : 'Not read by any condition';
    const value = forecast ? 'A deal\'s value (`forecast`): the forecast weighs it, and a CRM export\'s amount column fills it' : undefined;
    const profile = field.informational ? 'Customer profile (`info`): recorded for people to read, not a criterion of the process' : undefined;
    const notBefore = field.notBefore[0]?.$refText;
    const early = notBefore ? `Not before \`${notBefore}\`: a deal that sets it in an earlier stage is \`done-too-early\`` : undefined;
    return [signature(`${field.informational ? 'info ' : ''}field ${field.name}: ${fieldTypeText(field)}${field.default ? ` = ${valueText(field.default)}` : ''}${notBefore ? ` not before ${notBefore}` : ''}`), facts, profile, early, usedBy, value]
        .filter(Boolean).join('\n\n');
}

function describeEnumValue(value: ast.EnumValue): string {
    const field = value.$container.$container;
    return [signature(`${field.name} = ${value.name}`), `A value of field \`${field.name}\`: ${fieldTypeText(field)}`].join('\n\n');
}

/** An outcome is shared by every rule with its name: list them all, with how each fires. */
function describeOutcome(rule: ast.Terminate): string {
    const rules = outcomeRules(rule);
    const lines = rules.map(r => {
        const how = r.conditions.length > 0 ? `automatic when \`${conditionText(r.conditions[0])}\`` : 'by hand';
        const where = r.from.length > 0 ? `only from ${r.from.map(s => `\`${s.$refText}\``).join(', ')}` : 'from any stage';
        return `- ${escapeMarkdown(quote(r.reason ?? ''))}: ${how}, ${where}`;
    });
    const aliases = (rule.$container?.outcomeAliases ?? []).filter(a => !a.won && a.outcome?.$refText === rule.name).flatMap(a => a.aliases);
    return [
        signature(`terminate ${rule.name}`),
        `Outcome \`${rule.name}\`: ${count(rules.length, 'declared reason')}`,
        lines.join('\n'),
        ...(aliases.length > 0 ? [`Also called ${aliases.map(a => escapeMarkdown(quote(a))).join(', ')} in CRM exports`] : [])
    ].join('\n\n');
}

function describeActivity(activity: ast.Activity): string {
    // A variant's kind counts for the cadence rules it inherits too.
    const cadences = (activity.$container ? resolvePlaybook(activity.$container).cadences : []).filter(rule => rule.kinds.length === 0 || rule.kinds.some(k => k.$refText === activity.name));
    return [
        signature(`activity ${activity.name}${titleSuffix(activity.title)}`),
        `A kind of contact a deal records: \`2026-01-05 ${activity.name} "what it was about"\``,
        cadences.length > 0
            ? ['Counts as a follow-up for', ...cadences.map(rule => `- \`${cadenceText(rule)}\``)].join('\n')
            : 'No cadence rule counts it as a follow-up'
    ].join('\n\n');
}

/** A cadence rule as one line of source: `cadence every 7 days when grade = A during Proposal by visit`. */
export function cadenceText(rule: ast.Cadence): string {
    const every = rule.everyDays !== undefined ? ` every ${count(rule.everyDays, 'day')}` : '';
    const when = rule.conditions.length > 0 ? ` when ${conditionText(rule.conditions[0])}` : '';
    const stages = rule.stages.length > 0 ? ` during ${rule.stages.map(s => s.$refText).join(', ')}` : '';
    const kinds = rule.kinds.length > 0 ? ` by ${rule.kinds.map(k => k.$refText).join(', ')}` : '';
    return `cadence${titleSuffix(rule.title)}${every}${when}${stages}${kinds}`;
}

/** What a cadence rule asks of the deals it applies to, in words. */
function describeCadence(rule: ast.Cadence): string {
    const where = rule.stages.length > 0 ? `in ${rule.stages.map(s => `\`${s.$refText}\``).join(', ')}` : 'in any stage';
    const when = rule.conditions.length > 0 ? ` while \`${conditionText(rule.conditions[0])}\`` : '';
    const by = rule.kinds.length > 0 ? `an activity of kind ${rule.kinds.map(k => `\`${k.$refText}\``).join(' or ')}` : 'any activity';
    return [
        signature(cadenceText(rule)),
        `A deal ${where}${when} is followed up at least every ${count(rule.everyDays ?? 0, 'day')}: ${by}, counted from the day the rule starts to apply and then from each follow-up.`,
        'A follow-up that comes later is `follow-up-late`, on its line; a deal that goes past the day without one (it ends, the rule stops applying, or an open deal reaches the day it is judged at) is `follow-up-missing`. An open deal\'s code lens says when the next one is due.'
    ].join('\n\n');
}

/** A playbook as deals follow it: a variant resolved, with what it changes in its base. */
function describePlaybook(playbook: ast.Playbook): string {
    const resolved = resolvePlaybook(playbook);
    const base = playbook.base ? ` variant of ${playbook.base.$refText}` : '';
    const header = [signature(`playbook ${playbook.name}${base}`)];
    const facts = [
        resolved.title !== undefined ? escapeMarkdown(resolved.title) : undefined,
        resolved.version !== undefined ? `version ${escapeMarkdown(resolved.version)}` : undefined,
        count(resolved.stages.length, 'stage'),
        count(resolved.fields.length, 'field'),
        resolved.cadences.length > 0 ? count(resolved.cadences.length, 'cadence rule') : undefined,
        resolved.forbidRegressions ? 'deals may not move back' : undefined,
        playbook.resolvedFrom.length > 0 ? `resolved from ${escapeMarkdown(playbook.resolvedFrom[0])} (states everything itself)` : undefined
    ].filter(Boolean).join(' · ');
    const added = new Set<ast.Stage>(resolved.changes.addedStages);
    const replaced = new Set<ast.Stage>(resolved.changes.replacedStages.map(([own]) => own));
    const mark = (stage: ast.Stage): string => !resolved.base ? '' : added.has(stage) ? ' *(added)*' : replaced.has(stage) ? ' *(replaced)*' : ' *(inherited)*';
    const stages = resolved.stages.map((s, i) => `${i + 1}. \`${s.name}\`${s.optional ? ' (optional)' : ''}${s.title !== undefined ? `: ${escapeMarkdown(s.title)}` : ''}${mark(s)}`);
    return [...header, facts, describeVariantChanges(resolved), stages.join('\n')].filter(Boolean).join('\n\n');
}

/** What a variant does to its base, in a few lines; undefined for a playbook that is no variant (or whose base is not found). */
export function describeVariantChanges(resolved: ResolvedPlaybook): string | undefined {
    const playbook = resolved.playbook;
    if (!playbook.base) return undefined;
    if (resolved.cycle) return `A variant of \`${playbook.base.$refText}\`, which leads back to it: read without a base.`;
    if (!resolved.base) return `A variant of \`${playbook.base.$refText}\`, which is not found: only what it declares itself.`;
    const names = (nodes: ReadonlyArray<{ name: string }>): string => nodes.map(n => `\`${n.name}\``).join(', ');
    const rules = (nodes: readonly ast.Terminate[]): string => nodes.map(r => `\`${r.name}\` ${escapeMarkdown(quote(r.reason ?? ''))}`).join(', ');
    const c = resolved.changes;
    const lines = [
        c.droppedStages.length > 0 ? `- drops ${c.droppedStages.length === 1 ? 'stage' : 'stages'} ${names(c.droppedStages)}` : undefined,
        c.droppedFields.length > 0 ? `- drops ${c.droppedFields.length === 1 ? 'field' : 'fields'} ${names(c.droppedFields)}` : undefined,
        c.droppedTerminations.length > 0 ? `- drops ${rules(c.droppedTerminations)}` : undefined,
        c.addedStages.length > 0 ? `- adds ${c.addedStages.length === 1 ? 'stage' : 'stages'} ${names(c.addedStages)}` : undefined,
        c.replacedStages.length > 0 ? `- replaces ${c.replacedStages.length === 1 ? 'stage' : 'stages'} ${names(c.replacedStages.map(([own]) => own))}` : undefined,
        c.addedFields.length > 0 ? `- adds ${c.addedFields.length === 1 ? 'field' : 'fields'} ${names(c.addedFields)}` : undefined,
        c.replacedFields.length > 0 ? `- replaces ${c.replacedFields.length === 1 ? 'field' : 'fields'} ${names(c.replacedFields.map(([own]) => own))}` : undefined,
        c.addedTerminations.length > 0 ? `- adds ${rules(c.addedTerminations)}` : undefined,
        c.replacedTerminations.length > 0 ? `- replaces ${rules(c.replacedTerminations.map(([own]) => own))}` : undefined
    ].filter((line): line is string => line !== undefined);
    const where = AstUtils.getDocument(resolved.base.playbook).uri.path.split('/').pop();
    return [`A variant of \`${resolved.base.playbook.name}\` (in ${escapeMarkdown(where ?? '')}): its stages, fields and rules, with these changes.`,
        lines.length > 0 ? lines.join('\n') : '- no changes yet'].join('\n\n');
}

/**
 * What a clause that declares no name means, on its keywords and texts: `won alias …`,
 * `terminate Lost alias …` and `forecast amount`. Undefined elsewhere.
 */
export function describeClause(node: AstNode, leaf: CstNode): string | undefined {
    if (ast.isOutcomeAlias(node)) {
        const names = node.aliases.map(a => escapeMarkdown(quote(a))).join(', ');
        const outcome = node.outcome?.$refText ?? '';
        const code = `${node.won ? 'won' : `terminate ${outcome}`} alias ${node.aliases.map(quote).join(', ')}`;
        const meaning = node.won
            ? `A CRM export's stage or outcome named ${names} means the deal is **won**.`
            : `A CRM export's stage or outcome named ${names} ends the deal with outcome \`${outcome}\`; its reason comes from the export's reason column, or is none.`;
        return [signature(code), meaning, 'Names compare ignoring case, accents and spaces. Without any, "Won"/"Closed Won" mean won and "Lost"/"Closed Lost" the loss outcome.'].join('\n\n');
    }
    if (ast.isCadence(node)) {
        return describeCadence(node);
    }
    if (ast.isPlaybook(node) && GrammarAST.isKeyword(leaf.grammarSource) && leaf.grammarSource.value === 'forecast') {
        const field = node.forecasts[0]?.$refText ?? '';
        return [signature(`forecast ${field}`),
            `A deal's value is its field \`${field}\`: the forecast weighs each open deal by it, and a CRM export's amount column fills it.`].join('\n\n');
    }
    if (ast.isTodayExpression(node)) {
        return [signature('today'),
            'A date: the day the condition is looked at. On a deal\'s event, that event\'s date; for an open deal\'s automatic `terminate … when`, once more after its last event, the reference date: `--as-of` of `playbook check` and `playbook simulate`, the editor\'s `playbook.simulation.asOf` setting, else the current date.'].join('\n\n');
    }
    return undefined;
}

/** A declaration's place among those of its kind, in text order: completion lists follow the process. */
export function declarationOrder(node: AstNode): number {
    const playbook = AstUtils.getContainerOfType(node, ast.isPlaybook);
    if (playbook) {
        return usageOf(playbook).order.get(node) ?? 0;
    }
    const container = node.$container as unknown as Record<string, unknown> | undefined;
    const siblings = container && node.$containerProperty ? container[node.$containerProperty] : undefined;
    return Array.isArray(siblings) ? siblings.indexOf(node) : 0;
}

/** Every terminate rule sharing the outcome's name, in declaration order. */
export function outcomeRules(rule: ast.Terminate): ast.Terminate[] {
    return rule.$container?.terminations.filter(r => r.name === rule.name) ?? [rule];
}

export function fieldTypeText(field: ast.Field): string {
    const type = field.type;
    if (ast.isEnumType(type)) {
        return `enum {${type.values.map(v => v.name).join(', ')}}`;
    }
    return ast.isPrimitiveType(type) ? type.kind : '?';
}

/** A constant as the author wrote it: enum values bare, texts quoted. */
export function valueText(value: ast.Value): string {
    if (ast.isEnumValueReference(value)) return value.value?.$refText ?? '';
    if (ast.isNegatedNumber(value)) return `-${value.value}${unitText(value.unit, value.value)}`;
    if (ast.isNumberLiteral(value)) return `${value.value}${unitText(value.unit, value.value)}`;
    if (ast.isBooleanLiteral(value)) return String(value.value);
    if (ast.isStringLiteral(value)) return quote(value.value);
    if (ast.isDateLiteral(value)) return value.value;
    return '';
}

export function conditionText(condition: ast.Expression): string {
    return expressionToText(expressionToModel(condition));
}

/** Where a field is read: the gates and terminate rules whose conditions name it. */
function fieldUsers(field: ast.Field): string[] {
    return field.$container ? usageOf(field.$container).readersByField.get(field.name) ?? [] : [];
}

function isLastStage(stage: ast.Stage): boolean {
    const stages = stage.$container?.stages ?? [];
    return stages[stages.length - 1] === stage;
}

/** ` day` after 1, ` days` after any other number, whichever of the two the author wrote. */
function unitText(unit: string | undefined, count: number): string {
    return unit === 'days' || unit === 'day' ? (count === 1 ? ' day' : ' days') : unit ?? '';
}

function titleSuffix(title: string | undefined): string {
    return title !== undefined ? ` ${quote(title)}` : '';
}

/** The declaration as playbook code, like TypeScript's hover signature. */
export function signature(code: string): string {
    return ['```playbook', code, '```'].join('\n');
}

export function count(n: number, unit: string): string {
    return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

function join(...parts: Array<string | undefined>): string {
    return parts.filter((p): p is string => p !== undefined && p !== '').join(' · ');
}

/** Titles and owners are free text: keep `*`, `_` and friends from turning into formatting. */
export function escapeMarkdown(text: string): string {
    return text.replace(/[\\`*_{}[\]<>#|~]/g, m => `\\${m}`);
}
