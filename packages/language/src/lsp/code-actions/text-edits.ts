/**
 * Text edits for quick fixes, laid out as the formatter lays the text out (see
 * `formatting/layout.ts`): a declaration inserted on a line of its own gets the indentation of
 * its siblings, a block opened for it closes on a line of its own, and a line that is removed
 * or moved takes its line break (and the comment that ends it) along. Applied to a formatted
 * document, every edit leaves a formatted document. On text laid out by hand on one line
 * (`stage A { task T required }`) the edits stay on that line.
 */
import { AstUtils, CstUtils, GrammarAST, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import type { TextEdit } from 'vscode-languageserver';
import type { Diagnostic } from 'vscode-languageserver';
import type * as ast from '../../generated/ast.js';

const INDENT = '  ';

/** The AST node of the given type at the start of the diagnostic's range. */
export function nodeAt<T extends AstNode>(document: LangiumDocument, diagnostic: Diagnostic, is: (node: unknown) => node is T): T | undefined {
    const leaf = leafAt(document, document.textDocument.offsetAt(diagnostic.range.start));
    return AstUtils.getContainerOfType(leaf?.astNode, is);
}

export function leafAt(document: LangiumDocument, offset: number): CstNode | undefined {
    const root = document.parseResult.value.$cstNode;
    return root ? CstUtils.findLeafNodeAtOffset(root, offset) : undefined;
}

/** The text of the diagnostic's range. */
export function textAt(document: LangiumDocument, diagnostic: Diagnostic): string {
    return document.textDocument.getText(diagnostic.range);
}

interface LineInfo {
    lineStart: number;
    /** The end of the line, before its line break. */
    lineEnd: number;
    indent: string;
    /** Only whitespace precedes the offset on its line. */
    startsLine: boolean;
}

/** Where the line holding `offset` starts and ends, its indentation, and whether `offset` is first on it. */
export function lineInfo(document: LangiumDocument, offset: number): LineInfo {
    const text = document.textDocument.getText();
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    let lineEnd = text.indexOf('\n', offset);
    if (lineEnd < 0) lineEnd = text.length;
    if (lineEnd > lineStart && text[lineEnd - 1] === '\r') lineEnd--;
    const before = text.substring(lineStart, offset);
    const indent = /^[ \t]*/.exec(before)![0];
    return { lineStart, lineEnd, indent, startsLine: before.trim() === '' };
}

/** Whether nothing but blanks or a line comment follows `offset` on its line. */
function endsLine(document: LangiumDocument, offset: number): boolean {
    const rest = document.textDocument.getText().substring(offset, lineInfo(document, offset).lineEnd).trim();
    return rest === '' || rest.startsWith('//');
}

/** One indentation step as this document uses it (the formatter's two spaces by default). */
export function indentUnit(document: LangiumDocument): string {
    const match = /\n([ \t]+)\S/.exec(document.textDocument.getText());
    return match ? (match[1].startsWith('\t') ? '\t' : match[1]) : INDENT;
}

/** The document's line break (the formatter keeps LF or CRLF). */
function lineBreak(document: LangiumDocument): string {
    return document.textDocument.getText().includes('\r\n') ? '\r\n' : '\n';
}

export function insertAt(document: LangiumDocument, offset: number, newText: string): TextEdit {
    const position = document.textDocument.positionAt(offset);
    return { range: { start: position, end: position }, newText };
}

export function replaceRange(document: LangiumDocument, start: number, end: number, newText: string): TextEdit {
    return { range: { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(end) }, newText };
}

/** New lines before the line of `node`, with its indentation; inline before it when it shares its line. */
export function insertLinesBefore(document: LangiumDocument, node: CstNode, lines: string[]): TextEdit {
    const { lineStart, indent, startsLine } = lineInfo(document, node.offset);
    const eol = lineBreak(document);
    if (startsLine) {
        return insertAt(document, lineStart, lines.map(line => `${indent}${line}${eol}`).join(''));
    }
    return insertAt(document, node.offset, lines.map(line => `${line} `).join(''));
}

/**
 * A new line after the line of `node` (after the comment that ends it, if any), with the
 * indentation of `node`'s line; inline after `node` when code follows it on its line.
 */
export function insertLineAfter(document: LangiumDocument, node: CstNode, line: string): TextEdit {
    const { indent, startsLine, lineEnd } = lineInfo(document, node.offset);
    if (startsLine && endsLine(document, node.end)) {
        return insertAt(document, lineEnd, `${lineBreak(document)}${indent}${line}`);
    }
    return insertAt(document, node.end, ` ${line}`);
}

/** The `{` and `}` of the block of `owner` (a playbook, stage, gate or deal), if it has one. */
export function blockBraces(owner: AstNode): { open: CstNode; close: CstNode } | undefined {
    const cst = owner.$cstNode;
    if (!cst) return undefined;
    const own = [...CstUtils.streamCst(cst)].filter(n => n.astNode === owner && GrammarAST.isKeyword(n.grammarSource));
    const open = own.find(n => n.text === '{');
    const close = [...own].reverse().find(n => n.text === '}');
    return open && close ? { open, close } : undefined;
}

/**
 * A line at the end of the block of `owner`, one step deeper than the line of its closing
 * brace. An empty block written `{}` on one line is opened onto lines; a block whose content
 * shares a line with its braces gets the new text before `}` on that line.
 */
export function insertAtBlockEnd(document: LangiumDocument, owner: AstNode, line: string): TextEdit | undefined {
    const braces = blockBraces(owner);
    if (!braces) {
        return undefined;
    }
    const text = document.textDocument.getText();
    const { open, close } = braces;
    const closeLine = lineInfo(document, close.offset);
    const unit = indentUnit(document);
    const eol = lineBreak(document);
    if (closeLine.startsLine) {
        return insertAt(document, closeLine.lineStart, `${closeLine.indent}${unit}${line}${eol}`);
    }
    if (text.substring(open.end, close.offset).trim() === '') {
        const { indent } = lineInfo(document, owner.$cstNode!.offset);
        return replaceRange(document, open.end, close.offset, `${eol}${indent}${unit}${line}${eol}${indent}`);
    }
    return insertAt(document, close.offset, `${line} `);
}

/** A task line after the stage's last task, or before its first gate, or at the end of its block. */
export function insertTaskEdit(document: LangiumDocument, stage: ast.Stage, line: string): TextEdit | undefined {
    const lastTask = stage.tasks[stage.tasks.length - 1];
    if (lastTask?.$cstNode) {
        return insertLineAfter(document, lastTask.$cstNode, line);
    }
    const firstGate = stage.gates[0];
    if (firstGate?.$cstNode) {
        return insertLinesBefore(document, firstGate.$cstNode, [line]);
    }
    if (!blockBraces(stage)) {
        return openBlock(document, stage, [line]);
    }
    return insertAtBlockEnd(document, stage, line);
}

/** A manual terminate rule after the playbook's last one, or at the end of the playbook. */
export function insertTerminationEdit(document: LangiumDocument, playbook: ast.Playbook, line: string): TextEdit | undefined {
    const last = playbook.terminations[playbook.terminations.length - 1];
    if (last?.$cstNode) {
        return insertLineAfter(document, last.$cstNode, line);
    }
    return insertAtBlockEnd(document, playbook, line);
}

/**
 * A block ` { … }` after a declaration that has none (`stage Won`), holding the given lines
 * (already indented relative to the block).
 */
export function openBlock(document: LangiumDocument, owner: AstNode, lines: string[]): TextEdit {
    const cst = owner.$cstNode!;
    const { indent } = lineInfo(document, cst.offset);
    const unit = indentUnit(document);
    const eol = lineBreak(document);
    return insertAt(document, cst.end, ` {${eol}${lines.map(line => `${indent}${unit}${line}`).join(eol)}${eol}${indent}}`);
}

/** A gate at the end of the stage's block; a block is added to a stage declared without one. */
export function insertGateEdit(document: LangiumDocument, stage: ast.Stage, name: string, tasks: string[]): TextEdit | undefined {
    const requires = tasks.length > 0 ? `requires ${tasks.join(', ')}` : undefined;
    const unit = indentUnit(document);
    // Without a requirement to fill in, an empty gate as the formatter writes it: `gate LeadDone {}`.
    const gateLines = requires ? [`gate ${name} {`, `${unit}${requires}`, '}'] : [`gate ${name} {}`];
    if (!blockBraces(stage)) {
        return openBlock(document, stage, gateLines);
    }
    const { close } = blockBraces(stage)!;
    const closeLine = lineInfo(document, close.offset);
    if (closeLine.startsLine) {
        const inner = closeLine.indent + unit;
        return insertAt(document, closeLine.lineStart, gateLines.map(line => `${inner}${line}${lineBreak(document)}`).join(''));
    }
    const oneLine = `gate ${name} { ${requires ? `${requires} ` : ''}}`;
    return insertAtBlockEnd(document, stage, requires ? oneLine : gateLines[0]);
}

/**
 * Deletes [start, end); the whole line (with its line break) when nothing but blanks or a
 * line comment is left on it, else the text and the blanks after it.
 */
export function removalEdit(document: LangiumDocument, start: number, end: number): TextEdit {
    const text = document.textDocument.getText();
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    let lineEnd = text.indexOf('\n', end);
    if (lineEnd < 0) lineEnd = text.length;
    const before = text.substring(lineStart, start);
    const after = text.substring(end, lineEnd);
    const restOfLineIsFree = after.trim() === '' || after.trim().startsWith('//');
    if (before.trim() === '' && restOfLineIsFree) {
        const to = lineEnd < text.length ? lineEnd + 1 : lineEnd;
        return replaceRange(document, lineStart, to, '');
    }
    if (restOfLineIsFree) {
        // Last on its line: take the blanks before it, so no space is left at the end of the line.
        const leading = /[ \t]*$/.exec(before)![0].length;
        return replaceRange(document, start - leading, end, '');
    }
    // Inline: take the blanks after the text too, so no double space is left.
    const trailing = /^[ \t]*/.exec(after)![0].length;
    return replaceRange(document, start, end + trailing, '');
}

/** Removes a declaration: its line, or its text when it shares the line with others. */
export function removeNode(document: LangiumDocument, node: AstNode): TextEdit | undefined {
    const cst = node.$cstNode;
    return cst ? removalEdit(document, cst.offset, cst.end) : undefined;
}

/**
 * The text that moves with a declaration: from its first token to the end of its line when
 * it is alone there (so a comment that ends the line goes along), else its own text.
 */
export function movableText(document: LangiumDocument, node: CstNode): string {
    const text = document.textDocument.getText();
    if (lineInfo(document, node.offset).startsLine && endsLine(document, node.end)) {
        return text.substring(node.offset, lineInfo(document, node.end).lineEnd).trimEnd();
    }
    return text.substring(node.offset, node.end);
}

/**
 * The tokens of one attribute occurrence, starting at its keyword: the keyword and what follows
 * it in the same alternative of the grammar (`probability 20 %`, `when <condition>`), up to the
 * next occurrence of anything else.
 */
export function attributeNodes(keyword: CstNode): CstNode[] {
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

/** The attribute occurrence (see `attributeNodes`) that holds `node`, from its keyword. */
export function attributeHolding(node: CstNode): CstNode[] | undefined {
    const siblings = node.container?.content ?? [];
    for (let i = siblings.indexOf(node); i >= 0; i--) {
        const sibling = siblings[i];
        if (!sibling.hidden && GrammarAST.isKeyword(sibling.grammarSource) && sibling.grammarSource.value !== ',') {
            const nodes = attributeNodes(sibling);
            return nodes.includes(node) ? nodes : undefined;
        }
    }
    return undefined;
}

/** Removes an attribute occurrence (its tokens from the keyword on). */
export function removeAttribute(document: LangiumDocument, nodes: CstNode[]): TextEdit {
    return removalEdit(document, nodes[0].offset, nodes[nodes.length - 1].end);
}

function isWithin(element: AstNode, ancestor: AstNode): boolean {
    for (let current: AstNode | undefined = element; current; current = current.$container) {
        if (current === ancestor) return true;
    }
    return false;
}
