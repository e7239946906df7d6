/**
 * The edits of a playbook its history supports, each with the figures that support it:
 * - `set-probability` where the declared probability lies outside the 95% interval of the
 *   observed win rate (or, where none is declared, from at least 30 closed deals): the rate
 *   rounded, or the probability of the stage before where the rounded rate would fall below
 *   it and the interval allows it (a probability must not fall from stage to stage);
 * - `set-within` where 90% lies outside the interval of the share of stays within the limit:
 *   the limit becomes the observed 90th percentile;
 * - `make-optional` where a non-optional stage is skipped by significantly more than one in ten
 *   of the deals that pass it;
 * - `add-alias` where a name of the export that means nothing is like the name, title or an
 *   alias of exactly one stage (a name like none is listed, not guessed).
 */
import { normalizeName } from '../crm/normalize-name.js';
import type { PlaybookModel } from '../model/playbook-model.js';
import { MIN_DEALS_FOR_NEW_PROBABILITY, OPTIONAL_SKIP_SHARE, type CalibrationSuggestion, type StageCalibration, type StageNames } from './calibration.js';

export function suggestionsOf(playbook: PlaybookModel, stages: readonly StageCalibration[], names: StageNames): CalibrationSuggestion[] {
    const suggestions: CalibrationSuggestion[] = [];
    // The probability of the stage before, as it will be once the suggestions are applied.
    let before: number | undefined;
    for (const stage of stages) {
        const { probability, time, skips } = stage;
        const observed = probability.observed;
        let after = probability.declared ?? undefined;
        if (observed.share !== null && observed.high !== null) {
            let to = Math.round(observed.share * 100);
            // A probability must not fall from stage to stage: where the rounded rate would, and
            // the data allows the one before (it lies within the interval), that one is suggested.
            if (before !== undefined && to < before && before <= observed.high * 100) to = before;
            const wanted = probability.declared === null ? observed.of >= MIN_DEALS_FOR_NEW_PROBABILITY : probability.significant;
            if (wanted && to !== probability.declared) {
                suggestions.push({ kind: 'set-probability', stage: stage.stage, from: probability.declared, to, evidence: observed });
                after = to;
            }
        }
        if (after !== undefined) before = after;
        if (time.significant && time.declaredWithin !== null && time.withinShare && time.median !== null && time.p90 !== null) {
            const to = Math.max(1, time.p90);
            if (to !== time.declaredWithin) {
                suggestions.push({
                    kind: 'set-within', stage: stage.stage, from: time.declaredWithin, to,
                    evidence: { stays: time.stays, median: time.median, p90: time.p90, withinShare: time.withinShare }
                });
            }
        }
        if (!stage.optional && skips.skipped.low !== null && skips.skipped.low > OPTIONAL_SKIP_SHARE) {
            suggestions.push({ kind: 'make-optional', stage: stage.stage, evidence: skips.skipped });
        }
    }
    for (const { name, count } of names.unmatched) {
        const match = similarStage(playbook, name);
        if (match) suggestions.push({ kind: 'add-alias', stage: match.stage, alias: name, evidence: { count, basis: 'similar-name', similarTo: match.similarTo } });
    }
    return suggestions;
}

/** The one stage whose name, title or an alias is like `name`; none when no stage or several are. */
function similarStage(playbook: PlaybookModel, name: string): { stage: string; similarTo: string } | undefined {
    const key = letters(name);
    if (key.length < 3) return undefined;
    const found: Array<{ stage: string; similarTo: string }> = [];
    for (const stage of playbook.stages) {
        const like = [stage.name, ...(stage.title !== undefined ? [stage.title] : []), ...stage.aliases].find(candidate => similar(key, letters(candidate)));
        if (like !== undefined) found.push({ stage: stage.name, similarTo: like });
    }
    return found.length === 1 ? found[0] : undefined;
}

function letters(text: string): string {
    return normalizeName(text).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** One contains the other (at least 4 letters of it), or few letters differ (one per five). */
function similar(a: string, b: string): boolean {
    if (a === '' || b === '') return false;
    const [short, long] = a.length <= b.length ? [a, b] : [b, a];
    if (short.length >= 4 && long.includes(short)) return true;
    return editDistance(a, b) <= Math.max(1, Math.floor(long.length / 5));
}

function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}
