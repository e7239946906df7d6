/**
 * A new playbook from a template: the template's first playbook under the name the author
 * chose, without the example deals a template carries (they would replay against the new
 * playbook, and their names would clash with the workspace's). Only the declaration's name
 * and the deals (with the comment lines just above each) are cut; the rest of the text,
 * comments and layout included, stays as the template has it.
 */
import { GrammarUtils } from 'langium';
import { invalidNameReason } from '@playbook/model';
import { parsePlaybook, type FormattingServices } from '../formatting/format-text.js';
import * as ast from '../generated/ast.js';
import { hasSyntaxErrors } from '../parser/syntax-errors.js';

export type FromTemplate =
    | { kind: 'created'; text: string; playbook: string }
    | { kind: 'invalid-name'; message: string }
    | { kind: 'invalid-template'; message: string };

export function playbookFromTemplate(services: FormattingServices, template: string, name: string): FromTemplate {
    const invalid = invalidNameReason(name);
    if (invalid !== undefined) return { kind: 'invalid-name', message: invalid };
    const parsed = parsePlaybook(services, template);
    const root = parsed.value as ast.Document;
    const playbook = root.elements.find(ast.isPlaybook);
    const nameNode = playbook?.$cstNode && GrammarUtils.findNodeForProperty(playbook.$cstNode, 'name');
    if (hasSyntaxErrors(parsed) || !playbook || !nameNode) {
        return { kind: 'invalid-template', message: 'The template has syntax errors or declares no playbook.' };
    }
    const cuts: Array<{ start: number; end: number; text: string }> = [{ start: nameNode.offset, end: nameNode.end, text: name }];
    for (const element of root.elements) {
        if (ast.isDeal(element) && element.$cstNode) {
            cuts.push({ start: commentsAbove(template, lineStart(template, element.$cstNode.offset)), end: lineEnd(template, element.$cstNode.end), text: '' });
        }
    }
    let text = template;
    for (const cut of cuts.sort((a, b) => b.start - a.start)) {
        text = text.slice(0, cut.start) + cut.text + text.slice(cut.end);
    }
    // The blank lines the deals stood between, made one; one line break at the end.
    text = text.replace(/(\r?\n)(?:[ \t]*\r?\n){2,}/g, '$1$1').replace(/\s*$/, '\n');
    return { kind: 'created', text, playbook: playbook.name };
}

function lineStart(text: string, offset: number): number {
    return text.lastIndexOf('\n', offset - 1) + 1;
}

/** After the line break that ends the line of `offset` (or the end of the text). */
function lineEnd(text: string, offset: number): number {
    const at = text.indexOf('\n', offset);
    return at < 0 ? text.length : at + 1;
}

/** The start of the `//` comment lines directly above the line at `start`. */
function commentsAbove(text: string, start: number): number {
    let at = start;
    while (at > 0) {
        const previous = lineStart(text, at - 1);
        if (!/^[ \t]*\/\//.test(text.slice(previous, at))) break;
        at = previous;
    }
    return at;
}
