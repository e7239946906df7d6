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

/** `input`: UTF-8 bytes (see `decodeUtf8`), or text. */
export function csvDeals(
    input: AsyncIterable<Uint8Array | string>, playbook: PlaybookModel, options: ReadDealsOptions & { file: string }, grouping: Grouping
): AsyncGenerator<CrmItem[]> {
    return rowDeals(csvRecords(input, { delimiter: options.delimiter }), playbook, options, grouping);
}

/**
 * Deals from rows in batches, the first record being the header; the deals and errors come
 * out in batches too, one per batch of records that finished any (an item at a time through
 * the async generators between here and the consumer was a tenth of a large replay).
 * `keys`: the header holds JSON keys, not CSV columns, so errors name the key and no column number.
 */
export async function* rowDeals(
    records: AsyncIterable<CsvRecord[]> | Iterable<CsvRecord[]>, playbook: PlaybookModel, options: ReadDealsOptions & { file: string }, grouping: Grouping,
    keys = false
): AsyncGenerator<CrmItem[]> {
    const grouper = new RowGrouper(playbook, options, grouping, keys);
    for await (const batch of records) {
        const out: CrmItem[] = [];
        const more = grouper.addBatch(batch, out);
        if (out.length > 0) yield out;
        if (!more) return;
    }
    const out: CrmItem[] = [];
    grouper.finish(out);
    if (out.length > 0) yield out;
}

/**
 * The grouping of rows into deals, row by row, as plain methods: the per-row work of a large
 * export, kept out of the async generator above so that it is optimised as ordinary code.
 */
class RowGrouper {
    private readonly file: string;
    private readonly vocabulary: PlaybookVocabulary;
    private readonly context: DealContext;
    private layout: CsvLayout | undefined;
    private headerCells = 0;
    private readonly firstLines = new IdSet();
    private current: DealRows | undefined;
    /** The rows of a deal met again after it was handed on: one error per run of them, with their count. */
    private apart: CrmError | undefined;
    /** Finished deals not handed on yet, in the order they were first read. */
    private readonly pending = new Map<string, DealRows>();
    /**
     * The same deals in the same order, oldest at `queueHead`, to hand on from: taking the
     * first entry of a Map from which entries are deleted one by one skips every deleted
     * entry each time (quadratic: it was most of the time of a million-row replay).
     */
    private queue: DealRows[] = [];
    private queueHead = 0;
    private pendingRows = 0;
    private holdAll: boolean;
    private readonly window: number;

    constructor(
        private readonly playbook: PlaybookModel, private readonly options: ReadDealsOptions & { file: string },
        private readonly grouping: Grouping, private readonly keys: boolean
    ) {
        this.file = options.file;
        this.vocabulary = new PlaybookVocabulary(playbook, options.dateOrder ?? 'mdy');
        this.context = {
            file: this.file, playbook, mapper: new StageMapper(playbook, options.stageNames), vocabulary: this.vocabulary,
            dateOrder: options.dateOrder ?? 'mdy', evidence: { tasks: true, activities: false }, columns: !keys
        };
        this.holdAll = grouping === 'buffered';
        this.window = grouping === 'contiguous' ? 0 : LOOK_BEHIND_ROWS;
    }

    /** The items the batch finishes, into `out`; `false` when nothing more can be read (a bad header). */
    addBatch(batch: readonly CsvRecord[], out: CrmItem[]): boolean {
        for (const record of batch) {
            if ('error' in record) {
                const { line, message, code, rows, subject, fix } = record.error;
                out.push({ error: {
                    file: this.file, line, message, code: code ?? 'csv-syntax',
                    ...(rows !== undefined ? { rows } : {}), ...(subject !== undefined ? { subject } : {}), ...(fix !== undefined ? { fix } : {})
                } });
            } else if (this.layout) {
                this.addRow(this.layout, record.cells, record.line, out);
            } else if (!this.readHeader(record.cells, record.line, out)) {
                return false;
            }
        }
        return true;
    }

    /** The deals still held, at the end of the input. */
    finish(out: CrmItem[]): void {
        if (!this.layout) {
            out.push({ error: { file: this.file, line: 1, message: 'the file is empty: expected a header row and one row per deal or stage change', code: 'header', fatal: true } });
            return;
        }
        this.endApart(out);
        if (this.current && !this.current.queued) this.pending.set(this.current.id, this.current);
        for (const deal of this.pending.values()) pushAll(out, deal.finish());
    }

    private readHeader(cells: string[], line: number, out: CrmItem[]): boolean {
        const resolved = resolveLayout(cells, this.options, this.vocabulary, this.playbook);
        if ('problem' in resolved) {
            out.push({ error: { file: this.file, line, ...(resolved.column !== undefined && !this.keys ? { column: resolved.column } : {}), message: resolved.problem, code: 'header', fatal: true } });
            return false;
        }
        this.layout = resolved;
        this.headerCells = cells.length;
        this.context.evidence = evidenceOf(resolved, this.playbook, this.context.mapper);
        return true;
    }

