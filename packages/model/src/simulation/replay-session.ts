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
import type { DealModel, EventModel, PlaybookModel } from '../model/playbook-model.js';
import type { AggregateReport } from './aggregate/aggregate-report.js';
import { DealAggregator } from './aggregate/deal-aggregator.js';
import type { ForecastOptions } from './aggregate/forecast.js';
import { compilePlaybook } from './compiled-playbook.js';
import { EventPacker } from './packed-events.js';
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
    /** `YYYY-MM-DD`: what `today` stands for in open deals' pending rules when there is no as-of date (see `ReplayOptions.today`). */
    today?: string;
}

export interface Replayed<T> {
    playbook: PlaybookModel;
    deal: DealModel;
    result: DealResult;
    /** The deal's value (see `valueOf`). */
    amount?: number;
    tag: T;
}

/** An open deal waiting for the as-of date, its events packed (see `EventPacker`). */
interface Held<T> {
    playbook: PlaybookModel;
    name: string;
    title: string | undefined;
    /** The deal's own `playbook` (its playbook's name). */
    follows: string;
    /** Its events, packed from here to the next held deal's start (see `EventPacker`). */
    events: number;
    amount?: number;
    evidence?: DataEvidence;
    tag: T;
}

/**
 * A deal's value: the amount its input gives (a CRM's amount column, a JSON deal's `amount`:
 * the latest one, edits after the close included), else the playbook's forecast field as the
 * replay left it (a deal written in a .playbook file, a field set by JSON events).
 */
function endsDeal(event: EventModel): boolean {
    return event.kind === 'won' || event.kind === 'terminate';
}

function valueOf(result: DealResult, amount: number | undefined): number | undefined {
    return amount ?? result.value;
}

const NO_EVIDENCE: DataEvidence = { tasks: true };

export class ReplaySession<T> {
    private readonly aggregators = new Map<PlaybookModel, DealAggregator>();
    private readonly evidenced = new Set<PlaybookModel>();
    private readonly held: Array<Held<T>> = [];
    private readonly packer = new EventPacker();
    private latest: string | undefined;
    private latestDay = -Infinity;
    private readonly holdOpen: boolean;
    private readonly optionsCache = new WeakMap<DataEvidence, Map<string | undefined, ReplayOptions>>();

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
        const compiled = compilePlaybook(playbook);
        // A deal no event ends, of a playbook without automatic rules, is open: held without a
        // replay that would only say so (four in ten deals of a large export).
        const surelyOpen = this.holdOpen && compiled.automaticTerminations.length === 0 && !deal.events.some(endsDeal);
        const result = surelyOpen ? undefined : simulateDeal(compiled, deal, this.replayOptions(extra.evidence, this.options.asOf));
        if (!result || (this.holdOpen && result.outcome.kind === 'open')) {
            this.held.push({
                playbook, name: deal.name, title: deal.title, follows: deal.playbook, events: this.packer.pack(deal.events),
                ...(extra.amount !== undefined ? { amount: extra.amount } : {}), ...(extra.evidence ? { evidence: extra.evidence } : {}), tag: extra.tag
            });
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

    /**
     * Replays the held open deals at the as-of date, one at a time (a consumer that hands each
     * on keeps the memory of one, not of all of them); after this the input is over.
     */
    *drain(): Generator<Replayed<T>> {
        const asOf = this.asOf;
        const held = this.held;
        for (let i = 0; i < held.length; i++) {
            const { playbook, name, title, follows, events, amount: given, evidence, tag } = held[i];
            const end = i + 1 < held.length ? held[i + 1].events : this.packer.end;
            held[i] = undefined as unknown as Held<T>;
            const deal: DealModel = { name, ...(title !== undefined ? { title } : {}), playbook: follows, events: this.packer.unpack(events, end) };
            const result = simulateDeal(compilePlaybook(playbook), deal, this.replayOptions(evidence, asOf));
            const amount = valueOf(result, given);
            this.aggregator(playbook, evidence).add(result, amount);
            yield { playbook, deal, result, ...(amount !== undefined ? { amount } : {}), tag };
        }
        held.length = 0;
    }

    /** Replays the held open deals still held (see `drain`); then the reports of every playbook. */
    finish(): { replayed: Array<Replayed<T>>; reports: AggregateReport[]; asOf: string | undefined } {
        const asOf = this.asOf;
        const replayed = [...this.drain()];
        const reports = [...this.aggregators.values()].map(aggregator => ({ ...aggregator.report(), asOf: asOf ?? null }));
        return { replayed, reports, asOf };
    }

    /** The options of a replay, one object per evidence and as-of date (not one per deal). */
    private replayOptions(evidence: DataEvidence | undefined, asOf: string | undefined): ReplayOptions {
        const key = evidence ?? NO_EVIDENCE;
        let byAsOf = this.optionsCache.get(key);
        if (!byAsOf) this.optionsCache.set(key, byAsOf = new Map());
        let options = byAsOf.get(asOf);
        if (!options) {
            options = {
                ...(this.options.start ? { start: this.options.start } : {}),
                ...(this.options.lateStart ? { lateStart: this.options.lateStart } : {}),
                ...(evidence ? { evidence } : {}),
                ...(asOf !== undefined ? { asOf } : this.options.today !== undefined ? { today: this.options.today } : {})
            };
            byAsOf.set(asOf, options);
        }
        return options;
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
