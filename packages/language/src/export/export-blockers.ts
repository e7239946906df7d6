/**
 * Whether a file can be exported, for `playbook export` and the language server alike. A
 * playbook with errors is not exported: its model would say something the author did not
 * write. A deal that broke a rule of its playbook is different: it is a record of what
 * happened (`check` reports it, the export holds it as it is), so the violations found by
 * replaying deals never stop an export. Only with the deals do the deals' other errors (an
 * unknown stage, a date not on the calendar) stop it.
 */
import type { LangiumDocument } from 'langium';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import * as ast from '../generated/ast.js';
import { DEAL_VIOLATION_CODES, IssueCodes } from '@playbook/model';

export interface ExportBlocker {
    /** The document the error is in: the exported one, or one that holds deals exported with it. */
    document: LangiumDocument<ast.Document>;
    diagnostic: Diagnostic;
}

/**
 * The errors that stop the export of `target`: syntax errors in it (they may have swallowed
 * part of a playbook) and errors within its playbooks; with deals, also the errors in the
 * deals exported (other than their violations) and syntax errors in the documents that hold
 * them. `documents`: the validated documents the deals may come from (`target` among them);
 * their `diagnostics` are read.
 */
export function exportBlockers(target: LangiumDocument<ast.Document>, documents: readonly LangiumDocument<ast.Document>[], withDeals: boolean): ExportBlocker[] {
    const playbooks = target.parseResult.value.elements.filter(ast.isPlaybook);
    const exported = new Set(playbooks.map(playbook => playbook.name));
    const spans = new Map<LangiumDocument, Range[]>([[target, spansOf(playbooks)]]);
    if (withDeals) {
        for (const document of documents) {
            const deals = document.parseResult.value.elements.filter(element => ast.isDeal(element) && exported.has(element.playbook?.$refText));
            if (deals.length > 0) spans.set(document, [...(spans.get(document) ?? []), ...spansOf(deals)]);
        }
    }
    const blockers: ExportBlocker[] = [];
    const seen = new Set<LangiumDocument>();
    for (const document of [target, ...documents]) {
        const within = spans.get(document);
        if (!within || seen.has(document)) continue;
        seen.add(document);
        for (const diagnostic of document.diagnostics ?? []) {
            if ((diagnostic.severity ?? 1) !== 1 || DEAL_VIOLATION_CODES.has(String(diagnostic.code))) continue;
            if (diagnostic.code === IssueCodes.SyntaxError || within.some(span => contains(span, diagnostic.range))) {
                blockers.push({ document, diagnostic });
            }
        }
    }
    return blockers;
}

function spansOf(nodes: ReadonlyArray<ast.Playbook | ast.Deal>): Range[] {
    return nodes.flatMap(node => (node.$cstNode ? [node.$cstNode.range] : []));
}

function contains(outer: Range, inner: Range): boolean {
    const notAfter = (a: Range['start'], b: Range['start']): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
    return notAfter(outer.start, inner.start) && notAfter(inner.end, outer.end);
}
