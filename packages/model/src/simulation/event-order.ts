/**
 * Which events of a deal are out of date order. One mis-dated event must give one finding
 * on its own line, not one on every correct event after it: the events blamed are the
 * fewest whose removal leaves the rest in date order (the complement of a longest
 * non-decreasing run of dates). When several choices are equally small, the events written
 * first are kept, so in a simple swap the second event is the one out of place.
 *
 * O(n log n) in the number of events, and only called when some event is dated before an
 * earlier-written one.
 */

/** An event out of place, compared with the nearest event that is in place. */
export interface MisplacedEvent {
    index: number;
    /** `early`: dated before an event written above it; `late`: after an event written below it. */
    relation: 'early' | 'late';
    /** The event in place it is compared with. */
    other: number;
}

/**
 * `days[i]` is the day number of event i, or `undefined` for an event that takes no part
 * (an invalid date). Returns the events to blame, in order.
 */
export function misplacedEvents(days: ReadonlyArray<number | undefined>): MisplacedEvent[] {
    const indices: number[] = [];
    for (let i = 0; i < days.length; i++) {
        if (days[i] !== undefined) indices.push(i);
    }
    const dates = indices.map(i => days[i]!);
    const kept = keptInOrder(dates);
    const misplaced: MisplacedEvent[] = [];
    let previousKept = -1;
    for (let k = 0; k < dates.length; k++) {
        if (kept[k]) {
            previousKept = k;
            continue;
        }
        if (previousKept >= 0 && dates[k] < dates[previousKept]) {
            misplaced.push({ index: indices[k], relation: 'early', other: indices[previousKept] });
        } else {
            // Not earlier than the events in place above it, so later than one below it.
            let nextKept = k + 1;
            while (!kept[nextKept]) nextKept++;
            misplaced.push({ index: indices[k], relation: 'late', other: indices[nextKept] });
        }
    }
    return misplaced;
}

/**
 * `kept[i]` for the members of the longest non-decreasing subsequence of `dates` whose
 * positions come first (lexicographically smallest).
 */
function keptInOrder(dates: readonly number[]): Uint8Array {
    const n = dates.length;
    // longestFrom[i]: the longest non-decreasing subsequence starting at i, found right to
    // left as the longest non-increasing one ending there (patience sorting on -date).
    const longestFrom = new Uint32Array(n);
    const tails: number[] = [];
    for (let i = n - 1; i >= 0; i--) {
        const value = -dates[i];
        let low = 0, high = tails.length;
        while (low < high) {
            const middle = (low + high) >>> 1;
            if (tails[middle] > value) high = middle; else low = middle + 1;
        }
        tails[low] = value;
        longestFrom[i] = low + 1;
    }
    const kept = new Uint8Array(n);
    let needed = tails.length;
    let previous = -Infinity;
    for (let i = 0; i < n && needed > 0; i++) {
        if (longestFrom[i] === needed && dates[i] >= previous) {
            kept[i] = 1;
            previous = dates[i];
            needed--;
        }
    }
    return kept;
}
