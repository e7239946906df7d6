/**
 * The report of a CRM export as text, for an editor without a report view (and for the VS
 * Code extension's output channel): what stopped the reading, each input problem once with
 * its fix, the aggregate report as `playbook simulate` prints it, then the first deals with
 * violations, each at its row of the export.
 */
import { formatAggregateReport } from '../aggregate/format-report.js';
import type { SimulationViewData } from './report-data.js';

/** Deals with violations listed (a report view has them all). */
export const DEALS_LISTED = 20;

/** `where`: how the export is named in each line (a path, a URI), so that an editor can link `where:line`. */
export function dealsFileReportText(data: SimulationViewData, where: string): string {
    const lines = [`Simulation of ${where} against ${data.playbook.name}`];
    const at = (line: number | undefined): string => `${where}${line !== undefined ? `:${line}` : ''}`;
    if (data.fatal) lines.push(`${at(data.fatal.line)}: ${data.fatal.message}`);
    for (const problem of data.problems) {
        lines.push(`${at(problem.line)}: ${problem.message} (${plural(problem.rows, 'row')})${problem.fix ? `; fix: ${problem.fix}` : ''}`);
    }
    if (data.summary.withheld) lines.push('Most rows could not be used: no report is made until the problems above are fixed.');
    if (data.summary.empty) lines.push('The export has no rows.');
    if (data.input.incompleteDeals > 0) lines.push('', ...describeIncomplete(data, at));
    if (data.report) lines.push('', formatAggregateReport(data.report).trimEnd());
    if (data.deals.length > 0) lines.push('');
    for (const deal of data.deals.slice(0, DEALS_LISTED)) {
        const incomplete = deal.incomplete ? ` · INCOMPLETE: ${plural(deal.incomplete.rows, 'later row')} skipped (line ${deal.incomplete.lines.join(', ')})` : '';
        lines.push(`${at(deal.source.line)}: ${deal.deal}: ${deal.summary}${incomplete}`);
        for (const violation of deal.violations) {
            lines.push(`  ${violation.date} ${violation.severity} ${violation.code} ${violation.message.replace(/\r?\n/g, '\n    ')}`);
        }
    }
    if (data.summary.dealsWithViolations > DEALS_LISTED) {
        lines.push(`… and ${plural(data.summary.dealsWithViolations - DEALS_LISTED, 'more deal')} with violations`);
    }
    return `${lines.join('\n')}\n`;
}

/** Said before the figures, as `playbook simulate` says it: they count these deals as their first rows show them. */
function describeIncomplete(data: SimulationViewData, at: (line: number | undefined) => string): string[] {
    const n = data.input.incompleteDeals;
    const lines = [
        `Incomplete: ${n === 1 ? '1 deal was' : `${n} deals were`} replayed from ${n === 1 ? 'its' : 'their'} first rows only: later rows came after other deals' and were skipped.`,
        `The figures count ${n === 1 ? 'it' : 'them'} as those first rows show ${n === 1 ? 'it' : 'them'}; sort the export by deal id for a complete replay.`
    ];
    for (const deal of data.input.incomplete.slice(0, DEALS_LISTED)) {
        lines.push(`${at(deal.lines[0])}: ${deal.deal}: ${plural(deal.rows, 'later row')} skipped`);
    }
    if (n > DEALS_LISTED) lines.push(`… and ${plural(n - DEALS_LISTED, 'more incomplete deal')}`);
    return lines;
}

function plural(count: number, noun: string): string {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
