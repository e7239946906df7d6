/**
 * Statistics over many replayed deals, one `add` at a time: a run over a million deals
 * keeps a few counters per stage and per violation code, a count per distinct day value for
 * the percentiles (exact; see `Histogram`), and two numbers per open deal for the forecast.
 *
 * Conventions an analyst should know:
 * - A deal "reached" a stage when it was seen in it: it entered it, or the data says it is
 *   there without a date (a one-row export's deal in the first stage). Nothing else counts:
 *   a stage between two recorded ones was skipped, and a stage before the first record of a
 *   history that starts mid-pipeline is unknown (`startedLater`), not reached.
 * - Conversion of a stage is advanced / reached, where "advanced" means the deal went on to
 *   any later stage or was won. `decidedConversion` leaves out the deals still pending at
 *   that stage, which otherwise pull a young pipeline's conversion down.
 * - The win rate of closed deals counts every terminated deal, whatever its outcome, as
 *   not won.
 * - Cycle times are for closed deals only; time per stage for completed stays only, and the
 *   open deals' current stays apart (`pendingDays`, up to the as-of date).
 */
import { expressionToText } from '../../model/expression-text.js';
import type { ExpressionModel, PlaybookModel } from '../../model/playbook-model.js';
import type { DataEvidence } from '../replay-options.js';
import type { DealResult } from '../simulation-result.js';
import type { AggregateReport, FunnelStage, TimeSummary, UnverifiableCheck, ViolationSummary } from './aggregate-report.js';
import { ForecastAccumulator, type ForecastOptions } from './forecast.js';
import { Histogram } from './histogram.js';

export interface AggregateOptions extends ForecastOptions {
    /** What the data can show (the deals' input); absent: everything. */
    evidence?: DataEvidence;
    /** The as-of date the deals were replayed with, for the report. */
    asOf?: string;
}

/** What is counted of a stage while deals come in: the report's figures of a stage (`FunnelStage`), with its days still histograms. */
type StageCounts = Pick<FunnelStage, 'reached' | 'advanced' | 'skipped' | 'unobserved' | 'startedLater' | 'pending' | 'endedHere'> & {
    days: Histogram;
    pendingDays: Histogram;
};

export class DealAggregator {
    private readonly stageIndex = new Map<string, number>();
    private readonly stages: StageCounts[];
    private readonly observed: Uint8Array;
    private evidence: DataEvidence | undefined;
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
    private lateStarts = 0;
    private readonly lateStartsByStage = new Map<string | null, number>();
    private readonly forecast = new ForecastAccumulator();

    constructor(private readonly playbook: PlaybookModel, private readonly options: AggregateOptions = {}) {
        playbook.stages.forEach((stage, i) => { if (!this.stageIndex.has(stage.name)) this.stageIndex.set(stage.name, i); });
        this.stages = playbook.stages.map(() => ({
            reached: 0, advanced: 0, skipped: 0, unobserved: 0, startedLater: 0, pending: 0, endedHere: 0, days: new Histogram(), pendingDays: new Histogram()
        }));
        this.reachedScratch = new Uint8Array(playbook.stages.length);
        this.observed = new Uint8Array(playbook.stages.length).fill(1);
        if (options.evidence) this.setEvidence(options.evidence);
    }

    /** What the deals' input can show, when it is known only once the first deal is read. */
    setEvidence(evidence: DataEvidence): void {
        this.evidence = evidence;
        this.observed.fill(1);
        for (const name of evidence.unobservedStages ?? []) {
            const index = this.stageIndex.get(name);
            if (index !== undefined) this.observed[index] = 0;
        }
    }

