/** What the text and JSON outputs of `playbook simulate` are given. */
import type { PlaybookDiagnostic } from '@playbook/language';
import type { AggregateReport, CrmError, IncompleteDeal, InputProblem } from '@playbook/model';
import type { DealEntry } from './deal-entry.js';

/** A bad row or cell of a CRM export, or an error in the .playbook files that stopped the run. */
export type ReportedError = CrmError | PlaybookDiagnostic;

export interface RunSummary {
    /** Deals replayed. */
    deals: number;
    dealsWithViolations: number;
    /** Errors in the input, all of them (the `errors` list may hold only the first ones). */
    errors: number;
    /** The input could not be read to its end (a fatal error): the figures cover what was read. */
    stopped: boolean;
    /** Ctrl-C: the figures cover the deals replayed until then. */
    interrupted: boolean;
}

export interface RunEnd {
    /** One per playbook whose deals were replayed (with `--deals`, exactly one; none when `withheld`). */
    reports: AggregateReport[];
    errors: ReportedError[];
    /** The problems of a CRM export, each once (see `InputProblems`). */
    problems?: InputProblem[];
    /**
     * Rows of a CRM export used and skipped, and the deals replayed from their first rows only
     * (their later rows came apart from them and were skipped: see `IncompleteDeal`).
     */
    input?: { usedRows: number; unusableRows: number; incompleteDeals: number; incomplete: IncompleteDeal[] };
    summary: RunSummary;
    /** Most rows of the export were unusable: no report is made (the problems say why). */
    withheld?: boolean;
}

export interface SimulationOutput {
    /** Returns a promise only when it had to wait for the output stream; await it then. */
    deal(entry: DealEntry): void | Promise<void>;
    finish(end: RunEnd): Promise<void>;
}
