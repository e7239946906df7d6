/**
 * Quick fixes keyed on the stable diagnostic codes (see `issue-codes.ts`): the code is the
 * contract between a rule and its fix, so rewording a message never breaks a fix. A fix that
 * needs more than the text under the diagnostic reads the diagnostic's `data`, which the
 * validator fills in.
 *
 * Codes without a fix, and why (each rule's page in docs/rules says how to fix it by hand):
 * - `syntax-error`: the parser knows where the text stops making sense, not what was meant;
 * - `empty-playbook`: the stages are the author's content (completion offers `stage`);
 * - `type-mismatch`, `condition-not-boolean`: which side of a comparison is wrong, and what it
 *   should be compared with, is a decision about the business rule;
 * - `duplicate-alias`: which stage or outcome a CRM name means is for the author to say;
 * - `variant-cycle`: which playbook is the other's base is for the author to say;
 * - `dropped-in-use`: whether to drop the inherited user too, replace it, or keep what was
 *   dropped is a decision about the process;
 * - `number-range`: a number of 309 digits is a paste gone wrong; only the author knows the
 *   number meant;
 * - `gate-not-met`, `sla-exceeded`, `event-after-end`: a deal's record of what happened;
 *   "fixing" it would invent tasks done, values or dates.
 *
 * Edits are computed from the syntax tree of the documents as they are now; a fix whose target
 * cannot be found (a half-typed file) is simply not offered.
 */
import { IssueCodes, type IssueCode } from '@playbook/model';
import type { LangiumDocument } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic } from 'vscode-languageserver';
import { fixEventOutOfOrder, fixRegressionForbidden, fixStageSkip, fixTerminateNotAllowed, fixUndeclaredReason } from './deal-fixes.js';
import {
    fixDuplicateAttribute, fixDuplicateName, fixGateRequiresLaterTask, fixInfoFieldRead, fixMissingGate, fixUnusedField, fixUnusedTask
} from './declaration-fixes.js';
import type { QuickFixer, QuickFixServices } from './quick-fix.js';
import { calibrationFixes } from './calibration-fixes.js';
import { NoStageCalibrations, type StageCalibrations } from '../calibration/stage-calibrations.js';
import { fixUnresolvedReference } from './reference-fixes.js';
import { fixInvalidDate, fixProbabilityDecreasing, fixProbabilityRange, fixVersionFormat, fixWithinRange } from './value-fixes.js';

/** The fixes of each code that has some. */
export const QUICK_FIXES: Partial<Record<IssueCode, QuickFixer>> = {
    [IssueCodes.UnresolvedReference]: fixUnresolvedReference,
    // The base's closest names, as for any name: a drop's target resolves in the base.
    [IssueCodes.DropUnknown]: fixUnresolvedReference,
    [IssueCodes.DuplicateName]: fixDuplicateName,
    [IssueCodes.DuplicateAttribute]: fixDuplicateAttribute,
    [IssueCodes.GateRequiresLaterTask]: fixGateRequiresLaterTask,
    [IssueCodes.MissingGate]: fixMissingGate,
    [IssueCodes.ProbabilityRange]: fixProbabilityRange,
    [IssueCodes.ProbabilityDecreasing]: fixProbabilityDecreasing,
    [IssueCodes.WithinRange]: fixWithinRange,
    [IssueCodes.UnusedField]: fixUnusedField,
    [IssueCodes.InfoFieldRead]: fixInfoFieldRead,
    [IssueCodes.UnusedTask]: fixUnusedTask,
    [IssueCodes.VersionFormat]: fixVersionFormat,
    [IssueCodes.InvalidDate]: fixInvalidDate,
    [IssueCodes.StageSkip]: fixStageSkip,
    [IssueCodes.UndeclaredReason]: fixUndeclaredReason,
    [IssueCodes.TerminateNotAllowed]: fixTerminateNotAllowed,
    [IssueCodes.EventOutOfOrder]: fixEventOutOfOrder,
    [IssueCodes.RegressionForbidden]: fixRegressionForbidden
};

export class PlaybookCodeActionProvider implements CodeActionProvider {
    /** `calibrations`: the deals file's figures, whose edits are offered on a stage's lines. */
    constructor(private readonly services: QuickFixServices, private readonly calibrations: StageCalibrations = new NoStageCalibrations()) {}

    async getCodeActions(document: LangiumDocument, params: CodeActionParams): Promise<Array<Command | CodeAction> | undefined> {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            try {
                actions.push(...this.fixesFor(document, diagnostic));
            } catch {
                // A fix that cannot be computed on a broken tree is not offered; the others still are.
            }
        }
        const only = params.context.only;
        if (!only || only.some(kind => CodeActionKind.QuickFix.startsWith(kind))) {
            try {
                actions.push(...await calibrationFixes(document, params.range, this.services, this.calibrations));
            } catch {
                // Likewise: no calibrated value on a tree the edits cannot be placed in.
            }
        }
        return actions;
    }

    private fixesFor(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const code = diagnostic.code;
        const fixer = typeof code === 'string' && Object.hasOwn(QUICK_FIXES, code) ? QUICK_FIXES[code as IssueCode] : undefined;
        return fixer ? fixer({ document, diagnostic, services: this.services }) : [];
    }
}
