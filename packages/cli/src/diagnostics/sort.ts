/**
 * The one order of findings in every output: by file, line, column (then the rest, so that
 * two findings at the same place still come out the same way on every run).
 * Strings compare by code unit, not by locale, so the order does not depend on the machine.
 */
import type { PlaybookDiagnostic } from '@playbook/language';

export function compareDiagnostics(a: PlaybookDiagnostic, b: PlaybookDiagnostic): number {
    return compareStrings(a.file, b.file)
        || a.line - b.line
        || a.column - b.column
        || a.endLine - b.endLine
        || a.endColumn - b.endColumn
        || compareStrings(a.code, b.code)
        || compareStrings(a.message, b.message);
}

function compareStrings(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
