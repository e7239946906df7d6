// Builds the V8 start-up snapshot of the CLI: dist/playbook-<node>-<platform>-<arch>.blob and
// its manifest dist/snapshot.json. A snapshot holds the heap of a CLI that has already loaded
// its bundle, built the lexer and parser and run a document through validation, so a check
// skips all that (about half of a small check's time). bin/playbook.cjs uses it only when the
// manifest matches the running Node and the current bundle, else it loads the bundle itself.
//
// A snapshot is an optimisation, never a requirement: any failure here leaves no snapshot, a
// warning, and a CLI that works (and starts slower). PLAYBOOK_NO_SNAPSHOT=1 skips it.
//
// Two callers: esbuild.mjs after each build in the repository, and the installed package's
// postinstall (`node build-snapshot.mjs --installed`). A blob only fits the Node that made it
// and the bundle's file times, which installing changes, so a snapshot is never shipped in
// the package: it is made where the package is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const dist = path.join(here, 'dist');
const bundle = path.join(dist, 'playbook.cjs');
const bin = path.join(here, 'bin', 'playbook.cjs');
const manifestPath = path.join(dist, 'snapshot.json');

/**
 * The flags of the Node started from the snapshot; the manifest carries them to
 * bin/playbook.cjs. V8 sizes the young generation by the machine's memory (semi-spaces of
 * 64 MB on 24 GB: 128 MB resident for young objects alone). A check's young objects are
 * few and short-lived, while the syntax tree, most of what it allocates, lives to the end: with
 * 16 MB a check of 100,000 lines peaks at 307 MB resident instead of 406, one of 1,000,000
 * lines some 40 MB lower, for the same CPU time.
 *
 * And an old generation that may grow to 64 MB before its first full collection: started from
 * the snapshot's heap, V8 set its first limit so low that a check of 10,000 lines (60 MB of
 * heap) ran a full collection it did not need (12% of its CPU time), and at 100,000 lines
 * one more than with it (CPU 3.0 → 2.3 s, peak 435 → 287 MB); a small check and one of
 * 1,000,000 lines are unchanged.
 */
const NODE_FLAGS = ['--max-semi-space-size=16', '--initial-old-space-size=64'];

export function buildSnapshot() {
    // Whatever was there belongs to an older bundle: remove it first, so that a failure below
    // can never leave a stale snapshot next to a new bundle.
    removeSnapshots();
    if (process.env.PLAYBOOK_NO_SNAPSHOT) {
        return;
    }
    const name = `playbook-${process.version}-${process.platform}-${process.arch}.blob`;
    const blob = path.join(dist, name);
    const partial = `${blob}.${process.pid}.tmp`;
    try {
        // A clean environment: the snapshot must not depend on the flags of whoever ran the build.
        const env = { ...process.env };
        delete env.NODE_OPTIONS;
        const built = spawnSync(process.execPath, ['--snapshot-blob', partial, '--build-snapshot', bundle], { cwd: dist, env, encoding: 'utf8', timeout: 120_000 });
        if (built.status !== 0) {
            throw new Error(`node --build-snapshot failed (${built.error?.message ?? `exit ${built.status ?? built.signal}`}): ${(built.stderr ?? '').trim().split('\n').slice(-3).join(' ')}`);
        }
        verify(partial);
        const bundleStats = statSync(bundle);
        const manifest = {
            blob: name,
            blobSize: statSync(partial).size,
            node: process.version,
            execPath: process.execPath,
            platform: process.platform,
            arch: process.arch,
            bundleSize: bundleStats.size,
            bundleMtimeMs: bundleStats.mtimeMs,
            nodeFlags: NODE_FLAGS
        };
        // The blob first, the manifest last: the CLI trusts nothing without the manifest.
        renameSync(partial, blob);
        writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
    } catch (error) {
        rmSync(partial, { force: true });
        removeSnapshots();
        console.warn(`playbook: start-up snapshot not built, the CLI will start slower: ${error instanceof Error ? error.message : error}`);
    }
}

/** Runs the new snapshot once on a known file: it must give exactly what the bundle gives. */
function verify(blob) {
    const dir = mkdtempSync(path.join(tmpdir(), 'playbook-snapshot-'));
    try {
        writeFileSync(path.join(dir, 'deal.playbook'), SAMPLE);
        const run = (args, extra = []) => spawnSync(process.execPath, [...extra, bin, ...args], {
            cwd: dir, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NODE_OPTIONS: '', PLAYBOOK_NO_SNAPSHOT: '1' }
        });
        for (const args of [['check', 'deal.playbook', '--format', 'json'], ['--version'], ['check', 'missing.playbook']]) {
            const expected = run(args);
            const actual = spawnSync(process.execPath, [...NODE_FLAGS, '--snapshot-blob', blob, bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NODE_OPTIONS: '' } });
            if (actual.status !== expected.status || actual.stdout !== expected.stdout || actual.stderr !== expected.stderr) {
                throw new Error(`the snapshot's output differs from the bundle's for 'playbook ${args.join(' ')}' (exit ${actual.status ?? actual.signal}, expected ${expected.status}): ${(actual.stderr || actual.stdout).trim().slice(0, 300)}`);
            }
        }
        const json = JSON.parse(run(['check', 'deal.playbook', '--format', 'json']).stdout);
        if (json.length !== 1 || json[0].code !== 'gate-not-met' || json[0].line !== 8) {
            throw new Error(`the bundle does not find the known error in the sample: ${JSON.stringify(json).slice(0, 300)}`);
        }
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

/**
 * The installed package's postinstall. In the repository (its sources are beside this file)
 * it does nothing: the build that follows `npm install` there makes the snapshot.
 */
function postinstall() {
    if (existsSync(path.join(here, 'src')) || !existsSync(bundle)) {
        return;
    }
    buildSnapshot();
}

function removeSnapshots() {
    rmSync(manifestPath, { force: true });
    for (const file of readdirSync(dist)) {
        if (/^playbook-.*\.blob(\..*\.tmp)?$/.test(file)) {
            rmSync(path.join(dist, file), { force: true });
        }
    }
}

const SAMPLE = `playbook P {
  field budget: money
  stage A { task T required  gate G { requires T  when budget > 0 } }
  stage B
}
deal D for P {
  2026-01-01 enter A
  2026-01-02 enter B
  2026-01-02 done T
  2026-01-02 set budget = 10
}
`;

// Last: SAMPLE above must be defined before it runs.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url) && process.argv.includes('--installed')) {
    postinstall();
}
