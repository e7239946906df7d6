/**
 * The forecast from open deals: each open deal is won with its current stage's
 * `probability`, independently of the others.
 *
 * - Expected wins = Σ p; expected value = Σ p × amount over deals whose amount is known.
 * - The 90% interval is the 5th and 95th percentile of wins and of won value over seeded
 *   Monte Carlo trials (default 10,000, seed 1: deterministic). Each trial draws every open
 *   deal, so it costs deals × trials; above 100 million draws the interval comes from the
 *   normal approximation instead (mean ± 1.645 σ, σ² = Σ p(1 − p) for wins and
 *   Σ p(1 − p)·amount² for value), which at that many deals is as good, and `method` says so.
 * Memory: two numbers per open deal with a probability (typed arrays).
 */
import { percentileOfSorted } from './histogram.js';
import { mulberry32 } from './prng.js';

export interface ForecastOptions {
    trials?: number;
    seed?: number;
}

export interface Forecast {
    /** Open deals whose stage has a probability; the others cannot be forecast. */
    deals: number;
    dealsWithoutProbability: number;
    /** Of `deals`, those without a known amount: they count in wins, not in value. */
    dealsWithoutAmount: number;
    /** `forecast <field>`: the field that holds a deal's value, when the playbook declares one. */
    valueField?: string;
    expectedWins: number;
    expectedValue: number;
    /** Σ amount of the open deals with a known amount, whatever their probability. */
    pipelineValue: number;
    interval: {
        level: 0.9;
        wins: [number, number];
        value: [number, number];
        method: 'monte-carlo' | 'normal';
        trials?: number;
        seed?: number;
    };
}

const MAX_DRAWS = 100_000_000;
const Z90 = 1.6448536269514722;

export class ForecastAccumulator {
    private probabilities: Float64Array = new Float64Array(1024);
    private amounts: Float64Array = new Float64Array(1024);
    private size = 0;
    private withoutProbability = 0;
    private withoutAmount = 0;
    private pipeline = 0;

    /** `probability` in percent (0–100) as the playbook writes it; `undefined` when the stage has none. */
    add(probability: number | undefined, amount: number | undefined): void {
        if (amount !== undefined) this.pipeline += amount;
        if (probability === undefined) {
            this.withoutProbability++;
            return;
        }
        if (this.size === this.probabilities.length) {
            this.probabilities = grow(this.probabilities);
            this.amounts = grow(this.amounts);
        }
        if (amount === undefined) this.withoutAmount++;
        this.probabilities[this.size] = Math.min(1, Math.max(0, probability / 100));
        this.amounts[this.size] = amount ?? 0;
        this.size++;
    }

    result(options: ForecastOptions = {}): Forecast {
        const trials = Math.max(1, Math.floor(options.trials ?? 10_000));
        const seed = options.seed ?? 1;
        let expectedWins = 0, expectedValue = 0, winsVariance = 0, valueVariance = 0;
        for (let i = 0; i < this.size; i++) {
            const p = this.probabilities[i], a = this.amounts[i];
            expectedWins += p;
            expectedValue += p * a;
            winsVariance += p * (1 - p);
            valueVariance += p * (1 - p) * a * a;
        }
        const base = {
            deals: this.size, dealsWithoutProbability: this.withoutProbability, dealsWithoutAmount: this.withoutAmount,
            expectedWins, expectedValue, pipelineValue: this.pipeline
        };
        if (this.size * trials > MAX_DRAWS) {
            const w = Z90 * Math.sqrt(winsVariance), v = Z90 * Math.sqrt(valueVariance);
            return { ...base, interval: { level: 0.9, wins: [Math.max(0, expectedWins - w), expectedWins + w], value: [expectedValue - v, expectedValue + v], method: 'normal' } };
        }
        const random = mulberry32(seed);
        const wins = new Float64Array(trials);
        const values = new Float64Array(trials);
        for (let t = 0; t < trials; t++) {
            let won = 0, value = 0;
            for (let i = 0; i < this.size; i++) {
                if (random() < this.probabilities[i]) {
                    won++;
                    value += this.amounts[i];
                }
            }
            wins[t] = won;
            values[t] = value;
        }
        wins.sort();
        values.sort();
        return {
            ...base,
            interval: {
                level: 0.9,
                wins: [percentileOfSorted(wins, 0.05) ?? 0, percentileOfSorted(wins, 0.95) ?? 0],
                value: [percentileOfSorted(values, 0.05) ?? 0, percentileOfSorted(values, 0.95) ?? 0],
                method: 'monte-carlo', trials, seed
            }
        };
    }
}

function grow(array: Float64Array): Float64Array {
    const bigger = new Float64Array(array.length * 2);
    bigger.set(array);
    return bigger;
}
