/**
 * Fixes that add, move or remove declarations of a playbook:
 *
 * - `gate-requires-later-task`: move the task into the gate's stage, or drop it from the gate's
 *   requirements (two equally plausible readings: neither is preferred);
 * - `missing-gate`: add a gate named after the stage (`<Stage>Done`) requiring its tasks;
 * - `unused-field`: remove the field, unless a deal sets it (the deal's record would break), or
 *   mark it `info` (a profile field, kept for people to read: not preferred);
 * - `info-field-read`: remove `info` (a condition reads the field: it is a criterion);
 * - `unused-task`: make the task required (an information, and a change of what deals must
 *   do: not preferred);
 * - `duplicate-name`: remove a declaration that repeats an earlier one token for token;
 * - `duplicate-attribute`: remove the duplicate (the whole line when it is alone on it).
 */
import { CstUtils, GrammarAST, GrammarUtils, isCompositeCstNode, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import type { CodeAction, TextEdit } from 'vscode-languageserver';
import * as ast from '../../generated/ast.js';
import { localFix, type FixContext } from './quick-fix.js';
import { findReference } from './reference-fixes.js';
import {
    attributeHolding, attributeNodes, blockBraces, insertAt, insertGateEdit, insertTaskEdit, leafAt, movableText,
    nodeAt, removalEdit, removeAttribute, removeNode, replaceRange
} from './text-edits.js';

export function fixGateRequiresLaterTask(context: FixContext): CodeAction[] {
    const { document, diagnostic } = context;
    const found = findReference(document, diagnostic);
    const gate = found?.container;
    const task = found?.reference.ref;
    const refNode = found?.reference.$refNode;
    if (!ast.isGate(gate) || !ast.isTask(task) || !task.$cstNode || !refNode) {
        return [];
    }
    const stage = gate.$container;
    const actions: CodeAction[] = [];
    const insert = insertTaskEdit(document, stage, movableText(document, task.$cstNode));
    const remove = removeNode(document, task);
    if (insert && remove && task.$container !== stage) {
        actions.push(localFix(context, `Move task ${task.name} to stage ${stage.name}`, [remove, insert], false));
    }
    const drop = dropRequirement(document, gate, refNode);
    if (drop) {
        actions.push(localFix(context, `Remove ${task.name} from the requirements of gate ${gate.name}`, [drop], false));
    }
    return actions;
}

/** Removes one name from a gate's `requires`; the whole clause when it names only that task (and `{}` when the gate is left empty). */
function dropRequirement(document: LangiumDocument, gate: ast.Gate, refNode: CstNode): TextEdit | undefined {
    const clause = attributeHolding(refNode);
    if (!clause) {
        return undefined;
    }
    const names = clause.filter(node => !GrammarAST.isKeyword(node.grammarSource));
    if (names.length > 1) {
        return removeFromList(document, refNode, names);
    }
    const braces = blockBraces(gate);
    const text = document.textDocument.getText();
    const start = clause[0].offset, end = clause[clause.length - 1].end;
    if (braces && (text.substring(braces.open.end, start) + text.substring(end, braces.close.offset)).trim() === '') {
        return replaceRange(document, braces.open.end, braces.close.offset, '');
    }
    return removeAttribute(document, clause);
}

/** Removes one item of a comma-separated list with the comma that goes with it. */
function removeFromList(document: LangiumDocument, item: CstNode, items: CstNode[]): TextEdit | undefined {
    const index = items.indexOf(item);
    if (index < 0 || items.length < 2) {
        return undefined;
    }
    return index > 0
        ? replaceRange(document, items[index - 1].end, item.end, '')
        : replaceRange(document, item.offset, items[1].offset, '');
}

export function fixMissingGate(context: FixContext): CodeAction[] {
    const stage = nodeAt(context.document, context.diagnostic, ast.isStage);
    if (!stage?.$cstNode || !stage.name) {
        return [];
    }
    const gateNames = new Set(stage.$container.stages.flatMap(s => s.gates.map(g => g.name)));
    let name = `${stage.name}Done`;
    for (let n = 2; gateNames.has(name); n++) {
        name = `${stage.name}Done${n}`;
    }
    // The stage's tasks are the likeliest exit criteria; none of them is required yet (or there would be no warning).
    const tasks = stage.tasks.map(t => t.name).filter(Boolean);
    const edit = insertGateEdit(context.document, stage, name, tasks);
    return edit ? [localFix(context, `Add a gate ${name} to stage ${stage.name}`, [edit], true)] : [];
}

export function fixUnusedField(context: FixContext): CodeAction[] {
    const field = nodeAt(context.document, context.diagnostic, ast.isField);
    if (!field) {
        return [];
    }
    // A deal that sets the field would be left naming nothing: its record is not ours to drop.
    const setByDeals = context.services.references.References.findReferences(field, { includeDeclaration: false }).head() !== undefined;
    const edit = setByDeals ? undefined : removeNode(context.document, field);
    // A field kept for people to read (the customer's profile) says so: `info field`.
    const keyword = field.$cstNode ? GrammarUtils.findNodeForKeyword(field.$cstNode, 'field') : undefined;
    const markInfo = keyword ? [localFix(context, `Mark field ${field.name} as info (profile, not a criterion)`, [insertAt(context.document, keyword.offset, 'info ')], false)] : [];
    return [...(edit ? [localFix(context, `Remove field ${field.name}`, [edit], true)] : []), ...markInfo];
}

/** `info-field-read`: the field is a criterion after all; `info` goes (the condition is the author's, not ours to drop). */
export function fixInfoFieldRead(context: FixContext): CodeAction[] {
    const field = nodeAt(context.document, context.diagnostic, ast.isField);
    const info = field?.$cstNode ? GrammarUtils.findNodeForKeyword(field.$cstNode, 'info') : undefined;
    const keyword = field?.$cstNode ? GrammarUtils.findNodeForKeyword(field.$cstNode, 'field') : undefined;
    if (!field || !info || !keyword) return [];
    return [localFix(context, `Remove 'info': field ${field.name} is a criterion`, [replaceRange(context.document, info.offset, keyword.offset, '')], true)];
}

export function fixUnusedTask(context: FixContext): CodeAction[] {
    const task = nodeAt(context.document, context.diagnostic, ast.isTask);
    const after = task?.$cstNode ? GrammarUtils.findNodeForProperty(task.$cstNode, 'title') ?? GrammarUtils.findNodeForProperty(task.$cstNode, 'name') : undefined;
    if (!task || task.requiredMarks.length > 0 || !after) {
        return [];
    }
    return [localFix(context, `Make task ${task.name} required`, [insertAt(context.document, after.end, ' required')], false)];
}

export function fixDuplicateName(context: FixContext): CodeAction[] {
    const { document, diagnostic } = context;
    const node = leafAt(document, document.textDocument.offsetAt(diagnostic.range.start))?.astNode;
    const earlier = node ? earlierDeclaration(node) : undefined;
    if (!node?.$cstNode || !earlier?.$cstNode || tokens(node.$cstNode) !== tokens(earlier.$cstNode)) {
        return [];
    }
    let edit: TextEdit | undefined;
    if (ast.isEnumValue(node)) {
        const values = node.$container.values.map(v => v.$cstNode).filter((n): n is CstNode => n !== undefined);
        edit = removeFromList(document, node.$cstNode, values);
    } else {
        edit = removeNode(document, node);
    }
    return edit ? [localFix(context, `Remove the repeated ${describe(node)}`, [edit], true)] : [];
}

/** The declaration above that `node` repeats the name of, in the same file. */
function earlierDeclaration(node: AstNode): AstNode | undefined {
    const sameName = (list: readonly AstNode[], key: (n: AstNode) => string): AstNode | undefined => {
        const index = list.indexOf(node);
        return index > 0 ? list.slice(0, index).find(other => other.$type === node.$type && key(other) === key(node)) : undefined;
    };
    const name = (n: AstNode): string => (n as AstNode & { name?: string }).name ?? '';
    if (ast.isTerminate(node)) return sameName(node.$container.terminations, n => `${name(n)}\u0000${(n as ast.Terminate).reason}`);
    if (ast.isField(node)) return sameName(node.$container.fields, name);
    if (ast.isStage(node)) return sameName(node.$container.stages, name);
    if (ast.isTask(node)) return sameName(node.$container.$container.stages.flatMap(s => s.tasks), name);
    if (ast.isGate(node)) return sameName(node.$container.$container.stages.flatMap(s => s.gates), name);
    if (ast.isEnumValue(node)) return sameName(node.$container.values, name);
    if (ast.isPlaybook(node) || ast.isDeal(node)) return sameName(node.$container.elements, name);
    return undefined;
}

/** A declaration's tokens, without its comments and layout. */
function tokens(node: CstNode): string {
    return [...CstUtils.flattenCst(node)].filter(leaf => !leaf.hidden).map(leaf => leaf.text).join(' ');
}

function describe(node: AstNode): string {
    if (ast.isTerminate(node)) return `rule ${node.name} "${node.reason}"`;
    if (ast.isEnumValue(node)) return `value ${node.name}`;
    const kind = node.$type.toLowerCase();
    return `${kind} ${(node as AstNode & { name?: string }).name ?? ''}`.trim();
}

export function fixDuplicateAttribute(context: FixContext): CodeAction[] {
    const { document, diagnostic } = context;
    const keyword = leafAt(document, document.textDocument.offsetAt(diagnostic.range.start));
    if (!keyword || !GrammarAST.isKeyword(keyword.grammarSource) || isCompositeCstNode(keyword)) {
        return [];
    }
    const nodes = attributeNodes(keyword);
    const start = nodes[0].offset;
    const end = nodes[nodes.length - 1].end;
    const attribute = document.textDocument.getText().substring(start, end);
    return [localFix(context, `Remove the duplicate '${attribute.length > 40 ? `${attribute.slice(0, 39)}…` : attribute}'`,
        [removalEdit(document, start, end)], true)];
}
