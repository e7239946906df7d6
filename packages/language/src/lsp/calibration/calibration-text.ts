/**
 * A stage's calibration in the editor's words: the code lens above the stage ("observed: 23%
 * win, 90% leave within 71 days, n = 2,031") and the part of its hover beside the declared
 * figures. Figures are written as `playbook calibrate` writes them (shares to a tenth of a
 * percent, counts with thousands separators, whole days); the lens rounds the win rate to a
 * whole percent, the value a quick fix would write.
 */
import { describeSuggestion, groupedCount, WITHIN_SHARE, type Calibration, type ObservedShare, type StageCalibration } from '@playbook/model';
import { escapeMarkdown } from '../hover/declaration-descriptions.js';

/** The code lens's title: the win rate of the closed deals, 90% of the stays, and how many closed deals the rate is of. */
export function stageLensTitle(stage: StageCalibration): string {
    const { observed } = stage.probability;
    const parts: string[] = [];
    if (observed.share !== null) parts.push(`${Math.round(observed.share * 100)}% win`);
    else if (stage.reached > 0) parts.push('no closed deal');
    if (stage.time.p90 !== null) parts.push(`${percentOfStays()} leave within ${days(stage.time.p90)}`);
    if (parts.length === 0) return 'observed: no deal reached this stage';
    if (observed.share !== null) parts.push(`n = ${count(observed.of)}`);
    return `observed: ${parts.join(', ')}`;
}

/** The hover's section on the stage: observed beside declared, and the edits the data supports. */
export function stageHoverSection(calibration: Calibration, stage: StageCalibration, dealsFile: string): string {
    const { probability, time, skips } = stage;
    const asOf = calibration.asOf !== null ? `, as of ${calibration.asOf}` : '';
    const lines = [`**Observed** in \`${escapeMarkdown(dealsFile)}\` (${plural(calibration.deals.total, 'deal')}${asOf}; ${count(stage.reached)} reached this stage)`];
    const declared = probability.declared === null ? 'none declared' : `declared ${probability.declared}%`;
    lines.push(probability.observed.share === null
        ? `- Win rate: no closed deal reached it (${declared})`
        : `- Win rate: ${percent(probability.observed.share)} (95% interval ${interval(probability.observed)}), ${count(probability.observed.count)} won of ${plural(probability.observed.of, 'closed deal')}; ${declared}${probability.significant ? ' (outside the interval)' : ''}`);
    const within = time.declaredWithin === null ? 'no within limit' : `within ${days(time.declaredWithin)}`;
    lines.push(time.median === null || time.p90 === null
        ? `- Days in stage: no completed stay (${within})`
        : `- Days in stage: median ${days(time.median)}, ${percentOfStays()} leave within ${days(time.p90)} (${plural(time.stays, 'stay')}); ${within}`
            + (time.withinShare?.share != null ? `: ${percent(time.withinShare.share)} of the stays fit it${time.significant ? ` (${percentOfStays()} is outside ${interval(time.withinShare)})` : ''}` : ''));
    lines.push(skips.skipped.share === null
        ? `- Skipped: no deal passed it${stage.optional ? ' (optional)' : ''}`
        : `- Skipped: ${percent(skips.skipped.share)} (95% interval ${interval(skips.skipped)}), ${count(skips.skipped.count)} of the ${plural(skips.skipped.of, 'deal')} that passed it${stage.optional ? ' (optional)' : ''}`);
    const suggestions = calibration.suggestions.filter(s => s.stage === stage.stage);
    if (suggestions.length > 0) lines.push('', '**The data suggests** (a quick fix applies it)', ...suggestions.map(s => `- ${escapeMarkdown(describeSuggestion(s))}`));
    return lines.join('\n');
}

function percentOfStays(): string {
    return `${Math.round(WITHIN_SHARE * 100)}%`;
}

function interval(observed: ObservedShare): string {
    return observed.low === null || observed.high === null ? '—' : `${percent(observed.low)}–${percent(observed.high)}`;
}

function percent(value: number): string {
    return `${(value * 100).toFixed(1)}%`;
}

function days(n: number): string {
    return `${count(n)} day${n === 1 ? '' : 's'}`;
}

export const count = groupedCount;

function plural(n: number, noun: string): string {
    return `${count(n)} ${noun}${n === 1 ? '' : 's'}`;
}
