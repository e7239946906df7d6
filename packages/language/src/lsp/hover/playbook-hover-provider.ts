/**
 * Hover for playbooks and deals, in Markdown:
 * - on a declaration's name, or on any reference to it (in the same file or in a deal of
 *   another file), what the declaration means for the process (see `declaration-descriptions.ts`);
 * - on a deal event (its date, keyword or reason), the deal's state right after that event:
 *   where it is, for how long, and what still holds it back. That is what an author replaying
 *   a history in their head wants to know, and the replay already knows it.
 *
 * The state comes from replaying the events up to the hovered one (`simulateDeal` on a
 * truncated model) rather than from the full replay: the full replay only keeps where the
 * deal ended, not where it stood at each step.
 */
import {
    compilePlaybook, expressionToText, formatIsoDate, parseIsoDate, quote, simulateDeal, summarizeDeal, toRuntimeValue,
    type CompiledCondition, type CompiledPlaybook, type DealResult, type RuntimeValue
} from '@playbook/model';
import { AstUtils, CstUtils, type AstNode, type LangiumDocument, type MaybePromise } from 'langium';
import { AstNodeHoverProvider, type LangiumServices } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import * as ast from '../../generated/ast.js';
import { dealToModel, playbookToModel } from '../../model/ast-to-model.js';
import type { PlaybookAddedServices } from '../../playbook-module.js';
import type { DealSimulator } from '../../model/deal-simulator.js';
import { count, describeClause, describeDeclaration, describeVariantChanges, escapeMarkdown, signature, stagePosition } from './declaration-descriptions.js';
import { resolvePlaybook } from '../../scoping/playbook-variants.js';
import { stageHoverSection } from '../calibration/calibration-text.js';
import { NoStageCalibrations, type StageCalibrations } from '../calibration/stage-calibrations.js';

export class PlaybookHoverProvider extends AstNodeHoverProvider {
    private readonly simulator: DealSimulator;

    /** What the deals of `playbook.simulation.dealsFile` did at each stage, shown beside what it declares. */
    private readonly calibrations: StageCalibrations;

