/**
 * What many replayed deals add up to: plain JSON data (no text in it but names, dates and
 * the messages of example violations), written by `playbook simulate --format json`, printed
 * as text by `formatAggregateReport`, and drawn by the editor's report view.
 *
 * Nothing in it is invented: a stage a deal was never seen in is not "reached", and a time
 * that was never observed is `null` (unknown), never 0.
 */
import type { IssueCode } from '../../issue-codes.js';
import type { Forecast } from './forecast.js';

export interface AggregateReport {
    playbook: string;
    deals: number;
    /** `YYYY-MM-DD` open deals were judged at (their days in stage, their time limits); `null`: each up to its last event. */
    asOf: string | null;
    outcomes: {
        open: number;
        won: number;
        terminated: number;
        /** Terminated deals by outcome name ("Lost", "Disqualified"…). */
        byOutcome: Record<string, number>;
    };
    /** Stages in playbook order (the win is `won`). */
    funnel: FunnelStage[];
    won: { deals: number; value: number; dealsWithAmount: number };
    winRate: {
        /** won / (won + terminated): of the deals that are decided. `null` when none is. */
        ofClosed: number | null;
        /** won / all deals, open ones included. */
        ofAll: number | null;
    };
    /** Days from a deal's first event to its win or end. */
    cycleTime: { closed: TimeSummary; won: TimeSummary };
    /**
     * Histories (from a CRM) that start after the first stage: the data does not show the
     * stages before their first record. Counted here, not as `stage-skip` violations (unless
     * the replay was asked to: `--late-start skip`). `stage` is where they start; `null` for
     * histories that start with the win.
     */
    lateStarts: { deals: number; byStage: Array<{ stage: string | null; deals: number }> };
    /**
     * Checks of the playbook the data cannot evidence (a task or a field without a column in
     * the export): not violations of any deal, listed once with what would make them checkable.
     */
    unverifiable: UnverifiableCheck[];
    violations: ViolationSummary[];
    /** Deals with at least one violation. */
    dealsWithViolations: number;
    regressions: number;
    forecast: Forecast;
}

export interface FunnelStage {
    stage: string;
    optional: boolean;
    probability?: number;
    /** Time limit in days (`within`), when the stage has one. */
    withinDays?: number;
    /** Deals seen in this stage at least once (an `enter`, or a current stage without a date). */
    reached: number;
    /** Of those, deals that later reached a further stage or were won. */
    advanced: number;
    /** Deals that moved over this stage without being seen in it (from an earlier stage to a later one, or to the win). */
    skipped: number;
    /**
     * Deals that moved over this stage where the data cannot show it (a one-row-per-deal
     * export with no date column for it): whether they went through it is unknown.
     */
    unobserved: number;
    /** Deals whose history starts at a later stage: whether they went through this one is unknown. */
    startedLater: number;
    /** Open deals whose furthest stage is this one: not decided yet. */
    pending: number;
    /** Terminated deals whose last stage was this one. */
    endedHere: number;
    /** advanced / reached; `null` when no deal reached it. */
    conversion: number | null;
    /** advanced / (reached − pending): conversion among the deals that are decided here. */
    decidedConversion: number | null;
    /** Completed stays only (the stage was left); `count` 0 and `null`s when no stay was observed. */
    days: TimeSummary;
    /** The current stays of the open deals in this stage, up to the as-of date (or their last event). */
    pendingDays: TimeSummary;
}

export interface TimeSummary {
    count: number;
    mean: number | null;
    median: number | null;
    p90: number | null;
}

export interface ViolationSummary {
    code: IssueCode;
    severity: 'error' | 'warning';
    /** Occurrences, over all deals. */
    count: number;
    /** Deals with at least one. */
    deals: number;
    example: { deal: string; date: string; message: string };
}

/** One requirement of a stage's exit the data cannot show. */
export interface UnverifiableCheck {
    stage: string;
    /** The gate it belongs to; absent for a task marked `required` in the stage. */
    gate?: string;
    requirement:
        | { kind: 'task'; task: string }
        /** A condition (as playbook text) that reads fields without a column. */
        | { kind: 'condition'; condition: string };
    /**
     * What would make it checkable: a task column (done tasks, `;`-separated), or a column for
     * each of these fields (named as the field).
     */
    needs: { kind: 'task-column' } | { kind: 'field-columns'; fields: string[] };
    /** Deals that moved on from this stage (or won from it) without this check. */
    deals: number;
}
