/**
 * Calibration figures over many replayed deals, one `add` at a time: a few counters per stage
 * and a count per distinct number of days, so a million deals cost no more memory than a
 * thousand. The deals are replayed by the simulator (`simulateDeal`, through `ReplaySession`
 * as `playbook simulate` replays them), so "reached", "skipped", late starts and the as-of date
 * mean exactly what they mean in `simulate`'s report.
 */
import { IssueCodes } from '../issue-codes.js';
import type { PlaybookModel } from '../model/playbook-model.js';
import type { DataEvidence } from '../simulation/replay-options.js';
import type { DealResult } from '../simulation/simulation-result.js';
import type { Calibration, StageCalibration } from './calibration.js';
import { DayCounts } from './day-counts.js';
import { stageNamesOf } from './stage-names.js';
import { suggestionsOf } from './suggestions.js';
import { observedShare, outsideInterval } from './wilson.js';
import { WITHIN_SHARE } from './calibration.js';

interface StageCounts {
    reached: number;
    closed: number;
    won: number;
    open: number;
    through: number;
    skipped: number;
    startedLater: number;
    unobserved: number;
    regressionsFrom: number;
    regressionsTo: number;
    openStays: number;
    days: DayCounts;
}

/** Violations that make the move at their event one the playbook does not allow. */
const MOVE_CODES: ReadonlySet<string> = new Set([
    IssueCodes.StageSkip, IssueCodes.GateNotMet, IssueCodes.RegressionForbidden, IssueCodes.TerminateNotAllowed, IssueCodes.UndeclaredReason
]);

export class Calibrator {
    private readonly stageIndex = new Map<string, number>();
    private readonly stages: StageCounts[];
    private readonly observed: Uint8Array;
    private readonly reached: Uint8Array;
    private total = 0;
    private won = 0;
    private terminated = 0;
    private open = 0;
    private lateStarts = 0;
    private dealsWithoutViolation = 0;
    private transitions = 0;
    private badTransitions = 0;
    private readonly badEvents = new Set<number>();

    constructor(private readonly playbook: PlaybookModel, evidence?: DataEvidence) {
        playbook.stages.forEach((stage, i) => { if (!this.stageIndex.has(stage.name)) this.stageIndex.set(stage.name, i); });
        this.stages = playbook.stages.map(() => ({
            reached: 0, closed: 0, won: 0, open: 0, through: 0, skipped: 0, startedLater: 0, unobserved: 0,
            regressionsFrom: 0, regressionsTo: 0, openStays: 0, days: new DayCounts()
        }));
        this.observed = new Uint8Array(playbook.stages.length).fill(1);
        this.reached = new Uint8Array(playbook.stages.length);
        if (evidence) this.setEvidence(evidence);
    }

    /** What the deals' input can show (known once its header is read). */
    setEvidence(evidence: DataEvidence): void {
        this.observed.fill(1);
        for (const name of evidence.unobservedStages ?? []) {
            const index = this.stageIndex.get(name);
            if (index !== undefined) this.observed[index] = 0;
        }
    }

    add(result: DealResult): void {
        this.total++;
        const outcome = result.outcome;
        const reached = this.reached;
        reached.fill(0);
        let first = -1;
        let furthest = -1;
        let previous = -1;
        for (const visit of result.visits) {
            const index = this.stageIndex.get(visit.stage);
            if (index === undefined) continue;
            reached[index] = 1;
            if (first < 0) first = index;
            if (index > furthest) furthest = index;
            if (previous >= 0) {
                this.transitions++;
                if (index < previous) {
                    this.stages[previous].regressionsFrom++;
                    this.stages[index].regressionsTo++;
                }
            }
            previous = index;
            if (visit.left !== undefined) this.stages[index].days.add(visit.days);
            else if (outcome.kind === 'open') this.stages[index].openStays++;
        }
        if (furthest < 0 && outcome.kind === 'open' && outcome.stage !== undefined) {
            // In a stage since a date the data does not give: seen there, for an unknown time.
            const index = this.stageIndex.get(outcome.stage);
            if (index !== undefined) {
                reached[index] = 1;
                first = furthest = index;
            }
        }
        // An end from a stage is a transition; an end that is a history's first record is not.
        if (outcome.kind !== 'open' && previous >= 0) this.transitions++;

        const isWon = outcome.kind === 'won';
        const closed = outcome.kind !== 'open';
        const movedTo = isWon ? this.stages.length : furthest;
        for (let s = 0; s < this.stages.length; s++) {
            const stage = this.stages[s];
            if (reached[s]) {
                stage.reached++;
                if (closed) {
                    stage.closed++;
                    if (isWon) stage.won++;
                } else {
                    stage.open++;
                }
                if (s < furthest || isWon) stage.through++;
            } else if (first < 0 ? isWon : s < first) {
                stage.startedLater++;
            } else if (s < movedTo) {
                if (this.observed[s]) stage.skipped++;
                else stage.unobserved++;
            }
        }

        switch (outcome.kind) {
            case 'won': this.won++; break;
            case 'terminated': this.terminated++; break;
            default: this.open++; break;
        }
        if (result.lateStart) this.lateStarts++;
        if (result.violations.length === 0) {
            this.dealsWithoutViolation++;
        } else {
            // Violations in a stage, of a kind that says the move at that event was not allowed.
            const bad = this.badEvents;
            bad.clear();
            for (const violation of result.violations) {
                if (violation.stage !== undefined && MOVE_CODES.has(violation.code)) bad.add(violation.eventIndex);
            }
            this.badTransitions += bad.size;
        }
    }

    /**
     * The figures so far. `stageNames`: how often each stage or outcome name of the export was
     * read (see `ReadDealsOptions.stageNames`); absent, the names are not reported on.
     */
    report(options: { asOf?: string | null; stageNames?: ReadonlyMap<string, number> } = {}): Calibration {
        const stages = this.playbook.stages.map((stage, i): StageCalibration => {
            const counts = this.stages[i];
            const observed = observedShare(counts.won, counts.closed);
            const declared = stage.probability ?? null;
            const within = stage.withinDays ?? null;
            const withinShare = within === null ? null : observedShare(counts.days.atMost(within), counts.days.count);
            return {
                stage: stage.name,
                optional: stage.optional,
                reached: counts.reached,
                probability: {
                    declared,
                    observed,
                    open: counts.open,
                    significant: declared !== null && outsideInterval(declared / 100, observed)
                },
                time: {
                    declaredWithin: within,
                    stays: counts.days.count,
                    median: counts.days.percentile(0.5),
                    p90: counts.days.percentile(0.9),
                    max: counts.days.max(),
                    openStays: counts.openStays,
                    withinShare,
                    significant: withinShare !== null && outsideInterval(WITHIN_SHARE, withinShare)
                },
                skips: {
                    skipped: observedShare(counts.skipped, counts.skipped + counts.through),
                    startedLater: counts.startedLater,
                    unobserved: counts.unobserved
                },
                regressions: { from: counts.regressionsFrom, to: counts.regressionsTo }
            };
        });
        const stageNames = stageNamesOf(this.playbook, options.stageNames);
        return {
            playbook: this.playbook.name,
            asOf: options.asOf ?? null,
            deals: { total: this.total, won: this.won, terminated: this.terminated, open: this.open, lateStarts: this.lateStarts },
            conformance: {
                deals: observedShare(this.dealsWithoutViolation, this.total),
                transitions: observedShare(Math.max(0, this.transitions - this.badTransitions), this.transitions)
            },
            stages,
            stageNames,
            suggestions: suggestionsOf(this.playbook, stages, stageNames)
        };
    }
}
