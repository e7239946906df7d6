/**
 * The aggregate report as text a sales-ops analyst reads in a terminal: the funnel as a
 * table, then win rate, cycle time, late starts, the checks the data cannot evidence, the
 * most frequent violations and the forecast. A consumer of `AggregateReport` (plain data):
 * everything here is wording and layout. Columns are padded by display width, so stage
 * names in Chinese (two columns a character) line up; an unknown figure is "—".
 */
import { groupedCount, textTable } from '../../utils/figures.js';
import type { AggregateReport, TimeSummary, UnverifiableCheck } from './aggregate-report.js';

export function formatAggregateReport(report: AggregateReport, options: { topViolations?: number } = {}): string {
    const lines: string[] = [];
    const { outcomes } = report;
    const ended = Object.entries(outcomes.byOutcome).map(([name, n]) => `${count(n)} ${name}`).join(', ');
    const asOf = report.asOf !== null ? `, as of ${report.asOf}` : '';
    lines.push(`${report.playbook}: ${deals(report.deals)}${asOf}: ${count(outcomes.won)} won, ${count(outcomes.terminated)} ended${ended ? ` (${ended})` : ''}, ${count(outcomes.open)} open`);
    lines.push('');
    lines.push(table(
        ['Stage', 'Reached', 'Advanced', 'Conversion', 'Pending', 'Ended here', 'Skipped', 'Days (mean)', 'Days (median)'],
        [
            ...report.funnel.map(s => [
                s.stage + (s.optional ? ' (optional)' : ''), count(s.reached), count(s.advanced), percent(s.conversion),
                count(s.pending), count(s.endedHere), count(s.skipped), number(s.days.mean), number(s.days.median)
            ]),
            [wonRowLabel(report), count(report.won.deals), '', '', '', '', '', '', '']
        ]
    ));
    const unobserved = report.funnel.filter(s => s.unobserved > 0);
    if (unobserved.length > 0) {
        lines.push(`Not in the data: ${unobserved.map(s => `${s.stage} (${count(s.unobserved)})`).join(', ')} ${unobserved.length === 1 ? 'has' : 'have'} no date column, so the deals that moved over ${unobserved.length === 1 ? 'it' : 'them'} are neither reached nor skipped.`);
    }
    lines.push('');
    lines.push(`Win rate: ${percent(report.winRate.ofClosed)} of closed deals, ${percent(report.winRate.ofAll)} of all deals`);
    lines.push(`Cycle time (closed): ${describeTime(report.cycleTime.closed)}`);
    lines.push(`Cycle time (won):    ${describeTime(report.cycleTime.won)}`);
    if (report.lateStarts.deals > 0) {
        const where = report.lateStarts.byStage.map(s => `${s.stage ?? 'at the win'} ${count(s.deals)}`).join(', ');
        lines.push('');
        lines.push(`Late starts: ${deals(report.lateStarts.deals)} ${report.lateStarts.deals === 1 ? 'starts' : 'start'} after the first stage (${where}): the stages before a history's first record are not counted as reached or skipped`);
    }
    if (report.unverifiable.length > 0) {
        lines.push('');
        lines.push(`Not verifiable with this data (not counted as violations):`);
        for (const check of report.unverifiable) lines.push(`  ${describeUnverifiable(check)}`);
    }
    if (report.violations.length > 0) {
        lines.push('');
        lines.push(`Violations: ${count(report.dealsWithViolations)} of ${deals(report.deals)} ${report.dealsWithViolations === 1 ? 'has' : 'have'} at least one`);
        for (const v of report.violations.slice(0, options.topViolations ?? 10)) {
            lines.push(`  ${v.code} (${v.severity}): ${count(v.count)} in ${deals(v.deals)}, e.g. ${v.example.deal} on ${v.example.date}: ${v.example.message}`);
        }
    }
    lines.push('');
    lines.push(...describeForecast(report.forecast));
    return lines.join('\n') + '\n';
}

