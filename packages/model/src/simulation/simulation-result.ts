/** What replaying one deal tells: its outcome, where its time went, and what it did wrong. */
import type { IssueCode } from '../issue-codes.js';

export type DealOutcome =
    | { kind: 'open'; stage?: string }
    | { kind: 'won'; date: string }
    /** `reason` is the one the deal gives (or the automatic rule's); absent when the data gives none. */
    | { kind: 'terminated'; outcome: string; reason?: string; automatic: boolean; date: string };

export interface StageVisit {
    stage: string;
    entered: string;
    /** Absent while the deal is still in the stage. */
    left?: string;
    /**
     * Days spent, up to the leaving event or, for the current stage, the as-of date of the
     * replay (`ReplayOptions.asOf`), else the deal's last event.
     */
    days: number;
}

export interface Violation {
    code: IssueCode;
    severity: 'error' | 'warning';
    /** Index into the deal's events of the event that caused it. */
    eventIndex: number;
    date: string;
    message: string;
    /**
     * The stage the deal was in when it broke the rule (the stage it left, skipped from, or
     * stayed too long in); absent before the deal was in any stage, after it ended, and
     * for events out of date order (a finding about the dates, not a stage).
     */
    stage?: string;
}

export interface DealResult {
    deal: string;
    playbook: string;
    outcome: DealOutcome;
    visits: StageVisit[];
    /** Moves back to an earlier stage. */
    regressions: number;
    /** Days from the first event to the win or the end; absent for open deals. */
    cycleDays?: number;
    /**
     * A history from a CRM that starts after the first stage (`ReplayOptions.start` is
     * `first-record`): the stage of its first record (absent when the history starts with the
     * win), the date, and the non-optional stages before it, which the data does not show.
     */
    lateStart?: { stage?: string; date: string; unseen: string[] };
    /**
     * The deal's value when the playbook declares `forecast <field>`: the field's value at the
     * end of the replay (as of the as-of date); absent when unknown.
     */
    value?: number;
    /**
     * An open deal under a follow-up cadence: the earliest day a touch is due by the rules that
     * apply when it is judged (the as-of date, else its last event); `overdue` when that day is
     * already past (a `follow-up-missing` says so too). Absent when no cadence rule applies.
     */
    nextFollowUp?: { due: string; overdue: boolean };
    violations: Violation[];
}
