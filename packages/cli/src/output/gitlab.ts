/**
 * GitLab Code Quality: the JSON array a job declares as `artifacts: reports: codequality`, which
 * GitLab shows in the merge request widget, the changes view and the pipeline's Code Quality
 * tab. https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format
 *
 * `[{"description", "check_name", "fingerprint", "severity", "location": {"path", "lines": {"begin", "end"}}}]`
 *
 * GitLab keys findings by fingerprint: two findings with one fingerprint are shown as one, and
 * the merge request widget tells a finding as new or resolved by comparing the fingerprints of
 * the source and target branches. So a fingerprint is unique within a report and does not
 * depend on the line: it hashes the file, the check and the message, and, for findings alike
 * in all three, their rank in the file. A finding keeps its fingerprint when lines are added
 * or removed above it.
 */
import type { PlaybookDiagnostic, Severity } from '@playbook/language';

export type GitlabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

/** An error fails the build: `major`, as linters' GitLab formats rank errors; a warning is `minor`. */
const SEVERITIES: Record<Severity, GitlabSeverity> = { error: 'major', warning: 'minor', info: 'info', hint: 'info' };

export interface GitlabIssue {
    description: string;
    check_name: string;
    fingerprint: string;
    severity: GitlabSeverity;
    location: { path: string; lines: { begin: number; end?: number } };
}

export function formatGitlab(diagnostics: readonly PlaybookDiagnostic[]): string {
    const seen = new Map<string, number>();
    const issues = diagnostics.map((d): GitlabIssue => {
        const identity = [d.file, d.code, d.message];
        const key = JSON.stringify(identity);
        const rank = seen.get(key) ?? 0;
        seen.set(key, rank + 1);
        return {
            description: d.message,
            check_name: d.code,
            fingerprint: fingerprint([...identity, String(rank)]),
            severity: SEVERITIES[d.severity],
            location: { path: d.file, lines: { begin: d.line, end: d.endLine } }
        };
    });
    return gitlabReport(issues);
}

/** The report text: GitLab's parser refuses a byte-order mark, and JSON.stringify writes none. */
export function gitlabReport(issues: readonly GitlabIssue[]): string {
    return JSON.stringify(issues, null, 2) + '\n';
}

/** 32 hexadecimal digits (the length of the MD5 hashes GitLab's documentation shows) of a SHA-256. */
export function fingerprint(parts: readonly string[]): string {
    return crypto().createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

/**
 * node:crypto, loaded when a report is written: it takes milliseconds to load, and this module
 * is part of the start-up bundle (a failure document may need it), whose start-up time is a
 * product target. `require` is the CommonJS bundle's, for a Node 22 older than 22.3.
 */
function crypto(): typeof import('node:crypto') {
    return typeof process.getBuiltinModule === 'function'
        ? process.getBuiltinModule('node:crypto')
        : require('node:crypto') as typeof import('node:crypto');
}
