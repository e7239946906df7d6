/**
 * The order of a pipeline's stages from what deals did, as process mining discovers it: from
 * the directly-follows relation (how many times a deal went from stage a straight to stage b).
 *
 * The order chosen is the one in which moves forward dominate: it makes the fewest moves
 * backwards (a move back is a regression, which a playbook allows and a replay counts); among
 * orders equally good at that, the one whose forward moves are shortest, since a move that
 * jumps over stages is a skip unless they are optional. Where deals start (a virtual start
 * before every stage) and from where they are won (a virtual end after every stage) count in
 * that second measure, so stages that begin deals come first and stages that win them last.
 * Losses can happen anywhere and do not count.
 *
 * Finding the order with the fewest moves back is the linear ordering problem (NP-hard): it
 * is solved exactly, by dynamic programming over the sets of stages placed first, for up to
 * `EXACT_LIMIT` stages (every real pipeline), and by a local search beyond.
 */

export interface FlowCounts {
    /** `moves[a][b]`: how many times a deal moved from stage a straight to stage b (a ≠ b). */
    moves: number[][];
    /** How many deals' histories start in each stage. */
    starts: number[];
    /** How many deals were won from each stage. */
    wins: number[];
    /**
     * A stage that must come first, whatever the moves say: a one-row-per-deal export leaves
     * only the first stage undated, so a stage its deals sit in undated is the first.
     */
    first?: number;
}

export const EXACT_LIMIT = 14;

/** The stages' indices in their dominant order. */
export function dominantOrder(flow: FlowCounts): number[] {
    const n = flow.starts.length;
    if (n <= 1) return n === 1 ? [0] : [];
    return n <= EXACT_LIMIT ? exactOrder(flow) : localSearch(flow, initialOrder(flow));
}

/** [moves backwards, total length of forward moves] of an order: lower is better, in that order. */
export function orderCost(flow: FlowCounts, order: readonly number[]): [number, number] {
    const position = new Array<number>(order.length);
    order.forEach((stage, i) => { position[stage] = i; });
    let backward = 0;
    let crossing = 0;
    const n = order.length;
    for (let a = 0; a < n; a++) {
        for (let b = 0; b < n; b++) {
            const count = flow.moves[a][b];
            if (count === 0 || a === b) continue;
            if (position[b] < position[a]) backward += count;
            else crossing += count * (position[b] - position[a]);
        }
        // From the virtual start (before position 0) and to the virtual end (after position n - 1).
        crossing += flow.starts[a] * (position[a] + 1) + flow.wins[a] * (n - position[a]);
    }
    return [backward, crossing];
}

function better(a: readonly [number, number], b: readonly [number, number]): boolean {
    return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

/**
 * Over subsets T of stages placed first: the fewest moves backwards and, among those, the
 * least crossing. A forward move a→b crosses every cut between a and b, so the total length
 * of forward moves is the sum, over the cuts, of what crosses each: a function of the set
 * before the cut alone, which is what makes the dynamic programme exact.
 */
function exactOrder(flow: FlowCounts): number[] {
    const n = flow.starts.length;
    const full = (1 << n) - 1;
    const backward = new Float64Array(full + 1).fill(Infinity);
    const crossing = new Float64Array(full + 1).fill(Infinity);
    const choice = new Int8Array(full + 1).fill(-1);
    backward[0] = 0;
    crossing[0] = 0;
    for (let set = 0; set < full; set++) {
        if (backward[set] === Infinity) continue;
        for (let v = 0; v < n; v++) {
            if (set & (1 << v)) continue;
            if (set === 0 && flow.first !== undefined && v !== flow.first) continue;
            const next = set | (1 << v);
            let back = backward[set];
            for (let x = 0; x < n; x++) if (set & (1 << x)) back += flow.moves[v][x];
            const cross = crossing[set] + cutCrossing(flow, next);
            if (back < backward[next] || (back === backward[next] && cross < crossing[next])) {
                backward[next] = back;
                crossing[next] = cross;
                choice[next] = v;
            }
        }
    }
    const order: number[] = [];
    for (let set = full; set !== 0; set &= ~(1 << choice[set])) order.push(choice[set]);
    return order.reverse();
}

/** What crosses the cut right after the stages of `set`: forward moves out of it, starts after it, wins in it. */
function cutCrossing(flow: FlowCounts, set: number): number {
    const n = flow.starts.length;
    let total = 0;
    for (let a = 0; a < n; a++) {
        if (set & (1 << a)) {
            total += flow.wins[a];
            for (let b = 0; b < n; b++) if (!(set & (1 << b))) total += flow.moves[a][b];
        } else {
            total += flow.starts[a];
        }
    }
    return total;
}

/** Stages by how much more flows out of them than into them (starts count as inflow from before, wins as outflow after). */
function initialOrder(flow: FlowCounts): number[] {
    const n = flow.starts.length;
    const score = flow.starts.map((start, a) => {
        let out = 0;
        let into = 0;
        for (let b = 0; b < n; b++) {
            out += flow.moves[a][b];
            into += flow.moves[b][a];
        }
        return (out - into + start - flow.wins[a]) / Math.max(1, out + into + start + flow.wins[a]);
    });
    const order = score.map((_, a) => a).sort((a, b) => score[b] - score[a] || a - b);
    return flow.first === undefined ? order : [flow.first, ...order.filter(a => a !== flow.first)];
}

/** Moves one stage at a time to the position that improves the order most, until none does. */
function localSearch(flow: FlowCounts, start: number[]): number[] {
    let order = start;
    let cost = orderCost(flow, order);
    for (let improved = true; improved;) {
        improved = false;
        const fixed = flow.first === undefined ? 0 : 1;
        for (let from = fixed; from < order.length; from++) {
            for (let to = fixed; to < order.length; to++) {
                if (to === from) continue;
                const candidate = order.slice();
                const [stage] = candidate.splice(from, 1);
                candidate.splice(to, 0, stage);
                const candidateCost = orderCost(flow, candidate);
                if (better(candidateCost, cost)) {
                    order = candidate;
                    cost = candidateCost;
                    improved = true;
                }
            }
        }
    }
    return order;
}
