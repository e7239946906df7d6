/**
 * Quick fixes keyed on the stable diagnostic codes (see `issue-codes.ts`): the code is the
 * contract between a rule and its fix, so rewording a message never breaks a fix.
 *
 * - `unresolved-reference`: "Did you mean 'X'?" (the closest declared name of the right kind,
 *   the same suggestion the message makes) and, for an unknown task in a gate's `requires`,
 *   "Create task X in stage S" (the gate's own stage, where a required task belongs);
 * - `stage-skip`: add the skipped `enter` events, on the same date, before the offending one;
 * - `undeclared-reason`: use the closest declared reason, or declare the reason in the
 *   playbook, which may be in another file (the edit then targets that file's URI);
 * - `missing-gate`: add a gate skeleton named after the stage (`<Stage>Done`);
 * - `duplicate-attribute`: remove the duplicate (the whole line when it is alone on it).
 *
 * Edits are computed from the syntax tree of the documents as they are now; a fix whose target
 * cannot be found (a half-typed file) is simply not offered.
 */
import { AstUtils, CstUtils, GrammarAST, GrammarUtils, type AstNode, type CstNode, type LangiumDocument, type MaybePromise, type Reference } from 'langium';
import type { CodeActionProvider, LangiumServices } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import * as ast from '../../generated/ast.js';
import { IssueCodes } from '../../issue-codes.js';
import { dealToModel, playbookToModel } from '../../model/ast-to-model.js';
import { quote } from '../../model/expression-text.js';
import type { PlaybookAddedServices } from '../../playbook-module.js';
import { compilePlaybook } from '../../simulation/compiled-playbook.js';
import { simulateDeal } from '../../simulation/simulate-deal.js';
import { closestName } from '../../utils/did-you-mean.js';

type Services = LangiumServices & PlaybookAddedServices;

export class PlaybookCodeActionProvider implements CodeActionProvider {
    private readonly scopeProvider: Services['references']['ScopeProvider'];

