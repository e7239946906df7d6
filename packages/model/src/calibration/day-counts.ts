/**
 * Whole-day durations counted per value, for exact percentiles in memory that grows with the
 * distinct values, not with the stays (a million stays last at most a few thousand distinct
 * numbers of days).
 *
 * Percentiles are nearest-rank order statistics: the p-th percentile of n values is the
 * ⌈p·n⌉-th smallest (1-based), so it is always a value that was observed, a whole number of
 * days, and can be checked by sorting the stays and counting. (`simulate`'s report
 * interpolates instead, as spreadsheets do; a limit in whole days is compared with an
 * observed stay here.) It is the definition `playbook init --from` drafts `within` limits
 * with (`nearestRank` of the discovery), so a drafted limit and a calibrated one agree.
 */
export class DayCounts {
    private readonly counts = new Map<number, number>();
    private total = 0;

    add(days: number): void {
        this.counts.set(days, (this.counts.get(days) ?? 0) + 1);
        this.total++;
    }

    get count(): number {
        return this.total;
    }

    /** `p` in (0, 1]; `null` when empty. */
    percentile(p: number): number | null {
        if (this.total === 0) return null;
        const rank = Math.max(1, Math.ceil(p * this.total - 1e-9));
        let seen = 0;
        const values = [...this.counts.keys()].sort((a, b) => a - b);
        for (const value of values) {
            seen += this.counts.get(value)!;
            if (seen >= rank) return value;
        }
        return values[values.length - 1];
    }

    max(): number | null {
        return this.total === 0 ? null : Math.max(...this.counts.keys());
    }

    /** Values no greater than `limit`. */
    atMost(limit: number): number {
        let n = 0;
        for (const [value, count] of this.counts) if (value <= limit) n += count;
        return n;
    }
}
