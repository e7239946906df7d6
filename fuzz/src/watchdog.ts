/**
 * An input that never finishes (an endless loop in the checker) cannot be interrupted from
 * the thread that runs it. A worker thread watches a counter the harness bumps after each
 * input; when it stands still for `hangSeconds`, the worker writes which input hung and how
 * to make it again, and ends the process.
 */
import { Worker } from 'node:worker_threads';

export interface Watchdog {
    /** The next input to run is `index`. */
    beat(index: number): void;
    stop(): void;
}

const WORKER = `
const { workerData } = require('node:worker_threads');
const { writeFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');
const view = new Float64Array(workerData.buffer);
let last = -1, since = Date.now();
setInterval(() => {
    const index = view[0];
    if (index !== last) { last = index; since = Date.now(); return; }
    if (Date.now() - since < workerData.hangSeconds * 1000) return;
    const dir = join(workerData.out, 'hang');
    mkdirSync(dir, { recursive: true });
    const text = 'input ' + index + ' of seed ' + workerData.seed + ' ran for over ' + workerData.hangSeconds + ' s\\nmake it again: ' + workerData.command.replace('INDEX', String(index)) + '\\n';
    writeFileSync(join(dir, workerData.seed + '-' + index + '.txt'), text);
    process.stderr.write('fuzz: ' + text);
    process.kill(process.pid, 'SIGKILL');
}, 1000);
`;

/** `command` makes an input again, with `INDEX` standing for its index. */
export function startWatchdog(options: { out: string; seed: number; command: string; hangSeconds?: number }): Watchdog {
    const buffer = new SharedArrayBuffer(8);
    const view = new Float64Array(buffer);
    view[0] = -1;
    const worker = new Worker(WORKER, {
        eval: true,
        workerData: { buffer, out: options.out, seed: options.seed, hangSeconds: options.hangSeconds ?? 600, command: options.command }
    });
    worker.unref();
    return {
        beat: index => { view[0] = index; },
        stop: () => { void worker.terminate(); }
    };
}
