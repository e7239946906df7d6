/**
 * Helpers shared by the benchmarks: timing, statistics, heap, and the protocol by which a
 * benchmark module (run as its own process, so that "cold" means cold and heap figures are
 * its own) hands its figures to bench/run.mjs.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const now = () => performance.now();

export function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values, p) {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Positive integer from an environment variable, or the default. */
export function envInt(name, fallback) {
    const raw = process.env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw.replace(/[_,]/g, ''));
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not "${raw}"`);
    return Math.floor(value);
}

/** Collects garbage when the process runs with --expose-gc (run.mjs always passes it). */
export function gc() {
    if (typeof globalThis.gc === 'function') {
        globalThis.gc();
        globalThis.gc();
    }
}

export function heapUsedMB() {
    gc();
    return process.memoryUsage().heapUsed / 1048576;
}

export const round = (value, digits = 1) => (value === undefined || value === null ? value : Number(value.toFixed(digits)));

/** Progress for the person watching: stderr, so that stdout carries only the figures. */
export function log(message) {
    process.stderr.write(`  ${message}\n`);
}

/** Fails the benchmark loudly: a benchmark of the wrong thing is worse than none. */
export class BenchmarkInvalid extends Error {}

const MARKER = '@@bench-result@@';

/** Hands the figures to run.mjs (one JSON line on stdout). */
export function emit(result) {
    process.stdout.write(`${MARKER}${JSON.stringify(result)}\n`);
}

export function parseEmitted(stdout) {
    const line = stdout.split('\n').reverse().find(l => l.startsWith(MARKER));
    return line ? JSON.parse(line.slice(MARKER.length)) : undefined;
}

/** True when the module at `importMetaUrl` is the script node was asked to run. */
export function isMain(importMetaUrl) {
    return process.argv[1] !== undefined && fileURLToPath(importMetaUrl) === process.argv[1];
}

/** Runs a benchmark's main function as a script: figures on stdout, a clear message and exit 1 on failure. */
export async function runAsScript(importMetaUrl, main) {
    if (!isMain(importMetaUrl)) return;
    try {
        const wallStart = now();
        const cpuStart = process.cpuUsage();
        const result = await main();
        const cpu = process.cpuUsage(cpuStart);
        const wallMs = now() - wallStart;
        const cpuMs = (cpu.user + cpu.system) / 1000;
        // CPU time of this process over wall time: well below 1 means it waited for a core
        // (another process was busy) and its wall-clock figures are inflated.
        emit({ ...result, process: { wallMs: round(wallMs), cpuMs: round(cpuMs), cpuShare: round(cpuMs / wallMs, 2) } });
    } catch (error) {
        process.stderr.write(`\nBENCHMARK FAILED: ${error instanceof BenchmarkInvalid ? error.message : error?.stack ?? error}\n`);
        process.exit(1);
    }
}

/**
 * CPU time (user + system, ms) used so far by this process's finished children and their
 * descendants (Linux: /proc/self/stat, in clock ticks of 10 ms); undefined elsewhere. A
 * difference taken around a child process is its CPU time: on a loaded machine a far steadier
 * figure than its wall-clock time, which also counts the time it waited for a core.
 */
export function childrenCpuMs() {
    try {
        const stat = readFileSync('/proc/self/stat', 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // Fields 16 and 17 of proc(5), cutime and cstime; the list here starts at field 3.
        return (Number(fields[13]) + Number(fields[14])) * 10;
    } catch {
        return undefined;
    }
}
