/** The Monte Carlo forecast against the binomial distribution it samples, and its determinism. */
import { describe, expect, it } from 'vitest';
import { ForecastAccumulator, Histogram, mulberry32 } from '@playbook/model';

/** Exact quantile of Binomial(n, p): the smallest k with P(X ≤ k) ≥ q. */
function binomialQuantile(n: number, p: number, q: number): number {
    let cumulative = 0;
    let probability = (1 - p) ** n;
    for (let k = 0; k <= n; k++) {
        cumulative += probability;
        if (cumulative >= q) return k;
        probability *= ((n - k) / (k + 1)) * (p / (1 - p));
    }
    return n;
}

describe('forecast', () => {
    const hundredCoinFlips = (options: { seed?: number; trials?: number } = {}) => {
        const forecast = new ForecastAccumulator();
        for (let i = 0; i < 100; i++) forecast.add(50, 10);
        return forecast.result(options);
    };

    it('samples the binomial distribution: its 90% interval matches the exact quantiles', () => {
        const result = hundredCoinFlips();
        expect(result.expectedWins).toBe(50);
        expect(result.expectedValue).toBe(500);
        expect(result.interval.wins[0]).toBeCloseTo(binomialQuantile(100, 0.5, 0.05), -0.5); // within 1.5
        expect(result.interval.wins[1]).toBeCloseTo(binomialQuantile(100, 0.5, 0.95), -0.5);
        expect(result.interval.value[0]).toBeCloseTo(result.interval.wins[0] * 10, 6);
    });

    it('is deterministic for a seed, and the seed matters', () => {
        expect(hundredCoinFlips({ seed: 3 })).toEqual(hundredCoinFlips({ seed: 3 }));
        const a = new ForecastAccumulator(), b = new ForecastAccumulator();
        for (let i = 0; i < 7; i++) { a.add(37, 100 + i); b.add(37, 100 + i); }
        const runs = [1, 2, 3, 4, 5].map(seed => a.result({ seed, trials: 200 }).interval.value.join());
        expect(new Set(runs).size).toBeGreaterThan(1);
        expect(b.result({ seed: 2, trials: 200 })).toEqual(a.result({ seed: 2, trials: 200 }));
    });

    it('switches to the normal approximation when the draws would be too many, and says so', () => {
        const result = hundredCoinFlips({ trials: 2_000_000 });
        expect(result.interval.method).toBe('normal');
        // 50 ± 1.645 × √(100 × 0.25) = 50 ± 8.224
        expect(result.interval.wins[0]).toBeCloseTo(41.776, 2);
        expect(result.interval.wins[1]).toBeCloseTo(58.224, 2);
    });

    it('leaves deals without a stage probability out, and counts them', () => {
        const forecast = new ForecastAccumulator();
        forecast.add(undefined, 500);
        forecast.add(100, undefined);
        const result = forecast.result();
        expect(result).toMatchObject({ deals: 1, dealsWithoutProbability: 1, dealsWithoutAmount: 1, expectedWins: 1, expectedValue: 0, pipelineValue: 500 });
        expect(result.interval.wins).toEqual([1, 1]);
    });
});

describe('building blocks', () => {
    it('a histogram gives exact percentiles by linear interpolation', () => {
        const histogram = new Histogram();
        [5, 1, 3, 3, 9, 1, 7].forEach(v => histogram.add(v)); // sorted: 1 1 3 3 5 7 9
        expect(histogram.percentile(0.5)).toBe(3);
        expect(histogram.percentile(0.9)).toBeCloseTo(7.8, 12); // h = 5.4 → 7 + 0.4 × 2
        expect(histogram.percentile(0)).toBe(1);
        expect(histogram.percentile(1)).toBe(9);
        expect(histogram.mean()).toBeCloseTo(29 / 7, 12);
    });

    it('the generator repeats for a seed and spreads evenly over [0, 1)', () => {
        const a = mulberry32(9), b = mulberry32(9);
        const draws = Array.from({ length: 10_000 }, () => a());
        expect(draws.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
        expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
        expect(Math.max(...draws)).toBeLessThan(1);
        expect(draws.reduce((s, x) => s + x, 0) / draws.length).toBeCloseTo(0.5, 1);
    });
});
