/**
 * Gives Langium's built-in diagnostics (lexer, parser, linker) stable Playbook codes, so
 * that CLI output, SARIF rules and quick fixes can key on them like on any other rule.
 */
import { DefaultDocumentValidator, type LangiumDocument, type ParseResult, type ValidationOptions } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
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
    }
}

function setCode(diagnostics: Diagnostic[], from: number, code: string): void {
    for (let i = from; i < diagnostics.length; i++) {
        diagnostics[i].code = code;
    }
}
