/**
 * The whole of Maven Analytics' sales_pipeline.csv (8,800 real opportunities; see
 * test/fixtures/crm/README.md) replayed by the built command, every figure checked against a
 * count made here from the raw rows, without the reader: outcomes, the funnel, late starts,
 * cycle-time medians and 90th percentiles, days in stage, the as-of date and the forecast.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { playbook, repoRoot } from './cli-helpers.js';
import { ensureSimulateBuilt, fixtures, type SimulateJson } from './simulate-helpers.js';

beforeAll(() => ensureSimulateBuilt());

const file = path.join(repoRoot, 'test/fixtures/crm/sales-pipeline-full.csv');
// The file has no quoted fields: a split by hand is the independent reading.
const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/);
const header = lines[0].split(',');
const rows = lines.slice(1).map(line => Object.fromEntries(line.split(',').map((cell, i) => [header[i], cell])));
const day = (iso: string): number => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;
const percentile = (values: number[], p: number): number => {
    const sorted = values.slice().sort((a, b) => a - b);
    const h = (sorted.length - 1) * p;
    return sorted[Math.floor(h)] + (h - Math.floor(h)) * (sorted[Math.ceil(h)] - sorted[Math.floor(h)]);
};
const withStage = (stage: string) => rows.filter(r => r.deal_stage === stage);

type Report = NonNullable<SimulateJson['report']> & {
    asOf: string; lateStarts: { deals: number; byStage: Array<{ stage: string | null; deals: number }> };
    funnel: Array<{ stage: string; reached: number; startedLater: number; skipped: number; days: { count: number; median: number | null }; pendingDays: { count: number; median: number | null } }>;
    cycleTime: { closed: { count: number; median: number; p90: number }; won: { count: number; median: number; p90: number } };
};

describe('sales_pipeline.csv, all 8,800 rows', () => {
    let output: SimulateJson;
    let report: Report;
    let code: number | null;
    beforeAll(() => {
        const result = playbook(['simulate', 'sales-pipeline.playbook', '--deals', file, '--format', 'json'], { cwd: fixtures });
        code = result.code;
        output = JSON.parse(result.stdout) as SimulateJson;
        report = output.report as Report;
    });

    it('replays every row as a deal, with no violation and no input problem (exit 0)', () => {
        expect(code).toBe(0);
        expect(rows).toHaveLength(8800);
        expect(output.summary).toEqual({ deals: 8800, dealsWithViolations: 0, errors: 0, stopped: false, interrupted: false });
    });

    it('won 4,238, lost 2,473, open 2,089, as the deal_stage column says', () => {
        expect([withStage('Won').length, withStage('Lost').length, withStage('Prospecting').length + withStage('Engaging').length]).toEqual([4238, 2473, 2089]);
        expect(report.outcomes).toEqual({ won: 4238, terminated: 2473, open: 2089, byOutcome: { Lost: 2473 } });
        expect(report.won.value).toBe(withStage('Won').reduce((sum, r) => sum + Number(r.close_value), 0));
        const outcomeOf = new Map(output.deals.map(d => [d.deal, d.outcome.kind === 'terminated' ? d.outcome.outcome : d.outcome.kind]));
        for (const row of rows) {
            expect(outcomeOf.get(row.opportunity_id), row.opportunity_id).toBe(row.deal_stage === 'Won' ? 'won' : row.deal_stage === 'Lost' ? 'Lost' : 'open');
        }
    });

    it('the funnel: Prospecting reached only by the deals the export shows there; the others start late, at Engaging', () => {
        const engaged = rows.filter(r => r.engage_date !== '').length;
        expect(engaged).toBe(8300);
        expect(report.funnel.map(s => [s.stage, s.reached, s.startedLater, s.skipped])).toEqual([
            ['Prospecting', 500, engaged, 0],
            ['Engaging', engaged, 0, 0]
        ]);
        expect(report.lateStarts).toEqual({ deals: engaged, byStage: [{ stage: 'Engaging', deals: engaged }] });
        // No Prospecting stay has a date: its time is unknown, not 0.
        expect(report.funnel[0].days).toMatchObject({ count: 0, median: null });
    });

    it('cycle times: engage date to close date, medians and 90th percentiles as the rows give them', () => {
        const closed = rows.filter(r => r.close_date !== '');
        const cycles = closed.map(r => day(r.close_date) - day(r.engage_date));
        const wonCycles = closed.filter(r => r.deal_stage === 'Won').map(r => day(r.close_date) - day(r.engage_date));
        expect(report.cycleTime.closed).toMatchObject({ count: 6711, median: percentile(cycles, 0.5), p90: percentile(cycles, 0.9) });
        expect(report.cycleTime.won).toMatchObject({ count: 4238, median: percentile(wonCycles, 0.5), p90: percentile(wonCycles, 0.9) });
        expect(report.funnel[1].days).toMatchObject({ count: 6711, median: percentile(cycles, 0.5) });
    });

    it('open deals are judged as of the latest date in the export; their days in Engaging run to it', () => {
        const latest = rows.flatMap(r => [r.engage_date, r.close_date]).filter(d => d !== '').sort().at(-1)!;
        expect(latest).toBe('2017-12-31');
        expect(report.asOf).toBe(latest);
        const open = withStage('Engaging').map(r => day(latest) - day(r.engage_date));
        expect(report.funnel[1].pendingDays).toMatchObject({ count: 1589, median: percentile(open, 0.5) });
        // The 500 Prospecting deals have no date: no days in stage at all.
        expect(report.funnel[0].pendingDays.count).toBe(0);
    });

    it('the forecast: wins from the stage probabilities, and no value (no open deal has an amount)', () => {
        expect(report.forecast.deals).toBe(2089);
        expect(report.forecast.expectedWins).toBeCloseTo(500 * 0.1 + 1589 * 0.4, 9);
        expect(report.forecast.dealsWithoutAmount).toBe(2089);
    });
});
