/**
 * A seeded generator for the fuzz harness: input `i` of seed `s` is drawn from its own
 * stream, so that any one input can be made again without the ones before it.
 */
export class Random {
    private state: number;

    constructor(seed: number, index = 0) {
        // Two rounds of a 32-bit mix, so that neighbouring seeds and indexes give unrelated streams.
        this.state = mix(mix(seed >>> 0) ^ Math.imul(index >>> 0, 0x9e3779b1)) ^ Math.floor(index / 0x100000000);
    }

    /** A float in [0, 1) (mulberry32). */
    next(): number {
        this.state = (this.state + 0x6d2b79f5) >>> 0;
        let t = this.state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }

    /** An integer in [min, max]. */
    int(min: number, max: number): number {
        return min + Math.floor(this.next() * (max - min + 1));
    }

    chance(probability: number): boolean {
        return this.next() < probability;
    }

    pick<T>(items: readonly T[]): T {
        return items[Math.floor(this.next() * items.length)];
    }

    /** One of the items, each as likely as its weight. */
    weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
        const total = items.reduce((sum, [, weight]) => sum + weight, 0);
        let at = this.next() * total;
        for (const [item, weight] of items) {
            at -= weight;
            if (at < 0) return item;
        }
        return items[items.length - 1][0];
    }

    /** Some of the items, in their order. */
    subset<T>(items: readonly T[], probability = 0.5): T[] {
        return items.filter(() => this.chance(probability));
    }

    shuffle<T>(items: readonly T[]): T[] {
        const copy = [...items];
        for (let i = copy.length - 1; i > 0; i--) {
            const j = Math.floor(this.next() * (i + 1));
            [copy[i], copy[j]] = [copy[j], copy[i]];
        }
        return copy;
    }
}

function mix(value: number): number {
    let h = value >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
}
