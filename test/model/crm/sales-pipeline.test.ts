/**
 * 200 real opportunities (test/fixtures/crm/sales-pipeline-sample.csv, see its README for the
 * source) read, replayed and aggregated against a playbook written for them; every expected
 * number is computed here from the raw rows, without the reader.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compilePlaybook, DealAggregator, simulateDeal, type DealResult, type PlaybookModel } from '@playbook/model';
import { collect, fixture } from './crm-test-helpers.js';

const pipeline: PlaybookModel = {
    name: 'Pipeline',
    forbidRegressions: true,
    fields: [],
    stages: [
        { name: 'Prospecting', optional: false, probability: 10, aliases: [], tasks: [], gates: [] },
        { name: 'Engaging', optional: false, probability: 40, aliases: [], tasks: [], gates: [] }
    ],
    terminations: [{ outcome: 'Lost', reason: 'Lost to a competitor or no decision', from: [] }]
};

// The raw rows, split by hand: this file has no quoted fields.
const lines = readFileSync(fixture('sales-pipeline-sample.csv'), 'utf8').trim().split('\n');
const header = lines[0].split(',');
const rows = lines.slice(1).map(line => Object.fromEntries(line.split(',').map((cell, i) => [header[i], cell])));
const withStage = (stage: string) => rows.filter(r => r.deal_stage === stage);
const day = (iso: string): number => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;
const closedDays = rows.filter(r => r.close_date !== '').map(r => day(r.close_date) - day(r.engage_date)).sort((a, b) => a - b);
/** Linear interpolation between closest ranks (Excel PERCENTILE.INC), written out again here. */
const percentile = (sorted: number[], p: number): number => {
    const h = (sorted.length - 1) * p;
    return sorted[Math.floor(h)] + (h - Math.floor(h)) * (sorted[Math.ceil(h)] - sorted[Math.floor(h)]);
};

describe('sales_pipeline.csv sample against Prospecting → Engaging → (Won)', async () => {
    const { deals, errors } = await collect(fixture('sales-pipeline-sample.csv'), {}, pipeline);
    const compiled = compilePlaybook(pipeline);
    // As `playbook simulate --deals` replays them: each history from its first record.
    const results: DealResult[] = deals.map(d => simulateDeal(compiled, d.deal, { start: 'first-record', evidence: d.evidence }));

    it('reads every row as one deal, blank cells and all', () => {
        expect(rows).toHaveLength(200);
        expect(errors).toEqual([]);
        expect(deals.map(d => d.deal.name)).toEqual(rows.map(r => r.opportunity_id));
    });

    it('ends each deal as its CRM stage says', () => {
        const count = (test: (r: DealResult) => boolean) => results.filter(test).length;
        expect(count(r => r.outcome.kind === 'won')).toBe(withStage('Won').length);
        expect(count(r => r.outcome.kind === 'terminated' && r.outcome.outcome === 'Lost')).toBe(withStage('Lost').length);
        expect(count(r => r.outcome.kind === 'open' && r.outcome.stage === 'Engaging')).toBe(withStage('Engaging').length);
        // Prospecting rows have no date at all: no events, so open in the first stage, never entered.
        expect(count(r => r.outcome.kind === 'open' && r.outcome.stage === 'Prospecting' && r.visits.length === 0)).toBe(withStage('Prospecting').length);
        expect(withStage('Prospecting').length + withStage('Engaging').length + withStage('Won').length + withStage('Lost').length).toBe(200);
    });

    it('has no violations; every engaged deal starts late, at Engaging (the export has no date for Prospecting)', () => {
        expect(results.flatMap(r => r.violations)).toEqual([]);
        expect(deals[0].evidence.unobservedStages).toEqual(['Prospecting']);
        expect(results.filter(r => r.lateStart?.stage === 'Engaging')).toHaveLength(rows.filter(r => r.engage_date !== '').length);
    });

    it('times each closed deal from its engage date to its close date', () => {
        const won = rows.findIndex(r => r.deal_stage === 'Won');
        expect(results[won].cycleDays).toBe(day(rows[won].close_date) - day(rows[won].engage_date));
        expect(deals[won].amount).toBe(Number(rows[won].close_value));
    });

    it('adds up to the funnel, win rate, cycle times and forecast the raw rows give', () => {
        const aggregator = new DealAggregator(pipeline, { seed: 7, evidence: deals[0].evidence });
        results.forEach((r, i) => aggregator.add(r, deals[i].amount));
        const report = aggregator.report();
        const [P, E, W, L] = ['Prospecting', 'Engaging', 'Won', 'Lost'].map(s => withStage(s).length);
        expect(report.deals).toBe(200);
        // Only the deals the export shows in Prospecting (their current stage) reached it; the others
        // were first seen in Engaging: nothing says whether they went through Prospecting.
        expect(report.funnel.map(s => [s.stage, s.reached, s.advanced, s.pending, s.endedHere, s.startedLater, s.skipped])).toEqual([
            ['Prospecting', P, 0, P, 0, 200 - P, 0],
            ['Engaging', 200 - P, W, E, L, 0, 0]
        ]);
        expect(report.funnel[0].days).toEqual({ count: 0, mean: null, median: null, p90: null });
        expect(report.lateStarts).toEqual({ deals: 200 - P, byStage: [{ stage: 'Engaging', deals: 200 - P }] });
        expect(report.funnel[1].conversion).toBeCloseTo(W / (200 - P), 12);
        expect(report.funnel[1].decidedConversion).toBeCloseTo(W / (W + L), 12);
        expect(report.winRate.ofClosed).toBeCloseTo(W / (W + L), 12);
        expect(report.winRate.ofAll).toBeCloseTo(W / 200, 12);
        expect(report.won.value).toBe(withStage('Won').reduce((sum, r) => sum + Number(r.close_value), 0));
        expect(report.cycleTime.closed.count).toBe(W + L);
        expect(report.cycleTime.closed.median).toBeCloseTo(percentile(closedDays, 0.5), 12);
        expect(report.cycleTime.closed.p90).toBeCloseTo(percentile(closedDays, 0.9), 12);
        expect(report.funnel[1].days.mean).toBeCloseTo(closedDays.reduce((a, b) => a + b, 0) / closedDays.length, 12);
        // Open deals have no amount in this data: wins can be forecast, value cannot.
        expect(report.forecast.expectedWins).toBeCloseTo(0.4 * E + 0.1 * P, 12);
        expect(report.forecast.expectedValue).toBe(0);
        expect(report.forecast.dealsWithoutAmount).toBe(E + P);
    });
});
