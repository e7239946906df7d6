/**
 * A calibration as text a sales-ops author reads in a terminal: what the deals did beside what
 * the playbook declares, stage by stage, then the names, the conformance and the edits the
 * data supports. A consumer of `Calibration` (plain data): only wording and layout here.
 * Tables are padded by display width (stage names in Chinese line up); unknown is "—".
 */
import { groupedCount, textTable } from '../utils/figures.js';
import type { AliasOwner, Calibration, CalibrationSuggestion, ObservedShare, StageCalibration } from './calibration.js';

export function formatCalibration(calibration: Calibration): string {
    const lines: string[] = [];
    const { deals } = calibration;
    const asOf = calibration.asOf !== null ? ` as of ${calibration.asOf}` : '';
    lines.push(`${calibration.playbook}: ${plural(deals.total, 'deal')}${asOf}: ${count(deals.won)} won, ${count(deals.terminated)} ended, ${count(deals.open)} open`
        + (deals.lateStarts > 0 ? `; ${count(deals.lateStarts)} start after the first stage (late starts: not skips)` : ''));
    lines.push('');
    lines.push('Win probability: the declared probability beside the win rate of the closed deals that reached the stage (95% interval)');
    lines.push(table(
        ['Stage', 'Declared', 'Observed', '95% interval', 'Won', 'Closed', 'Open', 'Finding'],
        calibration.stages.map(s => [
            s.stage, s.probability.declared === null ? '—' : `${s.probability.declared}%`, percent(s.probability.observed.share), interval(s.probability.observed),
            count(s.probability.observed.count), count(s.probability.observed.of), count(s.probability.open), probabilityFinding(s)
        ])
    ));
    lines.push('');
    lines.push('Time in stage: completed stays, whole days (nearest-rank percentiles); a within limit promises 90% leave within it');
    lines.push(table(
        ['Stage', 'Within', 'Median', '90th pct', 'Longest', 'Stays', 'Within the limit', 'Open stays', 'Finding'],
        calibration.stages.map(s => [
            s.stage, s.time.declaredWithin === null ? '—' : days(s.time.declaredWithin), maybe(s.time.median, days), maybe(s.time.p90, days), maybe(s.time.max, days),
            count(s.time.stays), s.time.withinShare?.share != null ? `${percent(s.time.withinShare.share)} (${interval(s.time.withinShare)})` : '—', count(s.time.openStays), timeFinding(s)
        ])
    ));
    lines.push('');
    lines.push('Skips and regressions: skipped of the deals that passed the stage (moved over it, or through it and on)');
    lines.push(table(
        ['Stage', 'Optional', 'Skipped', 'Passed', 'Share', '95% interval', 'Started later', 'Moved back from', 'Moved back to'],
        calibration.stages.map(s => [
            s.stage, s.optional ? 'yes' : 'no', count(s.skips.skipped.count), count(s.skips.skipped.of), percent(s.skips.skipped.share), interval(s.skips.skipped),
            count(s.skips.startedLater), count(s.regressions.from), count(s.regressions.to)
        ])
    ));
    const unobserved = calibration.stages.filter(s => s.skips.unobserved > 0);
    if (unobserved.length > 0) {
        lines.push(`Not in the data: ${unobserved.map(s => `${s.stage} (${count(s.skips.unobserved)})`).join(', ')}: the export has no date for ${unobserved.length === 1 ? 'it' : 'them'}, so moving over ${unobserved.length === 1 ? 'it' : 'them'} is neither a pass nor a skip.`);
    }
    lines.push('');
    const { conformance } = calibration;
    lines.push(`Conformance: ${share(conformance.deals, 'deal')} ${conformance.deals.count === 1 ? 'has' : 'have'} no violation; ${share(conformance.transitions, 'transition')} follow${conformance.transitions.count === 1 ? 's' : ''} the playbook`);
    const names = calibration.stageNames;
    if (names.unmatched.length > 0 || names.aliasesNeverSeen.length > 0) {
        lines.push('');
        lines.push('CRM names:');
        if (names.unmatched.length > 0) {
            lines.push(`  not a stage or an end of the playbook (their deals are skipped): ${names.unmatched.map(n => `"${n.name}" (${count(n.count)})`).join(', ')}`);
        }
        if (names.aliasesNeverSeen.length > 0) {
            lines.push(`  aliases no row uses: ${names.aliasesNeverSeen.map(a => `"${a.alias}" (${owner(a.of)})`).join(', ')}`);
        }
    }
    lines.push('');
    if (calibration.suggestions.length === 0) {
        lines.push('Suggested edits: none; the playbook agrees with the data');
    } else {
        lines.push(`Suggested edits (--write applies them):`);
        for (const suggestion of calibration.suggestions) lines.push(`  ${describeSuggestion(suggestion)}`);
    }
    return lines.join('\n') + '\n';
}