/**
 * The funnel's last row counts the deals won. A playbook may name its last stage "Won" too (as
 * CRMs name theirs): the row then says it is the outcome, so that the table has no two "Won" rows.
 */
function wonRowLabel(report: AggregateReport): string {
    return report.funnel.some(stage => stage.stage.toLowerCase() === 'won') ? 'Won (outcome)' : 'Won';
}

function describeForecast(f: AggregateReport['forecast']): string[] {
    if (f.deals === 0) {
        const why = f.dealsWithoutProbability > 0 ? `none of the ${deals(f.dealsWithoutProbability, 'open deal')} is in a stage with a probability` : 'no deal is open';
        return [`Forecast: nothing to forecast (${why})`];
    }
    const lines = [`Forecast from ${deals(f.deals, 'open deal')} with a stage probability${f.dealsWithoutProbability > 0 ? ` (${count(f.dealsWithoutProbability)} without one are left out)` : ''}:`];
    lines.push(`  expected wins ${number(f.expectedWins)} (90%: ${number(f.interval.wins[0])}–${number(f.interval.wins[1])})`);
    if (f.dealsWithoutAmount === f.deals) {
        lines.push(f.valueField !== undefined
            ? `  expected value: nothing to forecast (no open deal has a value for ${f.valueField})`
            : '  expected value: nothing to forecast (no open deal has an amount; `forecast <field>` names the field that holds one)');
    } else {
        lines.push(`  expected value ${money(f.expectedValue)} (90%: ${money(f.interval.value[0])}–${money(f.interval.value[1])})${f.dealsWithoutAmount > 0 ? `; ${deals(f.dealsWithoutAmount)} ${f.dealsWithoutAmount === 1 ? 'has' : 'have'} no amount` : ''}`);
    }
    lines.push(`  ${f.interval.method === 'monte-carlo' ? `Monte Carlo, ${count(f.interval.trials ?? 0)} trials, seed ${f.interval.seed}` : 'normal approximation'}`);
    return lines;
}

function describeUnverifiable(check: UnverifiableCheck): string {
    const where = check.gate !== undefined ? `gate ${check.gate} of ${check.stage}` : `${check.stage}`;
    const what = check.requirement.kind === 'task'
        ? `${check.gate !== undefined ? 'requires' : 'requires task'} ${check.requirement.task}`
        : `when ${check.requirement.condition}`;
    const needs = check.needs.kind === 'task-column'
        ? 'a task column (the tasks done, separated by ;)'
        : `a column ${check.needs.fields.map(f => `"${f}"`).join(', ')}`;
    return `${where}: ${what} — needs ${needs}; ${deals(check.deals)} left the stage unchecked`;
}

/** Text columns: the first left-aligned, the others right-aligned, padded by display width. */
export function table(header: string[], rows: string[][]): string {
    return textTable(header, rows, column => column === 0);
}

function describeTime(time: TimeSummary): string {
    return time.count === 0 ? 'no closed deals' : `median ${days(time.median)}, 90th percentile ${days(time.p90)}, mean ${number(time.mean)} (${deals(time.count)})`;
}

/** `1 day`, `12 days`, `12.5 days`. */
function days(value: number | null): string {
    return `${number(value)} ${value === 1 ? 'day' : 'days'}`;
}

function percent(value: number | null): string {
    return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}

/** An unknown figure (no observation) is "—", never 0. */
function number(value: number | null | undefined): string {
    if (value === null || value === undefined) return '—';
    return Number.isInteger(value) ? count(value) : value.toFixed(1);
}

function money(value: number): string {
    return groupedCount(Math.round(value));
}

const count = groupedCount;

/** `1 deal`, `2 deals` (or another noun). */
function deals(n: number, noun = 'deal'): string {
    return `${count(n)} ${noun}${n === 1 ? '' : 's'}`;
}
