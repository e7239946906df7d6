/**
 * The aggregate report as text a sales-ops analyst reads in a terminal: the funnel as a
 * table, then win rate, cycle time, the most frequent violations and the forecast.
 */
import type { AggregateReport, TimeSummary } from './aggregate-report.js';

export function formatAggregateReport(report: AggregateReport, options: { topViolations?: number } = {}): string {
    const lines: string[] = [];
    const { outcomes } = report;
    const ended = Object.entries(outcomes.byOutcome).map(([name, count]) => `${count} ${name}`).join(', ');
    lines.push(`${report.playbook}: ${deals(report.deals)}: ${outcomes.won} won, ${outcomes.terminated} ended${ended ? ` (${ended})` : ''}, ${outcomes.open} open`);
    lines.push('');
    lines.push(table(
        ['Stage', 'Reached', 'Advanced', 'Conversion', 'Pending', 'Ended here', 'Days (mean)', 'Days (median)'],
        [
            ...report.funnel.map(s => [
                s.stage + (s.optional ? ' (optional)' : ''), String(s.reached), String(s.advanced), percent(s.conversion),
                String(s.pending), String(s.endedHere), number(s.days.mean), number(s.days.median)
            ]),
            ['Won', String(report.won.deals), '', '', '', '', '', '']
        ]
    ));
    lines.push('');
    lines.push(`Win rate: ${percent(report.winRate.ofClosed)} of closed deals, ${percent(report.winRate.ofAll)} of all deals`);
    lines.push(`Cycle time (closed): ${describeTime(report.cycleTime.closed)}`);
    lines.push(`Cycle time (won):    ${describeTime(report.cycleTime.won)}`);
    if (report.violations.length > 0) {
        lines.push('');
        lines.push(`Violations: ${report.dealsWithViolations} of ${deals(report.deals)} ${report.dealsWithViolations === 1 ? 'has' : 'have'} at least one`);
        for (const v of report.violations.slice(0, options.topViolations ?? 10)) {
            lines.push(`  ${v.code} (${v.severity}): ${v.count} in ${deals(v.deals)}, e.g. ${v.example.deal} on ${v.example.date}: ${v.example.message}`);
        }
    }
    const f = report.forecast;
    lines.push('');
    lines.push(`Forecast from ${deals(f.deals, 'open deal')} with a stage probability${f.dealsWithoutProbability > 0 ? ` (${f.dealsWithoutProbability} without one are left out)` : ''}:`);
    lines.push(`  expected wins ${number(f.expectedWins)} (90%: ${number(f.interval.wins[0])}–${number(f.interval.wins[1])})`);
    lines.push(`  expected value ${money(f.expectedValue)} (90%: ${money(f.interval.value[0])}–${money(f.interval.value[1])})${f.dealsWithoutAmount > 0 ? `; ${deals(f.dealsWithoutAmount)} ${f.dealsWithoutAmount === 1 ? 'has' : 'have'} no amount` : ''}`);
    lines.push(`  ${f.interval.method === 'monte-carlo' ? `Monte Carlo, ${f.interval.trials} trials, seed ${f.interval.seed}` : 'normal approximation'}`);
    return lines.join('\n') + '\n';
}

function table(header: string[], rows: string[][]): string {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)));
    const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
    return [line(header), line(widths.map(w => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function describeTime(time: TimeSummary): string {
    return time.count === 0 ? 'no closed deals' : `median ${number(time.median)} days, 90th percentile ${number(time.p90)} days, mean ${number(time.mean)} (${deals(time.count)})`;
}

function percent(value: number | null): string {
    return value === null ? '–' : `${(value * 100).toFixed(1)}%`;
}

function number(value: number | null | undefined): string {
    if (value === null || value === undefined) return '–';
    return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function money(value: number): string {
    return Math.round(value).toLocaleString('en-US');
}

/** `1 deal`, `2 deals` (or another noun). */
function deals(count: number, noun = 'deal'): string {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