    constructor(services: Services) {
        this.scopeProvider = services.references.ScopeProvider;
    }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction> | undefined> {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            try {
                actions.push(...this.fixesFor(document, diagnostic));
            } catch {
                // A fix that cannot be computed on a broken tree is not offered; the others still are.
            }
        }
        return actions;
    }

    private fixesFor(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        switch (diagnostic.code) {
            case IssueCodes.UnresolvedReference: return this.fixUnresolvedReference(document, diagnostic);
            case IssueCodes.StageSkip: return this.fixStageSkip(document, diagnostic);
            case IssueCodes.UndeclaredReason: return this.fixUndeclaredReason(document, diagnostic);
            case IssueCodes.MissingGate: return this.fixMissingGate(document, diagnostic);
            case IssueCodes.DuplicateAttribute: return this.fixDuplicateAttribute(document, diagnostic);
            default: return [];
        }
    }

    // -- unresolved-reference -------------------------------------------------------------

    private fixUnresolvedReference(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const found = findReference(document, diagnostic);
        if (!found) {
            return [];
        }
        const { reference, container, property, index } = found;
        const name = reference.$refText;
        const gate = ast.isGate(container) && property === 'requires' ? container : undefined;
        let candidates = this.scopeProvider.getScope({ reference, container, property, index }).getAllElements();
        if (gate) {
            // Suggesting a later stage's task would trade this error for `gate-requires-later-task`.
            const stages = gate.$container.$container.stages;
            const allowed = new Set(stages.slice(0, stages.indexOf(gate.$container) + 1));
            candidates = candidates.filter(d => !ast.isTask(d.node) || allowed.has(d.node.$container));
        }
        const suggestion = closestName(name, candidates.map(d => d.name).filter(n => n !== name));
        const actions: CodeAction[] = [];
        if (suggestion) {
            actions.push(quickFix(`Did you mean '${suggestion}'?`, diagnostic, { [document.uri.toString()]: [{ range: diagnostic.range, newText: suggestion }] }, true));
        }
        if (gate && /^\S+$/u.test(name)) {
            const edit = insertTaskEdit(document, gate.$container, `task ${name} required`);
            if (edit) {
                actions.push(quickFix(`Create task ${name} in stage ${gate.$container.name}`, diagnostic, { [document.uri.toString()]: [edit] }, !suggestion));
            }
        }
        return actions;
    }

    // -- stage-skip -----------------------------------------------------------------------

    private fixStageSkip(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const event = nodeAt(document, diagnostic, ast.isEvent);
        const deal = event?.$container;
        const playbookNode = deal?.playbook?.ref;
        if (!event || !deal || !playbookNode || !event.date) {
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
        const lines = skipped.map(stage => `${event.date} enter ${stage}`);
        const edit = insertLinesBefore(document, event.$cstNode!, lines);
        const title = skipped.length === 1 ? `Add the skipped enter event (${skipped[0]})` : `Add the skipped enter events (${skipped.join(', ')})`;
        return [quickFix(title, diagnostic, { [document.uri.toString()]: [edit] }, true)];
    }

    // -- undeclared-reason ----------------------------------------------------------------

    private fixUndeclaredReason(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const event = nodeAt(document, diagnostic, ast.isTerminateEvent);
        const playbook = event?.$container.playbook?.ref;
        const outcome = event?.outcome?.$refText;
        if (!event || !playbook || !outcome || event.reason === undefined) {
            return [];
        }
        const declared = playbook.terminations.filter(rule => rule.name === outcome).map(rule => rule.reason);
        const closest = closestName(event.reason, declared);
        const actions: CodeAction[] = [];
        const reasonNode = GrammarUtils.findNodeForProperty(event.$cstNode, 'reason');
        if (closest !== undefined && reasonNode?.text.startsWith('"')) {
            actions.push(quickFix(`Change to declared reason ${quote(closest)}`, diagnostic,
                { [document.uri.toString()]: [{ range: reasonNode.range, newText: quote(closest) }] }, true));
        }
        const playbookDocument = AstUtils.getDocument(playbook);
        const edit = insertTerminationEdit(playbookDocument, playbook, `terminate ${outcome} ${quote(event.reason)}`);
        if (edit) {
            actions.push(quickFix(`Declare reason ${quote(event.reason)} for ${outcome}`, diagnostic,
                { [playbookDocument.uri.toString()]: [edit] }, closest === undefined));
        }
        return actions;
    }

    // -- missing-gate ---------------------------------------------------------------------

    private fixMissingGate(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const stage = nodeAt(document, diagnostic, ast.isStage);
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
        const edit = insertGateEdit(document, stage, name, tasks);
        return edit ? [quickFix(`Add a gate ${name} to stage ${stage.name}`, diagnostic, { [document.uri.toString()]: [edit] }, true)] : [];
    }

    // -- duplicate-attribute --------------------------------------------------------------

    private fixDuplicateAttribute(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const root = document.parseResult.value.$cstNode;
        const keyword = root ? CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(diagnostic.range.start)) : undefined;
        if (!keyword || !GrammarAST.isKeyword(keyword.grammarSource)) {
            return [];
        }
        const nodes = attributeNodes(keyword);
        const start = nodes[0].offset;
        const end = nodes[nodes.length - 1].end;
        const text = document.textDocument.getText();
        const attribute = text.substring(start, end);
        return [quickFix(`Remove the duplicate '${attribute.length > 40 ? `${attribute.slice(0, 39)}…` : attribute}'`, diagnostic,
            { [document.uri.toString()]: [removalEdit(document, start, end)] }, true)];
    }
}

function quickFix(title: string, diagnostic: Diagnostic, changes: Record<string, TextEdit[]>, isPreferred: boolean): CodeAction {
    return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred, edit: { changes } };
}

/** The AST node of the given type at the start of the diagnostic's range. */
function nodeAt<T extends AstNode>(document: LangiumDocument, diagnostic: Diagnostic, is: (node: unknown) => node is T): T | undefined {
    const root = document.parseResult.value.$cstNode;
    const leaf = root ? CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(diagnostic.range.start)) : undefined;
    return AstUtils.getContainerOfType(leaf?.astNode, is);
}

interface FoundReference {
    reference: Reference;
    container: AstNode;
    property: string;
    index?: number;
}

