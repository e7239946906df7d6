/**
 * "Add this alias": the text edit that makes a CRM's stage name known to a stage, written as
 * the formatter lays it out. The name joins the stage's `alias` list, or a new `alias` line
 * opens the stage's body (a body is added to a stage that has none); then the stage's lines
 * are laid out by the formatter, so a one-line stage becomes a block and nothing else moves.
 * Pure over the text: one edit `[start, end) → newText` in offsets of `text`. The language
 * server answers `playbook/aliasEdit` with it (the simulation report's "Add alias").
 */
import { normalizeName } from '@playbook/model';
import { GrammarUtils } from 'langium';
import * as ast from '../generated/ast.js';
import { layoutOf, parsePlaybook, type FormattingServices } from './format-text.js';
import { applyGaps, changedGaps, gapsWithinLines } from './layout.js';

export type AliasEdit =
    | { kind: 'edit'; start: number; end: number; newText: string }
    | { kind: 'problem'; message: string };

export function aliasEdit(services: FormattingServices, text: string, playbookName: string, stageName: string, alias: string): AliasEdit {
    if (/[\r\n]/.test(alias) || alias.trim() === '') {
        return { kind: 'problem', message: `"${alias}" cannot be an alias: it is blank or spans lines.` };
    }
    const parsed = parsePlaybook(services, text);
    if (!layoutOf(text, parsed)) {
        return { kind: 'problem', message: 'The playbook has syntax errors: fix them first.' };
    }
    const playbook = findPlaybook(parsed.value as ast.Document, playbookName);
    if (!playbook) return { kind: 'problem', message: `This file has no playbook ${playbookName}.` };
    const stage = playbook.stages.find(s => s.name === stageName);
    if (!stage?.$cstNode) return { kind: 'problem', message: `Playbook ${playbookName} has no stage ${stageName}.` };
    const key = normalizeName(alias);
    const taken = playbook.stages.find(s => s.aliases.some(a => normalizeName(a) === key) || normalizeName(s.name) === key);
    if (taken) {
        return { kind: 'problem', message: `"${alias}" already names stage ${taken.name}.` };
    }

    const quoted = `"${alias.replace(/["\\]/g, '\\$&')}"`;
    const lastAlias = GrammarUtils.findNodesForProperty(stage.$cstNode, 'aliases').at(-1);
    const open = GrammarUtils.findNodeForKeyword(stage.$cstNode, '{');
    const [at, insert] = lastAlias ? [lastAlias.end, `, ${quoted}`]
        : open ? [open.end, ` alias ${quoted}`]
            : [stage.$cstNode.end, ` { alias ${quoted} }`];
    const inserted = text.slice(0, at) + insert + text.slice(at);

    // The stage's lines, laid out by the formatter (the rest of the file is left as it is).
    const reparsed = parsePlaybook(services, inserted);
    const gaps = layoutOf(inserted, reparsed);
    const newStage = findPlaybook(reparsed.value as ast.Document, playbookName)?.stages.find(s => s.name === stageName)?.$cstNode;
    if (!gaps || !newStage) return { kind: 'problem', message: `The alias could not be added to ${stageName}.` };
    const lineStart = inserted.lastIndexOf('\n', newStage.offset - 1) + 1;
    const formatted = applyGaps(inserted, changedGaps(inserted, gapsWithinLines(inserted, gaps, lineStart, newStage.end)));
    return minimalEdit(text, formatted);
}

function findPlaybook(document: ast.Document, name: string): ast.Playbook | undefined {
    return document.elements.filter(ast.isPlaybook).find(p => p.name === name);
}

/** The one replacement that turns `before` into `after`: what lies between their common start and end. */
function minimalEdit(before: string, after: string): AliasEdit {
    let start = 0;
    const limit = Math.min(before.length, after.length);
    while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
    let tail = 0;
    while (tail < limit - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
    return { kind: 'edit', start, end: before.length - tail, newText: after.slice(start, after.length - tail) };
}
