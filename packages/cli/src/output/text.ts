/**
 * The format for people: one line per finding, `file:line:column severity code message`
 * (the `file:line:column` prefix is what terminals and editors make clickable), a blank line
 * between files, and a summary line.
 */
import type { PlaybookDiagnostic, Severity } from '@playbook/language';
import { countBySeverity } from '../diagnostics/summary.js';
import type { ReportContext } from './formats.js';

const RESET = '\u001b[0m';
const STYLES: Record<Severity | 'position' | 'code' | 'bold', string> = {
    error: '\u001b[31;1m',
    warning: '\u001b[33;1m',
    info: '\u001b[36m',
    hint: '\u001b[36m',
    position: '\u001b[2m',
    code: '\u001b[2m',
    bold: '\u001b[1m'
};

export function formatText(diagnostics: readonly PlaybookDiagnostic[], context: ReportContext): string {
    const paint = (style: keyof typeof STYLES, text: string): string => (context.color ? `${STYLES[style]}${text}${RESET}` : text);
    const lines: string[] = [];
    let previousFile: string | undefined;
    for (const d of diagnostics) {
        if (previousFile !== undefined && d.file !== previousFile) {
            lines.push('');
        }
        previousFile = d.file;
        // A message of several lines stays readable and never looks like a new finding.
        const message = d.message.replace(/\r?\n/g, '\n    ');
        lines.push(`${paint('bold', d.file)}${paint('position', `:${d.line}:${d.column}`)} ${paint(d.severity, d.severity)} ${paint('code', d.code)} ${message}`);
    }
    if (lines.length > 0) {
        lines.push('');
    }
    lines.push(summaryLine(diagnostics, context.filesChecked));
    return lines.join('\n') + '\n';
}

/** `2 errors, 1 warning in 3 files` (infos are counted only when there are some). */
export function summaryLine(diagnostics: readonly PlaybookDiagnostic[], filesChecked: number): string {
    const counts = countBySeverity(diagnostics);
    const parts = [plural(counts.errors, 'error'), plural(counts.warnings, 'warning')];
    if (counts.infos > 0) {
        parts.push(plural(counts.infos, 'info'));
    }
    return `${parts.join(', ')} in ${plural(filesChecked, 'file')}`;
}

function plural(count: number, noun: string): string {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
