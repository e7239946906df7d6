/**
 * Loads the file `export` writes, with what it needs from beside it, and decides whether it
 * can be exported. A playbook with errors is not exported: its model would say something the
 * author did not write. A deal that broke a rule of its playbook is different: it is a
 * record of what happened (`check` reports it, the export holds it as it is), so the
 * violations found by replaying deals never stop an export. Only with `--with-deals` do the
 * deals' other errors (an unknown stage, a date not on the calendar) stop it.
 */
import { ast, type PlaybookDiagnostic } from '@playbook/language';
import { DEAL_VIOLATION_CODES, IssueCodes } from '@playbook/model';
import { AstUtils, type AstNode, type LangiumDocument } from 'langium';
import { resolve } from 'node:path';
import { CliError, ExitCode } from '../errors.js';
import { formatText } from '../output/text.js';
import { compareDiagnostics } from './sort.js';
import type { ValidatedSource } from './validate.js';
import { loadWorkspace } from './workspace.js';

export interface FileToExport {
    /** The file named on the command line. */
    target: ValidatedSource;
    /** It and the files read beside it. */
    workspace: ValidatedSource[];
}

export async function loadFileToExport(file: string, cwd: string, withDeals: boolean): Promise<FileToExport> {
    const path = resolve(cwd, file);
    const { files, notes } = await loadWorkspace({ files: [path], cwd, references: false, dealsBeside: withDeals ? 'always' : 'never' });
    for (const note of notes) {
        process.stderr.write(`playbook: ${note}\n`);
    }
    const target = files[0];
    const errors = exportBlockingErrors(target, files, withDeals);
    if (errors.length > 0) {
        const count = new Set(errors.map(error => error.file)).size;
        process.stderr.write(formatText(errors, { filesChecked: count, color: process.stderr.isTTY === true && !process.env.NO_COLOR, cwd }));
        const what = errors.every(error => error.file === target.source.shownAs) ? `'${target.source.shownAs}' has errors` : 'the deals to export have errors';
        throw new CliError(`${what}; fix them first (see 'playbook check')`, ExitCode.Problems);
    }
    return { target, workspace: files };
}

/**
 * The errors that stop an export: syntax errors in the file (they may have swallowed part of
 * a playbook) and errors within its playbooks; with deals, also the errors in the deals
 * exported (other than their violations) and syntax errors in the files that hold them.
 */
function exportBlockingErrors(target: ValidatedSource, files: readonly ValidatedSource[], withDeals: boolean): PlaybookDiagnostic[] {
    const playbooks = target.document.parseResult.value.elements.filter(ast.isPlaybook);
    const exported = new Set(playbooks.map(playbook => playbook.name));
    const nodes: AstNode[] = [...playbooks];
    if (withDeals) {
        for (const file of files) {
            nodes.push(...file.document.parseResult.value.elements.filter(element => ast.isDeal(element) && exported.has(element.playbook?.$refText)));
        }
    }
    const spans = new Map<LangiumDocument, Span[]>([[target.document, []]]);
    for (const node of nodes) {
        const document = AstUtils.getDocument(node);
        const list = spans.get(document) ?? [];
        if (node.$cstNode) list.push(toSpan(node.$cstNode.range));
        spans.set(document, list);
    }
    const errors: PlaybookDiagnostic[] = [];
    for (const file of files) {
        const within = spans.get(file.document);
        if (!within) continue;
        for (const diagnostic of file.diagnostics) {
            if (diagnostic.severity !== 'error' || DEAL_VIOLATION_CODES.has(diagnostic.code)) continue;
            if (diagnostic.code === IssueCodes.SyntaxError || within.some(span => contains(span, diagnostic))) {
                errors.push(diagnostic);
            }
        }
    }
    return errors.sort(compareDiagnostics);
}

/** A stretch of text in 1-based lines and columns, as diagnostics give theirs. */
interface Span { line: number; column: number; endLine: number; endColumn: number }

function toSpan(range: { start: { line: number; character: number }; end: { line: number; character: number } }): Span {
    return { line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

function contains(outer: Span, inner: Span): boolean {
    const notAfter = (line: number, column: number, endLine: number, endColumn: number): boolean => line < endLine || (line === endLine && column <= endColumn);
    return notAfter(outer.line, outer.column, inner.line, inner.column) && notAfter(inner.endLine, inner.endColumn, outer.endLine, outer.endColumn);
}
