import { describe, expect, it } from 'vitest';
import { nearestRank, nonDecreasing } from '@playbook/model';

describe('nonDecreasing (pool adjacent violators)', () => {
    it.each<[Array<number | undefined>, number[], Array<number | undefined>]>([
        [[10, 20, 30], [1, 1, 1], [10, 20, 30]],
        [[10, 30, 20], [1, 1, 1], [10, 25, 25]],
        [[10, 30, 20], [1, 3, 1], [10, 27.5, 27.5]],
        [[50, 40, 30], [1, 1, 1], [40, 40, 40]],
        [[20, undefined, 10], [1, 0, 1], [15, undefined, 15]],
        [[undefined, undefined], [0, 0], [undefined, undefined]]
    ])('%j weighted %j → %j', (values, weights, expected) => {
        expect(nonDecreasing(values, weights)).toEqual(expected);
    });
});

describe('nearestRank', () => {
    it.each<[number[], number, number | undefined]>([
        [[], 90, undefined],
        [[5], 90, 5],
        [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
        [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 91, 10],
        [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 100, 10],
        [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50, 5]
    ])('%j at %i', (values, p, expected) => {
        expect(nearestRank(values, p)).toBe(expected);
    });
});
