/**
 * The aggregate report on eight hand-built deal results whose right answers are worked out
 * here by hand (each comment shows the arithmetic).
 */
import { describe, expect, it } from 'vitest';
import { DealAggregator, formatAggregateReport, type DealOutcome, type DealResult, type PlaybookModel, type StageVisit, type Violation } from '@playbook/model';

const playbook: PlaybookModel = {
    name: 'Sales',
    forbidRegressions: false,
    fields: [],
    stages: [
        { name: 'A', optional: false, probability: 10, aliases: [], tasks: [], gates: [] },
        { name: 'B', optional: true, probability: 30, aliases: [], tasks: [], gates: [] },
        { name: 'C', optional: false, probability: 60, aliases: [], tasks: [], gates: [] }
    ],
    terminations: [{ outcome: 'Lost', reason: 'Gone', from: [] }]
};

const left = (stage: string, days: number): StageVisit => ({ stage, entered: '2026-01-01', left: '2026-01-02', days });
const here = (stage: string, days: number): StageVisit => ({ stage, entered: '2026-01-01', days });
const violation = (code: Violation['code'], message: string = code): Violation => ({ code, severity: 'error', eventIndex: 0, date: '2026-01-05', message });
const won: DealOutcome = { kind: 'won', date: '2026-02-01' };
const lost: DealOutcome = { kind: 'terminated', outcome: 'Lost', reason: 'Gone', automatic: false, date: '2026-02-01' };
const result = (deal: string, outcome: DealOutcome, visits: StageVisit[], cycleDays?: number, violations: Violation[] = []): DealResult =>
    ({ deal, playbook: 'Sales', outcome, visits, regressions: 0, violations, ...(cycleDays !== undefined ? { cycleDays } : {}) });

const deals: Array<[DealResult, number | undefined]> = [
    [result('d1', won, [left('A', 3), left('B', 4), left('C', 5)], 12), 100],
    [result('d2', won, [left('A', 2), left('C', 6)], 8), 200], // skips optional B
    [result('d3', lost, [left('A', 1)], 1), undefined],
    [result('d4', lost, [left('A', 2), left('B', 2), left('C', 10)], 14, [violation('stage-skip')]), 300],
    [result('d5', { kind: 'open', stage: 'A' }, [here('A', 5)]), 50],
    [result('d6', { kind: 'open', stage: 'C' }, [left('A', 1), here('C', 3)]), 1000],
    [result('d7', { kind: 'open', stage: 'A' }, []), undefined], // no dated event: in the first stage, undated
    [result('d8', { kind: 'open', stage: 'B' }, [left('A', 3), here('B', 9)], undefined,
        [violation('gate-not-met', 'first'), violation('gate-not-met', 'second'), { ...violation('sla-exceeded'), severity: 'warning' }]), 400]
];

