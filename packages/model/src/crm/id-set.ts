/**
 * The deal ids already read, with the line each started on, in 12 bytes per id instead of a
 * Map's ~100: what lets a sorted 1 GB export stream in memory that grows with the number of
 * deals only by that much. Ids are kept as a 64-bit hash (two 32-bit FNV-1a variants); two
 * different ids colliding is about a one-in-a-million chance for ten million deals, and would
 * only make the reader report a deal as coming back when it did not.
 */
export class IdSet {
    private hashes = new Uint32Array(2 * 1024);
    private lines = new Uint32Array(1024);
    private size = 0;

    /** The line the id was first seen on, or `undefined` when it is new (and is now added at `line`). */
    addOrGet(id: string, line: number): number | undefined {
        // Two independent 32-bit hashes in one pass over the id (FNV-1a, and a Murmur-like mix).
        let a = 0x811c9dc5, b = 0x01000193 ^ id.length;
        for (let i = 0; i < id.length; i++) {
            const c = id.charCodeAt(i);
            a = Math.imul(a ^ c, 0x01000193);
            b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
        }
        // Spread the low bits, which pick the slot.
        a ^= a >>> 16;
        a = Math.imul(a, 0x85ebca6b);
        a = (a ^ (a >>> 13)) >>> 0;
        b >>>= 0;
        const capacity = this.lines.length;
        for (let slot = a & (capacity - 1); ; slot = (slot + 1) & (capacity - 1)) {
            const line0 = this.lines[slot];
            if (line0 === 0) {
                this.hashes[2 * slot] = a;
                this.hashes[2 * slot + 1] = b;
                this.lines[slot] = Math.max(1, line);
                if (++this.size * 2 > capacity) this.grow();
                return undefined;
            }
            if (this.hashes[2 * slot] === a && this.hashes[2 * slot + 1] === b) return line0;
        }
    }

    private grow(): void {
        const oldHashes = this.hashes, oldLines = this.lines;
        const capacity = oldLines.length * 2;
        this.hashes = new Uint32Array(2 * capacity);
        this.lines = new Uint32Array(capacity);
        for (let i = 0; i < oldLines.length; i++) {
            if (oldLines[i] === 0) continue;
            let slot = oldHashes[2 * i] & (capacity - 1);
            while (this.lines[slot] !== 0) slot = (slot + 1) & (capacity - 1);
            this.hashes[2 * slot] = oldHashes[2 * i];
            this.hashes[2 * slot + 1] = oldHashes[2 * i + 1];
            this.lines[slot] = oldLines[i];
        }
    }
}
