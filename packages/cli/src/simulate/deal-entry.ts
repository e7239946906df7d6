/**
 * One replayed deal as `simulate` reports it, in text and in JSON: the engine's result plus
 * where the deal comes from, its value, the one-line summary, and for each violation the
 * event that caused it (and, for a deal written in a .playbook file, its line and column).
 */
import { summarizeDeal, type DealModel, type DealOutcome, type DealResult, type EventModel, type StageVisit } from '@playbook/model';

export interface EntryViolation {
    code: string;
    severity: 'error' | 'warning';
    date: string;
    message: string;
    /** Index into the deal's events. */
    eventIndex: number;
    event?: EventModel;
    /** Where the event is written (deals from .playbook files only). */
    file?: string;
    line?: number;
    column?: number;
}

export interface DealEntry {
    deal: string;
    title?: string;
    playbook: string;
    /** The file and line where the deal starts (its `deal` line, its first CSV row, its JSON object). */
    source: { file: string; line: number };
    amount?: number;
    /** "Won in 92 days", "Open at Bidding, 3 days in stage · 2 violations". */
    summary: string;
    outcome: DealOutcome;
    cycleDays?: number;
    /** A CRM history that starts after the first stage: where, when, and the stages before it the data does not show. */
    lateStart?: { stage?: string; date: string; unseen: string[] };
    regressions: number;
    visits: StageVisit[];
    /** An open deal under a follow-up cadence: when its next follow-up is due, and whether that day is past. */
    nextFollowUp?: { due: string; overdue: boolean };
    violations: EntryViolation[];
}

export type PositionOf = (eventIndex: number, code: string, message: string) => { line: number; column: number } | undefined;

export function toDealEntry(deal: DealModel, result: DealResult, source: { file: string; line: number }, amount?: number, positionOf?: PositionOf): DealEntry {
    const entry: DealEntry = {
        deal: result.deal,
        ...(deal.title !== undefined ? { title: deal.title } : {}),
        playbook: result.playbook,
        source,
        ...(amount !== undefined ? { amount } : {}),
        summary: summarizeDeal(result),
        outcome: result.outcome,
        ...(result.cycleDays !== undefined ? { cycleDays: result.cycleDays } : {}),
        ...(result.lateStart ? { lateStart: result.lateStart } : {}),
        regressions: result.regressions,
        visits: result.visits,
        ...(result.nextFollowUp ? { nextFollowUp: result.nextFollowUp } : {}),
        violations: result.violations.map(violation => {
            const at = positionOf?.(violation.eventIndex, violation.code, violation.message);
            const event = deal.events[violation.eventIndex];
            return {
                code: violation.code,
                severity: violation.severity,
                date: violation.date,
                message: violation.message,
                eventIndex: violation.eventIndex,
                ...(event ? { event } : {}),
                ...(at ? { file: source.file, line: at.line, column: at.column } : {})
            };
        })
    };
    return entry;
}
