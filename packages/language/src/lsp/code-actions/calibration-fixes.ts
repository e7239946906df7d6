/**
 * Quick fixes from the deals file's calibration (see `StageCalibrations`): on a stage's line,
 * or the line of its probability or its `within`, each edit the data supports for that stage:
 * "Set probability to 23% (observed on 2,031 deals)", "Set within to 71 days", "Make stage
 * optional", "Add alias 'X'". They are not tied to a diagnostic (a calibration is no finding
 * of `playbook check`), and their edits are those of `playbook calibrate --write`
 * (`applyCalibrationEdits`): the same text results. A stage with several gets one more fix
 * that makes them all. Offered only while the playbook still says what it said when the
 * figures were computed.
 */
import type { CalibrationSuggestion } from '@playbook/model';
import { GrammarUtils, type LangiumDocument } from 'langium';
import { CodeActionKind, type CodeAction, type Range } from 'vscode-languageserver';
import { applyCalibrationEdits } from '../../formatting/calibration-edits.js';
import * as ast from '../../generated/ast.js';
import { playbookToModel } from '../../model/ast-to-model.js';
import { count } from '../calibration/calibration-text.js';
import type { StageCalibrations } from '../calibration/stage-calibrations.js';
import type { QuickFixServices } from './quick-fix.js';
import { replaceRange } from './text-edits.js';

export async function calibrationFixes(document: LangiumDocument, range: Range, services: QuickFixServices, calibrations: StageCalibrations): Promise<CodeAction[]> {
    const root = document.parseResult.value as ast.Document;
    const stage = root.elements?.filter(ast.isPlaybook).flatMap(playbook => playbook.stages).find(s => linesOf(s).has(range.start.line));
    if (!stage) return [];
    const playbook = stage.$container;
    const calibrated = await calibrations.calibrationOf(document, playbook.name);
    if (!calibrated || JSON.stringify(playbookToModel(playbook)) !== calibrated.modelJson) return [];
    const text = document.textDocument.getText();
    const suggestions = calibrated.calibration.suggestions.filter(s => s.stage === stage.name);
    const actions: CodeAction[] = [];
    const action = (title: string, applied: readonly CalibrationSuggestion[]): void => {
        const edited = applyCalibrationEdits(services, text, playbook.name, applied);
        if (edited.kind !== 'edited' || edited.applied.length !== applied.length || edited.text === text) return;
        actions.push({ title, kind: CodeActionKind.QuickFix, edit: { changes: { [document.uri.toString()]: [changedSpan(document, text, edited.text)] } } });
    };
    for (const suggestion of suggestions) action(titleOf(suggestion), [suggestion]);
    // Each edit lays the stage out again, so two of them cannot be applied one over the other: all at once, as --write does.
    if (suggestions.length > 1) action(`Apply the ${suggestions.length} edits the data suggests for ${stage.name}`, suggestions);
    return actions;
}

function titleOf(suggestion: CalibrationSuggestion): string {
    switch (suggestion.kind) {
        case 'set-probability': return `Set probability to ${suggestion.to}% (observed on ${count(suggestion.evidence.of)} deal${suggestion.evidence.of === 1 ? '' : 's'})`;
        case 'set-within': return `Set within to ${count(suggestion.to)} day${suggestion.to === 1 ? '' : 's'}`;
        case 'make-optional': return 'Make stage optional';
        case 'add-alias': return `Add alias '${suggestion.alias}'`;
    }
}

/** The lines a stage's fixes are offered on: its first line, and those of its probability and its `within`. */
function linesOf(stage: ast.Stage): Set<number> {
    const cst = stage.$cstNode;
    if (!cst) return new Set();
    const tokens = [...GrammarUtils.findNodesForProperty(cst, 'probabilities'), ...GrammarUtils.findNodesForProperty(cst, 'withinDays'),
        ...GrammarUtils.findNodesForKeyword(cst, 'probability'), ...GrammarUtils.findNodesForKeyword(cst, 'within')];
    return new Set([cst.range.start.line, ...tokens.map(token => token.range.start.line)]);
}

/** One edit: the span where the texts differ (the rest of the document is not touched). */
function changedSpan(document: LangiumDocument, before: string, after: string) {
    let start = 0;
    while (start < before.length && start < after.length && before[start] === after[start]) start++;
    let end = 0;
    while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
    return replaceRange(document, start, before.length - end, after.substring(start, after.length - end));
}
