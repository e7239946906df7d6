/** What every quick fix is given, and how it is described to the editor. */
import type { LangiumDocument } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { PlaybookAddedServices } from '../../playbook-module.js';

export type QuickFixServices = LangiumServices & PlaybookAddedServices;

export interface FixContext {
    document: LangiumDocument;
    diagnostic: Diagnostic;
    services: QuickFixServices;
}

/** The fixes of one diagnostic code: none when the text they need is not found (a half-typed file). */
export type QuickFixer = (context: FixContext) => CodeAction[];

/**
 * A quick fix. `isPreferred` marks the fix that is clearly what the author wants (the one an
 * editor applies with "auto fix"); when several are equally plausible, none is.
 */
export function quickFix(title: string, diagnostic: Diagnostic, changes: Record<string, TextEdit[]>, isPreferred: boolean): CodeAction {
    return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred, edit: { changes } };
}

/** A quick fix whose edits are all in the diagnostic's document. */
export function localFix(context: FixContext, title: string, edits: TextEdit[], isPreferred: boolean): CodeAction {
    return quickFix(title, context.diagnostic, { [context.document.uri.toString()]: edits }, isPreferred);
}

/** The diagnostic's `data` as the validator put it there, if the editor sent it back. */
export function diagnosticData<T extends object>(diagnostic: Diagnostic): Partial<T> {
    const data: unknown = diagnostic.data;
    return data && typeof data === 'object' ? data as Partial<T> : {};
}
