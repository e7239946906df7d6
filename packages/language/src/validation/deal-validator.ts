/**
 * Reports every violation of a deal's replay on the event that caused it. The replay is
 * linear in the deal's events and the playbook is compiled once per edit of its text, so
 * this runs with the fast checks on every keystroke.
 */
import { IssueCodes } from '@playbook/model';
import type { AstNode, DiagnosticInfo, ValidationAcceptor } from 'langium';
import type * as ast from '../generated/ast.js';
import type { PlaybookServices } from '../playbook-module.js';
import type { DealSimulator } from '../model/deal-simulator.js';

/** Which part of an event a violation points at. */
const PROPERTY_BY_CODE: Partial<Record<string, string>> = {
    [IssueCodes.StageSkip]: 'stage',
    [IssueCodes.GateNotMet]: 'stage',
    [IssueCodes.RegressionForbidden]: 'stage',
    [IssueCodes.UndeclaredReason]: 'reason',
    [IssueCodes.TerminateNotAllowed]: 'outcome',
    [IssueCodes.EventOutOfOrder]: 'date',
    [IssueCodes.FollowUpLate]: 'activity'
};

export class DealValidator {
    private readonly simulator: DealSimulator;

    constructor(services: PlaybookServices) {
        this.simulator = services.simulation.DealSimulator;
    }

    checkDeal(deal: ast.Deal, accept: ValidationAcceptor): void {
        const simulation = this.simulator.simulate(deal);
        if (!simulation) {
            return;
        }
        for (const violation of simulation.result.violations) {
            if (violation.code === IssueCodes.InvalidDate) {
                continue; // reported on the date itself by the structure checks
            }
            // A follow-up that never came has no line of its own: it is the deal's.
            const missing = violation.code === IssueCodes.FollowUpMissing;
            const node: AstNode = missing ? deal : simulation.eventNodes[violation.eventIndex];
            const property = missing ? 'name' : PROPERTY_BY_CODE[violation.code];
            const hasProperty = property !== undefined && (node as unknown as Record<string, unknown>)[property] !== undefined;
            const info: DiagnosticInfo<AstNode, string> = {
                node, code: violation.code, ...(hasProperty ? { property } : {}),
                // The stage the deal was in, for the quick fixes (`terminate-not-allowed` lets the rule apply there).
                ...(violation.stage !== undefined ? { data: { stage: violation.stage } } : {})
            };
            accept(violation.severity, violation.message, info);
        }
    }
}
