import { describe, expect, it } from 'vitest';
import { dominantOrder, orderCost, type FlowCounts } from '@playbook/model';

/** Flow counts from deals written as paths of stage indices; `won` after the path when it ends `+`. */
function flowOf(n: number, paths: string[]): FlowCounts {
    const flow: FlowCounts = { moves: Array.from({ length: n }, () => new Array<number>(n).fill(0)), starts: new Array<number>(n).fill(0), wins: new Array<number>(n).fill(0) };
    for (const path of paths) {
        const stages = path.replace('+', '').split('').map(Number);
        flow.starts[stages[0]]++;
        for (let i = 1; i < stages.length; i++) flow.moves[stages[i - 1]][stages[i]]++;
        if (path.endsWith('+')) flow.wins[stages[stages.length - 1]]++;
    }
    return flow;
}

const times = (n: number, path: string): string[] => new Array<string>(n).fill(path);

describe('dominantOrder', () => {
    it.each<[string, number, string[], number[]]>([
        ['a straight pipeline, given out of order', 4, [...times(20, '2031+'), ...times(5, '203')], [2, 0, 3, 1]],
        ['moves back (re-negotiation) do not reorder', 3, [...times(20, '012+'), ...times(8, '0121+')], [0, 1, 2]],
        ['noise: a few deals that run backwards', 3, [...times(30, '012+'), ...times(3, '210')], [0, 1, 2]],
        ['an optional stage that most deals skip stays between its neighbours', 4, [...times(5, '0123+'), ...times(20, '013+'), ...times(10, '01')], [0, 1, 2, 3]],
        ['no moves at all: where deals start first, where they win last', 2, [...times(5, '1+'), ...times(3, '0')], [0, 1]],
        ['a loop between two stages: the side entered first leads', 4, [...times(10, '0123+'), ...times(10, '012123+')], [0, 1, 2, 3]]
    ])('%s', (_, n, paths, expected) => {
        expect(dominantOrder(flowOf(n, paths))).toEqual(expected);
    });

    it('a stage fixed first stays first', () => {
        expect(dominantOrder({ ...flowOf(2, times(5, '1+')), first: 1 })).toEqual([1, 0]);
        expect(dominantOrder({ ...flowOf(3, times(5, '12+')), first: 0 })).toEqual([0, 1, 2]);
    });

    it('beyond the exact limit, a local search still finds a long pipeline given shuffled', () => {
        const n = 20;
        const shuffled = [13, 2, 19, 7, 0, 11, 4, 16, 9, 1, 18, 5, 14, 3, 10, 17, 6, 12, 8, 15];
        const path = (length: number): string[] => shuffled.slice(0, length).map(String);
        const flow: FlowCounts = { moves: Array.from({ length: n }, () => new Array<number>(n).fill(0)), starts: new Array<number>(n).fill(0), wins: new Array<number>(n).fill(0) };
        for (let length = 1; length <= n; length++) {
            const stages = path(length).map(Number);
            flow.starts[stages[0]] += 3;
            for (let i = 1; i < stages.length; i++) flow.moves[stages[i - 1]][stages[i]] += 3;
        }
        flow.wins[shuffled[n - 1]] += 3;
        expect(dominantOrder(flow)).toEqual(shuffled);
        expect(orderCost(flow, shuffled)[0]).toBe(0);
    });
});