    /** One replayed deal; `amount` is its value when known (see `CrmDeal.amount`). */
    add(result: DealResult, amount?: number): void {
        this.deals++;
        this.regressions += result.regressions;
        const reached = this.reachedScratch;
        reached.fill(0);
        let first = -1;
        let furthest = -1;
        for (const visit of result.visits) {
            const index = this.stageIndex.get(visit.stage);
            if (index === undefined) continue;
            reached[index] = 1;
            if (first < 0) first = index;
            furthest = Math.max(furthest, index);
            if (visit.left !== undefined) this.stages[index].days.add(visit.days);
            else if (result.outcome.kind === 'open') this.stages[index].pendingDays.add(visit.days);
        }
        const outcome = result.outcome;
        if (furthest < 0 && outcome.kind === 'open' && outcome.stage !== undefined) {
            // In a stage since a date the data does not give: seen there, for an unknown time.
            const index = this.stageIndex.get(outcome.stage);
            if (index !== undefined) {
                reached[index] = 1;
                first = furthest = index;
            }
        }
        const isWon = outcome.kind === 'won';
        const count = this.stages.length;
        // Up to where the deal is known to have moved: its furthest stage, or past the last one when won.
        const movedTo = isWon ? count : furthest;
        for (let s = 0; s < count; s++) {
            const stage = this.stages[s];
            if (reached[s]) {
                stage.reached++;
                if (s < furthest || isWon) stage.advanced++;
            } else if (first < 0 ? isWon : s < first) {
                stage.startedLater++;
            } else if (s < movedTo) {
                if (this.observed[s]) stage.skipped++;
                else stage.unobserved++;
            }
        }
        if (result.lateStart) {
            this.lateStarts++;
            const key = result.lateStart.stage ?? null;
            this.lateStartsByStage.set(key, (this.lateStartsByStage.get(key) ?? 0) + 1);
        }
        switch (outcome.kind) {
            case 'open': {
                this.open++;
                if (furthest >= 0) this.stages[furthest].pending++;
                const stage = outcome.stage === undefined ? undefined : this.stageIndex.get(outcome.stage);
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
                ...(stage.withinDays !== undefined ? { withinDays: stage.withinDays } : {}),
                reached: counts.reached,
                advanced: counts.advanced,
                skipped: counts.skipped,
                unobserved: counts.unobserved,
                startedLater: counts.startedLater,
                pending: counts.pending,
                endedHere: counts.endedHere,
                conversion: ratio(counts.advanced, counts.reached),
                decidedConversion: ratio(counts.advanced, decided),
                days: summarize(counts.days),
                pendingDays: summarize(counts.pendingDays)
            };
        });
        const violations = [...this.violations.values()].sort((a, b) => b.count - a.count || b.deals - a.deals || a.code.localeCompare(b.code));
        const byStage = [...this.lateStartsByStage].map(([stage, deals]) => ({ stage, deals }))
            .sort((a, b) => this.order(a.stage) - this.order(b.stage));
        return {
            playbook: this.playbook.name,
            deals: this.deals,
            asOf: this.options.asOf ?? null,
            outcomes: { open: this.open, won: this.won, terminated: this.terminated, byOutcome: Object.fromEntries(this.byOutcome) },
            funnel,
            won: { deals: this.won, value: this.wonValue, dealsWithAmount: this.wonWithAmount },
            winRate: { ofClosed: ratio(this.won, this.won + this.terminated), ofAll: ratio(this.won, this.deals) },
            cycleTime: { closed: summarize(this.closedCycle), won: summarize(this.wonCycle) },
            lateStarts: { deals: this.lateStarts, byStage },
            unverifiable: unverifiableChecks(this.playbook, this.evidence, funnel),
            violations: violations.map(v => ({ ...v, example: { ...v.example } })),
            dealsWithViolations: this.dealsWithViolations,
            regressions: this.regressions,
            forecast: {
                ...this.forecast.result(this.options),
                ...(this.playbook.forecastField !== undefined ? { valueField: this.playbook.forecastField } : {})
            }
        };
    }

    private order(stage: string | null): number {
        return stage === null ? this.stages.length : this.stageIndex.get(stage) ?? this.stages.length;
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

/**
 * The exit checks the data cannot show: each required task and gate requirement naming a task
 * when there is no task column, and each condition (each part of an `and`) reading a field
 * without a column. Static: the same for every deal of the input.
 */
export function unverifiableChecks(playbook: PlaybookModel, evidence: DataEvidence | undefined, funnel?: readonly FunnelStage[]): UnverifiableCheck[] {
    if (!evidence) return [];
    const observedFields = evidence.fields === undefined ? undefined : new Set(evidence.fields);
    const checks: UnverifiableCheck[] = [];
    playbook.stages.forEach((stage, s) => {
        const deals = funnel?.[s]?.advanced ?? 0;
        const tasks = new Set<string>();
        const task = (name: string, gate?: string): void => {
            if (evidence.tasks || tasks.has(name)) return;
            tasks.add(name);
            checks.push({ stage: stage.name, ...(gate !== undefined ? { gate } : {}), requirement: { kind: 'task', task: name }, needs: { kind: 'task-column' }, deals });
        };
        for (const t of stage.tasks) if (t.required) task(t.name);
        for (const gate of stage.gates) {
            for (const name of gate.requires) task(name, gate.name);
            if (!observedFields) continue;
            for (const condition of gate.when) {
                for (const part of conjuncts(condition)) {
                    const missing = fieldsOf(part).filter(name => !observedFields.has(name));
                    if (missing.length > 0) {
                        checks.push({ stage: stage.name, gate: gate.name, requirement: { kind: 'condition', condition: expressionToText(part) }, needs: { kind: 'field-columns', fields: missing }, deals });
                    }
                }
            }
        }
    });
    return checks;
}

function conjuncts(expression: ExpressionModel): ExpressionModel[] {
    return expression.kind === 'binary' && expression.operator === 'and' ? [...conjuncts(expression.left), ...conjuncts(expression.right)] : [expression];
}

function fieldsOf(expression: ExpressionModel, into: string[] = []): string[] {
    switch (expression.kind) {
        case 'field': if (!into.includes(expression.name)) into.push(expression.name); break;
        case 'not': case 'negate': case 'in': fieldsOf(expression.operand, into); break;
        case 'binary': fieldsOf(expression.left, into); fieldsOf(expression.right, into); break;
        default: break;
    }
    return into;
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