/** The cross-reference the diagnostic is about: the one whose text is exactly its range. */
function findReference(document: LangiumDocument, diagnostic: Diagnostic): FoundReference | undefined {
    const start = document.textDocument.offsetAt(diagnostic.range.start);
    const end = document.textDocument.offsetAt(diagnostic.range.end);
    for (const candidate of document.references) {
        const node = candidate.$refNode;
        if (!node || node.offset !== start || node.end !== end || !('ref' in candidate)) continue;
        const container = node.astNode;
        for (const [property, value] of Object.entries(container)) {
            if (value === candidate) {
                return { reference: candidate, container, property };
            }
            if (Array.isArray(value) && value.includes(candidate)) {
                return { reference: candidate, container, property, index: value.indexOf(candidate) };
            }
        }
    }
    return undefined;
}

/** The leading whitespace of the line holding `offset`, and whether only whitespace precedes `offset` on it. */
function lineInfo(document: LangiumDocument, offset: number): { lineStart: number; indent: string; startsLine: boolean } {
    const text = document.textDocument.getText();
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const before = text.substring(lineStart, offset);
    const indent = /^[ \t]*/.exec(before)![0];
    return { lineStart, indent, startsLine: before.trim() === '' };
}

/** One indentation step as this document uses it (the examples use two spaces). */
function indentUnit(document: LangiumDocument): string {
    const match = /\n([ \t]+)\S/.exec(document.textDocument.getText());
    return match ? (match[1].startsWith('\t') ? '\t' : match[1]) : '  ';
}

function insertAt(document: LangiumDocument, offset: number, newText: string): TextEdit {
    const position = document.textDocument.positionAt(offset);
    return { range: { start: position, end: position }, newText };
}

/** New lines before the line of `node`, with its indentation; inline before it when it shares its line. */
function insertLinesBefore(document: LangiumDocument, node: CstNode, lines: string[]): TextEdit {
    const { lineStart, indent, startsLine } = lineInfo(document, node.offset);
    if (startsLine) {
        return insertAt(document, lineStart, lines.map(line => `${indent}${line}\n`).join(''));
    }
    return insertAt(document, node.offset, lines.map(line => `${line} `).join(''));
}

/** New lines after `node`, with the indentation of its line; inline after it when something follows on its line. */
function insertLineAfter(document: LangiumDocument, node: CstNode, line: string): TextEdit {
    const { indent, startsLine } = lineInfo(document, node.offset);
    if (startsLine) {
        return insertAt(document, node.end, `\n${indent}${line}`);
    }
    return insertAt(document, node.end, ` ${line}`);
}

/**
 * A line before the closing brace of a block (`}` of a stage or playbook), indented one step
 * deeper than the brace; inline when the block is on one line.
 */
function insertBeforeClosingBrace(document: LangiumDocument, owner: AstNode, line: string): TextEdit | undefined {
    const cst = owner.$cstNode;
    const close = cst ? [...CstUtils.streamCst(cst)].reverse().find(n => n.text === '}' && n.astNode === owner) : undefined;
    if (!close) {
        return undefined;
    }
    const { lineStart, indent, startsLine } = lineInfo(document, close.offset);
    if (startsLine) {
        return insertAt(document, lineStart, `${indent}${indentUnit(document)}${line}\n`);
    }
    return insertAt(document, close.offset, `${line} `);
}

/** `task X required` after the stage's last task, or before its first gate. */
function insertTaskEdit(document: LangiumDocument, stage: ast.Stage, line: string): TextEdit | undefined {
    const lastTask = stage.tasks[stage.tasks.length - 1];
    if (lastTask?.$cstNode) {
        return insertLineAfter(document, lastTask.$cstNode, line);
    }
    const firstGate = stage.gates[0];
    if (firstGate?.$cstNode) {
        return insertLinesBefore(document, firstGate.$cstNode, [line]);
    }
    return insertBeforeClosingBrace(document, stage, line);
}

