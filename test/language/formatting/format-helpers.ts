/** Helpers of the formatting tests: one set of services, formatting in and out, the token stream of a text. */
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import { formatPlaybookText } from '@playbook/language';
import { createPlaybookLspServices } from '../../../packages/language/src/lsp/index.js';

export const services = createPlaybookLspServices(EmptyFileSystem);

let counter = 0;

/** The formatted text; fails when the text has syntax errors. */
export function format(text: string): string {
    const result = formatPlaybookText(services, text);
    if (!result.ok) {
        throw new Error(`syntax errors: ${result.diagnostics.map(d => `${d.line}:${d.column} ${d.message}`).join('; ')}\n${text}`);
    }
    return result.text;
}

/**
 * Every token and comment of a text, in order, as the lexer reads it (independently of the
 * formatter's own reading of the syntax tree).
 */
export function tokens(text: string): string[] {
    const lexed = services.Playbook.parser.Lexer.tokenize(text);
    if (lexed.errors.length > 0) throw new Error(`lexer errors in\n${text}`);
    return [...lexed.tokens, ...(lexed.hidden ?? [])]
        .sort((a, b) => a.startOffset - b.startOffset)
        .map(token => token.image);
}

/** A document that is not added to the workspace, as the formatter service receives it. */
export function documentOf(text: string): LangiumDocument {
    return services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`memory:///format-${counter++}.playbook`));
}

/** The text after the editor's document formatting. */
export async function formatInEditor(text: string): Promise<string> {
    const document = documentOf(text);
    const edits = await services.Playbook.lsp.Formatter!.formatDocument(document, {
        textDocument: { uri: document.uri.toString() }, options: { tabSize: 4, insertSpaces: true }
    });
    return TextDocument.applyEdits(document.textDocument, edits);
}

/** The text after the editor's range formatting. */
export async function formatRangeInEditor(text: string, range: Range): Promise<string> {
    const document = documentOf(text);
    const edits = await services.Playbook.lsp.Formatter!.formatDocumentRange(document, {
        textDocument: { uri: document.uri.toString() }, options: { tabSize: 4, insertSpaces: true }, range
    });
    return TextDocument.applyEdits(document.textDocument, edits);
}
