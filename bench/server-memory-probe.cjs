/**
 * Loaded into the language server by the soak benchmark (`node -r bench/server-memory-probe.cjs`),
 * so that the server's memory can be read from outside without changing the server: on
 * SIGUSR2 it writes one line to stderr with its memory as it is, then collects garbage
 * (the server runs with --expose-gc) and adds the heap still in use, which is what a leak
 * keeps. stdout carries the language server protocol and is left alone.
 */
'use strict';

const MARKER = '@@server-memory@@';

process.on('SIGUSR2', () => {
    const before = process.memoryUsage();
    if (typeof globalThis.gc === 'function') {
        globalThis.gc();
        globalThis.gc();
    }
    const after = process.memoryUsage();
    process.stderr.write(`${MARKER}${JSON.stringify({
        rss: before.rss,
        heapUsed: before.heapUsed,
        heapTotal: before.heapTotal,
        retainedHeap: typeof globalThis.gc === 'function' ? after.heapUsed : undefined,
        rssAfterGc: after.rss,
        external: after.external
    })}\n`);
});

module.exports = { MARKER };
