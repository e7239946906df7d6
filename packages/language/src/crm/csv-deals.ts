/**
 * Deals from rows (CSV records, or JSON objects turned into cells): the header picks the
 * layout, then rows become deals, in one pass over the input.
 *
 * History rows are grouped by deal id (see `Grouping`):
 * - `auto`: rows are streamed as if each deal's rows were together, holding the deals of the
 *   last `LOOK_BEHIND_ROWS` rows before handing them on. A deal whose rows come back while it
 *   is still held shows the file is not grouped by deal: from then on every deal is held until
 *   the end (as `buffered`), and nothing has been handed on wrongly. A sorted export streams
 *   in the memory of that window.
 * - `contiguous` (`--sorted`): no window, flat memory; rows of a deal that come back after the
 *   deal was handed on are an error (`rows-apart`, one per run of such rows, with their count),
 *   and the deal stays as read from its first rows: incomplete, which `InputProblems` lists
 *   so that a report can say so (a deal handed on cannot be taken back).
 * - `buffered`: every deal is held until the end.
 * In `auto`, a deal that comes back after it left the window is `rows-apart` too: only an
 * export sorted for its first rows and not after could do that.
 */
import type { PlaybookModel } from '../model/playbook-model.js';
import type { DataEvidence } from '../simulation/replay-options.js';
import { csvRecords, type CsvRecord } from './csv-records.js';
import { resolveLayout, type CsvLayout } from './csv-layout.js';
import { DealRows, type DealContext } from './deal-rows.js';
import { addHistoryRow } from './history-rows.js';
import { IdSet } from './id-set.js';
import { PlaybookVocabulary } from './playbook-vocabulary.js';
import { addSnapshotRow } from './snapshot-rows.js';
import { StageMapper } from './stage-mapper.js';
import type { CrmError, CrmItem, Grouping, ReadDealsOptions } from './types.js';

/** Rows of finished deals held in `auto` before they are handed on. */
export const LOOK_BEHIND_ROWS = 50_000;

export async function* csvDeals(
    text: AsyncIterable<string>, playbook: PlaybookModel, options: ReadDealsOptions & { file: string }, grouping: Grouping
): AsyncGenerator<CrmItem> {
    yield* rowDeals(csvRecords(text, { delimiter: options.delimiter }), playbook, options, grouping);
}

/**
 * Deals from rows in batches, the first record being the header. `keys`: the header holds
 * JSON keys, not CSV columns, so errors name the key and no column number.
 */
