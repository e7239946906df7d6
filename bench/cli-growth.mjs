/**
 * Benchmark 2b: `playbook check` of one generated playbook as it grows, 1,000 to 1,000,000
 * lines (BENCH_GROWTH_LINES): the whole process, once per size, with its CPU time (user +
 * system, its threads included) and its peak resident memory, per 1,000 lines and per byte of
 * source. Linear cost means the same CPU per line at every size; the memory target is 40
 * bytes per source byte at the largest size (a 1,000,000-line file under 1 GB).
 *
 * The process timed is the one the bin starts: Node from the start-up snapshot when the build
 * made one (what `playbook` runs on Linux and macOS), else the bundle. Its peak memory is
 * Linux's high-water mark of its resident set (VmHWM), read while it runs; elsewhere the
 * memory columns are empty. A size whose check dies (out of memory) is reported as such.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generatePlaybook } from './generate-playbook.mjs';
import { BenchmarkInvalid, childrenCpuMs, log, now, round, runAsScript } from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const CLI = `${root}packages/cli/bin/playbook.cjs`;

/** The snapshot and the flags its Node starts with, as bin/playbook.cjs starts it. */
function snapshotBlob() {
    try {
        const manifest = JSON.parse(readFileSync(`${root}packages/cli/dist/snapshot.json`, 'utf8'));
        const blob = `${root}packages/cli/dist/${manifest.blob}`;
        return manifest.node === process.version && existsSync(blob) ? { blob, flags: manifest.nodeFlags ?? [] } : undefined;
    } catch {
        return undefined;
    }
}

/** The peak resident set of a running process in bytes (Linux), or undefined. */
function peakRss(pid) {
    try {
        const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        return match ? Number(match[1]) * 1024 : undefined;
    } catch {
        return undefined;
    }
}

/** Runs one check; resolves with its exit, wall and CPU time and the highest peak RSS seen. */
function runCheck(args, env) {
    return new Promise(resolve => {
        const cpuBefore = childrenCpuMs();
        const start = now();
        const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', chunk => { if (stdout.length < 100_000) stdout += chunk; });
        child.stderr.on('data', chunk => { if (stderr.length < 100_000) stderr += chunk; });
        let peak;
        const poll = setInterval(() => { peak = Math.max(peak ?? 0, peakRss(child.pid) ?? 0) || undefined; }, 20);
        child.on('exit', (code, signal) => {
            clearInterval(poll);
            const ms = now() - start;
            const cpuMs = cpuBefore === undefined ? undefined : childrenCpuMs() - cpuBefore;
            child.on('close', () => resolve({ code, signal, ms, cpuMs, peakBytes: peak, stdout, stderr }));
        });
    });
}

export async function main() {
    if (!existsSync(CLI) || !existsSync(`${root}packages/cli/dist/playbook.cjs`)) {
        log('cli-growth: skipped, the CLI is not built (npm run build)');
        return { name: 'cli-growth', skipped: 'the CLI is not built; run `npm run build` and then `npm run bench`.' };
    }
    const sizes = (process.env.BENCH_GROWTH_LINES ?? '1000,10000,100000,1000000').split(',').map(Number).filter(n => n > 0);
    const blob = snapshotBlob();
    const { NODE_OPTIONS: _options, ...env } = process.env;
    const args = file => (blob ? [...blob.flags, '--snapshot-blob', blob.blob, CLI, 'check', file] : [CLI, 'check', file]);
    const tmp = fileURLToPath(new URL('./results/tmp/cli-growth/', import.meta.url));
    const rows = [];
    for (const lines of sizes) {
        const generated = generatePlaybook(lines);
        const bytes = Buffer.byteLength(generated.text);
        const dir = `${tmp}${lines}/`;
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        const file = `${dir}generated.playbook`;
        writeFileSync(file, generated.text);
        log(`cli-growth: playbook check on ${generated.lines.toLocaleString('en')} lines (${(bytes / 1048576).toFixed(1)} MB)`);
        // A warm-up on the smallest size only (file cache, compile cache); larger sizes run once.
        if (rows.length === 0) await runCheck(args(file), { ...env, PLAYBOOK_NO_SNAPSHOT: blob ? undefined : '1' });
        const run = await runCheck(args(file), { ...env, ...(blob ? {} : { PLAYBOOK_NO_SNAPSHOT: '1' }) });
        rmSync(dir, { recursive: true, force: true });
        const died = run.code !== 0 && run.code !== 1;
        if (!died && run.code !== 0) {
            throw new BenchmarkInvalid(`playbook check found errors in the generated ${lines}-line playbook:\n${run.stdout.slice(0, 800)}`);
        }
        rows.push({
            lines: generated.lines,
            bytes,
            ...(died ? { died: `exit ${run.code ?? run.signal}: ${run.stderr.trim().split('\n').slice(-2).join(' ').slice(0, 200)}` } : {}),
            ms: round(run.ms, 0),
            cpuMs: round(run.cpuMs, 0),
            cpuUsPerLine: run.cpuMs === undefined ? undefined : round((run.cpuMs * 1000) / generated.lines, 1),
            peakRssMB: run.peakBytes === undefined ? undefined : round(run.peakBytes / 1048576, 0),
            peakRssBytesPerSourceByte: run.peakBytes === undefined ? undefined : round(run.peakBytes / bytes, 1)
        });
        log(`cli-growth: ${JSON.stringify(rows.at(-1))}`);
    }
    const finished = rows.filter(row => !row.died && row.cpuUsPerLine !== undefined);
    // The 10,000-line size (the generator stops a few lines short of a size) or the first.
    const reference = finished.find(row => row.lines >= 5000) ?? finished[0];
    const largest = finished.at(-1);
    return {
        name: 'cli-growth',
        fromSnapshot: Boolean(blob),
        rows,
        growth: reference && largest ? {
            fromLines: reference.lines,
            toLines: largest.lines,
            cpuPerLine: round(largest.cpuUsPerLine / reference.cpuUsPerLine, 2)
        } : undefined,
        largest: rows.at(-1)
    };
}

await runAsScript(import.meta.url, main);
