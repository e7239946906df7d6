/**
 * The rows of one deal turned into the engine's events. Shared by both CSV layouts.
 *
 * Within a deal, rows are ordered by their date and time (stable: rows of one moment keep
 * their file order), because exports such as Salesforce's OpportunityHistory are ordered by
 * record id, not by when things happened. Within a row, fields are set and tasks done
 * before the row's stage change: the row is the record as it stood when the stage moved,
 * so a gate sees what the CRM user saw. A row that repeats the deal's current stage (Salesforce
 * writes one on every amount change) is not a stage change, and repeats of an outcome are
 * not a second ending.
 */
import type { DealModel, EventModel, PlaybookModel } from '../model/playbook-model.js';
import type { Column } from './csv-layout.js';
import type { PlaybookVocabulary } from './playbook-vocabulary.js';
import type { StageMapper, StageMeaning } from './stage-mapper.js';
import type { DataEvidence } from '../simulation/replay-options.js';
import type { CrmDeal, CrmError, CrmItem, CrmProblemCode, DateOrder } from './types.js';

export interface DealContext {
    file: string;
    playbook: PlaybookModel;
    mapper: StageMapper;
    vocabulary: PlaybookVocabulary;
    dateOrder: DateOrder;
    /** What this input can show; set once its header is read. */
    evidence: DataEvidence;
    /** Cells are CSV columns, numbered in errors; `false` for JSON rows, whose keys errors name. */
    columns: boolean;
}

/** What kind of problem a cell has, for grouping (see `CrmError.code`). */
export interface Problem {
    code: CrmProblemCode;
    subject?: string;
    fix?: string;
}

type Change = (StageMeaning & { reason?: string }) | undefined;

export class DealRows {
    // The rows read so far, in two lists rather than an object per row: a large export holds
    // tens of thousands of rows in the look-behind window, and every object alive there is
    // copied by the garbage collector.
    /** The date and time of each row, to order them (see `CrmDate.key`): numbers, kept unboxed. */
    private readonly keys: number[] = [];
    /**
     * Per row, three entries: its date, its field sets and done tasks, and at most one stage
     * change or outcome (one list, not three: fewer objects for the collector to move).
     */
    private readonly rowsRead: Array<string | EventModel[] | Change> = [];
    private errors: CrmError[] | undefined;
    /** The latest amount and the time of its row (`NaN`: none yet). */
    private amount = NaN;
    private amountKey = -Infinity;
    title: string | undefined;
    /** Waiting in the reader's look-behind window (see `csv-deals.ts`). */
    queued = false;
    /** Input rows read into this deal, and their lines (in file order). */
    rows = 0;
    readonly lines: number[] = [];

    constructor(readonly id: string, readonly firstLine: number, private readonly context: DealContext) {}

    countRow(line: number): void {
        this.rows++;
        this.lines.push(line);
    }

    error(line: number, column: Column | undefined, message: string, problem: Problem): void {
        (this.errors ??= []).push({
            file: this.context.file, line, ...(column && this.context.columns ? { column: column.index + 1 } : {}), deal: this.id,
            message: column ? `${column.header}: ${message}` : message,
            code: problem.code,
            ...(problem.subject !== undefined ? { subject: problem.subject } : {}),
            ...(problem.fix !== undefined ? { fix: problem.fix } : {})
        });
    }

    /** A row: its field sets and done tasks, then at most one stage change or outcome. */
    add(key: number, date: string, events: EventModel[], change?: Change): void {
        this.keys.push(key);
        this.rowsRead.push(date, events, change);
    }

    /**
     * The rows' indices by date and time (rows of one moment keep their file order: the sort
     * is stable); `undefined` when the rows came in that order, as in a sorted export.
     */
    private timeOrder(): number[] | undefined {
        const keys = this.keys;
        for (let i = 1; i < keys.length; i++) {
            if (keys[i] < keys[i - 1]) {
                const order: number[] = [];
                for (let j = 0; j < keys.length; j++) order.push(j);
                return order.sort((a, b) => keys[a] - keys[b]);
            }
        }
        return undefined;
    }

    setAmount(value: number, key: number): void {
        // The latest amount wins: a history's last row holds the deal's current value.
        if (key >= this.amountKey) {
            this.amount = value;
            this.amountKey = key;
        }
    }

    /** The deal, or its errors: a deal with any bad cell is skipped as a whole. */
    finish(): CrmItem[] {
        if (this.errors) {
            // The whole deal is skipped: its rows are counted unusable once, on its first error.
            return this.errors.map((error, i) => ({ error: { ...error, rows: i === 0 ? this.rows : 0 } }));
        }
        const events: EventModel[] = [];
        let stage: string | undefined;
        let ended: string | undefined;
        const order = this.timeOrder();
        const count = this.keys.length;
        for (let n = 0; n < count; n++) {
            const i = order ? order[n] : n;
            const change = this.rowsRead[3 * i + 2] as Change;
            // After the deal ended, a row that does not reopen it is the record edited after the
            // close (Salesforce writes a "Closed Won" row for every later amount change): it
            // changes nothing the playbook judges, so it is not an event after the end.
            if (ended !== undefined && (!change || change.kind === 'open' || endingKey(change) === ended)) continue;
            for (const event of this.rowsRead[3 * i + 1] as EventModel[]) events.push(event);
            if (!change || change.kind === 'open') continue;
            const date = this.rowsRead[3 * i] as string;
            if (change.kind === 'stage') {
                if (change.stage === stage && ended === undefined) continue;
                stage = change.stage;
                events.push({ date, kind: 'enter', stage: change.stage });
                continue;
            }
            ended = endingKey(change);
            if (change.kind === 'won') {
                events.push({ date, kind: 'won' });
            } else {
                const rule = this.context.mapper.terminationFor(change.outcome, change.reason);
                events.push({ date, kind: 'terminate', outcome: rule.outcome, ...(rule.reason !== undefined ? { reason: rule.reason } : {}) });
            }
        }
        const deal: DealModel = { name: this.id, playbook: this.context.playbook.name, events };
        if (this.title) deal.title = this.title;
        const item: CrmDeal = { deal, source: { file: this.context.file, line: this.firstLine }, rows: this.rows, lines: this.lines, evidence: this.context.evidence };
        if (!Number.isNaN(this.amount)) item.amount = this.amount;
        const last = count > 0 ? this.rowsRead[3 * (order ? order[count - 1] : count - 1)] as string : undefined;
        if (last !== undefined && last !== events[events.length - 1]?.date) item.lastDate = last;
        return [item];
    }
}


/** Two rows with the same key end the deal the same way. */
function endingKey(change: StageMeaning & { reason?: string }): string | undefined {
    if (change.kind === 'won') return 'won';
    return change.kind === 'terminate' ? `${change.outcome}\u0000${change.reason ?? ''}` : undefined;
}
