/**
 * A small seeded generator (mulberry32): the same seed gives the same forecast interval on
 * every machine and run, which a report that is compared between runs needs. Its 32-bit
 * state is plenty for sampling 10,000 trials; it is not for cryptography.
 */
export function mulberry32(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