export function describeSuggestion(suggestion: CalibrationSuggestion): string {
    switch (suggestion.kind) {
        case 'set-probability': {
            const e = suggestion.evidence;
            const from = suggestion.from === null ? 'add probability' : `probability ${suggestion.from}% →`;
            return `${suggestion.stage}: ${from} ${suggestion.to}% (${count(e.count)} won of ${plural(e.of, 'closed deal')}; 95% interval ${interval(e)})`;
        }
        case 'set-within': {
            const e = suggestion.evidence;
            return `${suggestion.stage}: within ${suggestion.from} → ${days(suggestion.to)} (${percent(e.withinShare.share)} of ${plural(e.stays, 'stay')} within ${days(suggestion.from)}; median ${days(e.median)}, 90% leave within ${days(e.p90)})`;
        }
        case 'make-optional':
            return `${suggestion.stage}: make optional (skipped by ${count(suggestion.evidence.count)} of the ${plural(suggestion.evidence.of, 'deal')} that passed it, ${percent(suggestion.evidence.share)}; 95% interval ${interval(suggestion.evidence)})`;
        case 'add-alias':
            return `${suggestion.stage}: alias "${suggestion.alias}" (${count(suggestion.evidence.count)} in the export; like "${suggestion.evidence.similarTo}")`;
    }
}

/** Text columns: the first and the last (a finding, words) left-aligned, figures right-aligned, padded by display width. */
function table(header: string[], rows: string[][]): string {
    const last = header.length - 1;
    const left = (i: number): boolean => i === 0 || (i === last && header[i] === 'Finding');
    return textTable(header, rows, left);
}

function probabilityFinding(s: StageCalibration): string {
    const { declared, observed, significant } = s.probability;
    if (observed.share === null) return declared === null ? '' : 'no closed deal';
    if (declared === null) return '';
    if (!significant) return 'agrees';
    return declared / 100 < (observed.low ?? 0) ? 'declared too low' : 'declared too high';
}

function timeFinding(s: StageCalibration): string {
    const { withinShare, significant, p90 } = s.time;
    if (!withinShare || withinShare.share === null) return '';
    if (!significant) return 'agrees';
    return withinShare.share < 0.9 ? `too short: 90% take ${maybe(p90, days)}` : `too long: 90% leave within ${maybe(p90, days)}`;
}

function owner(of: AliasOwner): string {
    return of.kind === 'stage' ? `stage ${of.stage}` : of.kind === 'won' ? 'won' : `outcome ${of.outcome}`;
}

function share(observed: ObservedShare, noun: string): string {
    return `${count(observed.count)} of ${plural(observed.of, noun)} (${percent(observed.share)})`;
}

function interval(observed: ObservedShare): string {
    return observed.low === null || observed.high === null ? '—' : `${percent(observed.low)}–${percent(observed.high)}`;
}

function percent(value: number | null): string {
    return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}

function maybe<T>(value: T | null, format: (v: T) => string): string {
    return value === null ? '—' : format(value);
}

function days(n: number): string {
    return `${count(n)} day${n === 1 ? '' : 's'}`;
}

const count = groupedCount;

function plural(n: number, noun: string): string {
    return `${count(n)} ${noun}${n === 1 ? '' : 's'}`;
}