export async function* rowDeals(
    records: AsyncIterable<CsvRecord[]> | Iterable<CsvRecord[]>, playbook: PlaybookModel, options: ReadDealsOptions & { file: string }, grouping: Grouping,
    keys = false
): AsyncGenerator<CrmItem> {
    const file = options.file;
    const vocabulary = new PlaybookVocabulary(playbook, options.dateOrder ?? 'mdy');
    const context: DealContext = {
        file, playbook, mapper: new StageMapper(playbook), vocabulary, dateOrder: options.dateOrder ?? 'mdy', evidence: { tasks: true }, columns: !keys
    };
    const idColumn = (layout: CsvLayout): { column?: number } => (keys ? {} : { column: layout.id.index + 1 });
    let layout: CsvLayout | undefined;
    let headerCells = 0;
    const firstLines = new IdSet();
    let current: DealRows | undefined;
    // The rows of a deal met again after it was handed on: one error per run of them, with their count.
    let apart: CrmError | undefined;
    const endApart = (): CrmItem[] => {
        const error = apart;
        apart = undefined;
        return error ? [{ error }] : [];
    };
    // Finished deals not handed on yet, in the order they were first read.
    const pending = new Map<string, DealRows>();
    let pendingRows = 0;
    let holdAll = grouping === 'buffered';
    const window = grouping === 'contiguous' ? 0 : LOOK_BEHIND_ROWS;

    for await (const batch of records) for (const record of batch) {
        if ('error' in record) {
            const { line, message, code, rows, subject, fix } = record.error;
            yield { error: {
                file, line, message, code: code ?? 'csv-syntax',
                ...(rows !== undefined ? { rows } : {}), ...(subject !== undefined ? { subject } : {}), ...(fix !== undefined ? { fix } : {})
            } };
            continue;
        }
        const { cells, line } = record;
        if (!layout) {
            const resolved = resolveLayout(cells, options, vocabulary, playbook);
            if ('problem' in resolved) {
                yield { error: { file, line, ...(resolved.column !== undefined && !keys ? { column: resolved.column } : {}), message: resolved.problem, code: 'header', fatal: true } };
                return;
            }
            layout = resolved;
            headerCells = cells.length;
            context.evidence = evidenceOf(layout, playbook, context.mapper);
            continue;
        }
        const id = (cells[layout.id.index] ?? '').trim();
        if (id === '') {
            yield { error: { file, line, ...idColumn(layout), message: `${layout.id.header}: the deal id is blank; this row is skipped${delimiterHint(cells, headerCells)}`, code: 'blank-id' } };
            continue;
        }
        if (layout.kind === 'snapshot') {
            const first = firstLines.addOrGet(id, line);
            if (first !== undefined) {
                yield { error: { file, line, ...idColumn(layout), deal: id, message: `deal ${id} already has a row (line ${first}); in this export each row is one deal, so this one is skipped`, code: 'duplicate-deal' } };
                continue;
            }
            const deal = new DealRows(id, line, context);
            addSnapshotRow(deal, cells, line, layout, context);
            yield* deal.finish();
            continue;
        }
        if (apart && apart.deal !== id) yield* endApart();
        if (current?.id !== id) {
            if (current) {
                pendingRows += current.rows;
                pending.set(current.id, current);
                current = undefined;
            }
            const held = pending.get(id);
            if (held) {
                // Its rows come back while it is still held: not grouped by deal, so hold every deal
                // (unless the rows were promised together: then only a skipped row came between).
                if (grouping !== 'contiguous') holdAll = true;
                pendingRows -= held.rows;
                current = held;
            } else {
                const first = firstLines.addOrGet(id, line);
                if (first !== undefined) {
                    // Replayed already, from its first rows: these are skipped, and the deal is incomplete.
                    if (apart) {
                        apart.rows = (apart.rows ?? 1) + 1;
                    } else {
                        apart = {
                            file, line, ...idColumn(layout), deal: id, code: 'rows-apart', rows: 1,
                            message: `the rows of deal ${id} are not together: it was read from line ${first} and already replayed from the rows there; its rows from here are skipped, so it is counted incomplete`,
                            fix: grouping === 'contiguous' ? 'sort the export by deal id, or leave out --sorted' : 'sort the export by deal id'
                        };
                    }
                    if (grouping === 'auto') holdAll = true;
                    continue;
                }
                current = new DealRows(id, line, context);
            }
        }
        addHistoryRow(current, cells, line, layout, context);
        if (!holdAll) {
            while (pendingRows > window && pending.size > 0) {
                const [oldest] = pending.values();
                pending.delete(oldest.id);
                pendingRows -= oldest.rows;
                yield* oldest.finish();
            }
        }
    }
    if (!layout) {
        yield { error: { file, line: 1, message: 'the file is empty: expected a header row and one row per deal or stage change', code: 'header', fatal: true } };
        return;
    }
    yield* endApart();
    if (current) pending.set(current.id, current);
    for (const deal of pending.values()) yield* deal.finish();
}

/**
 * What an export with this header can show: done tasks only with a task column, the fields
 * that have a column; for one row per deal, only the stages a date column is for.
 */
function evidenceOf(layout: CsvLayout, playbook: PlaybookModel, mapper: StageMapper): DataEvidence {
    const evidence: DataEvidence = {
        tasks: layout.task !== undefined,
        fields: [...layout.fields.map(f => f.field.name), ...(layout.amountField ? [layout.amountField.name] : [])],
        ...(layout.task ? { taskColumn: layout.task.header } : {})
    };
    if (layout.kind === 'snapshot') {
        const dated = new Set<number>();
        if (layout.created) dated.add(0);
        for (const { stage } of layout.stageDates) {
            const meaning = mapper.map(stage);
            if (meaning?.kind === 'stage') dated.add(meaning.index);
        }
        evidence.unobservedStages = playbook.stages.filter((_, i) => !dated.has(i)).map(s => s.name);
    }
    return Object.freeze(evidence);
}

/** A row with one cell where the header has several (or the other way round) suggests another delimiter. */
function delimiterHint(cells: readonly string[], headerCells: number): string {
    return cells.length === 1 && headerCells > 1 && /[;,\t|]/.test(cells[0]) ? ' (the row has one cell: is its delimiter the header\'s?)' : '';
}
