/**
 * What reading a CRM export yields: one item per deal, either the deal in the engine's own
 * model or an error that names where the input is wrong. Readers never throw on bad input:
 * a bad deal is reported and skipped, and the others still come through.
 */
import type { DealModel } from '../model/playbook-model.js';
import type { DataEvidence } from '../simulation/replay-options.js';

/**
 * A deal read from a CRM, with what the engine's model does not carry yet. `amount` is the
 * deal's value (the last non-blank amount of its rows); the forecast weighs it.
 */
export interface CrmDeal {
    deal: DealModel;
    amount?: number;
    /** Where the deal starts in the input (its first row, or its object in JSON). */
    source: { file: string; line: number };
    /** Input rows (or JSON objects) the deal was read from. */
    rows: number;
    /** The lines of those rows, in file order (a history's rows need not be together); absent: `source.line` only. */
    lines?: number[];
    /**
     * The latest date of the deal's rows, when it is later than its last event (rows edited
     * after the close are not events): the export was taken at least then.
     */
    lastDate?: string;
    /**
     * What the input can show (its columns): one object shared by every deal of the input,
     * to replay them with (`ReplayOptions.evidence`) and aggregate them with.
     */
    evidence: DataEvidence;
}

export interface CrmError {
    file: string;
    /** 1-based line of the input; absent only when the whole input is unreadable. */
    line?: number;
    /**
     * 1-based column: in CSV the field's position (1 = the first column, as a spreadsheet
     * counts them, not a character offset); in JSON the character column.
     */
    column?: number;
    /** For JSON input: the path of the offending value, e.g. `deals[3].events[0].date`. */
    path?: string;
    /** The deal the error belongs to, when known. */
    deal?: string;
    message: string;
    /**
     * What kind of problem it is (`unknown-stage`, `bad-date`…): errors of one kind, column
     * and subject are one problem (see `InputProblems`).
     */
    code?: CrmProblemCode;
    /** What the problem is about, when errors of one code differ by it: the unknown stage name, the field. */
    subject?: string;
    /** How to fix it, in a sentence. */
    fix?: string;
    /** Input rows this error made unusable (a deal with a bad cell is skipped with all its rows); absent: 1. */
    rows?: number;
    /**
     * Nothing more can be read from this input (unreadable file, no recognisable header,
     * broken JSON): a CLI should treat the input as unreadable (exit 2).
     */
    fatal?: boolean;
}

export type CrmItem = CrmDeal | { error: CrmError };

export type CrmProblemCode =
    | 'unreadable' | 'csv-syntax' | 'json-syntax' | 'json-shape' | 'header'
    | 'blank-id' | 'duplicate-deal' | 'rows-apart'
    | 'blank-date' | 'bad-date' | 'bad-amount' | 'bad-value'
    | 'unknown-stage' | 'unknown-task' | 'stage-as-outcome' | 'undated-stage' | 'no-close-date';

export type DateOrder = 'mdy' | 'dmy';
export type InputEncoding = 'auto' | 'utf-8' | 'windows-1252';

/**
 * How rows of one deal are brought together in a stage-history CSV, in one pass over the
 * input (see `csv-deals.ts`):
 * - `auto` (default): streamed while each deal's rows are together, with a look-behind window
 *   of 50,000 rows; once a deal's rows come back, every deal is held until the end. Memory:
 *   that window for a sorted export, the whole file (roughly 150 bytes per row) otherwise.
 * - `contiguous`: rows of a deal are next to each other (sorted exports, `--sorted`): flat
 *   memory, one deal's rows plus 12 bytes per deal id (see `IdSet`). Rows of a deal that come
 *   back after another deal are an error on their row.
 * - `buffered`: every deal is held until the input ends.
 */
export type Grouping = 'auto' | 'contiguous' | 'buffered';

export interface ColumnOptions {
    /** The deal's id (every layout). */
    idColumn?: string;
    /** The stage: the new stage of a history row, or a snapshot's current stage. */
    stageColumn?: string;
    /** History: the date of the row's change. Snapshot: the date the current stage was entered. */
    dateColumn?: string;
    amountColumn?: string;
    /** Task names done at the row's date, separated by `;` or `|`. */
    taskColumn?: string;
    /** An explicit outcome: `won`, `lost`, `open`, or a termination outcome of the playbook. */
    outcomeColumn?: string;
    /** The reason of a loss, matched against the playbook's declared reasons. */
    reasonColumn?: string;
    titleColumn?: string;
    /** Snapshot: when the deal was created (it entered the playbook's first stage). */
    createdColumn?: string;
    /** Snapshot: when the deal was won or lost. */
    closeDateColumn?: string;
    /** Snapshot: columns holding the date a deal entered a stage, by column: stage name. */
    stageDateColumns?: Record<string, string>;
}

export interface ReadDealsOptions extends ColumnOptions {
    /** The name errors give the input (default: the file path, or `<input>`). */
    file?: string;
    /** Default: by file extension, else by the first character (`[` or `{` is JSON). */
    format?: 'auto' | 'csv' | 'json' | 'jsonl';
    encoding?: InputEncoding;
    /** How to read `03/04/2026`: month first (default, as US CRMs export) or day first. */
    dateOrder?: DateOrder;
    /** CSV field separator; default: whichever of `,` `;` tab occurs most in the header line. */
    delimiter?: string;
    /** `history`: one row per stage change; `snapshot`: one row per deal. Default: from the header. */
    layout?: 'auto' | 'history' | 'snapshot';
    grouping?: Grouping;
    /**
     * Filled with how often each stage or outcome name of the data was read, by its text as
     * written (a history's stage cells, a snapshot's stage, status and dated stage columns, a
     * JSON deal's `enter` and `terminate` names), whether it means something or not: what
     * `playbook calibrate` reports unknown names and unused aliases from.
     */
    stageNames?: Map<string, number>;
}
