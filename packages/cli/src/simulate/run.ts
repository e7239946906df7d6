/**
 * One `playbook simulate` run: replays deals one at a time, adds each to its playbook's
 * aggregate, hands each to the output, reports bad input on stderr as it comes, and decides
 * the exit code:
 *   0  every deal replayed is free of violations and the input had no errors,
 *   1  a deal has a violation, or some rows or deals were skipped because of errors,
 *   2  the input could not be read to its end (a fatal reader error), most of its rows could
 *      not be used (the problems are printed instead of a misleading report), or a CRM export
 *      has no deal at all,
 *   130 interrupted (Ctrl-C), as shells report it.
 */
import { InputProblems, ReplaySession, type CrmDeal, type CrmError, type DataEvidence, type DealModel, type InputProblem, type PlaybookModel, type Replayed, type SessionOptions, groupedCount } from '@playbook/model';
import { ExitCode } from '../errors.js';
import { toDealEntry, type PositionOf } from './deal-entry.js';
import type { ReportedError, SimulationOutput } from './output.js';
import type { Progress } from './progress.js';

/** Problems of the input printed on stderr, each once; the rest are counted (JSON has them all). */
const PROBLEMS_PRINTED = 20;
/** Errors kept for the JSON document; a file of nothing but bad rows must not fill memory. */
const ERRORS_KEPT = 10_000;
export const INTERRUPTED = 130;

interface Tag {
    source: { file: string; line: number };
    positionOf?: PositionOf;
}

export class SimulationRun {
    private readonly session: ReplaySession<Tag>;
    private readonly errors: ReportedError[] = [];
    private errorCount = 0;
    private readonly problems = new InputProblems();
    private fromExport = false;
    private deals = 0;
    private dealsWithViolations = 0;
    private stopped = false;
    interrupted = false;

    constructor(
        private readonly output: SimulationOutput,
        private readonly progress: Progress,
        options: SessionOptions
    ) {
        this.session = new ReplaySession<Tag>(options);
    }

    /** A playbook reported on even if no deal of it is read (an export with no deals). */
    expect(playbook: PlaybookModel): void {
        this.session.expect(playbook);
    }

    deal(playbook: PlaybookModel, deal: DealModel, source: { file: string; line: number }, options: { amount?: number; positionOf?: PositionOf; evidence?: DataEvidence; lastDate?: string } = {}): void | Promise<void> {
        this.deals++;
        this.progress.tick(this.deals);
        const replayed = this.session.add(playbook, deal, {
            ...(options.amount !== undefined ? { amount: options.amount } : {}),
            ...(options.lastDate !== undefined ? { lastDate: options.lastDate } : {}),
            ...(options.evidence ? { evidence: options.evidence } : {}),
            tag: { source, ...(options.positionOf ? { positionOf: options.positionOf } : {}) }
        });
        return replayed && this.emit(replayed);
    }

    /** A deal read from a CRM export (its rows count towards the input's summary). */
    crmDeal(playbook: PlaybookModel, item: CrmDeal): void | Promise<void> {
        this.fromExport = true;
        this.problems.addDeal(item);
        return this.deal(playbook, item.deal, item.source, {
            ...(item.amount !== undefined ? { amount: item.amount } : {}), ...(item.lastDate !== undefined ? { lastDate: item.lastDate } : {}), evidence: item.evidence
        });
    }

    /** The deals come from a CRM export (an export with no deal is then bad input). */
    expectExport(): void {
        this.fromExport = true;
    }

    private emit(replayed: Replayed<Tag>): void | Promise<void> {
        if (replayed.result.violations.length > 0) {
            this.dealsWithViolations++;
        }
        return this.output.deal(toDealEntry(replayed.deal, replayed.result, replayed.tag.source, replayed.amount, replayed.tag.positionOf));
    }

    /** A bad row or cell: grouped with the others of its kind, printed once at the end (a fatal one at once). */
    error(error: CrmError): void {
        this.errorCount++;
        if (this.errors.length < ERRORS_KEPT) {
            this.errors.push(error);
        }
        if (error.fatal) {
            this.stopped = true;
            this.progress.clear();
            process.stderr.write(`${formatCrmError(error)}\n`);
            return;
        }
        this.problems.addError(error);
    }

