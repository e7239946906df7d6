/**
 * One `playbook simulate` run: replays deals one at a time, adds each to its playbook's
 * aggregate, hands each to the output, reports bad input on stderr as it comes, and decides
 * the exit code:
 *   0  every deal replayed is free of violations and the input had no errors,
 *   1  a deal has a violation, or some rows or deals were skipped because of errors,
 *   2  the input could not be read to its end (a fatal reader error),
 *   130 interrupted (Ctrl-C), as shells report it.
 */
import { ReplaySession, type CrmError, type DataEvidence, type DealModel, type PlaybookModel, type Replayed, type SessionOptions } from '@playbook/language';
import { ExitCode } from '../errors.js';
import { toDealEntry, type PositionOf } from './deal-entry.js';
import type { ReportedError, SimulationOutput } from './output.js';
import type { Progress } from './progress.js';

/** Errors printed on stderr as they come; the rest are counted (JSON keeps more). */
const ERRORS_PRINTED = 100;
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
    private errorsPrinted = 0;
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

    deal(playbook: PlaybookModel, deal: DealModel, source: { file: string; line: number }, options: { amount?: number; positionOf?: PositionOf; evidence?: DataEvidence } = {}): void | Promise<void> {
        this.deals++;
        this.progress.tick(this.deals);
        const replayed = this.session.add(playbook, deal, {
            ...(options.amount !== undefined ? { amount: options.amount } : {}),
            ...(options.evidence ? { evidence: options.evidence } : {}),
            tag: { source, ...(options.positionOf ? { positionOf: options.positionOf } : {}) }
        });
        return replayed && this.emit(replayed);
    }

    private emit(replayed: Replayed<Tag>): void | Promise<void> {
        if (replayed.result.violations.length > 0) {
            this.dealsWithViolations++;
        }
        return this.output.deal(toDealEntry(replayed.deal, replayed.result, replayed.tag.source, replayed.amount, replayed.tag.positionOf));
    }

    error(error: CrmError): void {
        this.errorCount++;
        if (this.errors.length < ERRORS_KEPT) {
            this.errors.push(error);
        }
        if (error.fatal) {
            this.stopped = true;
        }
        if (this.errorsPrinted < ERRORS_PRINTED || error.fatal) {
            this.errorsPrinted++;
            this.progress.clear();
            process.stderr.write(`${formatCrmError(error)}\n`);
        }
    }

    /** Closes the output (always one whole document) and returns the exit code. */
    async finish(): Promise<number> {
        this.progress.clear();
        const { replayed, reports } = this.session.finish();
        for (const held of replayed) {
            const wait = this.emit(held);
            if (wait) await wait;
        }
        const summary = { deals: this.deals, dealsWithViolations: this.dealsWithViolations, errors: this.errorCount, stopped: this.stopped, interrupted: this.interrupted };
        await this.output.finish({ reports, errors: this.errors, summary });
        const unprinted = this.errorCount - this.errorsPrinted;
        if (unprinted > 0) {
            process.stderr.write(`playbook: … and ${count(unprinted)} more error${unprinted === 1 ? '' : 's'} in the deals input\n`);
        }
        if (this.errorCount > 0 && !this.stopped) {
            process.stderr.write(`playbook: ${count(this.errorCount)} error${this.errorCount === 1 ? '' : 's'} in the deals input; the rows and deals ${this.errorCount === 1 ? 'it names were' : 'they name were'} skipped, the other ${count(this.deals)} deal${this.deals === 1 ? ' was' : 's were'} simulated\n`);
        }
        if (this.interrupted) {
            process.stderr.write(`playbook: interrupted after ${count(this.deals)} deal${this.deals === 1 ? '' : 's'}; the report covers those only\n`);
            return INTERRUPTED;
        }
        if (this.stopped) {
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

function count(n: number): string {
    return n.toLocaleString('en-US');
}
