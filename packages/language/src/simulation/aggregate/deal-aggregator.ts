/**
 * Statistics over many replayed deals, one `add` at a time: a run over a million deals
 * keeps a few counters per stage and per violation code, a count per distinct day value for
 * the percentiles (exact; see `Histogram`), and two numbers per open deal for the forecast.
 *
 * Conventions an analyst should know:
 * - A deal "reached" a stage when it entered it. An open deal with no events is in the
 *   first stage (every deal starts there), so it counts as having reached it.
 * - Conversion of a stage is advanced / reached, where "advanced" means the deal went on to
 *   any later stage or was won: a deal that skips an optional stage still converts from the
 *   stage before it, and is not counted as reaching the one it skipped. The funnel therefore
 *   need not shrink at an optional stage. `decidedConversion` leaves out the deals still
 *   pending at that stage, which otherwise pull a young pipeline's conversion down.
 * - The win rate of closed deals counts every terminated deal, whatever its outcome, as
 *   not won.
 * - Cycle times are for closed deals only; time per stage for completed stays only.
 */
import type { PlaybookModel } from '../../model/playbook-model.js';
import type { DealResult } from '../simulation-result.js';
import type { AggregateReport, FunnelStage, TimeSummary, ViolationSummary } from './aggregate-report.js';
import { ForecastAccumulator, type ForecastOptions } from './forecast.js';
import { Histogram } from './histogram.js';

interface StageCounts {
    reached: number;
    advanced: number;
    pending: number;
    endedHere: number;
    days: Histogram;
}

export class DealAggregator {
    private readonly stageIndex = new Map<string, number>();
    private readonly stages: StageCounts[];
    private readonly reachedScratch: Uint8Array;
    private deals = 0;
    private open = 0;
    private won = 0;
    private wonValue = 0;
    private wonWithAmount = 0;
    private terminated = 0;
    private readonly byOutcome = new Map<string, number>();
    private readonly closedCycle = new Histogram();
    private readonly wonCycle = new Histogram();
    private readonly violations = new Map<string, ViolationSummary>();
    private dealsWithViolations = 0;
    private regressions = 0;
    private readonly forecast = new ForecastAccumulator();

    constructor(private readonly playbook: PlaybookModel, private readonly options: ForecastOptions = {}) {
        playbook.stages.forEach((stage, i) => { if (!this.stageIndex.has(stage.name)) this.stageIndex.set(stage.name, i); });
        this.stages = playbook.stages.map(() => ({ reached: 0, advanced: 0, pending: 0, endedHere: 0, days: new Histogram() }));
        this.reachedScratch = new Uint8Array(playbook.stages.length);
    }

    /** One replayed deal; `amount` is its value when known (see `CrmDeal.amount`). */
    add(result: DealResult, amount?: number): void {
        this.deals++;
        this.regressions += result.regressions;
        const reached = this.reachedScratch;
        reached.fill(0);
        let furthest = -1;
        for (const visit of result.visits) {
            const index = this.stageIndex.get(visit.stage);
            if (index === undefined) continue;
            reached[index] = 1;
            furthest = Math.max(furthest, index);
            if (visit.left !== undefined) this.stages[index].days.add(visit.days);
        }
        const outcome = result.outcome;
        if (furthest < 0 && outcome.kind === 'open' && this.stages.length > 0) {
            reached[0] = 1;
            furthest = 0;
        }
        const isWon = outcome.kind === 'won';
        for (let s = 0; s < reached.length; s++) {
            if (!reached[s]) continue;
            this.stages[s].reached++;
            if (s < furthest || isWon) this.stages[s].advanced++;
        }
        switch (outcome.kind) {
            case 'open': {
                this.open++;
                if (furthest >= 0) this.stages[furthest].pending++;
                const stage = outcome.stage === undefined ? 0 : this.stageIndex.get(outcome.stage);
                this.forecast.add(stage === undefined ? undefined : this.playbook.stages[stage]?.probability, amount);
                break;
            }
            case 'won':
                this.won++;
                if (amount !== undefined) { this.wonValue += amount; this.wonWithAmount++; }
                this.addCycle(result, true);
                break;
            case 'terminated': {
                this.terminated++;
                this.byOutcome.set(outcome.outcome, (this.byOutcome.get(outcome.outcome) ?? 0) + 1);
                const last = result.visits[result.visits.length - 1];
                const index = last === undefined ? undefined : this.stageIndex.get(last.stage);
                if (index !== undefined) this.stages[index].endedHere++;
                this.addCycle(result, false);
                break;
            }
        }
        this.addViolations(result);
    }

    report(): AggregateReport {
        const funnel: FunnelStage[] = this.playbook.stages.map((stage, i) => {
            const counts = this.stages[i];
            const decided = counts.reached - counts.pending;
            return {
                stage: stage.name,
                optional: stage.optional,
                ...(stage.probability !== undefined ? { probability: stage.probability } : {}),
                reached: counts.reached,
                advanced: counts.advanced,
                pending: counts.pending,
                endedHere: counts.endedHere,
                conversion: ratio(counts.advanced, counts.reached),
                decidedConversion: ratio(counts.advanced, decided),
                days: summarize(counts.days)
            };
        });
        const violations = [...this.violations.values()].sort((a, b) => b.count - a.count || b.deals - a.deals || a.code.localeCompare(b.code));
        return {
            playbook: this.playbook.name,
            deals: this.deals,
            outcomes: { open: this.open, won: this.won, terminated: this.terminated, byOutcome: Object.fromEntries(this.byOutcome) },
            funnel,
            won: { deals: this.won, value: this.wonValue, dealsWithAmount: this.wonWithAmount },
            winRate: { ofClosed: ratio(this.won, this.won + this.terminated), ofAll: ratio(this.won, this.deals) },
            cycleTime: { closed: summarize(this.closedCycle), won: summarize(this.wonCycle) },
            violations: violations.map(v => ({ ...v, example: { ...v.example } })),
            dealsWithViolations: this.dealsWithViolations,
            regressions: this.regressions,
            forecast: this.forecast.result(this.options)
        };
    }

    private addCycle(result: DealResult, won: boolean): void {
        if (result.cycleDays === undefined) return;
        this.closedCycle.add(result.cycleDays);
        if (won) this.wonCycle.add(result.cycleDays);
    }

    private addViolations(result: DealResult): void {
        if (result.violations.length === 0) return;
        this.dealsWithViolations++;
        const seen = new Set<string>();
        for (const violation of result.violations) {
            let summary = this.violations.get(violation.code);
            if (!summary) {
                summary = {
                    code: violation.code, severity: violation.severity, count: 0, deals: 0,
                    example: { deal: result.deal, date: violation.date, message: violation.message }
                };
                this.violations.set(violation.code, summary);
            }
            summary.count++;
            if (!seen.has(violation.code)) {
                seen.add(violation.code);
                summary.deals++;
            }
        }
    }
}

function ratio(part: number, whole: number): number | null {
    return whole > 0 ? part / whole : null;
}

function summarize(histogram: Histogram): TimeSummary {
    return {
        count: histogram.count,
        mean: histogram.mean() ?? null,
        median: histogram.percentile(0.5) ?? null,
        p90: histogram.percentile(0.9) ?? null
    };
}
