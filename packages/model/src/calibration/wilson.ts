/**
 * The Wilson score interval of a binomial share: unlike the normal approximation it stays
 * within [0, 1] and behaves at 0 or n successes and for small n, which calibration meets all
 * the time (a stage reached by 12 deals, a stage nobody skips).
 */
import type { ObservedShare } from './calibration.js';

/** The standard normal quantile of a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

/** The interval of `count` successes out of `of`; `null`s when `of` is 0. */
export function observedShare(count: number, of: number, z = Z_95): ObservedShare {
    if (of <= 0) return { count, of, share: null, low: null, high: null };
    const { low, high } = wilsonInterval(count, of, z);
    return { count, of, share: count / of, low, high };
}

export function wilsonInterval(count: number, of: number, z = Z_95): { low: number; high: number } {
    const p = count / of;
    const z2 = z * z;
    const denominator = 1 + z2 / of;
    const centre = (p + z2 / (2 * of)) / denominator;
    const half = (z / denominator) * Math.sqrt((p * (1 - p)) / of + z2 / (4 * of * of));
    // At 0 or n successes the bound is exactly 0 or 1 (rounding would put it a hair off).
    return { low: count === 0 ? 0 : Math.max(0, centre - half), high: count === of ? 1 : Math.min(1, centre + half) };
}

/** Whether `value` (a share 0–1) lies outside the interval: the observation contradicts it. */
export function outsideInterval(value: number, share: ObservedShare): boolean {
    return share.low !== null && share.high !== null && (value < share.low || value > share.high);
}
