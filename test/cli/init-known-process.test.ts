/**
 * `playbook init --from` on histories sampled from a known playbook P (test/support): the
 * draft has P's stages in P's order with P's CRM names and optional stages, checks without
 * errors, and replaying the same history against it gives no more violations than against P.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { B2B_PROCESS, generateHistory, knownPlaybook, type KnownProcess } from '../support/sampled-history.js';
import { playbook } from './cli-helpers.js';
import { ensureSimulateBuilt, type SimulateJson } from './simulate-helpers.js';

beforeAll(() => ensureSimulateBuilt());

interface Drafted {
    dir: string;
    draft: string;
    known: string;
}

function draftFrom(process: KnownProcess, seed: number, deals: number): Drafted {
    const dir = mkdtempSync(path.join(tmpdir(), 'playbook-init-'));
    writeFileSync(path.join(dir, 'history.csv'), generateHistory(process, { deals, seed }).csv);
    writeFileSync(path.join(dir, 'known.playbook'), knownPlaybook(process));
    const result = playbook(['init', '--from', 'history.csv', '-o', 'draft.playbook'], { cwd: dir });
    expect(result.stderr).toMatch(/drafted History to draft\.playbook/);
    expect(result.code).toBe(0);
    return { dir, draft: readFileSync(path.join(dir, 'draft.playbook'), 'utf8'), known: knownPlaybook(process) };
}

/** `stage` lines of a playbook text: [optional, name, first alias]. */
function stagesOf(text: string): Array<[boolean, string, string]> {
    return [...text.matchAll(/^\s*(optional )?stage (\S+) \{\s*\n\s*alias "([^"]*)"/gmu)].map(m => [m[1] !== undefined, m[2], m[3]]);
}

function violations(dir: string, file: string): { deals: number; byCode: Record<string, number>; total: number } {
    const result = playbook(['simulate', file, '--deals', 'history.csv', '--format', 'json'], { cwd: dir });
    expect(result.code, result.stderr).toBeLessThan(2);
    const json = JSON.parse(result.stdout) as SimulateJson;
    const byCode: Record<string, number> = {};
    let total = 0;
    for (const deal of json.deals) {
        for (const violation of deal.violations) {
            byCode[violation.code] = (byCode[violation.code] ?? 0) + 1;
            total++;
        }
    }
    return { deals: json.deals.length, byCode, total };
}

describe.each([1, 7, 42])('a B2B pipeline sampled into 2,000 deals (seed %i)', seed => {
    let drafted: Drafted;
    beforeAll(() => {
        drafted = draftFrom(B2B_PROCESS, seed, 2000);
    });

    it("has P's stages in P's order, with P's CRM names and P's optional stages", () => {
        expect(stagesOf(drafted.draft)).toEqual(B2B_PROCESS.stages.map(s => [s.optional === true, s.name, s.crmName]));
        expect(stagesOf(drafted.known)).toEqual(stagesOf(drafted.draft));
    });

    it('checks without errors', () => {
        const result = playbook(['check', 'draft.playbook', '--format', 'json'], { cwd: drafted.dir });
        const diagnostics = JSON.parse(result.stdout) as Array<{ severity: string; code: string }>;
        expect(diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        expect(result.code).toBe(0);
    });

    it('replays the history with no more violations than P, and the same skips', () => {
        const draft = violations(drafted.dir, 'draft.playbook');
        const known = violations(drafted.dir, 'known.playbook');
        expect(draft.deals).toBe(known.deals);
        expect(draft.total).toBeLessThanOrEqual(known.total);
        expect(draft.byCode['stage-skip'] ?? 0).toBe(known.byCode['stage-skip'] ?? 0);
        expect(draft.byCode['undeclared-reason'] ?? 0).toBe(0);
    });

    it('declares the loss reasons, the amount field and probabilities that never fall', () => {
        for (const reason of B2B_PROCESS.reasons) expect(drafted.draft).toContain(`terminate Lost "${reason}"`);
        expect(drafted.draft).toMatch(/^\s*field amount: money$/m);
        expect(drafted.draft).toMatch(/^\s*forecast amount$/m);
        const probabilities = [...drafted.draft.matchAll(/probability (\d+)%/g)].map(m => Number(m[1]));
        expect(probabilities).toHaveLength(B2B_PROCESS.stages.length);
        expect(probabilities).toEqual([...probabilities].sort((a, b) => a - b));
    });
});

describe('the time limits', () => {
    it('with --within-percentile 100 are the longest stays, and leaves no closed stay over its limit', () => {
        const dir = mkdtempSync(path.join(tmpdir(), 'playbook-init-'));
        writeFileSync(path.join(dir, 'history.csv'), generateHistory(B2B_PROCESS, { deals: 1000, seed: 3 }).csv);
        const result = playbook(['init', '--from', 'history.csv', '--within-percentile', '100', '-o', 'max.playbook'], { cwd: dir });
        expect(result.code, result.stderr).toBe(0);
        const text = readFileSync(path.join(dir, 'max.playbook'), 'utf8');
        // The longest stay the generator can draw is the top of each stage's range (plus a regression's stay, drawn again).
        const limits = [...text.matchAll(/^\s*within (\d+) days$/gm)].map(m => Number(m[1]));
        expect(limits).toEqual(B2B_PROCESS.stages.map(s => s.days[1]));
        const json = JSON.parse(playbook(['simulate', 'max.playbook', '--deals', 'history.csv', '--format', 'json'], { cwd: dir }).stdout) as SimulateJson;
        // An open deal's stay runs on to the export's last date: only closed stays are the data's.
        const closed = json.deals.filter(d => d.outcome.kind !== 'open');
        expect(closed.length).toBeGreaterThan(800);
        expect(closed.flatMap(d => d.violations).filter(v => v.code === 'sla-exceeded')).toEqual([]);
    });
});
