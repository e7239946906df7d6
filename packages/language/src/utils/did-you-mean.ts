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
