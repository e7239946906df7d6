/** What replaying one deal tells: its outcome, where its time went, and what it did wrong. */
import type { IssueCode } from '../issue-codes.js';

export type DealOutcome =
    | { kind: 'open'; stage?: string }
    | { kind: 'won'; date: string }
    | { kind: 'terminated'; outcome: string; reason: string; automatic: boolean; date: string };

export interface StageVisit {
    stage: string;
    entered: string;
    /** Absent while the deal is still in the stage. */
    left?: string;
    /** Days spent, up to the leaving event or, for the current stage, the deal's last event. */
    days: number;
}

export interface Violation {
    code: IssueCode;
    severity: 'error' | 'warning';
    /** Index into the deal's events of the event that caused it. */
    eventIndex: number;
    date: string;
    message: string;
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
    violations: Violation[];
}
