/**
 * Fixes of a deal's record against its playbook (the playbook may be in another file; its
 * edits then target that file):
 *
 * - `stage-skip`: add the skipped `enter` events, dated as the skipping event, before it;
 * - `undeclared-reason`: use a declared reason of that outcome (the closest first, preferred
 *   when it looks like a typo), or declare the reason as a terminate rule;
 * - `terminate-not-allowed`: let the rule apply from the stage the deal is in (a change of
 *   the playbook's policy: not preferred);
 * - `regression-forbidden`: remove the event that moves back, or lift the playbook's
 *   `forbid regressions` (either changes a record or a policy: neither is preferred);
 * - `event-out-of-order`: move the event (its line, with its comment) to its place in date order.
 */
import { compilePlaybook, quote, simulateDeal } from '@playbook/model';
import { AstUtils, GrammarAST, GrammarUtils, isCompositeCstNode } from 'langium';
import type { CodeAction } from 'vscode-languageserver';
import * as ast from '../../generated/ast.js';
import { dealToModel, playbookToModel } from '../../model/ast-to-model.js';
import { closestNames } from '../../utils/did-you-mean.js';
import { diagnosticData, localFix, quickFix, type FixContext } from './quick-fix.js';
import {
    attributeNodes, insertAt, insertLineAfter, insertLinesBefore, insertTerminationEdit, movableText, nodeAt, removeAttribute, removeNode
} from './text-edits.js';

/** What a deal's violation carries in its diagnostic's `data`: the stage the deal was in. */
export interface DealViolationData {
    stage: string;
}

/** How many declared reasons `undeclared-reason` offers to pick from. */
const REASONS_OFFERED = 5;

export function fixStageSkip(context: FixContext): CodeAction[] {
    const event = nodeAt(context.document, context.diagnostic, ast.isEvent);
    const deal = event?.$container;
    const playbookNode = deal?.playbook?.ref;
    if (!event?.$cstNode || !deal || !playbookNode || !event.date) {
        return [];
    }
    const playbook = compilePlaybook(playbookToModel(playbookNode));
    const { model, eventNodes } = dealToModel(deal);
    const index = eventNodes.indexOf(event);
    if (index < 0) {
        return [];
    }
    // Where the deal stands just before this event: replay the events before it.
    const before = simulateDeal(playbook, { ...model, events: model.events.slice(0, index) });
    // A deal with no event yet has entered no stage (-1), although it counts as open in the first.
    const outcome = before.outcome;
    const current = before.visits.length > 0 && outcome.kind === 'open' && outcome.stage !== undefined ? playbook.stageIndex.get(outcome.stage) ?? -1 : -1;
    const target = ast.isEnterEvent(event) ? playbook.stageIndex.get(event.stage?.$refText ?? '') : ast.isWonEvent(event) ? playbook.stages.length : undefined;
    if (target === undefined || target <= current) {
        return [];
    }
    const skipped = playbook.stages.slice(current + 1, target).filter(s => !s.model.optional).map(s => s.model.name);
    if (skipped.length === 0) {
        return [];
    }
    const edit = insertLinesBefore(context.document, event.$cstNode, skipped.map(stage => `${event.date} enter ${stage}`));
    const title = skipped.length === 1 ? `Add the skipped enter event (${skipped[0]})` : `Add the skipped enter events (${skipped.join(', ')})`;
    return [localFix(context, title, [edit], true)];
}

export function fixUndeclaredReason(context: FixContext): CodeAction[] {
    const { document, diagnostic } = context;
    const event = nodeAt(document, diagnostic, ast.isTerminateEvent);
    const playbook = event?.$container.playbook?.ref;
    const outcome = event?.outcome?.$refText;
    if (!event || !playbook || !outcome || event.reason === undefined) {
        return [];
    }
    const declared = [...new Set(playbook.terminations.filter(rule => rule.name === outcome).map(rule => rule.reason))];
    const closest = closestNames(event.reason, declared, 1)[0]?.name;
    const picks = closest === undefined ? declared : [closest, ...declared.filter(reason => reason !== closest)];
    const reasonNode = GrammarUtils.findNodeForProperty(event.$cstNode, 'reason');
    const changes = reasonNode?.text.startsWith('"')
        ? picks.slice(0, REASONS_OFFERED).map(reason => localFix(context, `Change to declared reason ${quote(reason)}`,
            [{ range: reasonNode.range, newText: quote(reason) }], reason === closest))
        : [];
    const playbookDocument = AstUtils.getDocument(playbook);
    const edit = insertTerminationEdit(playbookDocument, playbook, `terminate ${outcome} ${quote(event.reason)}`);
    const declare = edit
        ? [quickFix(`Declare reason ${quote(event.reason)} for ${outcome}`, diagnostic, { [playbookDocument.uri.toString()]: [edit] }, closest === undefined)]
        : [];
    // A likely typo first, then declaring the new reason, then the other declared reasons.
    return closest !== undefined ? [changes[0], ...declare, ...changes.slice(1)] : [...declare, ...changes];
}

