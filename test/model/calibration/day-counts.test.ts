import { DayCounts, nearestRank } from '@playbook/model';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('nearest-rank percentiles of whole days', () => {
    it.each([
        // values, p, the ⌈p·n⌉-th smallest
        [[7], 0.5, 7],
        [[1, 2, 3, 4], 0.5, 2],
        [[1, 2, 3, 4], 0.9, 4],
        [[10, 1, 9, 2, 8, 3, 7, 4, 6, 5], 0.9, 9],
        [Array.from({ length: 30 }, (_, i) => i + 1), 0.9, 27],
        [Array.from({ length: 31 }, (_, i) => i + 1), 0.9, 28],
        [[0, 0, 0, 5], 0.5, 0]
    ])('%j at %f is %i', (values, p, expected) => {
        const counts = new DayCounts();
        for (const v of values) counts.add(v);
        expect(counts.percentile(p)).toBe(expected);
        // The definition `playbook init --from` drafts its limits with.
        expect(nearestRank([...values].sort((a, b) => a - b), p * 100)).toBe(expected);
    });

    it('is always an observed value, the smallest with at least p of the values at or below it', () => {
        fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 300 }), fc.integer({ min: 1, max: 100 }), (values, percent) => {
            const counts = new DayCounts();
            for (const v of values) counts.add(v);
            const p = counts.percentile(percent / 100)!;
            expect(values).toContain(p);
            expect(values.filter(v => v <= p).length * 100).toBeGreaterThanOrEqual(percent * values.length);
            expect(values.filter(v => v < p).length * 100).toBeLessThan(percent * values.length);
        }));
    });

    it('has no percentile of nothing', () => {
        expect(new DayCounts().percentile(0.5)).toBeNull();
        expect(new DayCounts().max()).toBeNull();
    });
});
