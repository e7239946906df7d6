/**
 * Benchmark 2: start-up of `playbook check` on a small file against `node -e 0`
 * (PRODUCT.md: "within twice the time of `node -e 0`"), median of BENCH_CLI_RUNS (20)
 * runs each, interleaved so that a change in the machine's load hits both alike.
 *
 * `playbook --help` (the bundle loaded, no parser built, no file read) is timed too, to
 * split the start-up into Node, loading the bundle, and building the parser plus the work.
 *
 * Also, whole process: `playbook check` on the generated 10,000-line playbook against a
 * `node` process that reads and JSON.parses the same facts (the floor a CLI cannot beat).
 *
 * `playbook simulate` on a two-row CSV of deals is timed against `check` of the same playbook:
 * what the simulation adds to a start-up (its command bundle, the CSV reader, the report).
 *
 * The bin is run as users run it (npx, npm's link in node_modules/.bin, a shell): as a
 * program, so that its shebang decides how it starts (on Windows, `node bin/playbook.cjs`).
 * Beside each wall-clock median is the mean CPU time (user + system) of the runs, on Linux:
 * on a machine shared with other work it is the steadier figure, and ratios are given for both.
 *
 * Skips, with a note, when the CLI is not built (packages/cli/bin/playbook.cjs).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPlaybookServices, validateText } from '@playbook/language';
import { generatePlaybook, generatePlaybookWithStages } from './generate-playbook.mjs';
import { factsOf } from './validate-10k.mjs';
import { BenchmarkInvalid, childrenCpuMs, envInt, log, median, now, round, runAsScript } from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const CLI = 'packages/cli/bin/playbook.cjs';
/** The bin run as a program, as npx and npm's links run it (Windows runs it with node). */
const AS_PROGRAM = process.platform === 'win32' ? { file: process.execPath, pre: [CLI] } : { file: `${root}${CLI}`, pre: [] };
const playbookCommand = (label, args, extra = {}) => ({ label, file: AS_PROGRAM.file, args: [...AS_PROGRAM.pre, ...args], ...extra });
/** Two history rows of one deal, in stages of the small example (for `simulate --deals`). */
const TWO_ROW_CSV = 'deal,stage,date\nD1,Development,2026-01-02\nD1,Initiation,2026-01-09\n';
const SMALL_EXAMPLE = 'examples/big-account.playbook';

/** The start-up snapshot the build made, if any (dist/snapshot.json names it), and the flags its Node starts with. */
function readSnapshotManifest() {
    try {
        const manifest = JSON.parse(readFileSync(`${root}packages/cli/dist/snapshot.json`, 'utf8'));
        const blob = `${root}packages/cli/dist/${manifest.blob}`;
        return manifest.node === process.version && existsSync(blob) ? { blob, flags: manifest.nodeFlags ?? [] } : undefined;
    } catch {
        return undefined;
    }
}

function time({ file, args, env }) {
    const cpuBefore = childrenCpuMs();
    const start = now();
    const child = spawnSync(file ?? process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: env ? { ...process.env, ...env } : process.env });
    const ms = now() - start;
    const cpuMs = cpuBefore === undefined ? undefined : childrenCpuMs() - cpuBefore;
    return { ms, cpuMs, status: child.status, signal: child.signal, stdout: child.stdout, stderr: child.stderr };
}

const mean = values => values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * Runs the commands interleaved, `runs` times each after one warm-up (file cache, compile
 * cache). CPU times are means, not medians: each is counted in clock ticks of 10 ms, and only
 * a mean of many runs averages the ticks out.
 */
