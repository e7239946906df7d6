/**
 * `playbook/simulate`: every deal written in a checked document, replayed against its
 * playbook by the same simulator (and its cache) as the diagnostics and the code lenses, so
 * the three always agree.
 */
import { cannotReplaySummary, summarizeDeal } from '@playbook/model';
import { GrammarUtils, type LangiumDocument } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import * as ast from '../../generated/ast.js';
import type { PlaybookServices } from '../../playbook-module.js';
import type { DealSimulator } from '../../model/deal-simulator.js';
import type { DealReplay, SimulateResult } from '../protocol/playbook-requests.js';

export interface DealReplayProvider {
    /** The deals of a document that was validated, in text order. */
    replay(document: LangiumDocument): SimulateResult;
}

const NOWHERE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export class SimulatorDealReplayProvider implements DealReplayProvider {
    private readonly simulator: DealSimulator;

    constructor(services: PlaybookServices) {
        this.simulator = services.simulation.DealSimulator;
    }

    replay(document: LangiumDocument): SimulateResult {
        const root = document.parseResult.value as ast.Document;
        return { deals: (root.elements ?? []).filter(ast.isDeal).map(deal => this.replayDeal(deal)) };
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
            violations: result.violations.map(violation => ({
                code: violation.code,
                severity: violation.severity,
                date: violation.date,
                message: violation.message,
                range: eventNodes[violation.eventIndex]?.$cstNode?.range ?? range
            }))
        };
    }
}
