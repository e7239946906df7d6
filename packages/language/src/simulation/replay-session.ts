/**
 * One simulation run over many deals, shared by `playbook simulate` and the editor: replays
 * each deal with the run's options, adds it to its playbook's aggregate, and settles the
 * as-of date.
 *
 * The as-of date: given (`--as-of`), every deal is replayed as it comes. Not given, for a CRM
 * export (`defaultAsOf: 'latest'`) it is the latest date in the data, which is known only
 * at the end of a one-pass read: closed deals are replayed as they come, open ones are held
 * (their events) until `finish` and judged then. The latest date of the data rather than
 * today, so that a report of the same export is the same tomorrow, and an export taken a
 * month ago does not make every open deal a month older than it was.
 */
import type { DealModel, PlaybookModel } from '../model/playbook-model.js';
import type { AggregateReport } from './aggregate/aggregate-report.js';
import { DealAggregator } from './aggregate/deal-aggregator.js';
import type { ForecastOptions } from './aggregate/forecast.js';
import { compilePlaybook } from './compiled-playbook.js';
import { parseIsoDate } from './dates.js';
import type { DataEvidence, ReplayOptions } from './replay-options.js';
import { simulateDeal } from './simulate-deal.js';
import type { DealResult } from './simulation-result.js';

export interface SessionOptions extends ForecastOptions {
    start?: ReplayOptions['start'];
    lateStart?: ReplayOptions['lateStart'];
    /** `YYYY-MM-DD`; see the module comment for the default. */
    asOf?: string;
    /** Without `asOf`: `latest` judges open deals at the latest date of the data; `none` up to their own last event. */
    defaultAsOf?: 'latest' | 'none';
}

export interface Replayed<T> {
    playbook: PlaybookModel;
    deal: DealModel;
    result: DealResult;
    /** The deal's value (see `valueOf`). */
    amount?: number;
    tag: T;
}

interface Held<T> {
    playbook: PlaybookModel;
    deal: DealModel;
    amount?: number;
    evidence?: DataEvidence;
    lastDate?: string;
    tag: T;
}

/**
 * A deal's value: the amount its input gives (a CRM's amount column, a JSON deal's `amount`:
 * the latest one, edits after the close included), else the playbook's forecast field as the
 * replay left it (a deal written in a .playbook file, a field set by JSON events).
 */
function valueOf(result: DealResult, amount: number | undefined): number | undefined {
    return amount ?? result.value;
}

export class ReplaySession<T> {
    private readonly aggregators = new Map<PlaybookModel, DealAggregator>();
    private readonly evidenced = new Set<PlaybookModel>();
    private readonly held: Array<Held<T>> = [];
    private latest: string | undefined;
    private latestDay = -Infinity;
    private readonly holdOpen: boolean;

    constructor(private readonly options: SessionOptions = {}) {
        this.holdOpen = options.asOf === undefined && options.defaultAsOf === 'latest';
    }

    /** A playbook reported on even if no deal of it comes (an export with no usable rows). */
    expect(playbook: PlaybookModel, evidence?: DataEvidence): void {
        this.aggregator(playbook, evidence);
    }

    /** The deal replayed now, or `undefined` when it is open and held until `finish` for the as-of date. */
    add(playbook: PlaybookModel, deal: DealModel, extra: { amount?: number; evidence?: DataEvidence; lastDate?: string; tag: T }): Replayed<T> | undefined {
        if (this.holdOpen) {
            this.noteDates(deal);
            if (extra.lastDate !== undefined) this.noteDate(extra.lastDate);
        }
        const result = simulateDeal(compilePlaybook(playbook), deal, this.replayOptions(extra.evidence, this.options.asOf));
        if (this.holdOpen && result.outcome.kind === 'open') {
            this.held.push({ playbook, deal, ...extra });
            return undefined;
        }
        const amount = valueOf(result, extra.amount);
        this.aggregator(playbook, extra.evidence).add(result, amount);
        return { playbook, deal, result, ...(amount !== undefined ? { amount } : {}), tag: extra.tag };
    }

    /** The as-of date the run judges open deals at (known for sure after `finish`). */
    get asOf(): string | undefined {
        return this.options.asOf ?? (this.holdOpen ? this.latest : undefined);
    }

    /** Deals held so far (open deals waiting for the as-of date). */
    get heldCount(): number {
        return this.held.length;
    }

    /** Replays the held open deals at the as-of date; then the reports of every playbook. */
    finish(): { replayed: Array<Replayed<T>>; reports: AggregateReport[]; asOf: string | undefined } {
        const asOf = this.asOf;
        const replayed = this.held.splice(0).map(({ playbook, deal, amount: given, evidence, tag }) => {
            const result = simulateDeal(compilePlaybook(playbook), deal, this.replayOptions(evidence, asOf));
            const amount = valueOf(result, given);
            this.aggregator(playbook, evidence).add(result, amount);
            return { playbook, deal, result, ...(amount !== undefined ? { amount } : {}), tag };
        });
        const reports = [...this.aggregators.values()].map(aggregator => ({ ...aggregator.report(), asOf: asOf ?? null }));
        return { replayed, reports, asOf };
    }

    private replayOptions(evidence: DataEvidence | undefined, asOf: string | undefined): ReplayOptions {
        return {
            ...(this.options.start ? { start: this.options.start } : {}),
            ...(this.options.lateStart ? { lateStart: this.options.lateStart } : {}),
            ...(evidence ? { evidence } : {}),
            ...(asOf !== undefined ? { asOf } : {})
        };
    }

    private noteDates(deal: DealModel): void {
        for (const event of deal.events) this.noteDate(event.date);
    }

    private noteDate(date: string): void {
        if (this.latest === undefined || date > this.latest) {
            const day = parseIsoDate(date);
            if (day !== undefined && day > this.latestDay) {
                this.latestDay = day;
                this.latest = date;
            }
        }
    }

    private aggregator(playbook: PlaybookModel, evidence: DataEvidence | undefined): DealAggregator {
        let aggregator = this.aggregators.get(playbook);
        if (!aggregator) {
            aggregator = new DealAggregator(playbook, {
                ...(this.options.seed !== undefined ? { seed: this.options.seed } : {}),
                ...(this.options.trials !== undefined ? { trials: this.options.trials } : {})
            });
            this.aggregators.set(playbook, aggregator);
        }
        if (evidence && !this.evidenced.has(playbook)) {
            this.evidenced.add(playbook);
            aggregator.setEvidence(evidence);
        }
        return aggregator;
    }
}
