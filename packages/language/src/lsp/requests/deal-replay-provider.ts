/**
 * `playbook/simulate` and `playbook/replay`: the deals written in a checked document,
 * replayed against their playbooks by the same simulator (and its cache) as the diagnostics
 * and the code lenses, so the three always agree. `playbook/replay` gives one deal's
 * timeline: every stage of its playbook with the deal's stays in it, its events and its
 * violations, each at its place.
 */
import { cannotReplaySummary, IssueCodes, summarizeDeal } from '@playbook/model';
import { GrammarUtils, type LangiumDocument } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import * as ast from '../../generated/ast.js';
import { playbookToModel } from '../../model/ast-to-model.js';
import type { PlaybookServices } from '../../playbook-module.js';
import type { DealSimulator } from '../../model/deal-simulator.js';
import type { DealReplay, ReplayEvent, ReplayResult, ReplayStage, SimulateResult } from '../protocol/playbook-requests.js';

export interface DealReplayProvider {
    /** The deals of a document that was validated, in text order. */
    replay(document: LangiumDocument): SimulateResult;
    /** One deal of a validated document, by name; `undefined` when it has no such deal. */
    replayOne(document: LangiumDocument, deal: string): ReplayResult | undefined;
}

const NOWHERE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export class SimulatorDealReplayProvider implements DealReplayProvider {
    private readonly simulator: DealSimulator;

    constructor(services: PlaybookServices) {
        this.simulator = services.simulation.DealSimulator;
    }

    replay(document: LangiumDocument): SimulateResult {
        return { deals: dealsOf(document).map(deal => this.replayDeal(deal)) };
    }

    replayOne(document: LangiumDocument, name: string): ReplayResult | undefined {
        const deal = dealsOf(document).find(d => d.name === name);
        if (!deal) return undefined;
        const replay = this.replayDeal(deal);
        const events: ReplayEvent[] = deal.events.map(event => ({
            date: event.date,
            text: eventText(event),
            range: event.$cstNode?.range ?? replay.range
        }));
        const playbook = replay.outcome !== undefined ? deal.playbook?.ref : undefined;
        const stages: ReplayStage[] = playbook ? playbookToModel(playbook).stages.map(stage => {
            const visits = replay.visits.filter(visit => visit.stage === stage.name);
            return {
                name: stage.name,
                ...(stage.title !== undefined ? { title: stage.title } : {}),
                optional: stage.optional,
                ...(stage.withinDays !== undefined ? { withinDays: stage.withinDays } : {}),
                visits,
                entered: visits.map(visit => deal.events.find(event => ast.isEnterEvent(event) && event.stage?.$refText === stage.name && event.date === visit.entered)?.$cstNode?.range ?? null)
            };
        }) : [];
        return { replay, stages, events, text: timelineText(replay, stages) };
    }

    private replayDeal(deal: ast.Deal): DealReplay {
        const range = (deal.$cstNode && GrammarUtils.findNodeForProperty(deal.$cstNode, 'name')?.range) ?? deal.$cstNode?.range ?? NOWHERE;
        const written = {
            deal: deal.name,
            ...(deal.title !== undefined ? { title: deal.title } : {}),
            playbook: deal.playbook?.$refText ?? '',
            range
        };
        const simulation = this.simulator.simulate(deal);
        if (!simulation) {
            return { ...written, summary: cannotReplaySummary(written.playbook), regressions: 0, visits: [], violations: [] };
        }
        const { result, eventNodes } = simulation;
        return {
            ...written,
            summary: summarizeDeal(result),
            outcome: result.outcome,
            ...(result.cycleDays !== undefined ? { cycleDays: result.cycleDays } : {}),
            regressions: result.regressions,
            visits: result.visits,
            ...(result.nextFollowUp ? { nextFollowUp: result.nextFollowUp } : {}),
            violations: result.violations.map(violation => ({
                code: violation.code,
                severity: violation.severity,
                date: violation.date,
                message: violation.message,
                // A missing follow-up is the deal's, as its diagnostic is.
                range: violation.code === IssueCodes.FollowUpMissing ? range : eventNodes[violation.eventIndex]?.$cstNode?.range ?? range
            }))
        };
    }
}

function dealsOf(document: LangiumDocument): ast.Deal[] {
    return ((document.parseResult.value as ast.Document).elements ?? []).filter(ast.isDeal);
}

/** The event as written after its date, spaces and line breaks made single spaces. */
function eventText(event: ast.Event): string {
    const text = event.$cstNode?.text ?? '';
    return text.slice(text.indexOf(event.date) + event.date.length).replace(/\s+/g, ' ').trim();
}

/**
 * The timeline in words, for an editor without a view (a message after a code lens):
 * the summary, a line per stay (`Development  2026-01-03 → 2026-01-10  7 days`), then the
 * violations at their lines.
 */
function timelineText(replay: DealReplay, stages: readonly ReplayStage[]): string {
    const lines = [`${replay.deal}: ${replay.summary}`];
    const width = Math.max(0, ...stages.map(stage => stage.name.length));
    for (const visit of replay.visits) {
        const stage = stages.find(s => s.name === visit.stage);
        const limit = stage?.withinDays !== undefined && visit.days > stage.withinDays ? ` (limit ${stage.withinDays})` : '';
        lines.push(`  ${visit.stage.padEnd(width)}  ${visit.entered} → ${visit.left ?? 'now'}  ${visit.days} day${visit.days === 1 ? '' : 's'}${limit}`);
    }
    for (const violation of replay.violations) {
        lines.push(`  line ${violation.range.start.line + 1}: ${violation.date} ${violation.severity} ${violation.code} ${violation.message.replace(/\r?\n/g, ' ')}`);
    }
    return lines.join('\n');
}
