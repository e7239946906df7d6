/**
 * Deals from CSV text: the header picks the layout, then rows become deals. History rows
 * are grouped by deal id either as they come (contiguous) or held until the end (buffered);
 * see `Grouping` for the memory each takes.
 */
import type { PlaybookModel } from '../model/playbook-model.js';
import { csvRecords } from './csv-records.js';
import { resolveLayout, type CsvLayout } from './csv-layout.js';
import { DealRows, type DealContext } from './deal-rows.js';
import { addHistoryRow } from './history-rows.js';
import { IdSet } from './id-set.js';
import { PlaybookVocabulary } from './playbook-vocabulary.js';
import { addSnapshotRow } from './snapshot-rows.js';
import { StageMapper } from './stage-mapper.js';
import type { CrmItem, ReadDealsOptions } from './types.js';

export async function* csvDeals(
    text: AsyncIterable<string>, playbook: PlaybookModel, options: ReadDealsOptions & { file: string }, grouping: 'contiguous' | 'buffered'
): AsyncGenerator<CrmItem> {
    const file = options.file;
    const context: DealContext = {
        file, playbook, mapper: new StageMapper(playbook),
        vocabulary: new PlaybookVocabulary(playbook, options.dateOrder ?? 'mdy'), dateOrder: options.dateOrder ?? 'mdy'
    };
    let layout: CsvLayout | undefined;
    const firstLines = new IdSet();
    let current: DealRows | undefined;
    let reappearing: string | undefined;
    const held = new Map<string, DealRows>();

    for await (const batch of csvRecords(text, { delimiter: options.delimiter })) for (const record of batch) {
        if ('error' in record) {
            yield { error: { file, line: record.error.line, message: record.error.message } };
            continue;
        }
        const { cells, line } = record;
        if (!layout) {
            const resolved = resolveLayout(cells, options, context.vocabulary);
            if ('problem' in resolved) {
                yield { error: { file, line, ...(resolved.column !== undefined ? { column: resolved.column } : {}), message: resolved.problem, fatal: true } };
                return;
            }
            layout = resolved;
            continue;
        }
        const id = (cells[layout.id.index] ?? '').trim();
        if (id === '') {
            yield { error: { file, line, column: layout.id.index + 1, message: `${layout.id.header}: the deal id is blank; this row is skipped` } };
            continue;
        }
        if (layout.kind === 'snapshot') {
            const first = firstLines.addOrGet(id, line);
            if (first !== undefined) {
                yield { error: { file, line, column: layout.id.index + 1, deal: id, message: `deal ${id} already has a row (line ${first}); in this export each row is one deal, so this one is skipped` } };
                continue;
            }
            const deal = new DealRows(id, line, context);
            addSnapshotRow(deal, cells, line, layout, context);
            yield* deal.finish();
            continue;
        }
        if (grouping === 'buffered') {
            let deal = held.get(id);
            if (!deal) held.set(id, deal = new DealRows(id, line, context));
            addHistoryRow(deal, cells, line, layout, context);
            continue;
        }
        if (current?.id !== id) {
            if (current) yield* current.finish();
            current = undefined;
            const first = firstLines.addOrGet(id, line);
            if (first !== undefined) {
                if (reappearing !== id) {
                    yield { error: { file, line, column: layout.id.index + 1, deal: id, message: `the rows of deal ${id} are not together (it was read from line ${first} and has already been simulated); these rows are skipped: sort the file by deal id, or read it buffered` } };
                }
                reappearing = id;
                continue;
            }
            reappearing = undefined;
            current = new DealRows(id, line, context);
        }
        addHistoryRow(current, cells, line, layout, context);
    }
    if (!layout) {
        yield { error: { file, line: 1, message: 'the file is empty: expected a header row and one row per deal or stage change', fatal: true } };
        return;
    }
    if (current) yield* current.finish();
    for (const deal of held.values()) yield* deal.finish();
}

/**
 * Whether the rows of every deal are next to each other: one pass reading only the id
 * column, stopping at the first deal that comes back. Memory: the set of ids seen.
 */
export async function csvRowsAreContiguous(text: AsyncIterable<string>, playbook: PlaybookModel, options: ReadDealsOptions): Promise<boolean> {
    let layout: CsvLayout | undefined;
    const seen = new IdSet();
    let previous: string | undefined;
    for await (const batch of csvRecords(text, { delimiter: options.delimiter })) for (const record of batch) {
        if ('error' in record) continue;
        if (!layout) {
            const resolved = resolveLayout(record.cells, options, new PlaybookVocabulary(playbook, options.dateOrder ?? 'mdy'));
            if ('problem' in resolved || resolved.kind === 'snapshot') return true;
            layout = resolved;
            continue;
        }
        const id = (record.cells[layout.id.index] ?? '').trim();
        if (id === '' || id === previous) continue;
        if (seen.addOrGet(id, record.line) !== undefined) return false;
        previous = id;
    }
    return true;
}
