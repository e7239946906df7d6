/** One line a salesperson reads about a replayed deal: "Won in 92 days", "Open at Bidding · 2 violations". */
import type { DealResult } from './simulation-result.js';

export function summarizeDeal(result: DealResult): string {
    const violations = result.violations.length;
    const suffix = violations === 0 ? '' : ` · ${violations} violation${violations === 1 ? '' : 's'}`;
    const outcome = result.outcome;
    switch (outcome.kind) {
        case 'won':
            return `Won in ${days(result.cycleDays ?? 0)}${suffix}`;
        case 'terminated': {
            const how = outcome.automatic ? 'automatically' : 'by hand';
            return `${outcome.outcome} (${outcome.reason}, ${how}) after ${days(result.cycleDays ?? 0)}${suffix}`;
        }
        default: {
            const current = result.visits[result.visits.length - 1];
            const since = current ? `, ${days(current.days)} in stage` : '';
            return `Open at ${outcome.stage ?? 'the start'}${since}${suffix}`;
        }
    }
}

function days(count: number): string {
    return `${count} day${count === 1 ? '' : 's'}`;
}