    constructor(services: LangiumServices & PlaybookAddedServices, calibrations: StageCalibrations = new NoStageCalibrations()) {
        super(services);
        this.simulator = services.simulation.DealSimulator;
        this.calibrations = calibrations;
    }

    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const root = document.parseResult?.value?.$cstNode;
        if (!root) {
            return undefined;
        }
        const offset = document.textDocument.offsetAt(params.position);
        // A variant's base (`variant of SevenStepSales`): what the variant takes from it and changes.
        const baseHover = this.describeBaseAt(root, offset);
        if (baseHover) {
            return baseHover;
        }
        // Names and references first: Langium resolves both to the declaration.
        const declarationHover = await super.getHoverContent(document, params);
        if (declarationHover) {
            return declarationHover;
        }
        const leaf = CstUtils.findDeclarationNodeAtOffset(root, offset, this.grammarConfig.nameRegexp);
        // Right after a token (or on a comment) is not on the event: no state for the space between lines.
        if (!leaf || leaf.hidden || leaf.end <= offset) {
            return undefined;
        }
        const clause = describeClause(leaf.astNode, leaf);
        if (clause) {
            return { contents: { kind: 'markdown', value: clause }, range: leaf.range };
        }
        const event = AstUtils.getContainerOfType(leaf.astNode, ast.isEvent);
        if (event) {
            const value = this.describeDealStateAt(event);
            return value ? { contents: { kind: 'markdown', value }, range: event.$cstNode?.range } : undefined;
        }
        return undefined;
    }

    private describeBaseAt(root: NonNullable<LangiumDocument['parseResult']['value']['$cstNode']>, offset: number): Hover | undefined {
        const leaf = CstUtils.findLeafNodeAtOffset(root, offset);
        const playbook = leaf?.astNode;
        if (!leaf || !ast.isPlaybook(playbook) || !playbook.base?.$refNode || leaf.offset !== playbook.base.$refNode.offset) {
            return undefined;
        }
        const base = playbook.base.ref;
        const changes = describeVariantChanges(resolvePlaybook(playbook));
        const value = [signature(`playbook ${playbook.name} variant of ${playbook.base.$refText}`), changes, base ? describeDeclaration(base) : undefined]
            .filter(Boolean).join('\n\n---\n\n');
        return { contents: { kind: 'markdown', value }, range: playbook.base.$refNode.range };
    }

    protected getAstNodeHoverContent(node: AstNode): MaybePromise<string | undefined> {
        if (ast.isDeal(node)) {
            return this.describeDeal(node);
        }
        if (ast.isStage(node)) {
            return this.describeStage(node);
        }
        return describeDeclaration(node);
    }

    /** The stage as declared and, when the deals file's calibration is there, as observed. */
    private async describeStage(stage: ast.Stage): Promise<string | undefined> {
        const declared = describeDeclaration(stage);
        const calibrated = await this.calibrations.calibrationOf(AstUtils.getDocument(stage), stage.$container.name);
        const figures = calibrated?.calibration.stages.find(s => s.stage === stage.name);
        if (!calibrated || !figures) return declared;
        return [declared, stageHoverSection(calibrated.calibration, figures, calibrated.dealsFile)].filter(Boolean).join('\n\n');
    }

    private describeDeal(deal: ast.Deal): string {
        const header = signature(`deal ${deal.name}${deal.title !== undefined ? ` ${quote(deal.title)}` : ''} for ${deal.playbook?.$refText ?? '?'}`);
        const simulation = this.simulator.simulate(deal);
        if (!simulation) {
            return [header, `Cannot replay: playbook \`${deal.playbook?.$refText ?? ''}\` is missing or has errors.`].join('\n\n');
        }
        const result = simulation.result;
        const visits = result.visits.map(v => `- \`${v.stage}\`: ${v.entered} → ${v.left ?? 'now'} (${count(v.days, 'day')})`);
        const violations = result.violations.map(v => `- ${v.date}: ${escapeMarkdown(v.message)}`);
        return [
            header,
            `**${escapeMarkdown(summarizeDeal(result))}**`,
            visits.length > 0 ? ['**Stages**', ...visits].join('\n') : undefined,
            violations.length > 0 ? ['**Violations**', ...violations].join('\n') : undefined
        ].filter(Boolean).join('\n\n');
    }

    /** The deal right after `event`: stage, days in it, and what still keeps it from moving on. */
    private describeDealStateAt(event: ast.Event): string | undefined {
        const deal = event.$container;
        const simulation = this.simulator.simulate(deal);
        const playbookNode = deal.playbook?.ref;
        if (!simulation || !playbookNode) {
            return `Cannot replay this deal: playbook \`${deal.playbook?.$refText ?? ''}\` is missing or has errors.`;
        }
        const index = simulation.eventNodes.indexOf(event);
        if (index < 0) {
            return undefined;
        }
        const playbook = compilePlaybook(playbookToModel(playbookNode));
        const { model } = dealToModel(deal);
        const events = model.events.slice(0, index + 1);
        const result = simulateDeal(playbook, { ...model, events });
        const date = events[index].date;
        const lines = [`**${escapeMarkdown(deal.name)} after ${date}** (event ${index + 1} of ${model.events.length})`];
        lines.push(...this.outcomeLines(result, playbook, playbookNode, events));
        const here = simulation.result.violations.filter(v => v.eventIndex === index);
        if (here.length > 0) {
            lines.push(['**At this event**', ...here.map(v => `- ${v.severity === 'error' ? 'Error' : 'Warning'}: ${escapeMarkdown(v.message)}`)].join('\n'));
        }
        return lines.join('\n\n');
    }

    private outcomeLines(result: DealResult, playbook: CompiledPlaybook, playbookNode: ast.Playbook, events: ReturnType<typeof dealToModel>['model']['events']): string[] {
        const outcome = result.outcome;
        if (outcome.kind === 'won') {
            return [`Won on ${outcome.date}${result.cycleDays !== undefined ? ` after ${count(result.cycleDays, 'day')}` : ''}.`];
        }
        if (outcome.kind === 'terminated') {
            const how = outcome.automatic ? 'automatically' : 'by hand';
            return [`Ended: ${escapeMarkdown(outcome.outcome)} (${escapeMarkdown(outcome.reason ?? 'no reason given')}, ${how}) on ${outcome.date}${result.cycleDays !== undefined ? ` after ${count(result.cycleDays, 'day')}` : ''}.`];
        }
        const stageIndex = outcome.stage !== undefined ? playbook.stageIndex.get(outcome.stage) : undefined;
        if (stageIndex === undefined) {
            return ['Not in any stage yet.'];
        }
        const stage = playbook.stages[stageIndex];
        const stageNode = playbookNode.stages[stageIndex];
        const visit = result.visits[result.visits.length - 1];
        const limit = stage.model.withinDays;
        const overdue = limit !== undefined && visit.days > limit ? ` (over its limit of ${count(limit, 'day')})` : limit !== undefined ? ` of ${count(limit, 'day')} allowed` : '';
        const lines = [`In stage \`${stage.model.name}\` (${stageNode ? stagePosition(stageNode).toLowerCase() : `stage ${stageIndex + 1}`}) for ${count(visit.days, 'day')}${overdue}, since ${visit.entered}.`];
        if (result.nextFollowUp) {
            lines.push(`**Next follow-up** due ${result.nextFollowUp.due}${result.nextFollowUp.overdue ? ' (overdue)' : ''}.`);
        }
        const open = openRequirements(playbook, stageIndex, events);
        const leaving = stageIndex === playbook.stages.length - 1 ? 'To win' : `To leave ${stage.model.name}`;
        lines.push(open.length > 0
            ? [`**${leaving}** (${count(open.length, 'open requirement')}):`, ...open.map(r => `- ${r}`)].join('\n')
            : `**${leaving}**: every requirement is met.`);
        return lines;
    }
}

