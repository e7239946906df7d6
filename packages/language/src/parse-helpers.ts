/**
 * Core-only entry points for tools and tests: texts in, validated documents and plain
 * diagnostics out, without a language server.
 */
import { URI, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type * as ast from './generated/ast.js';
import type { PlaybookCoreServices } from './playbook-module.js';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** One finding, 1-based lines and columns, as `playbook check --format json` prints it. */
export interface PlaybookDiagnostic {
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    severity: Severity;
    code: string;
    message: string;
}

export interface SourceText {
    /** A URI string (`file:///…`) or an absolute file path. */
    uri: string;
    text: string;
}

export interface ValidatedDocument {
    document: LangiumDocument<ast.Document>;
    diagnostics: Diagnostic[];
}

/**
 * Adds the texts to the workspace, links them together (a deal may name a playbook of
 * another text) and validates them. Returns the documents in the order given.
 */
export async function validateTexts(services: PlaybookCoreServices, sources: readonly SourceText[]): Promise<ValidatedDocument[]> {
    const factory = services.shared.workspace.LangiumDocumentFactory;
    const documents = services.shared.workspace.LangiumDocuments;
    const created = sources.map(source => {
        const uri = source.uri.includes('://') ? URI.parse(source.uri) : URI.file(source.uri);
        const document = factory.fromString<ast.Document>(source.text, uri);
        documents.addDocument(document);
        return document;
    });
    await services.shared.workspace.DocumentBuilder.build(created, { validation: true });
    return created.map(document => ({ document, diagnostics: document.diagnostics ?? [] }));
}

/** Parses, links and validates one text on its own. */
export async function validateText(services: PlaybookCoreServices, text: string, uri = `memory:///input-${counter++}.playbook`): Promise<ValidatedDocument> {
    const [result] = await validateTexts(services, [{ uri, text }]);
    return result;
}
let counter = 0;

const SEVERITIES: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

export function toPlaybookDiagnostic(diagnostic: Diagnostic, file: string): PlaybookDiagnostic {
    return {
        file,
        line: diagnostic.range.start.line + 1,
        column: diagnostic.range.start.character + 1,
        endLine: diagnostic.range.end.line + 1,
        endColumn: diagnostic.range.end.character + 1,
        severity: SEVERITIES[diagnostic.severity ?? 1] ?? 'error',
        code: String(diagnostic.code ?? 'unknown'),
        message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value
    };
}
