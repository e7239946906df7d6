/**
 * The output formats of `playbook check` and what every formatter receives. This module is
 * imported at start-up (for --help and option checking), so it holds names and types only.
 */
import type { PlaybookDiagnostic } from '@playbook/language';

export const OUTPUT_FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab'] as const;
export type OutputFormat = typeof OUTPUT_FORMATS[number];

export interface ReportContext {
    /** How many files were checked (not counting siblings read only for context). */
    filesChecked: number;
    /** Whether the text output may use ANSI colours. */
    color: boolean;
    /** The directory file names are relative to (SARIF's %SRCROOT%). */
    cwd: string;
}

/** Diagnostics in, sorted by file, line and column; the complete output text out. */
export type Formatter = (diagnostics: readonly PlaybookDiagnostic[], context: ReportContext) => string;
