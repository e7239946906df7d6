/**
 * What is read beside the files named: only the playbooks their deals follow (and, for
 * `export --with-deals` and `simulate`, the deals that follow their playbooks), said on
 * stderr; never an error of, or because of, a file the user did not name.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PIPELINE, PIPELINE_DEALS, playbook, tempTree, VALID } from './cli-helpers.js';

type Finding = { file: string; code: string; line: number; message: string };
const findings = (stdout: string): Finding[] => JSON.parse(stdout) as Finding[];

/** Many small playbooks: a large file that has nothing the named files need. */
function unrelatedPlaybooks(count: number): string {
    return Array.from({ length: count }, (_, i) => `playbook Other${i} {\n  stage A\n  stage B\n}\n`).join('');
}

describe('which files beside are read, and why', () => {
    it('a file of deals: only the file that declares its playbook, named on stderr with the reason', () => {
        const dir = tempTree({
            'deals.playbook': PIPELINE_DEALS,
            'pipeline.playbook': PIPELINE,
            'archive.playbook': unrelatedPlaybooks(2000),
            'draft.playbook': 'playbook Draft { stage A  gate G { requires Nope } }\n'
        });
        const result = playbook(['check', 'deals.playbook'], { cwd: dir });
        expect(result.stderr).toBe("playbook: read playbook Pipeline from 'pipeline.playbook' (the deals of 'deals.playbook' follow it)\n");
        expect(result.stdout).toBe('0 errors, 0 warnings in 1 file\n');
        expect(result.code).toBe(0);
    });

    it('a file that needs nothing from beside it reads nothing beside it', () => {
        const dir = tempTree({ 'ok.playbook': VALID, 'archive.playbook': unrelatedPlaybooks(2000), 'pipeline.playbook': PIPELINE });
        const result = playbook(['check', 'ok.playbook'], { cwd: dir });
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
    });

    it('v1.playbook copied to v2.playbook: v1 checked alone is not a duplicate of its copy', () => {
        const dir = tempTree({ 'v1.playbook': VALID, 'v2.playbook': VALID });
        const alone = playbook(['check', 'v1.playbook', '--format', 'json'], { cwd: dir });
        expect(findings(alone.stdout)).toEqual([]);
        expect(alone.stderr).toBe('');
        expect(alone.code).toBe(0);
        // Both named: both declare P and D, which is the user's to fix.
        const both = playbook(['check', 'v1.playbook', 'v2.playbook', '--format', 'json'], { cwd: dir });
        expect(both.code).toBe(1);
        expect(new Set(findings(both.stdout).map(f => f.code))).toEqual(new Set(['duplicate-name']));
    });

    it('a playbook declared in two files beside: the first by name is read, and said', () => {
        const dir = tempTree({ 'deals.playbook': PIPELINE_DEALS, 'pipeline-v1.playbook': PIPELINE, 'pipeline-v2.playbook': PIPELINE });
        const result = playbook(['check', 'deals.playbook'], { cwd: dir });
        expect(result.stderr).toBe("playbook: read playbook Pipeline from 'pipeline-v1.playbook' (the deals of 'deals.playbook' follow it)\n");
        expect(result.code).toBe(0);
    });

    it('of a file beside, only the playbook needed is read: its other declarations are no duplicates, its errors no errors', () => {
        const beside = `playbook Broken { stage A  gate G { requires Nope } }\n${PIPELINE}deal Acme for Pipeline {\n  2026-01-01 enter Won\n}\n`;
        const named = `${PIPELINE_DEALS}playbook Broken {\n  stage A\n}\n`;
        const dir = tempTree({ 'deals.playbook': named, 'shared.playbook': beside });
        const result = playbook(['check', 'deals.playbook', '--format', 'json'], { cwd: dir });
        expect(findings(result.stdout)).toEqual([]);
        expect(result.code).toBe(0);
    });

    it('a file beside that is not text is skipped: it cannot be a playbook', () => {
        const dir = tempTree({ 'deals.playbook': PIPELINE_DEALS, 'a-binary.playbook': Buffer.from([0, 1, 2, 3, 0x50, 0x69, 0x70, 0x65, 0x6c, 0x69, 0x6e, 0x65]), 'pipeline.playbook': PIPELINE });
        const result = playbook(['check', 'deals.playbook'], { cwd: dir });
        expect(result.code).toBe(0);
        expect(result.stderr).toBe("playbook: read playbook Pipeline from 'pipeline.playbook' (the deals of 'deals.playbook' follow it)\n");
    });

    it('deals read beside a playbook keep their lines: simulate reports them where they are written', () => {
        const deals = `playbook Unrelated {\n  stage A\n}\n\n${PIPELINE_DEALS}`;
        const dir = tempTree({ 'pipeline.playbook': PIPELINE, 'deals.playbook': deals });
        const result = playbook(['simulate', 'pipeline.playbook', '--format', 'json'], { cwd: dir });
        expect(result.stderr).toBe("playbook: read 1 deal from 'deals.playbook' (they follow playbook Pipeline)\n");
        expect(result.code).toBe(0);
        const output = JSON.parse(result.stdout) as { deals: Array<{ deal: string; source: { file: string; line: number } }> };
        expect(output.deals.map(d => [d.deal, d.source.file, d.source.line])).toEqual([['Acme', 'deals.playbook', 5]]);
    });

    it('export --with-deals: the deals beside that follow the playbook, said', () => {
        const dir = tempTree({ 'pipeline.playbook': PIPELINE, 'deals.playbook': PIPELINE_DEALS, 'other.playbook': unrelatedPlaybooks(3) });
        const result = playbook(['export', 'pipeline.playbook', '--with-deals'], { cwd: dir });
        expect(result.code, result.stderr).toBe(0);
        expect(result.stderr).toBe("playbook: read 1 deal from 'deals.playbook' (they follow playbook Pipeline)\n");
        expect(JSON.parse(result.stdout).deals.map((d: { name: string }) => d.name)).toEqual(['Acme']);
        // Without deals nothing beside is needed.
        expect(playbook(['export', 'pipeline.playbook'], { cwd: dir }).stderr).toBe('');
    });

    it('a large file beside that declares what a deal needs is read once, and only that declaration counts', () => {
        const dir = tempTree({ 'deals.playbook': PIPELINE_DEALS });
        writeFileSync(path.join(dir, 'all.playbook'), `${unrelatedPlaybooks(20_000)}${PIPELINE}playbook Other5 { }\n`);
        const result = playbook(['check', 'deals.playbook', '--format', 'json'], { cwd: dir });
        expect(findings(result.stdout)).toEqual([]);
        expect(result.stderr).toBe("playbook: read playbook Pipeline from 'all.playbook' (the deals of 'deals.playbook' follow it)\n");
    });
});
