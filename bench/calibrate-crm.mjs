/**
 * Benchmark: calibrating a playbook against a CRM export of a million history rows, beside
 * the `simulate` replay of the same file in the same run (issue: ≤ 1.3x simulate's time).
 *
 * The export is simulate-crm's (`writeExport`: a sorted Salesforce-like stage history of
 * BENCH_CRM_ROWS rows, 1,000,000, about 189,000 deals through six stages, won, lost, open, a
 * few skipping a stage). Then, alternating, BENCH_CRM_RUNS (3) times each, in this process:
 * - simulate: `readDealBatches` feeding a `ReplaySession` and its report, as
 *   `playbook simulate --deals` reads and replays (simulate-crm's `replay`);
 * - calibrate: `calibrateDeals` over a read stream of the same file, as
 *   `playbook calibrate --deals` does: the same reader (counting the stage names it reads),
 *   the same replay, and the calibration figures.
 * The best time of each is compared, wall and CPU. Then once each, the built command end to
 * end (`playbook simulate --deals … --format json` and `playbook calibrate --deals …
 * --format json`, output to /dev/null; BENCH_CALIBRATE_CLI=0 skips it), where simulate also
 * writes every deal's result.
 *
 * Env: BENCH_CRM_ROWS (1,000,000), BENCH_CRM_RUNS (3), BENCH_CALIBRATE_CLI (1).
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { calibrateDeals } from '@playbook/model';
import { BenchmarkInvalid, childrenCpuMs, envInt, log, now, round, runAsScript } from './lib.mjs';
import { playbook, replay, writeExport } from './simulate-crm.mjs';

const bin = fileURLToPath(new URL('../packages/cli/bin/playbook.cjs', import.meta.url));

function cpuMs() {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
}

async function calibrate(file) {
    return calibrateDeals(createReadStream(file), playbook, { file: path.basename(file) });
}

/** The playbook of the export as .playbook text, for the command line. */
function playbookText() {
    const stages = playbook.stages.map(s => `  stage ${s.name} {\n    alias "${s.aliases[0]}"\n    probability ${s.probability}%\n    within ${s.withinDays} days\n    gate ${s.name}Done { when true }\n  }`);
    return `playbook ${playbook.name} {\n${stages.join('\n')}\n  terminate Lost "Competitor"\n  terminate Lost "No decision"\n}\n`;
}

function command(args, cwd) {
    const start = now();
    const cpu = childrenCpuMs();
    const result = spawnSync(process.execPath, [bin, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: { ...process.env, PLAYBOOK_DEBUG: '' } });
    const ms = now() - start;
    if (result.status === 2 || result.status === null) throw new BenchmarkInvalid(`playbook ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
    return { ms, cpuMs: childrenCpuMs() - cpu };
}

export async function main() {
    const rows = envInt('BENCH_CRM_ROWS', 1_000_000);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'playbook-bench-calibrate-'));
    const file = path.join(dir, 'opportunity-history.csv');
    try {
        const written = await writeExport(file, rows);
        log(`calibrate-crm: wrote ${written.rows.toLocaleString('en')} rows, ${written.deals.toLocaleString('en')} deals, ${(statSync(file).size / 1048576).toFixed(1)} MB`);
        const simulated = [], calibrated = [], simulatedCpu = [], calibratedCpu = [];
        let lastReplay, lastCalibration;
        const runs = envInt('BENCH_CRM_RUNS', 3);
        for (let run = 0; run < runs; run++) {
            let start = now(), cpu = cpuMs();
            lastReplay = await replay(file);
            simulated.push(now() - start);
            simulatedCpu.push(cpuMs() - cpu);
            start = now();
            cpu = cpuMs();
            lastCalibration = await calibrate(file);
            calibrated.push(now() - start);
            calibratedCpu.push(cpuMs() - cpu);
            log(`calibrate-crm: run ${run + 1}: simulate ${Math.round(simulated[run])} ms (cpu ${Math.round(simulatedCpu[run])}), calibrate ${Math.round(calibrated[run])} ms (cpu ${Math.round(calibratedCpu[run])})`);
        }
        const calibration = lastCalibration.calibration;
        if (!calibration || lastCalibration.deals !== written.deals || calibration.deals.total !== lastReplay.report.deals
            || calibration.deals.won !== lastReplay.report.outcomes.won || calibration.stages.length !== playbook.stages.length) {
            throw new BenchmarkInvalid(`the calibration saw ${lastCalibration.deals} deals (${calibration?.deals.won} won), the replay ${lastReplay.report.deals} (${lastReplay.report.outcomes.won} won)`);
        }
        const best = values => Math.min(...values);
        const result = {
            name: 'calibrate-crm',
            input: { rows: written.rows, deals: written.deals, megabytes: round(statSync(file).size / 1048576) },
            simulateMs: round(best(simulated)),
            calibrateMs: round(best(calibrated)),
            ratio: round(best(calibrated) / best(simulated), 2),
            cpu: { simulateMs: round(best(simulatedCpu)), calibrateMs: round(best(calibratedCpu)), ratio: round(best(calibratedCpu) / best(simulatedCpu), 2) },
            suggestions: calibration.suggestions.length
        };
        if (process.env.BENCH_CALIBRATE_CLI !== '0') {
            writeFileSync(path.join(dir, 'bench.playbook'), playbookText());
            const cliSimulate = command(['simulate', 'bench.playbook', '--deals', 'opportunity-history.csv', '--format', 'json'], dir);
            const cliCalibrate = command(['calibrate', 'bench.playbook', '--deals', 'opportunity-history.csv', '--format', 'json'], dir);
            log(`calibrate-crm: the command: simulate ${Math.round(cliSimulate.ms)} ms (cpu ${Math.round(cliSimulate.cpuMs)}), calibrate ${Math.round(cliCalibrate.ms)} ms (cpu ${Math.round(cliCalibrate.cpuMs)})`);
            result.cli = {
                simulateMs: round(cliSimulate.ms), calibrateMs: round(cliCalibrate.ms), ratio: round(cliCalibrate.ms / cliSimulate.ms, 2),
                cpu: { simulateMs: round(cliSimulate.cpuMs), calibrateMs: round(cliCalibrate.cpuMs), ratio: round(cliCalibrate.cpuMs / cliSimulate.cpuMs, 2) }
            };
        }
        return result;
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

await runAsScript(import.meta.url, main);
