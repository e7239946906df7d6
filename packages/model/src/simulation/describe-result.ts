/**
 * One line a salesperson reads about a replayed deal: "Won in 92 days", "Open at Bidding · 2
 * violations", "Lost (no reason given, by hand) after 8 days". An open deal under a follow-up
 * cadence adds when its next follow-up is due ("· next follow-up due 2026-02-03"), or since
 * when it is overdue.
 */
import type { DealResult } from './simulation-result.js';

/**
 * `today` (`YYYY-MM-DD`): the editor's code lens, which tells an open deal's follow-up as
 * overdue once today is past its day, while the replay itself judges the deal at its last event.
 */
export function summarizeDeal(result: DealResult, options: { today?: string } = {}): string {
    const violations = result.violations.length;
    const suffix = violations === 0 ? '' : ` · ${violations} violation${violations === 1 ? '' : 's'}`;
    const outcome = result.outcome;
    switch (outcome.kind) {
        case 'won':
            return `Won in ${days(result.cycleDays ?? 0)}${suffix}`;
        case 'terminated': {
            const how = outcome.automatic ? 'automatically' : 'by hand';
            return `${outcome.outcome} (${outcome.reason ?? 'no reason given'}, ${how}) after ${days(result.cycleDays ?? 0)}${suffix}`;
        }
        default: {
            // Only a stay that is still running has its days; an undated current stage has none.
            const current = result.visits[result.visits.length - 1];
            const since = current && current.left === undefined ? `, ${days(current.days)} in stage` : '';
            return `Open at ${outcome.stage ?? 'the start'}${since}${followUp(result, options.today)}${suffix}`;
        }
    }
}

/** What is said of a deal that cannot be replayed, instead of its summary. */
export function cannotReplaySummary(playbook: string): string {
    return `Cannot replay: playbook '${playbook}' is missing or has errors`;
}

function followUp(result: DealResult, today: string | undefined): string {
    const next = result.nextFollowUp;
    if (!next) return '';
    const overdue = today !== undefined ? next.due < today : next.overdue;
    return overdue ? ` · follow-up overdue since ${next.due}` : ` · next follow-up due ${next.due}`;
}

function days(count: number): string {
    return `${count} day${count === 1 ? '' : 's'}`;
}
