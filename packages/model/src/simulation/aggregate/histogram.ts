/**
 * Exact percentiles in memory that grows with the number of distinct values, not of deals:
 * day counts repeat (a million deals have at most a few thousand distinct cycle lengths),
 * so a count per value is both exact and small.
 *
 * Percentiles interpolate linearly between the two nearest ranks (h = (n − 1)·p), the
 * definition of Excel's PERCENTILE.INC and numpy's default, so an analyst can check them.
 */
export class Histogram {
    private readonly counts = new Map<number, number>();
    private total = 0;
    private sum = 0;

    add(value: number): void {
        this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
        this.total++;
        this.sum += value;
    }

    get count(): number {
        return this.total;
    }

    mean(): number | undefined {
        return this.total === 0 ? undefined : this.sum / this.total;
    }

    /** `p` in [0, 1]; `undefined` when empty. */
    percentile(p: number): number | undefined {
        if (this.total === 0) return undefined;
        const values = [...this.counts.keys()].sort((a, b) => a - b);
        const h = (this.total - 1) * p;
        const lower = Math.floor(h);
        const below = this.valueAtRank(values, lower);
        const above = this.valueAtRank(values, Math.min(lower + 1, this.total - 1));
        return below + (h - lower) * (above - below);
    }

    /** The value at 0-based rank `rank` in sorted order. */
    private valueAtRank(sortedValues: readonly number[], rank: number): number {
        let seen = 0;
        for (const value of sortedValues) {
            seen += this.counts.get(value)!;
            if (rank < seen) return value;
        }
        return sortedValues[sortedValues.length - 1];
    }
}

/** The same percentile definition over a sorted array (the forecast's trials). */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number | undefined {
    if (sorted.length === 0) return undefined;
    const h = (sorted.length - 1) * p;
    const lower = Math.floor(h);
    const upper = Math.min(lower + 1, sorted.length - 1);
    return sorted[lower] + (h - lower) * (sorted[upper] - sorted[lower]);
}
