/**
 * What the simulation report view is given: plain, JSON-serialisable data (the same as
 * `playbook simulate --format json` writes: the aggregate report, the input problems, the
 * row counts and the summary), plus what a view needs that a terminal does not: the stages
 * of the playbook (to offer "add this alias") and, for each deal with violations, the lines
 * of its rows in the export.
 *
 * The language server answers `playbook/simulateDeals` with it (see
 * lsp/protocol/playbook-requests.ts); a report view renders it without the language core.
 */
import type { IncompleteDeal, InputProblem } from '../../crm/input-problems.js';
import type { DealsReaderOptions } from '../../crm/reader-settings.js';
import type { PlaybookModel } from '../../model/playbook-model.js';
import type { AggregateReport } from '../aggregate/aggregate-report.js';
import type { DealOutcome } from '../simulation-result.js';

/** What a report of a CRM export is made from. */
export interface SimulationRequest {
    /** The playbook, as the plain model `playbook export` writes. */
    playbook: PlaybookModel;
    /** The CRM export: its name (for messages) and its bytes (CSV, JSON or JSON Lines). */
    deals: { name: string; bytes: Uint8Array };
    /** `YYYY-MM-DD` to judge open deals at; default: the latest date in the export. */
    asOf?: string;
    lateStart?: 'allow' | 'skip';
    /** How to read the export when its headers or encoding are not recognised (`--id-column`…). */
    read?: DealsReaderOptions;
}

export interface SimulationViewData {
    playbook: { name: string; title?: string; stages: ViewStage[] };
    /** The name of the deals file, as messages give it. */
    dealsFile: string;
    /** The aggregate; `null` when no report is made (the input could not be read, or most of its rows were unusable). */
    report: AggregateReport | null;
    /** Each distinct problem of the input once (see `InputProblems`), most rows first. */
    problems: InputProblem[];
    /** An error that stopped the reading (unreadable file, no recognisable header). */
    fatal?: { message: string; line?: number; column?: number };
    /**
     * Rows used and skipped, and the deals replayed from their first rows only: more of their
     * rows came after other deals' once they had been replayed (an export not sorted by deal)
     * and were skipped, so the figures count them as those first rows show them.
     */
    input: { usedRows: number; unusableRows: number; incompleteDeals: number; incomplete: IncompleteDeal[] };
    summary: {
        deals: number;
        dealsWithViolations: number;
        /** Errors in the input, all of them. */
        errors: number;
        /** Most rows were unusable: the problems are the answer, no report is made. */
        withheld: boolean;
        /** The export has a header but no rows. */
        empty: boolean;
    };
    /** The deals with at least one violation, in input order (at most `DEALS_KEPT`). */
    deals: ViewDeal[];
    /** Deals with violations left out of `deals` beyond `DEALS_KEPT`. */
    dealsOmitted: number;
}

export interface ViewStage {
    name: string;
    title?: string;
    aliases: string[];
}

export interface ViewDeal {
    deal: string;
    title?: string;
    /** "Won in 92 days", "Open at Bidding, 3 days in stage · 2 violations". */
    summary: string;
    outcome: DealOutcome;
    /** Where the deal starts in the export (its first row). */
    source: { file: string; line: number };
    /** The lines of all its rows, in file order. */
    lines: number[];
    amount?: number;
    /** Replayed from its first rows only (see `SimulationViewData.input`): its rows skipped. */
    incomplete?: { rows: number; lines: number[] };
    violations: ViewViolation[];
}

export interface ViewViolation {
    code: string;
    severity: 'error' | 'warning';
    date: string;
    message: string;
    /** The stage the deal was in when it broke the rule. */
    stage?: string;
}

/** Deals with violations kept for the view; a report of a million bad deals names the first ones. */
export const DEALS_KEPT = 100_000;
