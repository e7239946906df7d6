/**
 * What a history of real deals says about a playbook's declared figures: plain JSON-shaped
 * data (names and numbers, no sentences), computed once by `Calibrator` and shared by
 * `playbook calibrate` (its text and its JSON), `--write` and the editor.
 *
 * Conventions (see docs/calibration-json.md):
 * - Percentages (`probability`) are 0–100, as the playbook writes them; shares are 0–1.
 * - Intervals are Wilson score intervals at 95% confidence; a declared value is called into
 *   question (`significant`) only when it lies outside the interval of what was observed.
 * - Day percentiles are exact nearest-rank order statistics over whole days: the p-th
 *   percentile of n stays is the ⌈p·n⌉-th smallest (the median of 4 stays is the 2nd).
 * - Nothing is made up: a figure with no observation is `null`, never 0.
 */

/** The confidence of every interval. */
export const CALIBRATION_CONFIDENCE = 0.95;
/** The share of stays a `within` limit is read as promising: "90% of deals leave within N days". */
export const WITHIN_SHARE = 0.9;
/**
 * A non-optional stage is suggested optional when significantly more than this share of the
 * deals that passed it skipped it (the lower end of the interval is above it).
 */
export const OPTIONAL_SKIP_SHARE = 0.1;
/** A probability not declared is suggested only from at least this many closed deals. */
export const MIN_DEALS_FOR_NEW_PROBABILITY = 30;

/** A share observed among `of` cases, with its 95% Wilson interval (`null`s when `of` is 0). */
export interface ObservedShare {
    /** Cases counted (the numerator). */
    count: number;
    /** Cases observed (the denominator). */
    of: number;
    /** count / of, 0–1; `null` when of is 0. */
    share: number | null;
    low: number | null;
    high: number | null;
}

export interface Calibration {
    playbook: string;
    /** `YYYY-MM-DD` open deals were judged at; `null` when none was settled (no dated event). */
    asOf: string | null;
    deals: DealCounts;
    conformance: Conformance;
    /** In playbook order. */
    stages: StageCalibration[];
    stageNames: StageNames;
    suggestions: CalibrationSuggestion[];
}

export interface DealCounts {
    /** Deals replayed (deals skipped for bad input are not in any figure). */
    total: number;
    won: number;
    /** Ended by a termination rule (any outcome). */
    terminated: number;
    open: number;
    /** Histories that start after the first stage (not skips; see `StageSkips.startedLater`). */
    lateStarts: number;
}

export interface Conformance {
    /** Deals with no violation at all (an SLA exceeded is one), of all deals. */
    deals: ObservedShare;
    /**
     * Transitions (a move to another stage, the win, a termination from a stage) the replay
     * found nothing wrong with (no stage skip, gate not met, forbidden regression, termination
     * not allowed or undeclared reason at that event), of all transitions. A history's first
     * record is not a transition.
     */
    transitions: ObservedShare;
}

export interface StageCalibration {
    stage: string;
    optional: boolean;
    /** Deals seen in the stage (as `simulate`'s funnel counts them). */
    reached: number;
    probability: ProbabilityCalibration;
    time: TimeCalibration;
    skips: StageSkips;
    regressions: {
        /** Moves back from this stage to an earlier one. */
        from: number;
        /** Moves back into this stage from a later one. */
        to: number;
    };
}

export interface ProbabilityCalibration {
    /** The declared `probability`, 0–100; `null` when none is declared. */
    declared: number | null;
    /**
     * The win rate of the closed deals that reached the stage: `count` won of `of` closed
     * (won or terminated); open deals are left out, their outcome is not known yet. Shares 0–1.
     */
    observed: ObservedShare;
    /** Open deals that reached the stage (not in `observed`). */
    open: number;
    /** The declared value lies outside the observed interval (`false` when nothing is declared or observed). */
    significant: boolean;
}

export interface TimeCalibration {
    /** The declared `within` limit in days; `null` when none is declared. */
    declaredWithin: number | null;
    /** Completed stays (the stage was left: to another stage, the win or an end). */
    stays: number;
    /** Nearest-rank median of the completed stays, whole days; `null` when none. */
    median: number | null;
    /** Nearest-rank 90th percentile of the completed stays, whole days; `null` when none. */
    p90: number | null;
    /** The longest completed stay; `null` when none. */
    max: number | null;
    /** Current stays of open deals (they run to the as-of date and are not in the percentiles). */
    openStays: number;
    /** Completed stays no longer than the declared limit; `null` when no limit is declared. */
    withinShare: ObservedShare | null;
    /** 90% (`WITHIN_SHARE`) lies outside `withinShare`'s interval. */
    significant: boolean;
}

export interface StageSkips {
    /**
     * Deals that moved over the stage without being seen in it (`count`), of the deals that
     * passed it (`of`: those skips plus the deals seen in it that went on to a later stage or
     * the win).
     */
    skipped: ObservedShare;
    /** Histories that start after the stage: whether they went through it is unknown (not skips). */
    startedLater: number;
    /** Moves over the stage where the data cannot show it (a one-row export with no date column for it). */
    unobserved: number;
}

export interface StageNames {
    /**
     * Stage and outcome names of the export that mean nothing in the playbook, most used
     * first. `count`: the cells (or JSON events) that hold the name; each makes its deal
     * unusable, as in `simulate`.
     */
    unmatched: Array<{ name: string; count: number }>;
    /** Names the playbook declares (`alias`, `won alias`, `terminate X alias`) that no row of the export uses. */
    aliasesNeverSeen: Array<{ alias: string; of: AliasOwner }>;
    /**
     * Every name the export uses, most used first, with what it means (`null`: nothing).
     * `count`: the cells that hold it: a stage or status cell, or a dated cell of a column
     * for that stage (`--stage-date-column`, HubSpot's `Date entered "…"`, Maven's
     * `engage_date`), or a JSON deal's `enter`/`terminate` event.
     */
    seen: Array<{ name: string; count: number; means: AliasOwner | { kind: 'open' } | null }>;
}

export type AliasOwner =
    | { kind: 'stage'; stage: string }
    | { kind: 'won' }
    | { kind: 'outcome'; outcome: string };

/** An edit of the playbook the data supports, with the figures that support it. */
export type CalibrationSuggestion =
    | {
        kind: 'set-probability'; stage: string;
        /** The declared value, `null` when the stage declares none (the edit adds one). */
        from: number | null;
        /**
         * The observed win rate, rounded to a whole percent; or, where that would fall below
         * the probability of the stage before (as declared, or as suggested) and the interval
         * reaches that probability, that probability: the data allows it, and a probability
         * must not fall from stage to stage.
         */
        to: number;
        evidence: ObservedShare;
    }
    | {
        kind: 'set-within'; stage: string; from: number;
        /** The observed 90th percentile (at least 1 day). */
        to: number;
        evidence: { stays: number; median: number; p90: number; withinShare: ObservedShare };
    }
    | { kind: 'make-optional'; stage: string; evidence: ObservedShare }
    | {
        kind: 'add-alias'; stage: string; alias: string;
        /**
         * `count`: cells of the export that use the name (see `StageNames.unmatched`);
         * `basis`: why this stage: `similarTo` is its name, title or alias the name is like.
         */
        evidence: { count: number; basis: 'similar-name'; similarTo: string };
    };

export type CalibrationSuggestionKind = CalibrationSuggestion['kind'];
