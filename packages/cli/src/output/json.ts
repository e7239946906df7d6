/**
 * The format for machines: exactly a JSON array of
 * `{file, line, column, endLine, endColumn, severity, code, message}` (1-based), in a fixed
 * key order, whatever else a diagnostic might carry.
 */
import type { PlaybookDiagnostic } from '@playbook/language';

export function formatJson(diagnostics: readonly PlaybookDiagnostic[]): string {
    const plain = diagnostics.map(d => ({
        file: d.file,
        line: d.line,
        column: d.column,
        endLine: d.endLine,
        endColumn: d.endColumn,
        severity: d.severity,
        code: d.code,
        message: d.message
    }));
    return JSON.stringify(plain, null, 2) + '\n';
}
