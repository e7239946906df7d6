/**
 * The JSON output of `playbook simulate`, for machines: one document,
 *
 *   { "deals": [ …one result per deal… ],
 *     "report": { …the aggregate… } | null,   // the only playbook's; null when deals of several were replayed
 *     "reports": [ …one per playbook… ],
 *     "errors": [ …bad rows and cells, or the .playbook errors that stopped the run… ],
 *     "problems": [ …the same, each distinct problem once: code, message, rows, lines, fix… ],
 *     "input": { usedRows, unusableRows,            // with --deals
 *                incompleteDeals, incomplete: [ { deal, lines, rows } ] },   // deals replayed from their first rows only
 *     "summary": { deals, dealsWithViolations, errors, stopped, interrupted } }
 *
 * written as the deals are replayed (one deal per line), so a million deals are never held in
 * memory, and closed on every way a run ends (errors, a fatal reader error, Ctrl-C), so the
 * output is always one valid JSON document.
 */
import type { DealEntry } from './deal-entry.js';
import type { RunEnd, SimulationOutput } from './output.js';
import type { OutputWriter } from './output-writer.js';

export class JsonOutput implements SimulationOutput {
    private deals = 0;

    constructor(private readonly out: OutputWriter) {}

    deal(entry: DealEntry): void | Promise<void> {
        return this.out.write(`${this.deals++ === 0 ? '{\n"deals": [\n' : ',\n'}${JSON.stringify(entry)}`);
    }

    async finish(end: RunEnd): Promise<void> {
        const report = end.reports.length === 1 ? end.reports[0] : null;
        await this.out.write(`${this.deals === 0 ? '{\n"deals": [' : '\n'}],\n`
            + `"report": ${JSON.stringify(report, null, 2)},\n`
            + `"reports": ${JSON.stringify(end.reports, null, 2)},\n`
            + `"errors": ${JSON.stringify(end.errors, null, 2)},\n`
            + `"problems": ${JSON.stringify(end.problems ?? [], null, 2)},\n`
            + (end.input ? `"input": ${JSON.stringify(end.input)},\n` : '')
            + `"summary": ${JSON.stringify(end.summary)}\n}\n`);
        await this.out.flush();
    }
}
