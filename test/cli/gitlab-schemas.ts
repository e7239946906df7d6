/**
 * What GitLab accepts as a Code Quality report: the shape its documentation gives (the whole
 * array) and the schema its own parser checks every entry with (an entry that fails it stops
 * the parsing of the rest of the report). See test/fixtures/schemas/README.md.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { expect } from 'vitest';
import { repoRoot } from './cli-helpers.js';

export interface GitlabIssue {
    description: string;
    check_name: string;
    fingerprint: string;
    severity: string;
    location: { path: string; lines: { begin: number; end?: number } };
}

function schema(name: string): Record<string, unknown> {
    return JSON.parse(readFileSync(`${repoRoot}test/fixtures/schemas/${name}`, 'utf8')) as Record<string, unknown>;
}

const ajv = new Ajv({ allErrors: true, strict: false });
export const documentedReport = ajv.compile(schema('gitlab-code-quality-report.schema.json'));
export const parserEntry = ajv.compile(schema('gitlab-codeclimate.json'));

/** The report parsed, after checking that it is exactly what GitLab accepts. */
export function expectValidGitlabReport(stdout: string): GitlabIssue[] {
    // GitLab's parser refuses a byte-order mark.
    expect(stdout.charCodeAt(0)).not.toBe(0xfeff);
    const report = JSON.parse(stdout) as GitlabIssue[];
    expect(documentedReport(report), JSON.stringify(documentedReport.errors, null, 2)).toBe(true);
    for (const issue of report) {
        expect(parserEntry(issue), JSON.stringify(parserEntry.errors, null, 2)).toBe(true);
    }
    return report;
}
