/** The closest known name to a misspelt one, if any is close enough to be a likely typo. */
export function closestName(misspelt: string, candidates: Iterable<string>): string | undefined {
    const wanted = misspelt.toLowerCase();
    const limit = Math.max(1, Math.floor(misspelt.length / 3));
    let best: string | undefined;
    let bestDistance = limit + 1;
    for (const candidate of candidates) {
        if (Math.abs(candidate.length - misspelt.length) > limit) {
            continue;
        }
        const distance = editDistance(wanted, candidate.toLowerCase(), bestDistance);
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}

/**
 * The known names close enough to a misspelt one to be likely typos, closest first (ties in
 * the order given), at most `count` of them, each with its distance. The first is what
 * `closestName` gives: a quick fix offers these where the message names only the first.
 */
export function closestNames(misspelt: string, candidates: Iterable<string>, count: number): Array<{ name: string; distance: number }> {
    const wanted = misspelt.toLowerCase();
    const limit = Math.max(1, Math.floor(misspelt.length / 3));
    const found: Array<{ name: string; distance: number; order: number }> = [];
    const seen = new Set<string>();
    for (const candidate of candidates) {
        if (seen.has(candidate) || Math.abs(candidate.length - misspelt.length) > limit) {
            continue;
        }
        seen.add(candidate);
        const distance = editDistance(wanted, candidate.toLowerCase(), limit + 1);
        if (distance <= limit) {
            found.push({ name: candidate, distance, order: found.length });
        }
    }
    return found.sort((a, b) => a.distance - b.distance || a.order - b.order).slice(0, count).map(({ name, distance }) => ({ name, distance }));
}

/**
 * Edit distance counting a swap of two neighbouring letters as one edit (optimal string
 * alignment), since `Clsoe` for `Close` is the commonest typo. Gives up (returning `limit`)
 * once the distance cannot be below `limit`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
    let beforePrevious: number[] = [];
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        let rowMinimum = i;
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let distance = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
                distance = Math.min(distance, beforePrevious[j - 2] + 1);
            }
            current[j] = distance;
            rowMinimum = Math.min(rowMinimum, distance);
        }
        if (rowMinimum >= limit) {
            return limit;
        }
        beforePrevious = previous;
        previous = current;
    }
    return previous[b.length];
}

/**
 * `closestName` over a fixed list of names, asked many times: the names are kept in a trie of
 * their lower-cased letters, and a lookup follows only the branches that can still come
 * within the limit, computing one row of the edit distance per letter of a branch. A file
 * with thousands of unresolved names among thousands of declared ones would otherwise compare
 * each with each. Gives exactly what `closestName` gives over the names `accept`ed, in the
 * same order (ties go to the earliest).
 *
 * The trie is kept in flat lists of numbers, one entry per node (node 0 is the root): a
 * node's letter, its first child and its next sibling, and the names ending there (a list
 * through `nextEnd`, in the order given). An object with a `Map` of children per node cost
 * about 2 KB a name (4.6 MB for 2,000 names of 12 to 15 letters), kept with the scope for as
 * long as the playbook is unchanged.
 */
export class NameSuggester<T> {
    private readonly names: string[] = [];
    private readonly values: T[] = [];
    private readonly letter: Int32Array;
    private readonly firstChild: Int32Array;
    private readonly nextSibling: Int32Array;
    private readonly firstEnd: Int32Array;
    /** Per name: the next name ending at the same node. */
    private readonly nextEnd: Int32Array;

    constructor(entries: Iterable<readonly [name: string, value: T]>) {
        // Built in growing lists, then kept in typed ones (half the size).
        const letter = [-1];
        const firstChild = [-1];
        const nextSibling = [-1];
        const firstEnd = [-1];
        const lastEnd = [-1];
        const nextEnd: number[] = [];
        const childOf = (node: number, code: number): number => {
            for (let child = firstChild[node]; child >= 0; child = nextSibling[child]) {
                if (letter[child] === code) return child;
            }
            const child = letter.length;
            letter.push(code);
            firstChild.push(-1);
            nextSibling.push(firstChild[node]);
            firstEnd.push(-1);
            lastEnd.push(-1);
            firstChild[node] = child;
            return child;
        };
        for (const [name, value] of entries) {
            const position = this.names.length;
            this.names.push(name);
            this.values.push(value);
            nextEnd.push(-1);
            let node = 0;
            const lower = name.toLowerCase();
            for (let i = 0; i < lower.length; i++) {
                node = childOf(node, lower.charCodeAt(i));
            }
            if (lastEnd[node] < 0) firstEnd[node] = position;
            else nextEnd[lastEnd[node]] = position;
            lastEnd[node] = position;
        }
        this.letter = Int32Array.from(letter);
        this.firstChild = Int32Array.from(firstChild);
        this.nextSibling = Int32Array.from(nextSibling);
        this.firstEnd = Int32Array.from(firstEnd);
        this.nextEnd = Int32Array.from(nextEnd);
    }

    closest(misspelt: string, accept: (value: T) => boolean = () => true): string | undefined {
        const lowered = misspelt.toLowerCase();
        const n = lowered.length;
        const wanted = Array.from({ length: n }, (_, j) => lowered.charCodeAt(j));
        const limit = Math.max(1, Math.floor(misspelt.length / 3));
        let best = -1;
        let bestDistance = limit;
        const consider = (node: number, distance: number): void => {
            if (distance > bestDistance) return;
            for (let position = this.firstEnd[node]; position >= 0; position = this.nextEnd[position]) {
                if (best >= 0 && distance === bestDistance && position > best) break;
                if (Math.abs(this.names[position].length - misspelt.length) > limit || !accept(this.values[position])) continue;
                best = position;
                bestDistance = distance;
                break;
            }
        };
        const first = Array.from({ length: n + 1 }, (_, j) => j);
        consider(0, first[n]);
        // Depth-first without recursion (names can be long). Each branch carries the rows of
        // distances of its last two letters (the row before is needed for a swap of two letters).
        interface Branch { node: number; depth: number; parentLetter: number; parentRow: number[]; grandRow?: number[] }
        const stack: Branch[] = [];
        const pushChildren = (node: number, depth: number, row: number[], parentRow?: number[]): void => {
            for (let child = this.firstChild[node]; child >= 0; child = this.nextSibling[child]) {
                stack.push({ node: child, depth: depth + 1, parentLetter: this.letter[node], parentRow: row, grandRow: parentRow });
            }
        };
        pushChildren(0, 0, first);
        while (stack.length > 0) {
            const { node, depth, parentLetter, parentRow, grandRow } = stack.pop()!;
            const letter = this.letter[node];
            const row = new Array<number>(n + 1);
            row[0] = depth;
            let rowMinimum = depth;
            for (let j = 1; j <= n; j++) {
                const cost = wanted[j - 1] === letter ? 0 : 1;
                let distance = Math.min(parentRow[j] + 1, row[j - 1] + 1, parentRow[j - 1] + cost);
                if (grandRow && j > 1 && wanted[j - 1] === parentLetter && wanted[j - 2] === letter) {
                    distance = Math.min(distance, grandRow[j - 2] + 1);
                }
                row[j] = distance;
                if (distance < rowMinimum) rowMinimum = distance;
            }
            consider(node, row[n]);
            // Every name below this letter is at least the row's minimum away.
            if (rowMinimum <= bestDistance) pushChildren(node, depth, row, parentRow);
        }
        return best >= 0 ? this.names[best] : undefined;
    }
}
