/** One row of a stage-history CSV: a dated stage change, with the row's fields, tasks and outcome. */
import type { CsvLayout } from './csv-layout.js';
import type { DealContext, DealRows } from './deal-rows.js';
import { cell, NO_EVENTS, readAmountAndTitle, readDate, readFieldsAndTasks, readStage, meaningOf } from './row-cells.js';

export function addHistoryRow(deal: DealRows, cells: readonly string[], line: number, layout: CsvLayout, context: DealContext): void {
    deal.countRow(line);
    const dateText = cell(cells, layout.date);
    if (dateText === '') {
        deal.error(line, layout.date, 'the date is blank; a stage change needs one', { code: 'blank-date', fix: 'fill in the date, or remove the row' });
        return;
    }
    const date = readDate(deal, cells, line, layout.date, context);
    if (!date) return;
    let change = readStage(deal, cells, line, layout.stage, context);
    const outcomeText = cell(cells, layout.outcome);
    if (outcomeText !== '') {
        const outcome = meaningOf(deal, outcomeText, line, layout.outcome, context);
        if (outcome && outcome.kind !== 'stage' && outcome.kind !== 'open') {
            // The outcome column says how the deal ended; the stage column said where it was.
            if (change?.kind === 'stage') {
                deal.add(date.key, date.iso, NO_EVENTS, change);
            }
            change = outcome;
        } else if (outcome?.kind === 'stage') {
            deal.error(line, layout.outcome, `"${outcomeText}" is a stage, not an outcome (won, lost or a termination of the playbook)`, { code: 'stage-as-outcome', subject: outcomeText });
        }
    }
    const events = readAmountAndTitle(deal, cells, line, date.key, layout, readFieldsAndTasks(deal, cells, line, date.iso, layout, context), date.iso);
    const reason = change?.kind === 'terminate' ? cell(cells, layout.reason) : '';
    deal.add(date.key, date.iso, events, change && reason !== '' ? { ...change, reason } : change);
}
