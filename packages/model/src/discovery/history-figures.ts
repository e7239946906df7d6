/**
 * The figures a draft's stages rest on, counted from deals replayed in the draft's stage
 * order: how many deals reached each stage, skipped it or moved back into it, how many of
 * those that reached it were won, and how long each stay took. Counted from the events as
 * the readers give them, the same events `simulate --deals` replays.
 */
import type { DealModel } from '../model/playbook-model.js';
import { parseIsoDate } from '../simulation/dates.js';

export interface StageFigures {
    reached: number;
    skipped: number;
    closed: number;
    won: number;
    regressions: number;
    stayDays: number[];
}

export class HistoryFigures {
    readonly stages: StageFigures[];
    deals = 0;
    won = 0;
    terminated = 0;
    open = 0;
    lateStarts = 0;
    private readonly index: ReadonlyMap<string, number>;
    private readonly seen: Uint8Array;
    private readonly skippedHere: Uint8Array;

    constructor(stageNames: readonly string[]) {
        this.index = new Map(stageNames.map((name, i) => [name, i]));
        this.stages = stageNames.map(() => ({ reached: 0, skipped: 0, closed: 0, won: 0, regressions: 0, stayDays: [] }));
        this.seen = new Uint8Array(stageNames.length);
        this.skippedHere = new Uint8Array(stageNames.length);
    }

    add(deal: DealModel): void {
        this.deals++;
        this.seen.fill(0);
        this.skippedHere.fill(0);
        let current = -1;
        let enteredDay: number | undefined;
        let ending: 'won' | 'terminated' | undefined;
        const leave = (day: number | undefined): void => {
            if (current >= 0 && enteredDay !== undefined && day !== undefined && day >= enteredDay) {
                this.stages[current].stayDays.push(day - enteredDay);
            }
        };
        for (const event of deal.events) {
            if (ending) break;
            const day = parseIsoDate(event.date);
            if (event.kind === 'enter') {
                const target = this.index.get(event.stage);
                if (target === undefined || target === current) continue;
                if (current < 0) {
                    if (target > 0) this.lateStarts++;
                } else if (target > current) {
                    for (let s = current + 1; s < target; s++) this.skippedHere[s] = 1;
                } else {
                    this.stages[target].regressions++;
                }
                leave(day);
                current = target;
                enteredDay = day;
                this.seen[target] = 1;
            } else if (event.kind === 'won') {
                if (current >= 0) for (let s = current + 1; s < this.stages.length; s++) this.skippedHere[s] = 1;
                leave(day);
                ending = 'won';
            } else if (event.kind === 'terminate') {
                leave(day);
                ending = 'terminated';
            }
        }
        // A record with no dated event (a one-row export's deal in its first stage, undated): open there, as the replay has it.
        if (current < 0 && !ending && this.stages.length > 0) this.seen[0] = 1;
        if (ending === 'won') this.won++;
        else if (ending === 'terminated') this.terminated++;
        else this.open++;
        for (let s = 0; s < this.stages.length; s++) {
            const figures = this.stages[s];
            if (this.seen[s]) {
                figures.reached++;
                if (ending) figures.closed++;
                if (ending === 'won') figures.won++;
            } else if (this.skippedHere[s]) {
                figures.skipped++;
            }
        }
    }
}

/** The `p`-th percentile (1–100) of sorted values by the nearest rank: at least p% of them are at most it. */
export function nearestRank(sorted: readonly number[], p: number): number | undefined {
    if (sorted.length === 0) return undefined;
    return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
}

/**
 * The non-decreasing sequence closest to `values` (weighted least squares: pool adjacent
 * violators). Entries that are `undefined` carry no weight and stay `undefined`.
 */
export function nonDecreasing(values: ReadonlyArray<number | undefined>, weights: readonly number[]): Array<number | undefined> {
    const blocks: Array<{ value: number; weight: number; members: number[] }> = [];
    values.forEach((value, i) => {
        if (value === undefined) return;
        blocks.push({ value, weight: Math.max(weights[i], 1e-9), members: [i] });
        while (blocks.length > 1 && blocks[blocks.length - 2].value > blocks[blocks.length - 1].value) {
            const last = blocks.pop()!;
            const previous = blocks[blocks.length - 1];
            const weight = previous.weight + last.weight;
            previous.value = (previous.value * previous.weight + last.value * last.weight) / weight;
            previous.weight = weight;
            previous.members.push(...last.members);
        }
    });
    const result: Array<number | undefined> = values.map(() => undefined);
    for (const block of blocks) for (const i of block.members) result[i] = block.value;
    return result;
}