describe('aggregate report', () => {
    const aggregator = new DealAggregator(playbook, { seed: 42, trials: 10_000 });
    for (const [deal, amount] of deals) aggregator.add(deal, amount);
    const report = aggregator.report();

    it('counts outcomes', () => {
        expect(report.deals).toBe(8);
        expect(report.outcomes).toEqual({ open: 4, won: 2, terminated: 2, byOutcome: { Lost: 2 } });
        expect(report.won).toEqual({ deals: 2, value: 300, dealsWithAmount: 2 });
    });

    it('builds the funnel in playbook order, a skipped optional stage not counting as reached', () => {
        // A: all 8 (d7 counts: it is in the first stage). B: d1, d4, d8. C: d1, d2, d4, d6.
        // Advanced past A: d1, d2, d4, d6, d8 (later stage) = 5; past B: d1 (won), d4 (C) = 2; past C: d1, d2 (won) = 2.
        // Pending (open, furthest stage here): A: d5, d7; B: d8; C: d6. Ended here: A: d3; C: d4.
        expect(report.funnel.map(s => [s.stage, s.reached, s.advanced, s.pending, s.endedHere])).toEqual([
            ['A', 8, 5, 2, 1],
            ['B', 3, 2, 1, 0],
            ['C', 4, 2, 1, 1]
        ]);
        expect(report.funnel.map(s => s.conversion)).toEqual([5 / 8, 2 / 3, 2 / 4]);
        expect(report.funnel.map(s => s.decidedConversion)).toEqual([5 / 6, 2 / 2, 2 / 3]);
    });

    it('computes win rates', () => {
        expect(report.winRate).toEqual({ ofClosed: 2 / 4, ofAll: 2 / 8 });
    });

    it('computes cycle-time median and 90th percentile over closed deals', () => {
        // Closed: 1, 8, 12, 14. Median: (8 + 12) / 2 = 10. p90: h = 3 × 0.9 = 2.7 → 12 + 0.7 × (14 − 12) = 13.4.
        expect(report.cycleTime.closed).toEqual({ count: 4, mean: 35 / 4, median: 10, p90: expect.closeTo(13.4, 10) });
        // Won: 8, 12. Median 10; p90: h = 0.9 → 8 + 0.9 × 4 = 11.6.
        expect(report.cycleTime.won).toEqual({ count: 2, mean: 10, median: 10, p90: expect.closeTo(11.6, 10) });
    });

    it('computes time per stage over completed stays only', () => {
        // A left by d1 3, d2 2, d3 1, d4 2, d6 1, d8 3 → 1 1 2 2 3 3: mean 2, median 2, p90 h = 4.5 → 3.
        expect(report.funnel[0].days).toEqual({ count: 6, mean: 2, median: 2, p90: 3 });
        // B left by d1 4, d4 2 (d8 is still there): mean 3, median 3.
        expect(report.funnel[1].days).toMatchObject({ count: 2, mean: 3, median: 3 });
        // C left by d1 5, d2 6, d4 10 (d6 still there): mean 7, median 6.
        expect(report.funnel[2].days).toMatchObject({ count: 3, mean: 7, median: 6 });
    });

    it('ranks violations by how often they occur, with an example', () => {
        expect(report.dealsWithViolations).toBe(2);
        expect(report.violations.map(v => [v.code, v.count, v.deals, v.severity])).toEqual([
            ['gate-not-met', 2, 1, 'error'],
            ['sla-exceeded', 1, 1, 'warning'],
            ['stage-skip', 1, 1, 'error']
        ]);
        expect(report.violations[0].example).toEqual({ deal: 'd8', date: '2026-01-05', message: 'first' });
    });

    it('forecasts from the open deals\' stage probabilities', () => {
        // Open: d5 at A (10%, 50), d6 at C (60%, 1000), d7 at A (10%, no amount), d8 at B (30%, 400).
        const f = report.forecast;
        expect(f.deals).toBe(4);
        expect(f.dealsWithoutAmount).toBe(1);
        expect(f.expectedWins).toBeCloseTo(0.1 + 0.6 + 0.1 + 0.3, 12);
        expect(f.expectedValue).toBeCloseTo(0.1 * 50 + 0.6 * 1000 + 0.3 * 400, 9);
        expect(f.pipelineValue).toBe(50 + 1000 + 400);
        expect(f.interval.method).toBe('monte-carlo');
        // Wins range over 0..4 and value over sums of {50, 1000, 400}: the 5% tail is nothing won,
        // (probability 0.9 × 0.4 × 0.9 × 0.7 = 0.2268), and the 95% point is at least one big deal.
        expect(f.interval.wins[0]).toBe(0);
        expect(f.interval.value[0]).toBe(0);
        expect(f.interval.wins[1]).toBeGreaterThanOrEqual(2);
        expect(f.interval.value[1]).toBeGreaterThanOrEqual(1000);
    });

    it('prints a readable text report', () => {
        const text = formatAggregateReport(report);
        expect(text).toContain('Sales: 8 deals: 2 won, 2 ended (2 Lost), 4 open');
        expect(text).toMatch(/^A\s+8\s+5\s+62\.5%/m);
        expect(text).toContain('Win rate: 50.0% of closed deals, 25.0% of all deals');
        expect(text).toContain('gate-not-met (error): 2 in 1 deal, e.g. d8 on 2026-01-05: first');
        expect(text).toContain('expected value 725');
    });

    it('reports nothing as null rather than dividing by zero', () => {
        const empty = new DealAggregator(playbook).report();
        expect(empty.winRate).toEqual({ ofClosed: null, ofAll: null });
        expect(empty.funnel[0]).toMatchObject({ reached: 0, conversion: null, days: { count: 0, mean: null, median: null, p90: null } });
        expect(empty.forecast).toMatchObject({ deals: 0, expectedWins: 0, interval: { wins: [0, 0] } });
    });
});

describe('text report layout', () => {
    it.each([
        ['a last stage named like the outcome', 'Won', ['Won', 'Won (outcome)']],
        ['in other letters', 'WON', ['WON', 'Won (outcome)']],
        ['a last stage named otherwise', 'Contract', ['Contract', 'Won']]
    ])('names the won row apart from the stages: %s', (_what, last: string, expected: string[]) => {
        const sales: PlaybookModel = {
            name: 'Sales', forbidRegressions: false, fields: [],
            stages: [
                { name: 'Lead', optional: false, aliases: [], tasks: [], gates: [] },
                { name: last, optional: false, aliases: [], tasks: [], gates: [] }
            ],
            terminations: []
        };
        const aggregator = new DealAggregator(sales);
        aggregator.add(result('d', won, [left('Lead', 2), left(last, 1)], 3));
        const rows = formatAggregateReport(aggregator.report()).split('\n');
        const start = rows.findIndex(line => line.startsWith('Lead '));
        expect(rows.slice(start + 1, start + 3).map(line => line.replace(/\s+\d.*$/, ''))).toEqual(expected);
    });


    it('pads the funnel table by display width: Chinese stage names (two columns a character) line up', () => {
        const chinese: PlaybookModel = {
            name: '大客户', forbidRegressions: false, fields: [],
            stages: [
                { name: '陌生期', optional: false, aliases: [], tasks: [], gates: [] },
                { name: 'Negotiation', optional: false, aliases: [], tasks: [], gates: [] }
            ],
            terminations: []
        };
        const aggregator = new DealAggregator(chinese);
        aggregator.add({ deal: 'd', playbook: '大客户', outcome: { kind: 'open', stage: 'Negotiation' }, visits: [left('陌生期', 3), here('Negotiation', 1)], regressions: 0, violations: [] });
        const rows = formatAggregateReport(aggregator.report()).split('\n').filter(line => /^(Stage|陌生期|Negotiation|-)/.test(line));
        // Every column is right-aligned to the same display column: full rows have one display width.
        const width = (text: string) => [...text].reduce((w, c) => w + (/[\u3000-\u9fff]/.test(c) ? 2 : 1), 0);
        expect(rows).toHaveLength(4);
        expect(new Set(rows.map(width)).size).toBe(1);
        // 陌生期 is 6 columns wide, Negotiation 11: five spaces of padding, not eight.
        expect(rows[2]).toMatch(/^陌生期 {5}  /);
    });
});
