/** What many replayed deals add up to; plain JSON, for `playbook simulate --format json`. */
import type { IssueCode } from '../../issue-codes.js';
import type { Forecast } from './forecast.js';

export interface AggregateReport {
    playbook: string;
    deals: number;
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
    /** Deals that entered this stage at least once. */
    reached: number;
    /** Of those, deals that later reached a further stage or were won (skipping optional stages counts as moving on). */
    advanced: number;
    /** Open deals whose furthest stage is this one: not decided yet. */
    pending: number;
    /** Terminated deals whose last stage was this one. */
    endedHere: number;
    /** advanced / reached; `null` when no deal reached it. */
    conversion: number | null;
    /** advanced / (reached − pending): conversion among the deals that are decided here. */
    decidedConversion: number | null;
    /** Completed stays only (the stage was left); an open deal's current stay is still running. */
    days: TimeSummary;
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
