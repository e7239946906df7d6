/**
 * Loaded into the language server by the soak benchmark (`node -r bench/server-memory-probe.cjs`),
 * so that the server's memory can be read from outside without changing the server: on
 * SIGUSR2 it writes one line to stderr with its memory as it is, then collects garbage
 * (the server runs with --expose-gc) and adds the heap still in use, which is what a leak
 * keeps. stdout carries the language server protocol and is left alone.
 */
'use strict';

const MARKER = '@@server-memory@@';
let snapshotWritten = false;

process.on('SIGUSR2', () => {
    const before = process.memoryUsage();
    if (typeof globalThis.gc === 'function') {
        globalThis.gc();
        globalThis.gc();
    }
    const after = process.memoryUsage();
    // PLAYBOOK_PROBE_SNAPSHOT_MB: a heap snapshot (once) when the heap after a full collection
    // is above that many MB, to see what a high sample holds.
    const snapshotAbove = Number(process.env.PLAYBOOK_PROBE_SNAPSHOT_MB);
    if (snapshotAbove > 0 && after.heapUsed > snapshotAbove * 1e6 && !snapshotWritten) {
        snapshotWritten = true;
        const file = require('node:v8').writeHeapSnapshot();
        process.stderr.write(`probe: heap snapshot ${file}\n`);
    }
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
