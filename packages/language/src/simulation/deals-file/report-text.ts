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
    if (data.report) lines.push('', formatAggregateReport(data.report).trimEnd());
    if (data.deals.length > 0) lines.push('');
    for (const deal of data.deals.slice(0, DEALS_LISTED)) {
        lines.push(`${at(deal.source.line)}: ${deal.deal}: ${deal.summary}`);
        for (const violation of deal.violations) {
            lines.push(`  ${violation.date} ${violation.severity} ${violation.code} ${violation.message.replace(/\r?\n/g, '\n    ')}`);
        }
    }
    if (data.summary.dealsWithViolations > DEALS_LISTED) {
        lines.push(`… and ${plural(data.summary.dealsWithViolations - DEALS_LISTED, 'more deal')} with violations`);
    }
    return `${lines.join('\n')}\n`;
}

function plural(count: number, noun: string): string {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