    /** Closes the output (always one whole document) and returns the exit code. */
    async finish(): Promise<number> {
        this.progress.clear();
        for (const held of this.session.drain()) {
            const wait = this.emit(held);
            if (wait) await wait;
        }
        const { reports } = this.session.finish();
        const input = this.problems.summary();
        // Most rows unusable: a report of the rest would mislead; the problems are the answer.
        const withheld = this.fromExport && !this.stopped && !this.interrupted && input.mostlyUnusable;
        const empty = this.fromExport && !this.stopped && !this.interrupted && this.deals === 0 && this.errorCount === 0;
        const stopped = this.stopped || withheld || empty;
        const summary = { deals: this.deals, dealsWithViolations: this.dealsWithViolations, errors: this.errorCount, stopped, interrupted: this.interrupted };
        await this.output.finish({ reports: withheld ? [] : reports, errors: this.errors, problems: input.problems, input: { usedRows: input.usedRows, unusableRows: input.unusableRows, incompleteDeals: input.incompleteDeals, incomplete: input.incomplete },
            summary, withheld });
        for (const problem of input.problems.slice(0, PROBLEMS_PRINTED)) {
            process.stderr.write(`${formatProblem(problem)}\n`);
        }
        if (input.problems.length > PROBLEMS_PRINTED) {
            process.stderr.write(`playbook: … and ${count(input.problems.length - PROBLEMS_PRINTED)} more kinds of problem in the deals input (all in --format json)\n`);
        }
        if (empty) {
            process.stderr.write(`playbook: no deals to simulate: the export has a header but no rows\n`);
        } else if (withheld) {
            process.stderr.write(`playbook: cannot simulate: ${count(input.unusableRows)} of ${count(input.unusableRows + input.usedRows)} rows of the deals input are unusable (above); fix those problems first, no report is made from the other ${count(input.usedRows)}\n`);
        } else if (this.errorCount > 0 && !this.stopped) {
            process.stderr.write(`playbook: ${count(input.unusableRows)} row${input.unusableRows === 1 ? '' : 's'} of the deals input skipped (${count(this.errorCount)} error${this.errorCount === 1 ? '' : 's'}, above); the other ${count(this.deals)} deal${this.deals === 1 ? ' was' : 's were'} simulated\n`);
        }
        if (this.interrupted) {
            process.stderr.write(`playbook: interrupted after ${count(this.deals)} deal${this.deals === 1 ? '' : 's'}; the report covers those only\n`);
            return INTERRUPTED;
        }
        if (stopped) {
            return ExitCode.Usage;
        }
        return this.dealsWithViolations > 0 || this.errorCount > 0 ? ExitCode.Problems : ExitCode.Ok;
    }
}

/** `deals.csv:12:3: Stage: "Negotiaton" is not a stage of …`: the form terminals and editors make clickable. */
export function formatCrmError(error: CrmError): string {
    const at = error.line === undefined ? '' : `:${error.line}${error.column === undefined ? '' : `:${error.column}`}`;
    return `${error.file}${at}: ${error.message}`;
}

/**
 * One problem, once: `deals.csv:3:5: deal_stage: "Engaging" is not a stage … (1,589 rows: lines 3, 5, 9, 12, 20 …)`,
 * then how to fix it.
 */
export function formatProblem(problem: InputProblem): string {
    const at = problem.line === undefined ? '' : `:${problem.line}${problem.column === undefined ? '' : `:${problem.column}`}`;
    const more = problem.count > problem.lines.length ? ' …' : '';
    const rows = problem.rows === 1 && problem.count === 1 ? '' : ` (${count(problem.rows)} row${problem.rows === 1 ? '' : 's'}${problem.lines.length > 1 ? `: lines ${problem.lines.join(', ')}${more}` : ''})`;
    return `${problem.file}${at}: ${problem.message}${rows}${problem.fix ? `\n  fix: ${problem.fix}` : ''}`;
}

const count = groupedCount;
