/**
 * Benchmark 2: start-up of `playbook check` on a small file against `node -e 0`
 * (PRODUCT.md: "within twice the time of `node -e 0`"), median of BENCH_CLI_RUNS (20)
 * runs each, interleaved so that a change in the machine's load hits both alike.
 *
 * Also, whole process: `playbook check` on the generated 10,000-line playbook against a
 * `node` process that reads and JSON.parses the same facts (the floor a CLI cannot beat).
 *
 * Skips, with a note, when the CLI is not built (packages/cli/bin/playbook.cjs).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createPlaybookServices, validateText } from '@playbook/language';
import { generatePlaybook } from './generate-playbook.mjs';
import { factsOf } from './validate-10k.mjs';
import { BenchmarkInvalid, envInt, log, median, now, round, runAsScript } from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const CLI = 'packages/cli/bin/playbook.cjs';
const SMALL_EXAMPLE = 'examples/big-account.playbook';

function time(args) {
    const start = now();
    const child = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const ms = now() - start;
    return { ms, status: child.status, signal: child.signal, stdout: child.stdout, stderr: child.stderr };
}

/** Runs the commands interleaved, `runs` times each after one warm-up (file cache, compile cache). */
function compare(commands, runs) {
    const times = commands.map(() => []);
    const last = [];
    commands.forEach((args, i) => { last[i] = time(args); });
    for (let r = 0; r < runs; r++) {
        commands.forEach((args, i) => {
            const result = time(args);
            times[i].push(result.ms);
            last[i] = result;
        });
    }
    return { medians: times.map(median), mins: times.map(t => Math.min(...t)), last };
}

/** `check` must have run to the end: exit 0 (clean) or 1 (findings); 2 or a signal is bad usage or a crash. */
function assertRan(result, what) {
    if (result.status !== 0 && result.status !== 1) {
        throw new BenchmarkInvalid(`${what} exited with ${result.status ?? result.signal}: ${(result.stderr || result.stdout).slice(0, 500)}`);
    }
}

export async function main() {
    const runs = envInt('BENCH_CLI_RUNS', 20);
    if (!existsSync(`${root}${CLI}`)) {
        log(`cli: skipped, ${CLI} is not built (npm run build)`);
        return { name: 'cli', skipped: `${CLI} does not exist yet (the CLI is not built); run \`npm run build\` and then \`npm run bench\`.` };
    }
    const small = existsSync(`${root}${SMALL_EXAMPLE}`) ? SMALL_EXAMPLE : undefined;
    const tmp = fileURLToPath(new URL('./results/tmp/', import.meta.url));
    mkdirSync(tmp, { recursive: true });
    let smallFile = small;
    if (!smallFile) {
        smallFile = `${tmp}small.playbook`;
        writeFileSync(smallFile, (await import('./generate-playbook.mjs')).generatePlaybookWithStages(6).text);
    }
    const smallLines = readFileSync(`${smallFile.startsWith('/') ? '' : root}${smallFile}`, 'utf8').split('\n').length;
    log(`cli: \`playbook check ${smallFile}\` (${smallLines} lines) vs \`node -e 0\`, ${runs} runs each`);
    const startup = compare([['-e', '0'], [CLI, 'check', smallFile]], runs);
    assertRan(startup.last[1], `playbook check ${smallFile}`);

    // Whole process on 10,000 lines, against node reading the same facts as JSON.
    const big = generatePlaybook(envInt('BENCH_LINES', 10000));
    const bigFile = `${tmp}generated-10k.playbook`;
    const factsFile = `${tmp}generated-10k.json`;
    writeFileSync(bigFile, big.text);
    const validated = await validateText(createPlaybookServices(), big.text, 'file:///bench/generated.playbook');
    writeFileSync(factsFile, JSON.stringify(factsOf(validated.document)));
    const bigRuns = Math.max(3, Math.round(runs / 4));
    log(`cli: \`playbook check\` on ${big.text.split('\n').length} lines vs node + JSON.parse of the same facts, ${bigRuns} runs each`);
    const whole = compare([
        ['-e', `JSON.parse(require('node:fs').readFileSync(${JSON.stringify(factsFile)}, 'utf8'))`],
        [CLI, 'check', bigFile]
    ], bigRuns);
    assertRan(whole.last[1], 'playbook check on the generated 10,000-line playbook');
    if (whole.last[1].status !== 0) {
        throw new BenchmarkInvalid(`playbook check reported errors on the generated playbook (which the language package validates cleanly):\n${whole.last[1].stdout.slice(0, 800)}`);
    }
    return {
        name: 'cli',
        runs,
        startup: {
            file: smallFile,
            lines: smallLines,
            exitCode: startup.last[1].status,
            nodeMs: round(startup.medians[0], 1),
            checkMs: round(startup.medians[1], 1),
            nodeMinMs: round(startup.mins[0], 1),
            checkMinMs: round(startup.mins[1], 1),
            ratio: round(startup.medians[1] / startup.medians[0], 2)
        },
        whole10k: {
            runs: bigRuns,
            lines: big.text.split('\n').length,
            nodeJsonMs: round(whole.medians[0], 1),
            checkMs: round(whole.medians[1], 1),
            ratio: round(whole.medians[1] / whole.medians[0], 1)
        }
    };
}

await runAsScript(import.meta.url, main);
