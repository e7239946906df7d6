import { observedShare, wilsonInterval, Z_95 } from '@playbook/model';
import { describe, expect, it } from 'vitest';

describe('Wilson score interval at 95%', () => {
    it.each([
        // count, of, low, high: worked out by hand from (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n)
        [0, 10, 0, 0.27753],
        [10, 10, 0.72247, 1],
        [5, 10, 0.23659, 0.76341],
        [1, 1, 0.20654, 1],
        [230, 1000, 0.20494, 0.25707]
    ])('%i of %i: %f–%f', (count, of, low, high) => {
        const interval = wilsonInterval(count, of);
        expect(interval.low).toBeCloseTo(low, 4);
        expect(interval.high).toBeCloseTo(high, 4);
    });

    it('uses the two-sided 95% quantile of the normal distribution', () => {
        expect(Z_95).toBeCloseTo(1.95996, 5);
    });

    it('has no interval (nulls, not 0) when nothing was observed', () => {
        expect(observedShare(0, 0)).toEqual({ count: 0, of: 0, share: null, low: null, high: null });
    });
});
