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
import type { CrmError, CrmItem, CrmProblemCode, DateOrder } from './types.js';

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

interface Moment {
    key: number;
    seq: number;
    date: string;
    /** Field sets and done tasks, then at most one stage change or outcome. */
    events: EventModel[];
    change?: StageMeaning & { reason?: string };
}

export class DealRows {
    private readonly moments: Moment[] = [];
    readonly errors: CrmError[] = [];
    private amount: { value: number; key: number } | undefined;
    title: string | undefined;
    /** Input rows read into this deal, and their lines (in file order). */
    rows = 0;
    readonly lines: number[] = [];

    constructor(readonly id: string, readonly firstLine: number, private readonly context: DealContext) {}

    countRow(line: number): void {
        this.rows++;
        this.lines.push(line);
    }

    error(line: number, column: Column | undefined, message: string, problem: Problem): void {
        this.errors.push({
            file: this.context.file, line, ...(column && this.context.columns ? { column: column.index + 1 } : {}), deal: this.id,
            message: column ? `${column.header}: ${message}` : message,
            code: problem.code,
            ...(problem.subject !== undefined ? { subject: problem.subject } : {}),
            ...(problem.fix !== undefined ? { fix: problem.fix } : {})
        });
    }

    add(moment: Omit<Moment, 'seq'>): void {
        this.moments.push({ ...moment, seq: this.moments.length });
    }

    setAmount(value: number, key: number): void {
        // The latest amount wins: a history's last row holds the deal's current value.
        if (!this.amount || key >= this.amount.key) this.amount = { value, key };
    }

    /** The deal, or its errors: a deal with any bad cell is skipped as a whole. */
    finish(): CrmItem[] {
        if (this.errors.length > 0) {
            // The whole deal is skipped: its rows are counted unusable once, on its first error.
            return this.errors.map((error, i) => ({ error: { ...error, rows: i === 0 ? this.rows : 0 } }));
        }
        const events: EventModel[] = [];
        let stage: string | undefined;
        let ended: string | undefined;
        const sorted = this.moments.slice().sort((a, b) => a.key - b.key || a.seq - b.seq);
        for (const moment of sorted) {
            const change = moment.change;
            // After the deal ended, a row that does not reopen it is the record edited after the
            // close (Salesforce writes a "Closed Won" row for every later amount change): it
            // changes nothing the playbook judges, so it is not an event after the end.
            if (ended !== undefined && (!change || change.kind === 'open' || endingKey(change) === ended)) continue;
            events.push(...moment.events);
            if (!change || change.kind === 'open') continue;
            if (change.kind === 'stage') {
                if (change.stage === stage && ended === undefined) continue;
                stage = change.stage;
                events.push({ date: moment.date, kind: 'enter', stage: change.stage });
                continue;
            }
            ended = endingKey(change);
            if (change.kind === 'won') {
                events.push({ date: moment.date, kind: 'won' });
            } else {
                const rule = this.context.mapper.terminationFor(change.outcome, change.reason);
                events.push({ date: moment.date, kind: 'terminate', outcome: rule.outcome, ...(rule.reason !== undefined ? { reason: rule.reason } : {}) });
            }
        }
        const deal: DealModel = { name: this.id, playbook: this.context.playbook.name, events };
        if (this.title) deal.title = this.title;
        const last = sorted[sorted.length - 1];
        const lastDate = last && last.date !== events[events.length - 1]?.date ? last.date : undefined;
        return [{
            deal, ...(this.amount ? { amount: this.amount.value } : {}), source: { file: this.context.file, line: this.firstLine },
            rows: this.rows, lines: this.lines, ...(lastDate !== undefined ? { lastDate } : {}), evidence: this.context.evidence
        }];
    }
}

/** Two rows with the same key end the deal the same way. */
function endingKey(change: StageMeaning & { reason?: string }): string | undefined {
    if (change.kind === 'won') return 'won';
    return change.kind === 'terminate' ? `${change.outcome}\u0000${change.reason ?? ''}` : undefined;
}