/**
 * What keeps the deal in the stage: required tasks not done, gates' tasks not done and gate
 * conditions not true, on the tasks done and the values set by `events` (as the replay applies them).
 */
function openRequirements(playbook: CompiledPlaybook, stageIndex: number, events: ReturnType<typeof dealToModel>['model']['events']): string[] {
    const done = new Set<number>();
    const values: RuntimeValue[] = playbook.initialValues.slice();
    for (const event of events) {
        const day = parseIsoDate(event.date);
        if (day === undefined) continue; // the replay ignores such events too
        values[playbook.todaySlot] = day; // `today`, as the replay sees it on the deal's last event
        if (event.kind === 'done') {
            for (const name of event.tasks) {
                const task = playbook.taskIndex.get(name);
                if (task !== undefined) done.add(task);
            }
        } else if (event.kind === 'set') {
            const field = playbook.fieldIndex.get(event.field);
            if (field !== undefined) values[field] = toRuntimeValue(event.value, playbook.fields[field]);
        }
    }
    const stage = playbook.stages[stageIndex];
    const open: string[] = [];
    const reported = new Set<number>();
    for (const task of stage.requiredTasks) {
        if (!done.has(task) && !reported.has(task)) {
            reported.add(task);
            open.push(`task \`${playbook.taskNames[task]}\` (required) is not done`);
        }
    }
    for (const gate of stage.gates) {
        for (const task of gate.requires) {
            if (!done.has(task) && !reported.has(task)) {
                reported.add(task);
                open.push(`gate \`${gate.name}\`: task \`${playbook.taskNames[task]}\` is not done`);
            }
        }
        for (const condition of gate.conditions) {
            if (condition.evaluate(values) !== true) {
                open.push(...explain(condition, values, playbook).map(text => `gate \`${gate.name}\`: ${text}`));
            }
        }
    }
    return open;
}

/** The failing parts of a condition and the values that make them fail, as the replay explains them. */
function explain(condition: CompiledCondition, values: readonly RuntimeValue[], playbook: CompiledPlaybook): string[] {
    const failing = condition.conjuncts.filter(part => part.evaluate(values) !== true);
    return (failing.length > 0 ? failing : [condition]).map(part => {
        const verdict = part.evaluate(values) === undefined ? 'cannot be decided yet' : 'is false';
        const facts = part.fields.map(index => {
            const field = playbook.fields[index];
            const value = values[index];
            if (value === undefined) return `${field.name} is not set`;
            const shown = field.type === 'date' && typeof value === 'number' ? formatIsoDate(value) : typeof value === 'string' && field.type !== 'enum' ? `"${value}"` : String(value);
            return `${field.name} is ${shown}`;
        });
        return `\`${expressionToText(part.expression)}\` ${verdict}${facts.length > 0 ? ` (${escapeMarkdown(facts.join(', '))})` : ''}`;
    });
}
