/**
 * The collection after a large parse: asked for only after a large text, once the collector
 * is found, and found in this Node without `--expose-gc` (the bin's Node has no such flag).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { afterParse, LARGE_TEXT, resetCollector } from '../../../packages/cli/src/engine/after-large-parse.js';

describe('a full collection after a large parse', () => {
    afterEach(() => resetCollector());

    it.each([
        ['an example-sized text', 5_000, 0],
        ['a text just below the limit', LARGE_TEXT - 1, 0],
        ['a large text', LARGE_TEXT, 1],
        ['a 48 MB text', 48_000_000, 1]
    ])('%s: %i characters, %i collection(s)', (_what, length, expected) => {
        let collections = 0;
        afterParse(length, () => () => collections++);
        expect(collections).toBe(expected);
    });

    it('looks for the collector once, and collects after each large parse', () => {
        let lookups = 0, collections = 0;
        const collector = (): (() => void) => { lookups++; return () => collections++; };
        afterParse(LARGE_TEXT, collector);
        afterParse(LARGE_TEXT * 2, collector);
        expect({ lookups, collections }).toEqual({ lookups: 1, collections: 2 });
    });

    it('finds a collector in a Node started without --expose-gc, and it collects', async () => {
        const { execFileSync } = await import('node:child_process');
        const script = `
            import { afterParse } from ${JSON.stringify(new URL('../../../packages/cli/src/engine/after-large-parse.ts', import.meta.url).href)};
            let collected = false;
            const target = new FinalizationRegistry(() => { collected = true; });
            (() => target.register({ big: new Array(1000).fill(0) }, 'x'))();
            afterParse(${LARGE_TEXT});
            setTimeout(() => { process.stdout.write(JSON.stringify({ gc: typeof globalThis.gc, collected })); }, 20);`;
        const out = execFileSync(process.execPath, ['--experimental-strip-types', '--no-warnings', '--input-type=module', '-e', script], { encoding: 'utf8' });
        expect(JSON.parse(out)).toEqual({ gc: 'undefined', collected: true });
    });
});
