/**
 * The text output of `playbook simulate`, for people: a line per deal with its outcome and,
 * indented under it, its violations (date, severity, code, message; for a deal written in a
 * .playbook file, the `file:line:column` of the event, as `check` reports it), then the
 * aggregate report of each playbook.
 *
 * A long run lists only the deals with violations, and only the first of them: a terminal
 * is no place for a million lines (`--format json` has every deal). Memory stays flat: only
 * the lines that may be shown are kept.
 */
import { formatAggregateReport, type IncompleteDeal, groupedCount } from '@playbook/model';
import type { DealEntry } from './deal-entry.js';
import type { RunEnd, SimulationOutput } from './output.js';
import type { OutputWriter } from './output-writer.js';

/** Up to this many deals, every deal is listed. */
export const LIST_EVERY_DEAL_UP_TO = 50;
/** Beyond that, this many deals with violations are. */
export const VIOLATING_DEALS_SHOWN = 20;
/** Incomplete deals named in the report (all are in JSON). */
const INCOMPLETE_SHOWN = 10;

type Shown = { text: string; file: string; line: number; deal: string };

export class TextOutput implements SimulationOutput {
    // Open deals of a CRM export come last (judged at the end, as of its latest date): the
    // listings are put back in input order.
    private readonly first: Shown[] = [];
    private readonly violating: Shown[] = [];
    private deals = 0;
    private withViolations = 0;

    /** `dealSources`: name each deal's file and line (deals from a CRM export, where the violations have no line of their own). */
    constructor(private readonly out: OutputWriter, private readonly dealSources: boolean) {}

    deal(entry: DealEntry): void {
        this.deals++;
        const hasViolations = entry.violations.length > 0;
        if (hasViolations) {
            this.withViolations++;
        }
        const listed = this.deals <= LIST_EVERY_DEAL_UP_TO;
        const asViolating = hasViolations && this.violating.length < VIOLATING_DEALS_SHOWN;
        if (listed || asViolating) {
            const shown = { text: this.formatDeal(entry), file: entry.source.file, line: entry.source.line, deal: entry.deal };
            if (listed) this.first.push(shown);
            if (asViolating) this.violating.push(shown);
        }
    }

    async finish(end: RunEnd): Promise<void> {
        if (end.withheld || end.summary.deals === 0 && (end.summary.stopped || end.summary.interrupted)) {
            return; // Nothing (trustworthy) was replayed: stderr says why.
        }
        const lines: string[] = [];
        // A deal listed before its later rows turned up apart from it says so on its line.
        const incomplete = new Map((end.input?.incomplete ?? []).map(d => [d.deal, d]));
        const inOrder = (shown: Shown[]): string[] => sortedText(shown, incomplete);
        if (this.deals === 0) {
            lines.push('No deals to simulate.');
        } else if (this.deals <= LIST_EVERY_DEAL_UP_TO) {
            lines.push(...inOrder(this.first));
        } else if (this.withViolations === 0) {
            lines.push(`None of the ${count(this.deals)} deals has a violation.`);
        } else {
            const more = this.withViolations - this.violating.length;
            lines.push(`${count(this.withViolations)} of ${count(this.deals)} deals have violations${more > 0 ? `; the first ${this.violating.length}:` : ':'}`);
            lines.push(...inOrder(this.violating));
            if (more > 0) {
                lines.push(`… and ${count(more)} more deal${more === 1 ? '' : 's'} with violations; use --format json for all`);
            }
        }
        if (end.input && end.input.incompleteDeals > 0) {
            lines.push('', ...describeIncomplete(end.input.incompleteDeals, end.input.incomplete));
        }
        for (const report of end.reports) {
            lines.push('', formatAggregateReport(report).trimEnd());
        }
        await this.out.write(lines.join('\n') + '\n');
        await this.out.flush();
    }

    private formatDeal(entry: DealEntry): string {
        const where = this.dealSources ? ` (${entry.source.file}:${entry.source.line})` : '';
        const lines = [`${entry.deal}${where}: ${entry.summary}`];
        for (const v of entry.violations) {
            const at = v.line !== undefined ? `${v.file}:${v.line}:${v.column} ` : '';
            lines.push(`  ${at}${v.date} ${v.severity} ${v.code} ${v.message.replace(/\r?\n/g, '\n    ')}`);
        }
        return lines.join('\n');
    }
}

function sortedText(shown: Shown[], incomplete: ReadonlyMap<string, IncompleteDeal>): string[] {
    return shown.slice().sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1)).map(s => {
        const missing = incomplete.get(s.deal);
        if (!missing) return s.text;
        const end = s.text.indexOf('\n');
        const mark = ` · INCOMPLETE: ${count(missing.rows)} later row${missing.rows === 1 ? '' : 's'} skipped (line ${missing.lines.join(', ')})`;
        return end < 0 ? s.text + mark : s.text.slice(0, end) + mark + s.text.slice(end);
    });
}

/** Said before the figures, which count these deals as their first rows show them. */
function describeIncomplete(deals: number, listed: readonly IncompleteDeal[]): string[] {
    const shown = listed.slice(0, INCOMPLETE_SHOWN).map(d => `${d.deal} (${count(d.rows)} row${d.rows === 1 ? '' : 's'} from line ${d.lines[0]})`);
    const rows = listed.reduce((sum, d) => sum + d.rows, 0);
    return [
        `Incomplete: ${count(deals)} deal${deals === 1 ? ' was' : 's were'} replayed from ${deals === 1 ? 'its' : 'their'} first rows only: later rows came after other deals' and were skipped${deals === listed.length ? ` (${count(rows)} rows)` : ''}.`,
        `  The figures below count ${deals === 1 ? 'it' : 'them'} as those first rows show ${deals === 1 ? 'it' : 'them'}; sort the export by deal id for a complete replay.`,
        `  ${shown.join(', ')}${deals > shown.length ? `, … (${count(deals - shown.length)} more; all in --format json)` : ''}`
    ];
}

const count = groupedCount;
