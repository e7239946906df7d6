#!/usr/bin/env node
// The `playbook` command.
//
// Start-up time is a product target, and most of a small check's time is spent before it reads
// a file: compiling the bundle and building the parser. So, when the build left a V8 start-up
// snapshot made by this very Node from this very bundle (dist/snapshot.json says which), the
// command runs in a Node started from that snapshot. Otherwise, or if that Node cannot start,
// it loads the bundle itself, with Node's compile cache on. Both give the same results.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const dist = path.join(__dirname, '..', 'dist');
const bundle = path.join(dist, 'playbook.cjs');

/** The snapshot blob to start from and the flags to start its Node with (see build-snapshot.mjs), or undefined when there is none that fits exactly. */
function usableSnapshot() {
    // Flags given to this Node (--inspect, --stack-size, …) would not reach, or would not fit, a
    // snapshot built without them; PLAYBOOK_NO_SNAPSHOT turns the snapshot off by hand.
    if (process.env.PLAYBOOK_NO_SNAPSHOT || process.env.NODE_OPTIONS || process.execArgv.length > 0) {
        return undefined;
    }
    try {
        const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'snapshot.json'), 'utf8'));
        const blob = path.join(dist, path.basename(String(manifest.blob)));
        const bundleStats = fs.statSync(bundle);
        // A blob made by another Node crashes the Node that loads it; a blob made from another
        // bundle would run old code: both are ruled out here, before starting anything.
        if (manifest.node === process.version && manifest.execPath === process.execPath
            && manifest.platform === process.platform && manifest.arch === process.arch
            && manifest.bundleSize === bundleStats.size && manifest.bundleMtimeMs === bundleStats.mtimeMs
            && manifest.blobSize === fs.statSync(blob).size) {
            // Heap sizes only: the manifest says how large, never what else Node should run.
            const flags = (Array.isArray(manifest.nodeFlags) ? manifest.nodeFlags.map(String) : []).filter(flag => HEAP_SIZE_FLAG.test(flag));
            return { blob, flags };
        }
    } catch {
        // No manifest, no blob, or unreadable: no snapshot.
    }
    return undefined;
}

const HEAP_SIZE_FLAG = /^--(?:max|min|initial)-[a-z-]+-size=\d+$/;

/** Signals by which Node itself dies when a snapshot is unusable (it asserts or crashes). */
const CRASHES = new Set(['SIGSEGV', 'SIGABRT', 'SIGBUS', 'SIGILL', 'SIGTRAP', 'SIGFPE']);
/** Node's exit code when it cannot load a snapshot blob; the CLI itself only exits 0, 1 or 2. */
const SNAPSHOT_NOT_LOADED = 14;

/** Runs the command in a Node started from the snapshot; false when that Node could not start. */
function runFromSnapshot({ blob, flags }) {
    const { spawnSync } = require('node:child_process');
    const result = spawnSync(process.execPath, [...flags, '--snapshot-blob', blob, __filename, ...process.argv.slice(2)], { stdio: 'inherit' });
    if (result.error || result.status === SNAPSHOT_NOT_LOADED || CRASHES.has(result.signal)) {
        return false;
    }
    if (result.signal) {
        // Interrupted (Ctrl-C, kill): end the same way, as a shell expects.
        process.kill(process.pid, result.signal);
        return true;
    }
    process.exitCode = result.status;
    return true;
}

function runBundle() {
    try {
        // Node ≥ 22.1; the cache lives in os.tmpdir()/node-compile-cache unless NODE_COMPILE_CACHE
        // says otherwise. A cache that cannot be written only makes the start slower.
        require('node:module').enableCompileCache?.();
    } catch {
        // No cache: still correct.
    }
    if (!fs.existsSync(bundle)) {
        process.stderr.write("playbook: the command is not built yet; run 'npm install' (or 'npm run build') in the repository first\n");
        process.exit(2);
    }
    require(bundle);
}

const debug = Boolean(process.env.PLAYBOOK_DEBUG);
const snapshot = usableSnapshot();
if (debug) {
    process.stderr.write(snapshot ? `playbook: starting from snapshot ${snapshot.blob}${snapshot.flags.length > 0 ? ` (node ${snapshot.flags.join(' ')})` : ''}\n` : 'playbook: no usable snapshot, loading the bundle\n');
}
if (snapshot === undefined || !runFromSnapshot(snapshot)) {
    if (debug && snapshot) {
        process.stderr.write('playbook: the snapshot did not start, loading the bundle\n');
    }
    runBundle();
}