    private addRow(layout: CsvLayout, cells: string[], line: number, out: CrmItem[]): void {
        const id = (cells[layout.id.index] ?? '').trim();
        if (id === '') {
            out.push({ error: { file: this.file, line, ...this.idColumn(layout), message: `${layout.id.header}: the deal id is blank; this row is skipped${delimiterHint(cells, this.headerCells)}`, code: 'blank-id' } });
            return;
        }
        if (layout.kind === 'snapshot') {
            this.addSnapshot(layout, id, cells, line, out);
            return;
        }
        if (this.apart && this.apart.deal !== id) this.endApart(out);
        const current = this.current?.id === id ? this.current : this.switchTo(layout, id, line);
        if (!current) return;
        addHistoryRow(current, cells, line, layout, this.context);
        if (!this.holdAll && this.pendingRows > this.window) this.handOn(out);
    }

    /** The deal a row of another deal than the last belongs to; `undefined` when its row is to be skipped. */
    private switchTo(layout: CsvLayout, id: string, line: number): DealRows | undefined {
        const previous = this.current;
        if (previous) {
            this.pendingRows += previous.rows;
            if (!previous.queued) {
                previous.queued = true;
                this.pending.set(previous.id, previous);
                this.queue.push(previous);
            }
            this.current = undefined;
        }
        // A deal never seen before is the common case, and cannot be held: one look-up only.
        const first = this.firstLines.addOrGet(id, line);
        if (first === undefined) return this.current = new DealRows(id, line, this.context);
        const held = this.pending.get(id);
        if (held) {
            // Its rows come back while it is still held: not grouped by deal, so hold every deal
            // (unless the rows were promised together: then only a skipped row came between).
            if (this.grouping !== 'contiguous') this.holdAll = true;
            this.pendingRows -= held.rows;
            return this.current = held;
        }
        // Replayed already, from its first rows: these are skipped, and the deal is incomplete.
        if (this.apart) {
            this.apart.rows = (this.apart.rows ?? 1) + 1;
        } else {
            this.apart = {
                file: this.file, line, ...this.idColumn(layout), deal: id, code: 'rows-apart', rows: 1,
                message: `the rows of deal ${id} are not together: it was read from line ${first} and already replayed from the rows there; its rows from here are skipped, so it is counted incomplete`,
                fix: this.grouping === 'contiguous' ? 'sort the export by deal id, or leave out --sorted' : 'sort the export by deal id'
            };
        }
        if (this.grouping === 'auto') this.holdAll = true;
        return undefined;
    }

    /** Hands on the oldest held deals until the look-behind window fits (never the deal being read). */
    private handOn(out: CrmItem[]): void {
        while (this.pendingRows > this.window && this.queueHead < this.queue.length) {
            const oldest = this.queue[this.queueHead];
            if (oldest === this.current) break;
            this.queueHead++;
            this.pending.delete(oldest.id);
            this.pendingRows -= oldest.rows;
            pushAll(out, oldest.finish());
        }
        if (this.queueHead > 4096 && this.queueHead * 2 > this.queue.length) {
            this.queue = this.queue.slice(this.queueHead);
            this.queueHead = 0;
        }
    }

    private addSnapshot(layout: CsvLayout, id: string, cells: string[], line: number, out: CrmItem[]): void {
        const first = this.firstLines.addOrGet(id, line);
        if (first !== undefined) {
            out.push({ error: { file: this.file, line, ...this.idColumn(layout), deal: id, message: `deal ${id} already has a row (line ${first}); in this export each row is one deal, so this one is skipped`, code: 'duplicate-deal' } });
            return;
        }
        const deal = new DealRows(id, line, this.context);
        addSnapshotRow(deal, cells, line, layout, this.context);
        pushAll(out, deal.finish());
    }

    private endApart(out: CrmItem[]): void {
        if (this.apart) out.push({ error: this.apart });
        this.apart = undefined;
    }

    private idColumn(layout: CsvLayout): { column?: number } {
        return this.keys ? {} : { column: layout.id.index + 1 };
    }
}

function pushAll(out: CrmItem[], items: readonly CrmItem[]): void {
    for (const item of items) out.push(item);
}

/**
 * What an export with this header can show: done tasks only with a task column, the fields
 * that have a column; for one row per deal, only the stages a date column is for.
 */
function evidenceOf(layout: CsvLayout, playbook: PlaybookModel, mapper: StageMapper): DataEvidence {
    const evidence: DataEvidence = {
        tasks: layout.task !== undefined,
        // A CSV export has no activity column: follow-up cadence is not judged from it.
        activities: false,
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
