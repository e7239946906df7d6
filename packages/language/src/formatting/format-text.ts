/**
 * Formatting without a language server: text in, formatted text out. The CLI's
 * `playbook fmt` and the tests use this; the editor's formatter (see `PlaybookFormatter`)
 * computes the same layout.
 */
import { IssueCodes } from '@playbook/model';
import { type LangiumCoreServices, type ParseResult } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { hasSyntaxErrors } from '../parser/syntax-errors.js';
import { syntaxErrorRangesOf } from '../parser/syntax-error-ranges.js';
import { toPlaybookDiagnostic, type PlaybookDiagnostic } from '../parse-helpers.js';
import { applyGaps, layoutGaps, type Gap } from './layout.js';

/** The Playbook language services (core or LSP), or the container `{ Playbook }` that holds them. */
export type FormattingServices = LangiumCoreServices | { Playbook: LangiumCoreServices };

export type FormatTextResult =
    | { ok: true; text: string; changed: boolean }
    | { ok: false; error: 'syntax'; diagnostics: PlaybookDiagnostic[] };

/**
 * Formats a whole Playbook text in the canonical layout. A text with syntax errors is not
 * formatted: the result then carries its syntax errors (code `syntax-error`, 1-based
 * positions, `file` set to `uri`), as `playbook check` would report them.
 *
 * @param uri names the text in the diagnostics (a path or a URI); it is not read.
 */
export function formatPlaybookText(services: FormattingServices, text: string, uri = 'input.playbook'): FormatTextResult {
    const parseResult = parsePlaybook(services, text);
    const gaps = layoutOf(text, parseResult);
    if (!gaps) {
        return { ok: false, error: 'syntax', diagnostics: syntaxDiagnostics(parseResult).map(d => toPlaybookDiagnostic(d, uri)) };
    }
    const formatted = applyGaps(text, gaps);
    return { ok: true, text: formatted, changed: formatted !== text };
}

/** Whether the text is already in the canonical layout (`false` as well when it has syntax errors). */
export function isPlaybookTextFormatted(services: FormattingServices, text: string): boolean {
    const result = formatPlaybookText(services, text);
    return result.ok && !result.changed;
}

export function parsePlaybook(services: FormattingServices, text: string): ParseResult {
    const language = 'Playbook' in services ? services.Playbook : services;
    return language.parser.LangiumParser.parse(text);
}

/** The layout of every whitespace gap of `text`, or `undefined` when the text has syntax errors. */
export function layoutOf(text: string, parseResult: ParseResult): Gap[] | undefined {
    const root = parseResult.value.$cstNode?.root;
    if (hasSyntaxErrors(parseResult) || !root) return undefined;
    return layoutGaps(text, root);
}

/** The lexer and parser errors of a parse, as editor diagnostics (0-based ranges). */
export function syntaxDiagnostics(parseResult: ParseResult): Diagnostic[] {
    const diagnostics: Diagnostic[] = [];
    const ranges = syntaxErrorRangesOf(parseResult);
    const lexerErrors = [
        ...parseResult.lexerErrors,
        ...(parseResult.lexerReport?.diagnostics ?? []).filter(d => (d.severity ?? 'error') === 'error')
    ];
    for (const error of lexerErrors) {
        diagnostics.push({ severity: 1, code: IssueCodes.SyntaxError, message: error.message, range: ranges.ofLexerError(error) });
    }
    for (const error of parseResult.parserErrors) {
        diagnostics.push({ severity: 1, code: IssueCodes.SyntaxError, message: error.message, range: ranges.ofParserError(error) });
    }
    return diagnostics;
}

