/**
 * `--format gitlab`: a GitLab Code Quality report, valid both against the shape GitLab documents
 * and against the schema GitLab's own parser checks every entry with (gitlab-schemas.ts).
 */
import { describe, expect, it } from 'vitest';
import { GATE_NOT_MET, playbook, tempTree, VALID } from './cli-helpers.js';
import { documentedReport as documented, expectValidGitlabReport as expectValidReport, parserEntry as parser } from './gitlab-schemas.js';

function gitlabOf(files: Record<string, string>, args: string[]) {
    const dir = tempTree(files);
    const result = playbook(['check', ...args, '--format', 'gitlab'], { cwd: dir });
    return { result, report: expectValidReport(result.stdout) };
}

/** GATE_NOT_MET with three lines above: the same finding, two lines lower. */
const SHIFTED = `// Pipeline of the inbound team.\n// Owner: sales ops.\n\n${GATE_NOT_MET}`;

describe('playbook check --format gitlab', () => {
    it('the schemas themselves reject a broken report', () => {
        const good = { description: 'd', check_name: 'c', fingerprint: 'f', severity: 'major', location: { path: 'a.playbook', lines: { begin: 1 } } };
        expect(documented([good])).toBe(true);
        expect(documented({ ...good })).toBe(false);
        expect(documented([{ ...good, severity: 'error' }])).toBe(false);
        expect(documented([{ ...good, check_name: undefined }])).toBe(false);
        expect(documented([{ ...good, location: { path: 'a.playbook' } }])).toBe(false);
        expect(documented([{ ...good, location: { path: './a.playbook', lines: { begin: 1 } } }])).toBe(false);
        expect(documented([{ ...good, location: { path: 'a.playbook', positions: { begin: { line: 0 } } } }])).toBe(false);
        expect(parser({ ...good, fingerprint: undefined })).toBe(false);
        expect(parser({ ...good, location: { path: 'a.playbook', lines: { begin: '1' } } })).toBe(false);
    });

    it('reports an error as a major issue with the code as check name, at its file and lines (exit 1)', () => {
        const { result, report } = gitlabOf({ 'deal.playbook': GATE_NOT_MET }, ['deal.playbook']);
        expect(result.code).toBe(1);
        expect(report).toEqual([{
            description: expect.stringMatching(/^Leaves A while .*task T is not done/),
            check_name: 'gate-not-met',
            fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
            severity: 'major',
            location: { path: 'deal.playbook', lines: { begin: 8, end: 8 } }
        }]);
    });

    it('is an empty array for a clean file, and maps warnings and infos to minor and info', () => {
        const clean = gitlabOf({ 'ok.playbook': VALID }, ['ok.playbook']);
        expect(clean.result.code).toBe(0);
        expect(clean.report).toEqual([]);

        const text = VALID.replace('field budget: money', 'field budget: money\n  field notes: text').replace('task T required', 'task T required  task Extra');
        const { result, report } = gitlabOf({ 'w.playbook': text }, ['w.playbook']);
        expect(result.code).toBe(0);
        expect(Object.fromEntries(report.map(i => [i.check_name, i.severity]))).toEqual({ 'unused-field': 'minor', 'unused-task': 'info' });
    });

    it('names files by their path in the repository: relative, with / and the characters as they are', () => {
        const { report } = gitlabOf({ 'my deals/商机 #1.playbook': GATE_NOT_MET }, ['my deals']);
        expect(report.map(i => i.location.path)).toEqual(['my deals/商机 #1.playbook']);
    });

    it('gives every finding of many kinds its own fingerprint, the same on every run', () => {
        const first = playbook(['check', 'test/fixtures/invalid', '--format', 'gitlab']);
        expect(first.code).toBe(1);
        const report = expectValidReport(first.stdout);
        expect(report.length).toBeGreaterThan(20);
        // GitLab keys findings by fingerprint: a duplicate would hide a finding.
        expect(new Set(report.map(i => i.fingerprint)).size).toBe(report.length);
        // Findings alike in file, check and message (the fixture has two) are told apart.
        const alike = report.filter(i => i.check_name === 'condition-not-boolean' && i.description.includes('this is money'));
        expect(alike).toHaveLength(2);
        expect(alike[0].fingerprint).not.toBe(alike[1].fingerprint);

        const second = playbook(['check', 'test/fixtures/invalid', '--format', 'gitlab']);
        expect(second.stdout).toBe(first.stdout);
    });

    it('keeps a finding\'s fingerprint when lines are added above it, and tells files apart', () => {
        const before = gitlabOf({ 'deal.playbook': GATE_NOT_MET }, ['deal.playbook']).report;
        const after = gitlabOf({ 'deal.playbook': SHIFTED }, ['deal.playbook']).report;
        expect(after[0].location.lines.begin).toBe(before[0].location.lines.begin + 3);
        expect(after[0].fingerprint).toBe(before[0].fingerprint);

        const elsewhere = gitlabOf({ 'other.playbook': GATE_NOT_MET }, ['other.playbook']).report;
        expect(elsewhere[0].description).toBe(before[0].description);
        expect(elsewhere[0].fingerprint).not.toBe(before[0].fingerprint);
    });
});
