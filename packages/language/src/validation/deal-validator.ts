/**
 * Replays each deal against its playbook and reports every violation on the event that
 * caused it. The replay is linear in the deal's events and the playbook is compiled once
 * per edit of its text, so this runs with the fast checks on every keystroke.
 */
import { AstUtils, type AstNode, type DiagnosticInfo, type ValidationAcceptor } from 'langium';
import type * as ast from '../generated/ast.js';
import { dealToModel, playbookToModel } from '../model/ast-to-model.js';
import { compilePlaybook } from '../simulation/compiled-playbook.js';
import { simulateDeal } from '../simulation/simulate-deal.js';
import { IssueCodes } from '../issue-codes.js';

/** Which part of an event a violation points at. */
const PROPERTY_BY_CODE: Partial<Record<string, string>> = {
    [IssueCodes.StageSkip]: 'stage',
    [IssueCodes.GateNotMet]: 'stage',
    [IssueCodes.RegressionForbidden]: 'stage',
    [IssueCodes.UndeclaredReason]: 'reason',
    [IssueCodes.TerminateNotAllowed]: 'outcome',
    [IssueCodes.EventOutOfOrder]: 'date'
};

function hasSyntaxErrors(playbook: ast.Playbook): boolean {
    const { parseResult } = AstUtils.getDocument(playbook);
    return parseResult.lexerErrors.length > 0 || parseResult.parserErrors.length > 0;
}

export class DealValidator {
    checkDeal(deal: ast.Deal, accept: ValidationAcceptor): void {
        const playbook = deal.playbook?.ref;
        if (!playbook || playbook.stages.length === 0 || hasSyntaxErrors(playbook)) {
            // Replaying against a playbook the parser only half understood would report
            // violations of rules the author did not write; the syntax errors come first.
            return;
        }
        const { model, eventNodes } = dealToModel(deal);
        const result = simulateDeal(compilePlaybook(playbookToModel(playbook)), model);
        for (const violation of result.violations) {
            if (violation.code === IssueCodes.InvalidDate) {
                continue; // reported on the date itself by the structure checks
            }
            const node = eventNodes[violation.eventIndex];
            const property = PROPERTY_BY_CODE[violation.code];
            const hasProperty = property !== undefined && (node as unknown as Record<string, unknown>)[property] !== undefined;
            const info: DiagnosticInfo<AstNode, string> = { node, code: violation.code, ...(hasProperty ? { property } : {}) };
            accept(violation.severity, violation.message, info);
        }
    }
}
