/**
 * A full garbage collection after a large text is parsed.
 *
 * The lexer's tokens of a text (some 13 bytes per source byte) are alive until its parse
 * ends and garbage from then on. By then V8 has moved them to its old generation, and it
 * sizes its next full collection by what was alive at the last one, taken during the parse:
 * linking and validation then grow the heap by about as much again before the tokens are
 * collected. `playbook check` of a 48 MB file peaked at 2.9 GB resident; with a collection
 * right after the parse, at 2.3 GB, for no more CPU time (the collection that would come
 * later costs the same).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Texts from this many characters on (about 80,000 lines): below, the tokens are too few to matter. */
export const LARGE_TEXT = 4_000_000;

let collect: (() => void) | null | undefined;

/** Collects the garbage a parse of `textLength` characters left, when that is large. */
export function afterParse(textLength: number, collector: () => (() => void) | null = fullCollection): void {
    if (textLength < LARGE_TEXT) return;
    if (collect === undefined) collect = collector();
    collect?.();
}

/**
 * Node has no API to ask for a collection; `gc` is only given to code when V8's `--expose-gc`
 * flag was set before a context was made. Setting it now and making a context gives one
 * without starting Node with the flag (the bin starts it from a snapshot, whose flags must
 * match the build's). `null` when this Node refuses: the check is then only larger.
 */
function fullCollection(): (() => void) | null {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (typeof exposed === 'function') return exposed;
    try {
        setFlagsFromString('--expose-gc');
        const gc = runInNewContext('gc') as unknown;
        return typeof gc === 'function' ? gc as () => void : null;
    } catch {
        return null;
    }
}

/** For tests: forget the collector found. */
export function resetCollector(): void {
    collect = undefined;
}