function compare(commands, runs) {
    const times = commands.map(() => []);
    const cpu = commands.map(() => []);
    const last = [];
    commands.forEach((command, i) => { last[i] = time(command); });
    for (let r = 0; r < runs; r++) {
        commands.forEach((command, i) => {
            const result = time(command);
            times[i].push(result.ms);
            if (result.cpuMs !== undefined) cpu[i].push(result.cpuMs);
            last[i] = result;
        });
    }
    return { medians: times.map(median), mins: times.map(t => Math.min(...t)), cpuMeans: cpu.map(c => (c.length > 0 ? mean(c) : undefined)), last };
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
    // `check` may also read a .playbook file beside a file whose deals follow a playbook it
    // does not declare (as in the editor). The small file is copied into a directory of its
    // own anyway, so that the figure is one small file whatever else examples/ holds;
    // checking it in place is a diagnostic row.
    const tmp = fileURLToPath(new URL('./results/tmp/', import.meta.url));
    const smallDir = `${tmp}cli-small/`;
    rmSync(smallDir, { recursive: true, force: true });
    mkdirSync(smallDir, { recursive: true });
    const example = existsSync(`${root}${SMALL_EXAMPLE}`);
    const smallText = example ? readFileSync(`${root}${SMALL_EXAMPLE}`, 'utf8') : generatePlaybookWithStages(6).text;
    const smallFile = `${smallDir}${example ? basename(SMALL_EXAMPLE) : 'small.playbook'}`;
    writeFileSync(smallFile, smallText);
    const smallName = example ? SMALL_EXAMPLE : 'a generated 6-stage playbook';
    const smallLines = smallText.split('\n').length;
    log(`cli: \`playbook check\` on ${smallName} (${smallLines} lines) vs \`node -e 0\`, ${runs} runs each`);
    // `--help` loads the CLI but builds no parser and reads no file: the difference to `check`
    // is building the parser plus the real work. When the build made a start-up snapshot,
    // two diagnostic rows split the launcher's cost: the snapshot started directly (no
    // launcher process), and the bundle without the snapshot.
    const csv = `${smallDir}two-rows.csv`;
    writeFileSync(csv, TWO_ROW_CSV);
    const commands = [
        { label: 'node -e 0', args: ['-e', '0'] },
        playbookCommand('playbook --help', ['--help']),
        playbookCommand(`playbook check ${basename(smallFile)}, alone in its directory`, ['check', smallFile]),
        playbookCommand(`playbook simulate ${basename(smallFile)} --deals (2 rows)`, ['simulate', smallFile, '--deals', csv]),
        { label: 'node bin/playbook.cjs check (the Node launcher)', args: [CLI, 'check', smallFile], diagnostic: true }
    ];
    const snapshot = readSnapshotManifest();
    if (snapshot) {
        commands.push({ label: 'node --snapshot-blob <blob> bin/playbook.cjs check', args: [...snapshot.flags, '--snapshot-blob', snapshot.blob, CLI, 'check', smallFile], diagnostic: true });
        commands.push({ label: 'PLAYBOOK_NO_SNAPSHOT=1 (bundle + compile cache) check', args: [CLI, 'check', smallFile], env: { PLAYBOOK_NO_SNAPSHOT: '1' }, diagnostic: true });
    }
    if (example) {
        const siblings = readdirSync(`${root}${dirname(SMALL_EXAMPLE)}`).filter(name => name.endsWith('.playbook'));
        const siblingLines = siblings.reduce((n, name) => n + readFileSync(`${root}${dirname(SMALL_EXAMPLE)}/${name}`, 'utf8').split('\n').length, 0);
        commands.push(playbookCommand(`check ${SMALL_EXAMPLE} in place (reads ${siblings.length} files, ${siblingLines} lines)`, ['check', SMALL_EXAMPLE], { diagnostic: true }));
    }
    const startup = compare(commands, runs);
    if (startup.last[1].status !== 0) throw new BenchmarkInvalid(`playbook --help exited with ${startup.last[1].status}`);
    startup.last.slice(2).forEach((result, i) => assertRan(result, commands[i + 2].label));
    const cpuRatio = (i, of = 0) => (startup.cpuMeans[i] === undefined ? undefined : round(startup.cpuMeans[i] / startup.cpuMeans[of], 2));
    const rows = commands.map((command, i) => ({
        command: command.label,
        ...(command.diagnostic ? { diagnostic: true } : {}),
        medianMs: round(startup.medians[i], 1),
        minMs: round(startup.mins[i], 1),
        ratio: round(startup.medians[i] / startup.medians[0], 2),
        cpuMs: round(startup.cpuMeans[i], 1),
        cpuRatio: cpuRatio(i)
    }));

    // Whole process on 10,000 lines, against node reading the same facts as JSON.
    const big = generatePlaybook(envInt('BENCH_LINES', 10000));
    const bigFile = `${tmp}cli-10k/generated-10k.playbook`;
    const factsFile = `${tmp}generated-10k.json`;
    rmSync(`${tmp}cli-10k/`, { recursive: true, force: true });
    mkdirSync(`${tmp}cli-10k/`, { recursive: true });
    writeFileSync(bigFile, big.text);
    const validated = await validateText(createPlaybookServices(), big.text, 'file:///bench/generated.playbook');
    writeFileSync(factsFile, JSON.stringify(factsOf(validated.document)));
    const bigRuns = Math.max(3, Math.round(runs / 4));
    log(`cli: \`playbook check\` on ${big.text.split('\n').length} lines vs node + JSON.parse of the same facts, ${bigRuns} runs each`);
    const whole = compare([
        { args: ['-e', `JSON.parse(require('node:fs').readFileSync(${JSON.stringify(factsFile)}, 'utf8'))`] },
        playbookCommand('check', ['check', bigFile])
    ], bigRuns);
    assertRan(whole.last[1], 'playbook check on the generated 10,000-line playbook');
    if (whole.last[1].status !== 0) {
        throw new BenchmarkInvalid(`playbook check reported errors on the generated playbook (which the language package validates cleanly):\n${whole.last[1].stdout.slice(0, 800)}`);
    }
    return {
        name: 'cli',
        runs,
        startup: {
            file: smallName,
            lines: smallLines,
            exitCode: startup.last[2].status,
            rows,
            nodeMs: rows[0].medianMs,
            checkMs: rows[2].medianMs,
            ratio: rows[2].ratio,
            minRatio: round(startup.mins[2] / startup.mins[0], 2),
            cpuRatio: rows[2].cpuRatio
        },
        simulateStartup: {
            rows: 2,
            exitCode: startup.last[3].status,
            ratio: round(startup.medians[3] / startup.medians[2], 2),
            cpuRatio: cpuRatio(3, 2)
        },
        whole10k: {
            runs: bigRuns,
            lines: big.text.split('\n').length,
            nodeJsonMs: round(whole.medians[0], 1),
            checkMs: round(whole.medians[1], 1),
            ratio: round(whole.medians[1] / whole.medians[0], 1),
            nodeJsonCpuMs: round(whole.cpuMeans[0], 1),
            checkCpuMs: round(whole.cpuMeans[1], 1),
            cpuRatio: whole.cpuMeans[0] === undefined ? undefined : round(whole.cpuMeans[1] / whole.cpuMeans[0], 1)
        }
    };
}

await runAsScript(import.meta.url, main);
