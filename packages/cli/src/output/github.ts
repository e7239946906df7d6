/**
 * GitHub Actions workflow commands: each finding becomes an annotation on the pull request.
 * https://docs.github.com/actions/reference/workflows-and-actions/workflow-commands
 *
 * `::error file=a.playbook,line=3,col=5,endLine=3,endColumn=9,title=stage-skip::message`
 */
import type { PlaybookDiagnostic, Severity } from '@playbook/language';

const COMMANDS: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

export function formatGithub(diagnostics: readonly PlaybookDiagnostic[]): string {
    return diagnostics.map(d => {
        const properties: Array<[string, string | number]> = [['file', d.file], ['line', d.line]];
        // GitHub accepts columns only for a range within one line.
        if (d.line === d.endLine) {
            properties.push(['col', d.column]);
        }
        properties.push(['endLine', d.endLine]);
        if (d.line === d.endLine) {
            properties.push(['endColumn', d.endColumn]);
        }
        properties.push(['title', d.code]);
        const list = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
        return `::${COMMANDS[d.severity]} ${list}::${escapeData(d.message)}\n`;
    }).join('');
}

/** The runner's escaping of a command's message (what @actions/core does). */
export function escapeData(text: string): string {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value also must not contain the `:` and `,` that delimit properties. */
export function escapeProperty(text: string): string {
    return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
