/**
 * `--format json|sarif|github|gitlab` promise a document on stdout: when the run cannot be done
 * (exit 2) the document is still written, so that a CI step parsing or uploading it reports
 * the failure instead of breaking on empty output.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { playbook, repoRoot, tempTree, VALID } from './cli-helpers.js';
import { expectValidGitlabReport } from './gitlab-schemas.js';

const require = createRequire(import.meta.url);
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

/** The official SARIF 2.1.0 schema, read as draft-07 (see sarif-output.test.ts). */
function sarifValidator() {
    const { id, ...schema } = JSON.parse(readFileSync(`${repoRoot}test/fixtures/schemas/sarif-schema-2.1.0.json`, 'utf8')) as { id: string } & Record<string, unknown>;
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    return ajv.compile({ ...schema, $schema: 'http://json-schema.org/draft-07/schema#', $id: id });
}

/** Ways a check cannot be done, each with the file it is about ('' for none). */
const FAILURES: Array<[string, string[], string, string]> = [
    ['a missing file', ['check', 'missing.playbook'], 'missing.playbook', 'unreadable-input'],
    ['a binary file', ['check', 'binary.playbook'], 'binary.playbook', 'unreadable-input'],
    ['a glob that matches nothing', ['check', 'nowhere/*.playbook'], '', 'usage-error'],
    ['an unknown option', ['check', 'ok.playbook', '--bogus'], '', 'usage-error'],
    ['no paths at all', ['check'], '', 'usage-error']
];

const files = { 'ok.playbook': VALID, 'binary.playbook': Buffer.from([0, 1, 2, 3, 4, 5, 0, 0xff]) };

describe('check --format json when the check cannot be done', () => {
    it.each(FAILURES)('%s: one entry naming the failure (exit 2)', (_name, args, file, code) => {
        const result = playbook([...args, '--format', 'json'], { cwd: tempTree(files) });
        expect(result.code).toBe(2);
        const entries = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
        expect(entries).toEqual([{ file, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', code, message: expect.any(String) }]);
        // The same words as on stderr.
        expect(result.stderr).toContain(entries[0].message as string);
    });

    it('-f json and --format=json before the command\'s arguments are understood too', () => {
        for (const format of [['-f', 'json'], ['--format=json']]) {
            const result = playbook(['check', ...format, 'missing.playbook'], { cwd: tempTree(files) });
            expect(result.code).toBe(2);
            expect(JSON.parse(result.stdout)[0].code).toBe('unreadable-input');
        }
    });
});

describe('check --format sarif when the check cannot be done', () => {
    const validate = sarifValidator();
    it.each(FAILURES)('%s: valid SARIF, executionSuccessful false, the message as a notification', (_name, args, file, code) => {
        const result = playbook([...args, '--format', 'sarif'], { cwd: tempTree(files) });
        expect(result.code).toBe(2);
        const log = JSON.parse(result.stdout);
        expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
        const run = log.runs[0];
        expect(run.results).toEqual([]);
        expect(run.invocations).toEqual([{
            executionSuccessful: false,
            exitCode: 2,
            toolExecutionNotifications: [{
                level: 'error', message: { text: expect.any(String) }, descriptor: { id: code },
                ...(file ? { locations: [{ physicalLocation: { artifactLocation: { uri: file, uriBaseId: '%SRCROOT%' } } }] } : {})
            }]
        }]);
    });
});

describe('check --format gitlab when the check cannot be done', () => {
    it.each(FAILURES)('%s: a valid Code Quality report of one blocker issue naming the failure (exit 2)', (_name, args, file, code) => {
        const result = playbook([...args, '--format', 'gitlab'], { cwd: tempTree(files) });
        expect(result.code).toBe(2);
        const report = expectValidGitlabReport(result.stdout);
        expect(report).toEqual([{
            description: expect.any(String), check_name: code, fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
            severity: 'blocker', location: { path: file, lines: { begin: 1 } }
        }]);
        expect(result.stderr).toContain(report[0].description);
    });
});

describe('other formats when the run cannot be done', () => {
    it('check --format github: an ::error workflow command', () => {
        const result = playbook(['check', 'missing.playbook', '--format', 'github'], { cwd: tempTree(files) });
        expect(result.code).toBe(2);
        expect(result.stdout).toBe("::error file=missing.playbook,title=unreadable-input::cannot read 'missing.playbook': no such file\n");
    });

    it('check --format text: nothing on stdout, the message on stderr', () => {
        const result = playbook(['check', 'missing.playbook'], { cwd: tempTree(files) });
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toBe("playbook: cannot read 'missing.playbook': no such file\n");
    });

    it('simulate --format json: the usual document, no deals, the error, stopped', () => {
        const result = playbook(['simulate', 'missing.playbook', '--format', 'json'], { cwd: tempTree(files) });
        expect(result.code).toBe(2);
        expect(JSON.parse(result.stdout)).toEqual({
            deals: [], report: null, reports: [],
            errors: [{ file: 'missing.playbook', message: "cannot read 'missing.playbook': no such file", fatal: true }],
            summary: { deals: 0, dealsWithViolations: 0, errors: 1, stopped: true, interrupted: false }
        });
    });

    it('a run that did write its document is not given a second one', () => {
        const result = playbook(['check', 'ok.playbook', '--format', 'json'], { cwd: tempTree(files) });
        expect(result.code).toBe(0);
        expect(JSON.parse(result.stdout)).toEqual([]);
    });
});