export function fixTerminateNotAllowed(context: FixContext): CodeAction[] {
    const event = nodeAt(context.document, context.diagnostic, ast.isTerminateEvent);
    const playbook = event?.$container.playbook?.ref;
    const { stage } = diagnosticData<DealViolationData>(context.diagnostic);
    if (!event || !playbook || typeof stage !== 'string') {
        return [];
    }
    // The rule the replay applied: the one with the reason given, else the outcome's first.
    const rules = playbook.terminations.filter(rule => rule.name === event.outcome?.$refText);
    const rule = event.reason === undefined ? rules[0] : rules.find(r => r.reason === event.reason);
    const lastFrom = rule?.from[rule.from.length - 1]?.$refNode;
    if (!rule || !lastFrom || rule.from.some(from => from.$refText === stage)) {
        return [];
    }
    const playbookDocument = AstUtils.getDocument(playbook);
    return [quickFix(`Let ${rule.name} ${quote(rule.reason)} apply from ${stage} too`, context.diagnostic,
        { [playbookDocument.uri.toString()]: [insertAt(playbookDocument, lastFrom.end, `, ${stage}`)] }, false)];
}

export function fixRegressionForbidden(context: FixContext): CodeAction[] {
    const event = nodeAt(context.document, context.diagnostic, ast.isEnterEvent);
    const playbook = event?.$container.playbook?.ref;
    if (!event || !playbook) {
        return [];
    }
    const actions: CodeAction[] = [];
    const remove = removeNode(context.document, event);
    if (remove) {
        actions.push(localFix(context, `Remove the move back to ${event.stage?.$refText}`, [remove], false));
    }
    const forbid = playbook.$cstNode && isCompositeCstNode(playbook.$cstNode)
        ? playbook.$cstNode.content.find(node => GrammarAST.isKeyword(node.grammarSource) && node.grammarSource.value === 'forbid')
        : undefined;
    if (forbid) {
        const playbookDocument = AstUtils.getDocument(playbook);
        actions.push(quickFix(`Allow moving back: remove 'forbid regressions' from playbook ${playbook.name}`, context.diagnostic,
            { [playbookDocument.uri.toString()]: [removeAttribute(playbookDocument, attributeNodes(forbid))] }, false));
    }
    return actions;
}

export function fixEventOutOfOrder(context: FixContext): CodeAction[] {
    const event = nodeAt(context.document, context.diagnostic, ast.isEvent);
    const events = event?.$container.events;
    if (!event?.$cstNode || !events || !event.date) {
        return [];
    }
    const index = events.indexOf(event);
    // Its place as a stable sort by date would put it: after the last event dated before it or
    // on its date above it, so that events of one date keep their order (ISO dates sort as text).
    let after = -1;
    events.forEach((other, i) => {
        if (other.date !== undefined && (other.date < event.date || (other.date === event.date && i < index))) after = i;
    });
    if (after === index - 1 || (after === -1 && index === 0)) {
        return []; // already there: the events around it are what is out of order
    }
    const remove = removeNode(context.document, event);
    const text = movableText(context.document, event.$cstNode);
    const anchor = after >= 0 ? events[after].$cstNode : events[0].$cstNode;
    if (!remove || !anchor) {
        return [];
    }
    const insert = after >= 0 ? insertLineAfter(context.document, anchor, text) : insertLinesBefore(context.document, anchor, [text]);
    return [localFix(context, `Move this event to its place in date order`, [remove, insert], true)];
}
