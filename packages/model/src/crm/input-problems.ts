/**
 * The problems of a CRM export, each told once: errors of one kind, column and subject (an
 * unknown stage name, a field) are one problem, with how many rows it made unusable, its
 * first lines and how to fix it. Plain data, for the CLI's summary and the editor's view.
 *
 * Also the row accounting that decides whether a report would mislead: when most rows of the
 * input could not be used, a consumer should stop with the problems instead of a report.
 */
import type { CrmDeal, CrmError, CrmProblemCode } from './types.js';

export interface InputProblem {
    code: CrmProblemCode | 'other';
    /** The first error's message, `file:line:column` in `file`, `line`, `column`. */
    message: string;
    file: string;
    line?: number;
    column?: number;
    subject?: string;
    fix?: string;
    /** Errors of this problem. */
    count: number;
    /** Input rows it made unusable (a deal with a bad cell is skipped with all its rows). */
    rows: number;
    /** The lines of its first errors (up to five). */
    lines: number[];
}

/**
 * A deal replayed from its first rows only: more of its rows came after other deals' once it
 * had been replayed (`rows-apart`, an export not sorted by deal), and were skipped. Its result
 * and its share of the figures are what those first rows show.
 */
export interface IncompleteDeal {
    deal: string;
    /** The lines where its skipped rows start (one per run of them, the first five). */
    lines: number[];
    /** Its rows skipped. */
    rows: number;
}

export interface InputSummary {
    /** Rows (or JSON objects) read into deals that were replayed. */
    usedRows: number;
    /** Rows skipped because of a problem. */
    unusableRows: number;
    problems: InputProblem[];
    /** Deals replayed from their first rows only, in the order met (the first `INCOMPLETE_KEPT`). */
    incomplete: IncompleteDeal[];
    /** How many deals are incomplete, all of them. */
    incompleteDeals: number;
    /** More than half of the rows read were unusable: a report of the rest would mislead. */
    mostlyUnusable: boolean;
}

const FIRST_LINES = 5;
/** Incomplete deals listed by name; past that, counted. */
export const INCOMPLETE_KEPT = 10_000;

export class InputProblems {
    private readonly byKey = new Map<string, InputProblem>();
    private readonly incomplete = new Map<string, IncompleteDeal>();
    private incompleteDeals = 0;
    private usedRows = 0;
    private unusableRows = 0;

    addDeal(deal: CrmDeal): void {
        this.usedRows += deal.rows;
    }

    addError(error: CrmError): void {
        const rows = error.rows ?? 1;
        this.unusableRows += rows;
        const key = `${error.code ?? error.message}\u0000${error.column ?? ''}\u0000${error.subject ?? ''}`;
        let problem = this.byKey.get(key);
        if (!problem) {
            problem = {
                code: error.code ?? 'other', message: error.message, file: error.file,
                ...(error.line !== undefined ? { line: error.line } : {}),
                ...(error.column !== undefined ? { column: error.column } : {}),
                ...(error.subject !== undefined ? { subject: error.subject } : {}),
                ...(error.fix !== undefined ? { fix: error.fix } : {}),
                count: 0, rows: 0, lines: []
            };
            this.byKey.set(key, problem);
        }
        problem.count++;
        problem.rows += rows;
        if (error.line !== undefined && problem.lines.length < FIRST_LINES) problem.lines.push(error.line);
        if (error.code === 'rows-apart' && error.deal !== undefined) this.addIncomplete(error.deal, error.line, rows);
    }

    private addIncomplete(deal: string, line: number | undefined, rows: number): void {
        let entry = this.incomplete.get(deal);
        if (!entry) {
            this.incompleteDeals++;
            if (this.incomplete.size >= INCOMPLETE_KEPT) return;
            entry = { deal, lines: [], rows: 0 };
            this.incomplete.set(deal, entry);
        }
        entry.rows += rows;
        if (line !== undefined && entry.lines.length < FIRST_LINES) entry.lines.push(line);
    }

    summary(): InputSummary {
        const problems = [...this.byKey.values()].sort((a, b) => b.rows - a.rows || b.count - a.count);
        return {
            usedRows: this.usedRows,
            unusableRows: this.unusableRows,
            problems: problems.map(p => ({ ...p, lines: [...p.lines] })),
            incomplete: [...this.incomplete.values()].map(d => ({ ...d, lines: [...d.lines] })),
            incompleteDeals: this.incompleteDeals,
            mostlyUnusable: this.unusableRows > this.usedRows
        };
    }
}
