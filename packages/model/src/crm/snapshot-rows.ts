/**
 * One row of a one-row-per-deal export (current stage plus some dates) as a deal's events.
 *
 * The row tells where the deal is and a few dates, not its history, so:
 * - each dated stage column (`engage_date` → Engaging, HubSpot's `Date entered X`, the
 *   created date → the first stage, Pipedrive's last stage change → the current stage) is an
 *   `enter` on that date, in date order;
 * - nothing is made up for the stages the export has no date column for: they are
 *   unobserved (`DataEvidence.unobservedStages`), so moving over one is neither a visit nor
 *   a skip, and a history starts at its first dated stage (a late start when that is not the
 *   first stage). A stage that has a date column (HubSpot's "Date entered X") left blank is
 *   a real skip and stays one;
 * - a current stage with no date is only allowed for the first stage (the deal is open at
 *   the start, with no events); elsewhere the deal cannot be placed and is reported;
 * - won or lost (by the stage cell or a status column) ends the deal on the won/lost date, or
 *   else the close date; without either the deal is reported;
 * - field columns hold current values and are set on the deal's first date.
 */
import type { EventModel } from '../model/playbook-model.js';
import type { CsvLayout } from './csv-layout.js';
import type { DealContext, DealRows } from './deal-rows.js';
import { cell, meaningOf, NO_EVENTS, readAmountAndTitle, readDate, readFieldsAndTasks, readStage } from './row-cells.js';
import type { StageMeaning } from './stage-mapper.js';

type Entry = { key: number; date: string; meaning: StageMeaning };

export function addSnapshotRow(deal: DealRows, cells: readonly string[], line: number, layout: CsvLayout, context: DealContext): void {
    deal.countRow(line);
    const entries: Entry[] = [];
    const first = context.playbook.stages[0];
    const created = readDate(deal, cells, line, layout.created, context);
    if (created && first) {
        entries.push({ key: created.key, date: created.iso, meaning: { kind: 'stage', stage: first.name, index: 0 } });
    }
    const endingDates = new Map<string, Entry>();
    for (const { column, stage } of layout.stageDates) {
        const date = readDate(deal, cells, line, column, context);
        if (!date) continue;
        const meaning = meaningOf(deal, stage, line, column, context);
        if (meaning?.kind === 'stage') entries.push({ key: date.key, date: date.iso, meaning });
        else if (meaning) endingDates.set(meaning.kind, { key: date.key, date: date.iso, meaning });
    }
    const current = readStage(deal, cells, line, layout.stage, context);
    const status = cell(cells, layout.outcome) === '' ? undefined : readStage(deal, cells, line, layout.outcome, context);
    const currentDate = readDate(deal, cells, line, layout.date, context);
    if (current?.kind === 'stage') {
        if (currentDate) {
            entries.push({ key: currentDate.key, date: currentDate.iso, meaning: current });
        } else if (!entries.some(e => e.meaning.kind === 'stage' && e.meaning.index === current.index) && (current.index > 0 || entries.length > 0)) {
            deal.error(line, layout.stage, `the deal is in ${current.stage}, but no column says since when (${describeDateColumns(layout)})`,
                { code: 'undated-stage', subject: current.stage, fix: 'fill in the date the deal entered its current stage, or name the column with --date-column' });
        }
    }
    const ending = status && status.kind !== 'stage' && status.kind !== 'open' ? status : current?.kind === 'won' || current?.kind === 'terminate' ? current : undefined;
    if (status?.kind === 'stage') {
        deal.error(line, layout.outcome, `"${cell(cells, layout.outcome)}" is a stage, not won, lost or open`, { code: 'stage-as-outcome', subject: cell(cells, layout.outcome) });
    }
    entries.sort((a, b) => a.key - b.key);
    // Read on every row, open deals too, so that a bad date is reported wherever it stands.
    const closing = { won: readDate(deal, cells, line, layout.wonDate, context), lost: readDate(deal, cells, line, layout.lostDate, context) };
    const closeDate = readDate(deal, cells, line, layout.closeDate, context);
    let end: Entry | undefined;
    if (ending) {
        const column = ending.kind === 'won' ? layout.wonDate : layout.lostDate;
        const date = (ending.kind === 'won' ? closing.won : closing.lost) ?? closeDate;
        const dated = date ? { key: date.key, date: date.iso, meaning: ending } : endingDates.get(ending.kind);
        if (dated) end = { ...dated, meaning: ending };
        // (A date cell that is there but bad has been reported as such.)
        else if (cell(cells, column) === '' && cell(cells, layout.closeDate) === '') {
            deal.error(line, layout.closeDate ?? column ?? layout.stage, `the deal is ${ending.kind === 'won' ? 'won' : 'lost'} but has no close date`,
                { code: 'no-close-date', fix: 'fill in the close date, or name the column with --close-date-column' });
        }
    }
    const firstDate = entries[0] ?? end;
    const fields: EventModel[] = firstDate ? readFieldsAndTasks(deal, cells, line, firstDate.date, layout, context) : NO_EVENTS;
    const setup = readAmountAndTitle(deal, cells, line, 0, layout, fields, firstDate?.date);
    const reason = cell(cells, layout.reason);
    if (setup.length > 0) deal.add(firstDate!.key, firstDate!.date, setup);
    for (const entry of entries) {
        deal.add(entry.key, entry.date, NO_EVENTS, entry.meaning);
    }
    if (end) {
        const change = end.meaning.kind === 'terminate' && reason !== '' ? { ...end.meaning, reason } : end.meaning;
        deal.add(Math.max(end.key, entries[entries.length - 1]?.key ?? end.key), end.date, NO_EVENTS, change);
    }
}

function describeDateColumns(layout: CsvLayout): string {
    const columns = [layout.created, ...layout.stageDates.map(s => s.column), layout.date].filter(c => c !== undefined).map(c => c.header);
    return columns.length > 0 ? `dated columns: ${columns.join(', ')}` : 'the file has no date column for stages; name one with dateColumn';
}