/** A manual terminate rule after the playbook's last one, or at the end of the playbook. */
function insertTerminationEdit(document: LangiumDocument, playbook: ast.Playbook, line: string): TextEdit | undefined {
    const last = playbook.terminations[playbook.terminations.length - 1];
    if (last?.$cstNode) {
        return insertLineAfter(document, last.$cstNode, line);
    }
    return insertBeforeClosingBrace(document, playbook, line);
}

/** A gate at the end of the stage's block; a block is added to a stage declared without one. */
function insertGateEdit(document: LangiumDocument, stage: ast.Stage, name: string, tasks: string[]): TextEdit | undefined {
    const requires = tasks.length > 0 ? `requires ${tasks.join(', ')}` : undefined;
    // Without a requirement to fill in, a one-line skeleton: `gate LeadDone { }`.
    const oneLine = `gate ${name} { ${requires ? `${requires} ` : ''}}`;
    const cst = stage.$cstNode!;
    const hasBlock = [...CstUtils.streamCst(cst)].some(n => n.text === '{' && n.astNode === stage);
    const { indent } = lineInfo(document, cst.offset);
    const unit = indentUnit(document);
    if (!hasBlock) {
        const body = requires ? [`${indent}${unit}gate ${name} {`, `${indent}${unit}${unit}${requires}`, `${indent}${unit}}`] : [`${indent}${unit}${oneLine}`];
        return insertAt(document, cst.end, ` {\n${body.join('\n')}\n${indent}}`);
    }
    const close = [...CstUtils.streamCst(cst)].reverse().find(n => n.text === '}' && n.astNode === stage);
    if (!close) {
        return undefined;
    }
    const closeLine = lineInfo(document, close.offset);
    if (closeLine.startsLine) {
        const inner = closeLine.indent + unit;
        const lines = requires ? [`${inner}gate ${name} {`, `${inner}${unit}${requires}`, `${inner}}`] : [`${inner}${oneLine}`];
        return insertAt(document, closeLine.lineStart, `${lines.join('\n')}\n`);
    }
    return insertAt(document, close.offset, `${oneLine} `);
}

/**
 * The tokens of one attribute occurrence, starting at its keyword: the keyword and what follows
 * it in the same alternative of the grammar (`probability 20 %`, `when <condition>`), up to the
 * next occurrence of anything else.
 */
function attributeNodes(keyword: CstNode): CstNode[] {
    const grammarKeyword = keyword.grammarSource as GrammarAST.Keyword;
    // The alternative of the attribute list that this keyword starts.
    let alternative: GrammarAST.AbstractElement = grammarKeyword;
    while (alternative.$container && GrammarAST.isAbstractElement(alternative.$container) && !GrammarAST.isAlternatives(alternative.$container)) {
        alternative = alternative.$container;
    }
    const siblings = keyword.container?.content ?? [];
    const nodes = [keyword];
    for (let i = siblings.indexOf(keyword) + 1; i < siblings.length; i++) {
        const sibling = siblings[i];
        const source = sibling.grammarSource;
        if (sibling.hidden || !source || source === grammarKeyword || !isWithin(source, alternative)) break;
        nodes.push(sibling);
    }
    return nodes;
}

function isWithin(element: AstNode, ancestor: AstNode): boolean {
    for (let current: AstNode | undefined = element; current; current = current.$container) {
        if (current === ancestor) return true;
    }
    return false;
}

/** Deletes [start, end); the whole line when nothing but blanks or a line comment is left on it. */
function removalEdit(document: LangiumDocument, start: number, end: number): TextEdit {
    const text = document.textDocument.getText();
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    let lineEnd = text.indexOf('\n', end);
    if (lineEnd < 0) lineEnd = text.length;
    const before = text.substring(lineStart, start);
    const after = text.substring(end, lineEnd);
    if (before.trim() === '' && (after.trim() === '' || after.trim().startsWith('//'))) {
        const to = lineEnd < text.length ? lineEnd + 1 : lineEnd;
        return { range: { start: document.textDocument.positionAt(lineStart), end: document.textDocument.positionAt(to) }, newText: '' };
    }
    // Inline: take the blanks after the attribute too, so no double space is left.
    const trailing = /^[ \t]*/.exec(after)![0].length;
    return { range: { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(end + trailing) }, newText: '' };
}
