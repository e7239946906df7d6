/**
 * Gives Langium's built-in diagnostics (lexer, parser, linker) stable Playbook codes, so
 * that CLI output, SARIF rules and quick fixes can key on them like on any other rule.
 */
import { DefaultDocumentValidator, type LangiumDocument, type ParseResult, type ValidationOptions } from 'langium';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import * as ast from '../generated/ast.js';
import { IssueCodes } from '../issue-codes.js';

export class PlaybookDocumentValidator extends DefaultDocumentValidator {
    protected override processLexingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const start = diagnostics.length;
        super.processLexingErrors(parseResult, diagnostics, options);
        setCode(diagnostics, start, IssueCodes.SyntaxError);
    }

    protected override processParsingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const start = diagnostics.length;
        super.processParsingErrors(parseResult, diagnostics, options);
        setCode(diagnostics, start, IssueCodes.SyntaxError);
    }

    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const start = diagnostics.length;
        super.processLinkingErrors(document, diagnostics, options);
        setCode(diagnostics, start, IssueCodes.UnresolvedReference);
        // A deal whose playbook is unknown cannot resolve any of its names: report only the playbook.
        const orphanRanges = orphanDealEventRanges(document);
        if (orphanRanges.length > 0) {
            const kept = diagnostics.slice(start).filter(d => !orphanRanges.some(range => contains(range, d.range)));
            diagnostics.splice(start, diagnostics.length - start, ...kept);
        }
    }
}

function orphanDealEventRanges(document: LangiumDocument): Range[] {
    const root = document.parseResult.value as ast.Document;
    return (root.elements ?? [])
        .filter((element): element is ast.Deal => ast.isDeal(element) && !element.playbook?.ref)
        .flatMap(deal => deal.events.map(event => event.$cstNode?.range).filter((r): r is Range => r !== undefined));
}

function contains(outer: Range, inner: Range): boolean {
    const before = (a: Range['start'], b: Range['start']): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
    return before(outer.start, inner.start) && before(inner.end, outer.end);
}

function setCode(diagnostics: Diagnostic[], from: number, code: string): void {
    for (let i = from; i < diagnostics.length; i++) {
        diagnostics[i].code = code;
    }
}
