/**
 * `npm run fuzz -- --seed S --count N --out dir [--start I] [--cli-every K] [--slow-ms MS] [--kinds a,b]`
 *
 * Runs the harness, prints progress to stderr and a summary (JSON) to stdout, and writes
 * every failing input to `<out>/<oracle>/<seed>-<index>/` with the problems found and the
 * command that makes it again. Exit code 0 when no input failed, 1 otherwise, 2 for bad
 * usage. Inputs slower than `--slow-ms` (default 1000 ms of CPU) are listed in the summary
 * and written to `<out>/slow/`, but do not fail the run: speed depends on the machine.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Fuzzer, INPUT_KINDS, type InputKind, type InputResult } from './harness.js';
import { startWatchdog } from './watchdog.js';

/** At most this many inputs per oracle are written out: past that they only count. */
const WRITTEN_PER_ORACLE = 50;

async function main(): Promise<number> {
    let values;
    try {
        ({ values } = parseArgs({
            options: {
                seed: { type: 'string', default: '1' },
                count: { type: 'string', default: '1000' },
                start: { type: 'string', default: '0' },
                out: { type: 'string', default: 'fuzz-out' },
                'cli-every': { type: 'string', default: '500' },
                'slow-ms': { type: 'string', default: '1000' },
                'progress-every': { type: 'string', default: '1000' },
                kinds: { type: 'string' },
                help: { type: 'boolean', default: false }
            },
            strict: true
        }));
    } catch (error) {
        process.stderr.write(`fuzz: ${(error as Error).message}\n`);
        return 2;
    }
    if (values.help) {
        process.stdout.write(`npm run fuzz -- --seed S --count N --out dir [--start I] [--cli-every K] [--slow-ms MS] [--progress-every P] [--kinds ${INPUT_KINDS.join(',')}]\n`);
        return 0;
    }
    const numbers = { seed: values.seed, count: values.count, start: values.start, 'cli-every': values['cli-every'], 'slow-ms': values['slow-ms'], 'progress-every': values['progress-every'] };
    for (const [name, text] of Object.entries(numbers)) {
        if (!/^\d+$/.test(text)) {
            process.stderr.write(`fuzz: --${name} must be a whole number, not '${text}'\n`);
            return 2;
        }
    }
    const kinds = values.kinds?.split(',').map(k => k.trim()) as InputKind[] | undefined;
    const unknownKind = kinds?.find(kind => !INPUT_KINDS.includes(kind));
    if (unknownKind !== undefined) {
        process.stderr.write(`fuzz: --kinds takes a list of ${INPUT_KINDS.join(', ')}, not '${unknownKind}'\n`);
        return 2;
    }
    const seed = Number(values.seed), count = Number(values.count), start = Number(values.start), progressEvery = Number(values['progress-every']);
    const out = resolve(values.out);
    const root = resolve(new URL('../..', import.meta.url).pathname);
    const workDir = join(tmpdir(), `playbook-fuzz-${process.pid}`);
    mkdirSync(out, { recursive: true });
    const written = new Map<string, number>();
    const summaryFile = join(out, `summary-${seed}-${start}.json`);
    const reproduce = (index: number): string => `npm run fuzz -- --seed ${seed} --start ${index} --count 1 --cli-every 1`;
    const watchdog = startWatchdog({ out, seed, command: reproduce(0).replace('--start 0', '--start INDEX') });
    let done = 0;
    const started = Date.now();

    const onInput = (result: InputResult): void => {
        watchdog.beat(result.input.index + 1);
        const oracles = [...new Set(result.problems.map(p => p.oracle))];
        if (result.cpuMs > Number(values['slow-ms'])) oracles.push('slow');
        for (const oracle of oracles) {
            const n = written.get(oracle) ?? 0;
            written.set(oracle, n + 1);
            if (n < WRITTEN_PER_ORACLE) writeInput(join(out, oracle, `${seed}-${result.input.index}`), result, reproduce(result.input.index));
        }
        if (++done % progressEvery === 0) {
            const rate = done / ((Date.now() - started) / 1000);
            const failed = [...written.entries()].map(([o, n]) => `${o} ${n}`).join(', ') || 'none failed';
            process.stderr.write(`fuzz: ${done.toLocaleString('en')} of ${count.toLocaleString('en')} (${rate.toFixed(0)}/s, heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB): ${failed}\n`);
            // The summary so far, so that a long run that is stopped still says what it found.
            writeFileSync(summaryFile, `${JSON.stringify({ ...fuzzer.snapshot(), seconds: Math.round((Date.now() - started) / 1000) }, undefined, 2)}\n`);
        }
    };

    watchdog.beat(start);
    // (onInput above reads `fuzzer`: it is only called once the run has started.)
    const fuzzer = new Fuzzer({ seed, count, start, root, workDir, kinds, cliEvery: Number(values['cli-every']), slowMs: Number(values['slow-ms']), onInput });
    const report = await fuzzer.run();
    watchdog.stop();
    const summary = `${JSON.stringify(report, undefined, 2)}\n`;
    writeFileSync(summaryFile, summary);
    process.stdout.write(summary);
    return report.failures > 0 ? 1 : 0;
}

function writeInput(dir: string, result: InputResult, command: string): void {
    mkdirSync(dir, { recursive: true });
    for (const file of result.input.files) writeFileSync(join(dir, file.name), file.text);
    if (result.input.deals) writeFileSync(join(dir, result.input.deals.fileName), result.input.deals.text);
    const lines = [
        `input ${result.input.index} (${result.input.kind}), ${Math.round(result.cpuMs)} ms of CPU`,
        `make it again: ${command}`,
        '',
        ...result.problems.map(p => `[${p.oracle}] ${p.detail}`)
    ];
    writeFileSync(join(dir, 'problems.txt'), `${lines.join('\n')}\n`);
}

main().then(code => { process.exitCode = code; }, error => {
    process.stderr.write(`fuzz: the harness itself failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
});
