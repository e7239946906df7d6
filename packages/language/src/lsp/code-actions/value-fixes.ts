/**
 * Fixes that rewrite one value to the nearest valid one:
 *
 * - `version-format`: the nearest semantic version (`"1.0"` → `"1.0.0"`, `"v2"` → `"2.0.0"`);
 * - `probability-range`: 100% for a probability above it (the grammar has no negative numbers);
 * - `probability-decreasing`: the previous stage's probability (preferred when the stages after
 *   stay in order), or the previous stage lowered to this one's when that breaks no order before it;
 * - `within-range`: a fraction of a day rounded to whole days, or the limit removed;
 * - `invalid-date`: a day past the end of its month becomes the month's last day (`2026-02-30` →
 *   `2026-02-28`), day 00 the first. A guess about a recorded fact, so never preferred.
 */
import { daysInMonth, quote } from '@playbook/model';
import { GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import * as ast from '../../generated/ast.js';
import { SEMVER } from '../../validation/structure-validator.js';
import { diagnosticData, localFix, type FixContext } from './quick-fix.js';
import { attributeHolding, leafAt, nodeAt, removeAttribute, replaceRange, textAt } from './text-edits.js';

/** What `probability-decreasing` carries in its diagnostic's `data`. */
export interface ProbabilityDecreasingData {
    previousStage: string;
    previousProbability: number;
}

export function fixVersionFormat(context: FixContext): CodeAction[] {
    const playbook = nodeAt(context.document, context.diagnostic, ast.isPlaybook);
    const written = playbook && listValueAt(context.document, context.diagnostic, playbook, 'versions', playbook.versions);
    const version = written === undefined ? undefined : nearestSemver(written);
    if (version === undefined || !textAt(context.document, context.diagnostic).startsWith('"')) {
        return [];
    }
    return [localFix(context, `Change to ${quote(version)}`, [{ range: context.diagnostic.range, newText: quote(version) }], true)];
}

/**
 * The semantic version nearest to a version written otherwise: a leading `v` dropped, missing
 * minor and patch numbers added as 0, numbers past the patch dropped, leading zeros dropped,
 * and a trailing word kept as a pre-release (`"1.0 beta"` → `"1.0.0-beta"`). `undefined` when
 * the text has no number to start from.
 */
export function nearestSemver(version: string): string | undefined {
    const match = /^\s*[vV]?\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.\d+)*(.*)$/s.exec(version);
    if (!match) {
        return undefined;
    }
    const number = (digits: string | undefined): string => (digits ?? '0').replace(/^0+(?=\d)/, '');
    const core = `${number(match[1])}.${number(match[2])}.${number(match[3])}`;
    const rest = match[4].trim();
    let suffix = '';
    if (/^(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(rest)) {
        suffix = rest;
    } else {
        const word = rest.replace(/^[\s_.-]+/, '').replace(/\s+/g, '-');
        if (/^[0-9A-Za-z.-]+$/.test(word)) suffix = `-${word}`;
    }
    const result = core + suffix;
    return SEMVER.test(result) ? result : core;
}

export function fixProbabilityRange(context: FixContext): CodeAction[] {
    const value = Number(textAt(context.document, context.diagnostic));
    if (!Number.isFinite(value) || value <= 100) {
        return [];
    }
    return [localFix(context, 'Change to 100%', [{ range: context.diagnostic.range, newText: '100' }], true)];
}

export function fixProbabilityDecreasing(context: FixContext): CodeAction[] {
    const { document, diagnostic } = context;
    const stage = nodeAt(document, diagnostic, ast.isStage);
    const { previousStage, previousProbability } = diagnosticData<ProbabilityDecreasingData>(diagnostic);
    const probability = stage?.probabilities[0];
    if (!stage || probability === undefined || typeof previousProbability !== 'number' || typeof previousStage !== 'string') {
        return [];
    }
    const stages = stage.$container.stages;
    const position = stages.indexOf(stage);
    const previous = stages.find(s => s.name === previousStage);
    const withProbability = (list: ast.Stage[]) => list.filter(s => s.probabilities.length > 0);
    const next = withProbability(stages.slice(position + 1))[0];
    const actions: CodeAction[] = [];
    // Raising this stage keeps the order behind it only if the next stage is at least as likely.
    const raiseKeepsOrder = next === undefined || next.probabilities[0] >= previousProbability;
    actions.push(localFix(context, `Raise to ${previousProbability}% (as in ${previousStage})`,
        [{ range: diagnostic.range, newText: String(previousProbability) }], raiseKeepsOrder));
    const previousToken = previous?.$cstNode ? GrammarUtils.findNodeForProperty(previous.$cstNode, 'probabilities') : undefined;
    const beforePrevious = previous ? withProbability(stages.slice(0, stages.indexOf(previous))).pop() : undefined;
    if (previousToken && (beforePrevious === undefined || beforePrevious.probabilities[0] <= probability)) {
        actions.push(localFix(context, `Lower ${previousStage}'s probability to ${probability}%`,
            [replaceRange(document, previousToken.offset, previousToken.end, String(probability))], false));
    }
    return actions;
}

export function fixWithinRange(context: FixContext): CodeAction[] {
    const { document, diagnostic } = context;
    const stage = nodeAt(document, diagnostic, ast.isStage);
    const token = leafAt(document, document.textDocument.offsetAt(diagnostic.range.start));
    const within = stage && listValueAt(document, diagnostic, stage, 'withinDays', stage.withinDays);
    if (within === undefined || !token) {
        return [];
    }
    const actions: CodeAction[] = [];
    const rounded = Math.round(within);
    if (!Number.isInteger(within) && rounded >= 1) {
        actions.push(localFix(context, `Round to ${rounded} ${rounded === 1 ? 'day' : 'days'}`, [{ range: diagnostic.range, newText: String(rounded) }], true));
    }
    const attribute = attributeHolding(token);
    if (attribute) {
        actions.push(localFix(context, 'Remove the time limit', [removeAttribute(document, attribute)], false));
    }
    return actions;
}

/**
 * The value of a list attribute (`versions`, `withinDays`: an attribute may be written more
 * than once) whose token the diagnostic starts at.
 */
function listValueAt<T>(document: LangiumDocument, diagnostic: Diagnostic, node: AstNode, property: string, values: readonly T[]): T | undefined {
    const offset = document.textDocument.offsetAt(diagnostic.range.start);
    const index = GrammarUtils.findNodesForProperty(node.$cstNode, property).findIndex(token => token.offset === offset);
    return index < 0 ? undefined : values[index];
}

export function fixInvalidDate(context: FixContext): CodeAction[] {
    const text = textAt(context.document, context.diagnostic);
    const date = nearestDate(text);
    return date ? [localFix(context, `Change to ${date}`, [{ range: context.diagnostic.range, newText: date }], false)] : [];
}

/** The real date nearest to `YYYY-MM-DD` with a day past its month's end (or day 00); `undefined` for a month that does not exist. */
export function nearestDate(text: string): string | undefined {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!match) return undefined;
    const year = Number(match[1]), month = Number(match[2]), day = Number(match[3]);
    if (month < 1 || month > 12) return undefined;
    const fixed = Math.min(Math.max(day, 1), daysInMonth(year, month));
    return fixed === day ? undefined : `${match[1]}-${match[2]}-${String(fixed).padStart(2, '0')}`;
}
