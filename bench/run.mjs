/**
 * `npm run bench`: runs every benchmark in its own Node process (so that "cold" is cold and
 * heap figures are each benchmark's own), prints a table, compares each figure with its
 * floor and its target (PRODUCT.md, "Quality targets"), and writes everything to
 * bench/results/latest.json. Targets are reported, never asserted: a missed target does
 * not fail the run; an invalid benchmark (a generated file with errors, a crash) does.
 *
 *   npm run bench                       # everything (about a minute and a half)
 *   npm run bench -- validate simulate  # some of: validate, validate-100k, cli, cli-growth, simulate, simulate-crm, calibrate-crm, lsp, lsp-large, workspace, soak, vscode, many
 *   BENCH_DEALS=100000 npm run bench    # a quick simulation
 *   BENCH_SOAK_MINUTES=60 npm run bench -- soak   # the full simulated hour of typing
 *
 * Environment: BENCH_LINES, BENCH_RUNS, BENCH_YAML_RUNS, BENCH_BIG_LINES, BENCH_EDIT_LINES,
 * BENCH_KEYSTROKES, BENCH_CLI_RUNS, BENCH_GROWTH_LINES, BENCH_DEALS, BENCH_BATCH, BENCH_CRM_ROWS, BENCH_CALIBRATE_CLI, BENCH_LARGE_MB,
 * BENCH_SOAK_MINUTES, BENCH_SOAK_RATE, BENCH_PLAYBOOKS, BENCH_MANY_SERVER_MAX, BENCH_WORKSPACE_MB,
 * BENCH_WORKSPACE_FILE_COUNT (see each module).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseEmitted } from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const here = fileURLToPath(new URL('.', import.meta.url));

const BENCHMARKS = [
    { id: 'validate', file: 'validate-10k.mjs', title: 'Parse + link + validate a 10,000-line playbook' },
    { id: 'validate-100k', file: 'validate-100k.mjs', title: 'The same at 100,000 lines (scaling, heap)' },
    { id: 'cli', file: 'cli-startup.mjs', title: 'CLI start-up' },
    { id: 'cli-growth', file: 'cli-growth.mjs', title: 'playbook check as the file grows: CPU and memory per line, 1,000 to 1,000,000 lines' },
    { id: 'simulate', file: 'simulate.mjs', title: 'Simulation throughput' },
    { id: 'simulate-crm', file: 'simulate-crm.mjs', title: 'Replaying a 1,000,000-row CRM export in one pass' },
    { id: 'calibrate-crm', file: 'calibrate-crm.mjs', title: 'Calibrating a playbook against a 1,000,000-row CRM export, beside simulate' },
    { id: 'lsp', file: 'lsp-keystroke.mjs', title: 'Language server: keystroke to diagnostics, 5,000 lines' },
    { id: 'lsp-large', file: 'lsp-large.mjs', title: 'Language server: a text of 4.4 MB (diagnostics, answers while it is checked)' },
    { id: 'workspace', file: 'lsp-workspace.mjs', title: 'Language server: opening a workspace of 100 files, 24 MB' },
    { id: 'soak', file: 'lsp-soak.mjs', title: 'Language server: memory over a long typing session, 5,000 lines' },
    { id: 'vscode', file: 'vscode-extension.mjs', title: 'VS Code extension: .vsix size and activation' },
    { id: 'many', file: 'many-playbooks.mjs', title: 'A file of many small playbooks (growth run)' }
];

const selected = process.argv.slice(2);
const unknown = selected.filter(id => !BENCHMARKS.some(b => b.id === id));
if (unknown.length > 0) {
    console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Choose from: ${BENCHMARKS.map(b => b.id).join(', ')}.`);
    process.exit(2);
}
if (!existsSync(`${root}packages/language/out/index.js`)) {
    console.error('The language package is not built (packages/language/out/index.js is missing). Run `npm run build` first.');
    process.exit(2);
}

/** The newest modification time under a directory (0 when it does not exist). */
function newest(dir, filter = () => true) {
    let latest = 0;
    const walk = path => {
        let entries;
        try { entries = readdirSync(path, { withFileTypes: true }); } catch { return; }
        for (const entry of entries) {
            const full = `${path}/${entry.name}`;
            if (entry.isDirectory()) walk(full);
            else if (filter(entry.name)) latest = Math.max(latest, statSync(full).mtimeMs);
        }
    };
    walk(dir);
    return latest;
}
const mtime = file => (existsSync(file) ? statSync(file).mtimeMs : undefined);
// Benchmarks measure what is built: say so when a build is older than its sources.
const languageSources = newest(`${root}packages/language/src`, name => name.endsWith('.ts') || name.endsWith('.langium'));
const staleBuilds = [
    ['packages/language/out', newest(`${root}packages/language/out`, name => name.endsWith('.js')), languageSources],
    ['packages/language/dist/language-server.cjs', mtime(`${root}packages/language/dist/language-server.cjs`), languageSources],
    ['packages/cli/dist/playbook.cjs', mtime(`${root}packages/cli/dist/playbook.cjs`), Math.max(languageSources, newest(`${root}packages/cli/src`, name => name.endsWith('.ts')))]
].filter(([, built, sources]) => built !== undefined && built < sources).map(([what]) => what);

const git = args => spawnSync('git', args, { cwd: root, encoding: 'utf8' }).stdout?.trim();
const meta = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    platform: `${os.platform()} ${os.release()}`,
    commit: git(['rev-parse', '--short', 'HEAD']),
    dirty: Boolean(git(['status', '--porcelain', '--', 'packages'])),
    loadAverageAtStart: os.loadavg().map(l => Number(l.toFixed(2))),
    staleBuilds
};

console.log(`Playbook benchmarks: Node ${meta.node}, ${meta.cpus} CPUs (${meta.cpuModel}), commit ${meta.commit}${meta.dirty ? ' + uncommitted changes in packages/' : ''}`);
if (staleBuilds.length > 0) {
    console.log(`Warning: older than their sources, so not what the sources would give: ${staleBuilds.join(', ')}. Run \`npm run build\` first.`);
}
console.log(`Load average at start: ${meta.loadAverageAtStart.join(', ')}${meta.loadAverageAtStart[0] > meta.cpus * 0.75 ? '  (the machine is busy: wall-clock figures will be inflated)' : ''}\n`);

const results = {};
let failed = false;
for (const bench of BENCHMARKS.filter(b => selected.length === 0 || selected.includes(b.id))) {
    console.log(`▶ ${bench.title}`);
    const loadBefore = os.loadavg()[0];
    const child = spawnSync(process.execPath, ['--expose-gc', `${here}${bench.file}`], {
        cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024
    });
    const result = parseEmitted(child.stdout ?? '');
    if (child.status !== 0 || !result) {
        failed = true;
        results[bench.id] = { name: bench.id, failed: `exit ${child.status ?? child.signal}` };
        console.log(`  ✗ ${bench.id} failed (exit ${child.status ?? child.signal}); see the message above\n`);
        continue;
    }
    result.loadAverage = { before: Number(loadBefore.toFixed(2)), after: Number(os.loadavg()[0].toFixed(2)) };
    results[bench.id] = result;
    console.log('');
}

// ---------------------------------------------------------------------------------------
// Report

const fmt = (value, digits = 1) => (value === undefined ? '—' : Number(value).toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const ms = value => (value === undefined ? '—' : `${fmt(value, value < 10 ? 2 : 1)} ms`);
function table(headers, rows) {
    const widths = headers.map((h, i) => Math.max(h.length, ...rows.map(r => String(r[i] ?? '').length)));
    const line = cells => `  ${cells.map((c, i) => (i === 0 ? String(c ?? '').padEnd(widths[i]) : String(c ?? '').padStart(widths[i]))).join('   ')}`;
    console.log(line(headers));
    console.log(`  ${widths.map(w => '─'.repeat(w)).join('   ')}`);
    rows.forEach(r => console.log(line(r)));
}

const targets = [];
const target = (what, measured, goal, met, note) => targets.push({ what, measured, goal, met, ...(note ? { note } : {}) });

const v = results.validate;
if (v && !v.failed) {
    console.log(`1. Parse + link + validate: ${v.input.lines.toLocaleString('en')} lines, ${v.input.stages} stages, ${v.input.deals} deals (${v.input.dealEvents.toLocaleString('en')} events), ${v.diagnostics.errors} errors, ${v.diagnostics.warnings} warnings`);
    table(['phase', 'cold (1st in process)', `warm (median of ${v.input.warmRuns})`, 'warm (best)'], [
        ...['parse', 'index', 'link', 'refs', 'validate', 'total'].map(p => [
            { parse: 'parse (lexer + parser)', index: 'index + local scopes', link: 'link', refs: 'reference index', validate: 'validate (incl. deal replay)', total: 'total' }[p],
            ms(v.coldMs[p]), ms(v.warmMedianMs[p]), p === 'total' ? ms(v.warmMinTotalMs) : ''
        ]),
        ['  of which garbage collection', ms(v.coldMs.gc), ms(v.warmMedianMs.gc)],
        ['  of which the lexer (timed alone)', '', ms(v.lexerMedianMs)],
        ['create services (builds the parser)', ms(v.createServicesMs.cold), ms(v.createServicesMs.warm)]
    ]);
    console.log('');
    table(['floor: the same facts', 'size', 'time', 'Playbook warm ÷ floor'], [
        ['JSON.parse', `${fmt(v.floors.jsonParse.bytes / 1024, 0)} KB`, ms(v.floors.jsonParse.medianMs), `${fmt(v.ratios.warmVsJsonParse)}x (cold ${fmt(v.ratios.coldVsJsonParse)}x)`],
        ['YAML.parse + ajv schema (warm)', `${fmt(v.floors.yamlAjv.bytes / 1024, 0)} KB`, ms(v.floors.yamlAjv.warmMedianMs.total), `${fmt(v.ratios.warmVsYamlAjv, 2)}x`],
        ['  (cold, incl. schema compile)', '', ms(v.floors.yamlAjv.coldMs.total), '']
    ]);
    console.log(`  Re-check of a ${v.edit.lines.toLocaleString('en')}-line file after a one-character edit (no LSP transport): median ${ms(v.edit.medianMs)}, max ${ms(v.edit.maxMs)}\n`);
    target('10,000-line playbook parses, links and validates (warm)', ms(v.warmMedianMs.total), 'well under 1 s', v.warmMedianMs.total < 1000);
    target('  the same, first in a fresh process (cold)', ms(v.coldMs.total), 'well under 1 s', v.coldMs.total < 1000);
}

const big = results['validate-100k'];
if (big && !big.failed) {
    console.log(`1b. ${big.input.lines.toLocaleString('en')} lines (${big.input.stages} stages), once, after warming up on 10,000 lines`);
    const perK = (value, lines) => ms(value / (lines / 1000));
    table(['phase', '100k lines', 'per 1,000 lines', 'same, without GC', '10k warm, per 1,000 lines', 'same, without GC'],
        ['parse', 'index', 'link', 'refs', 'validate', 'total', 'gc'].map(p => [
            p === 'gc' ? '  of which garbage collection' : p,
            ms(big.ms[p]), perK(big.ms[p], big.input.lines), p === 'gc' ? '' : perK(big.withoutGcMs[p], big.input.lines),
            perK(big.warm10k.ms[p], big.warm10k.lines), p === 'gc' ? '' : perK(big.warm10k.withoutGcMs[p], big.warm10k.lines)
        ]));
    console.log(`  ${fmt(big.timeRatio)}x the warm 10,000-line time (${ms(big.warm10kMedianMs)}) for ${fmt(big.sizeRatio)}x the lines (${fmt(big.timeRatioWithoutGc)}x without GC pauses); heap retained ${fmt(big.heapRetainedMB, 0)} MB, peak RSS ${fmt(big.peakRssMB, 0)} MB\n`);
    target('Scaling 10k → 100k lines', `${fmt(big.timeRatio)}x time (${fmt(big.timeRatioWithoutGc)}x without GC) for ${fmt(big.sizeRatio)}x lines`, 'linear (≈ 10x)', big.timeRatioWithoutGc <= big.sizeRatio * 1.3,
        'judged without GC pauses: a 280 MB heap makes each major collection longer, whatever the algorithm');
}

const c = results.cli;
if (c && !c.failed) {
    if (c.skipped) {
        console.log(`2. CLI start-up: skipped. ${c.skipped}\n`);
        target('playbook check on a small file ÷ node -e 0', 'skipped (CLI not built)', '≤ 2x', undefined);
    } else {
        console.log(`2. CLI start-up (median of ${c.runs} runs each, interleaved; CPU: mean user + system time of the process and its children)`);
        const cpuMs = value => (value === undefined ? '—' : ms(value));
        const cpuX = value => (value === undefined ? '—' : `${fmt(value, 2)}x`);
        table(['command', 'median', 'min', 'ratio', 'CPU', 'CPU ratio'], [
            ...c.startup.rows.map(row => [
                `${row.diagnostic ? '  diagnostic: ' : ''}${row.command}${row.command.startsWith('playbook check') ? ` (${c.startup.lines} lines, exit ${c.startup.exitCode})` : ''}`,
                ms(row.medianMs), ms(row.minMs), `${fmt(row.ratio, 2)}x`, cpuMs(row.cpuMs), cpuX(row.cpuRatio)
            ]),
            [`node + JSON.parse of the 10k facts (${c.whole10k.runs} runs)`, ms(c.whole10k.nodeJsonMs), '', '1.00x', cpuMs(c.whole10k.nodeJsonCpuMs), '1.00x'],
            [`playbook check on the ${c.whole10k.lines.toLocaleString('en')}-line playbook`, ms(c.whole10k.checkMs), '', `${fmt(c.whole10k.ratio)}x`, cpuMs(c.whole10k.checkCpuMs), cpuX(c.whole10k.cpuRatio)]
        ]);
        console.log('');
        const both = (wall, cpu, digits = 2) => `${fmt(wall, digits)}x${cpu === undefined ? '' : ` (CPU ${fmt(cpu, digits)}x)`}`;
        // Met only when both the wall-clock and the CPU ratio are: on a busy machine either can mislead.
        const within = (wall, cpu, limit) => wall <= limit && (cpu === undefined || cpu <= limit);
        target('playbook check on a small file ÷ node -e 0', both(c.startup.ratio, c.startup.cpuRatio), '≤ 2x', within(c.startup.ratio, c.startup.cpuRatio, 2));
        if (c.simulateStartup) {
            target('playbook simulate, 2-row CSV, start-up ÷ check of the same playbook', both(c.simulateStartup.ratio, c.simulateStartup.cpuRatio), '≤ 1.2x', within(c.simulateStartup.ratio, c.simulateStartup.cpuRatio, 1.2));
        }
        if (c.whole10k.cpuRatio !== undefined) {
            target('playbook check, 10,000 lines, whole process ÷ node + JSON.parse of the facts (CPU)', `${fmt(c.whole10k.cpuRatio)}x (wall ${fmt(c.whole10k.ratio)}x)`, '≤ 6x', c.whole10k.cpuRatio <= 6);
        }
    }
}

const cg = results['cli-growth'];
if (cg && !cg.failed && !cg.skipped) {
    console.log(`2b. playbook check as the file grows (one run each, ${cg.fromSnapshot ? 'Node from the start-up snapshot' : 'the bundle'}; CPU includes its threads)`);
    const opt = (value, unit) => (value === undefined ? '—' : `${fmt(value, 0)} ${unit}`);
    table(['lines', 'size', 'wall', 'CPU', 'CPU per 1,000 lines', 'peak RSS', 'RSS per source byte'],
        cg.rows.map(row => [
            row.lines.toLocaleString('en'), `${fmt(row.bytes / 1048576)} MB`, row.died ? `died (${row.died})` : ms(row.ms), ms(row.cpuMs),
            row.cpuUsPerLine === undefined ? '—' : ms(row.cpuUsPerLine), opt(row.peakRssMB, 'MB'), row.peakRssBytesPerSourceByte === undefined ? '—' : `${fmt(row.peakRssBytesPerSourceByte)} B`
        ]));
    console.log('');
    if (cg.growth) {
        target(`playbook check CPU per line, ${cg.growth.toLines.toLocaleString('en')} ÷ ${cg.growth.fromLines.toLocaleString('en')} lines`, `${fmt(cg.growth.cpuPerLine, 2)}x`, 'linear (≈ 1x)', cg.growth.cpuPerLine <= 1.3);
    }
    const l = cg.largest;
    target(`playbook check memory per source byte, ${l.lines.toLocaleString('en')} lines (peak RSS)`, l.died ? `died: ${l.died}` : l.peakRssBytesPerSourceByte === undefined ? 'not measured' : `${fmt(l.peakRssBytesPerSourceByte)} B (${fmt(l.peakRssMB, 0)} MB)`,
        '≤ 40 B', l.died ? false : l.peakRssBytesPerSourceByte === undefined ? undefined : l.peakRssBytesPerSourceByte <= 40);
}

const s = results.simulate;
if (s && !s.failed) {
    console.log(`3. Simulation: ${s.input.deals.toLocaleString('en')} deals, ${s.input.events.toLocaleString('en')} events (${s.input.eventsPerDeal} per deal), batches of ${s.input.batch.toLocaleString('en')}, ${s.input.stages}-stage playbook`);
    table(['replay', 'time', 'events/s', 'ratio'], [
        ['simulateDeal (the engine)', ms(s.engine.ms), fmt(s.engine.eventsPerSecond, 0), `${fmt(s.ratioToFloor)}x`],
        ...(s.withAggregate ? [['simulateDeal + DealAggregator (funnel, percentiles, forecast)', ms(s.withAggregate.ms), fmt(s.withAggregate.eventsPerSecond, 0), `${fmt(s.withAggregate.ms / s.floor.ms)}x`]] : []),
        ['minimal loop (the floor)', ms(s.floor.ms), fmt(s.floor.eventsPerSecond, 0), '1.0x']
    ]);
    if (s.outcomes) {
        console.log(`  Outcomes: ${Object.entries(s.outcomes).map(([k, n]) => `${k} ${n.toLocaleString('en')}`).join(', ')}; ${s.dealsWithViolations.toLocaleString('en')} deals with violations (${Object.entries(s.violations).map(([k, n]) => `${k} ${n.toLocaleString('en')}`).join(', ')})`);
    }
    console.log(`  Heap after ${s.heapMB.atCheckpoint.deals.toLocaleString('en')} deals: ${fmt(s.heapMB.atCheckpoint.heapUsedMB)} MB; after ${s.heapMB.atEnd.deals.toLocaleString('en')}: ${fmt(s.heapMB.atEnd.heapUsedMB)} MB (growth ${fmt(s.heapGrowthMB)} MB${s.withAggregate ? ', including the aggregate report\'s own state' : ''})\n`);
    target('Simulation replay, one core', `${fmt(s.engine.eventsPerSecond / 1e6, 2)} M events/s`, '≥ 1 M events/s', s.engine.eventsPerSecond >= 1e6);
    target('Simulation heap stays flat (streamed)', `${fmt(s.heapGrowthMB)} MB growth`, 'flat', Math.abs(s.heapGrowthMB) < 10);
}

const r = results['simulate-crm'];
if (r && !r.failed) {
    console.log(`3b. A CRM export replayed in one pass: ${r.input.rows.toLocaleString('en')} history rows, ${r.input.deals.toLocaleString('en')} deals, ${r.input.megabytes} MB (best of each)`);
    table(['step', 'time', 'CPU time', 'rows/s', 'ratio (CPU)'], [
        ['readDealBatches + ReplaySession + report (playbook simulate --deals)', ms(r.replayMs), ms(r.cpu.replayMs), fmt(r.rowsPerSecond, 0), `${fmt(r.ratio, 2)}x (${fmt(r.cpu.ratio, 2)}x)`],
        ['csv-parse read of the same file (the floor)', ms(r.csvParseMs), ms(r.cpu.csvParseMs), '', '1.00x']
    ]);
    console.log('');
    // CPU time: on a shared machine the wall time of a long run mostly measures the other processes.
    target('CRM export replay ÷ csv-parse read of the same file (CPU time)', `${fmt(r.cpu.ratio, 2)}x (wall ${fmt(r.ratio, 2)}x)`, '≤ 2x', r.cpu.ratio <= 2);
}

const cal = results['calibrate-crm'];
if (cal && !cal.failed) {
    console.log(`3c. Calibrating against a CRM export: ${cal.input.rows.toLocaleString('en')} history rows, ${cal.input.deals.toLocaleString('en')} deals, ${cal.input.megabytes} MB (best of each, alternating)`);
    table(['step', 'time', 'CPU time', 'ratio (CPU)'], [
        ['calibrateDeals (playbook calibrate --deals)', ms(cal.calibrateMs), ms(cal.cpu.calibrateMs), `${fmt(cal.ratio, 2)}x (${fmt(cal.cpu.ratio, 2)}x)`],
        ['readDealBatches + ReplaySession + report (simulate, the reference)', ms(cal.simulateMs), ms(cal.cpu.simulateMs), '1.00x'],
        ...(cal.cli ? [
            ['the command: playbook calibrate --format json', ms(cal.cli.calibrateMs), ms(cal.cli.cpu.calibrateMs), `${fmt(cal.cli.ratio, 2)}x (${fmt(cal.cli.cpu.ratio, 2)}x)`],
            ['the command: playbook simulate --format json (every deal written)', ms(cal.cli.simulateMs), ms(cal.cli.cpu.simulateMs), '1.00x']
        ] : [])
    ]);
    console.log('');
    target('Calibration ÷ simulate replay of the same export (CPU time)', `${fmt(cal.cpu.ratio, 2)}x (wall ${fmt(cal.ratio, 2)}x)`, '≤ 1.3x', cal.cpu.ratio <= 1.3);
}

const l = results.lsp;
if (l && !l.failed) {
    if (l.skipped) {
        console.log(`4. Language server: skipped. ${l.skipped}\n`);
        target('Diagnostics after a keystroke, 5,000 lines (language server)', 'skipped (server not built)', '≤ 30 ms', undefined);
    } else {
        console.log(`4. Language server over stdio: ${l.input.lines.toLocaleString('en')}-line file, ${l.input.keystrokes} keystrokes into a title, ${l.keystrokeWritingNewLine.keystrokes + 1} writing a new task line, ${l.keystrokeWritingNewStage.keystrokes + 1} writing a new stage`);
        table(['step', 'time'], [
            ['start the server (spawn → initialize answered)', ms(l.serverStartMs)],
            ['didOpen → first diagnostics', ms(l.openToDiagnosticsMs)],
            ['keystroke (didChange) → diagnostics, median', ms(l.keystroke.medianMs)],
            ['  95th percentile / best / worst', `${ms(l.keystroke.p95Ms)} / ${ms(l.keystroke.minMs)} / ${ms(l.keystroke.maxMs)}`],
            ['  server CPU time per keystroke (writing a new line / a new stage)', `${ms(l.keystroke.serverCpuMs)} (${ms(l.keystrokeWritingNewLine.serverCpuMs)} / ${ms(l.keystrokeWritingNewStage.serverCpuMs)})`],
            ['  server CPU per keystroke, median / 95th percentile: in a title; a new line; a new stage', [l.keystroke, l.keystrokeWritingNewLine, l.keystrokeWritingNewStage].map(k => `${ms(k.serverCpuMedianMs)} / ${ms(k.serverCpuP95Ms)}`).join('; ')],
            ['keystroke writing a new line (new tokens, passing syntax errors), median', ms(l.keystrokeWritingNewLine.medianMs)],
            ['  95th percentile / worst', `${ms(l.keystrokeWritingNewLine.p95Ms)} / ${ms(l.keystrokeWritingNewLine.maxMs)}`],
            ['keystroke writing a new stage (braces and quotes closed by the editor), median', ms(l.keystrokeWritingNewStage.medianMs)],
            ['  95th percentile / worst', `${ms(l.keystrokeWritingNewStage.p95Ms)} / ${ms(l.keystrokeWritingNewStage.maxMs)}`],
            ...(l.keystrokeWritingFirstLine ? [['the session\'s first new line / stage (V8 compiles that path): server CPU per keystroke', `${ms(l.keystrokeWritingFirstLine.serverCpuMs)} / ${ms(l.keystrokeWritingFirstStage.serverCpuMs)}`],
                ['  diagnostics, median / 95th percentile: the line; the stage', [l.keystrokeWritingFirstLine, l.keystrokeWritingFirstStage].map(k => `${ms(k.medianMs)} / ${ms(k.p95Ms)}`).join('; ')]] : []),
            [`completion at a requires (${l.completionAtRequires.items} items), median / 95th percentile`, `${ms(l.completionAtRequires.medianMs)} / ${ms(l.completionAtRequires.p95Ms)}`],
            [`${l.workspace.files.toLocaleString('en')} example-sized files opened, all checked`, ms(l.workspace.openAllMs)],
            ['  server resident memory before / after', `${l.workspace.residentMbBefore} MB / ${l.workspace.residentMbAfter} MB`]
        ]);
        if (v && !v.failed) console.log(`  The same re-check in process (core services, no transport): median ${ms(v.edit.medianMs)}`);
        console.log('');
        target('Diagnostics after a keystroke inside a token, 5,000 lines, 95th percentile (language server)', ms(l.keystroke.p95Ms), '≤ 30 ms', l.keystroke.p95Ms <= 30);
        target('Diagnostics after a keystroke writing a new line, 5,000 lines, 95th percentile (language server)', ms(l.keystrokeWritingNewLine.p95Ms), '≤ 30 ms', l.keystrokeWritingNewLine.p95Ms <= 30);
        target('Diagnostics after a keystroke writing a new stage, 5,000 lines, 95th percentile (language server)', ms(l.keystrokeWritingNewStage.p95Ms), '≤ 30 ms', l.keystrokeWritingNewStage.p95Ms <= 30);
        target('Server CPU time per keystroke inside a token, 5,000 lines (language server)', ms(l.keystroke.serverCpuMs), '≤ 15 ms', l.keystroke.serverCpuMs === undefined ? undefined : l.keystroke.serverCpuMs <= 15);
        target('Server CPU time per keystroke writing a new line, 5,000 lines (language server)', ms(l.keystrokeWritingNewLine.serverCpuMs), '≤ 15 ms',
            l.keystrokeWritingNewLine.serverCpuMs === undefined ? undefined : l.keystrokeWritingNewLine.serverCpuMs <= 15);
        target('Server CPU time per keystroke writing a new stage, 5,000 lines (language server)', ms(l.keystrokeWritingNewStage.serverCpuMs), '≤ 15 ms',
            l.keystrokeWritingNewStage.serverCpuMs === undefined ? undefined : l.keystrokeWritingNewStage.serverCpuMs <= 15);
        target('Completion at a requires, 5,000 lines, 95th percentile (language server)', ms(l.completionAtRequires.p95Ms), '≤ 30 ms', l.completionAtRequires.p95Ms <= 30);
    }
}

const g = results['lsp-large'];
if (g && !g.failed) {
    if (g.skipped) {
        console.log(`4b. Language server with a large text: skipped. ${g.skipped}\n`);
    } else {
        const e = g.asAnEditor;
        console.log(`4b. Language server with a large text: ${g.input.megabytes} MB, ${g.input.lines.toLocaleString('en')} lines`);
        table(['step', 'time'], [
            ['in process (core services, no transport): parse / link / validate', `${ms(g.inProcess.parseMs)} / ${ms(g.inProcess.linkMs)} / ${ms(g.inProcess.validateMs)}`],
            ['  total (the floor)', ms(g.inProcess.totalMs)],
            ['server, opened alone → diagnostics', ms(g.openAloneToDiagnosticsMs)],
            ['server, opened as an editor does (colours, outline, folds, lenses, hints asked with it) → diagnostics', ms(e.diagnosticsMs)],
            ['  → hover on the large text answered', ms(e.hoverOnLargeMs)],
            ...Object.entries(e.backgroundMs).map(([what, value]) => [`  → ${what} answered`, ms(value)]),
            [`  hovers on another document meanwhile (${e.smallHover.count}): median / worst wait`, `${ms(e.smallHover.medianMs)} / ${ms(e.smallHover.maxMs)}`],
            [`keystroke in the large text's title → diagnostics (${e.keystroke.count}), median / worst`, `${ms(e.keystroke.medianMs)} / ${ms(e.keystroke.maxMs)}`]
        ]);
        console.log('');
        target(`Diagnostics of a ${g.input.megabytes} MB text: opened as an editor does ÷ opened alone`, `${fmt(e.diagnosticsMs / g.openAloneToDiagnosticsMs, 2)}x`,
            '≤ 1.25x (the editor\'s requests wait for the check)', e.diagnosticsMs <= g.openAloneToDiagnosticsMs * 1.25);
        target(`While a ${g.input.megabytes} MB text is checked: worst wait of a hover on another document ÷ its parse in process`, `${fmt(e.smallHover.maxMs / g.inProcess.parseMs, 2)}x`,
            '≤ 1.5x (only the parse cannot give way)', e.smallHover.maxMs <= g.inProcess.parseMs * 1.5);
    }
}

const w = results.workspace;
if (w && !w.failed) {
    if (w.skipped) {
        console.log(`4d. Language server opening a workspace: skipped. ${w.skipped}\n`);
        target('First diagnostics of the file opened with a 24 MB workspace', 'skipped (server not built)', '≤ 2 s', undefined);
    } else {
        const sv = w.server;
        console.log(`4d. Language server opening a workspace: ${w.input.files} files, ${w.input.megabytes} MB; ${w.input.opened} (${w.input.openedKB} KB) opened right after initialized`);
        table(['step', 'time'], [
            ['in process: the opened file alone, parsed, linked and validated (a floor)', ms(w.floors.openedAloneInProcessMs)],
            ['in process: the whole workspace (a floor)', ms(w.floors.wholeWorkspaceInProcessMs)],
            ['a server without the workspace: keystroke → diagnostics, median (a floor)', ms(w.floors.keystrokeWithoutWorkspaceMs)],
            [`didOpen → the opened file's diagnostics (${sv.filesPublishedBeforeFirst} file(s) published by then)`, ms(sv.firstDiagnosticsMs)],
            ['first keystroke, at once → its diagnostics', ms(sv.firstKeystrokeMs)],
            [`keystrokes while the rest of the workspace is checked (${sv.keystrokesDuringBackground.count}): median / worst`, `${ms(sv.keystrokesDuringBackground.medianMs)} / ${ms(sv.keystrokesDuringBackground.maxMs)}`],
            ['didOpen → every file of the workspace published', ms(sv.wholeWorkspaceMs)],
            [`keystrokes once it is checked (${sv.keystrokesAfter.count}): median / worst`, `${ms(sv.keystrokesAfter.medianMs)} / ${ms(sv.keystrokesAfter.maxMs)}`],
            ['server CPU time, start to end', ms(sv.cpuMs)]
        ]);
        console.log('');
        target('First diagnostics of the file opened with a 24 MB workspace of 100 files (language server)', ms(sv.firstDiagnosticsMs), '≤ 2 s', sv.firstDiagnosticsMs <= 2000);
        target('First keystroke → its diagnostics after opening that workspace (language server)', ms(sv.firstKeystrokeMs), '≤ 200 ms', sv.firstKeystrokeMs <= 200);
    }
}

const k = results.soak;
if (k && !k.failed) {
    if (k.skipped) {
        console.log(`4c. Language server soak: skipped. ${k.skipped}\n`);
        target('Server memory flat over a typing session (language server)', 'skipped', 'flat', undefined);
    } else {
        console.log(`4c. Language server soak: ${k.keystrokes.toLocaleString('en')} keystrokes into a ${k.input.lines.toLocaleString('en')}-line file (${k.input.simulatedMinutes} simulated minutes at ${k.input.keystrokesPerMinute} a minute; ${k.keystrokesWithSyntaxErrors.toLocaleString('en')} of them left syntax errors), ${k.editorRequests.toLocaleString('en')} editor requests, heap limit ${k.input.heapLimitMB} MB, ${fmt(k.wallSeconds, 0)} s`);
        const mb = value => (value === undefined ? '—' : `${fmt(value)} MB`);
        const every = Math.max(1, Math.ceil((k.samples.length - 1) / 12));     // about a dozen rows, whatever the length
        const rows = k.samples.filter((sample, i) => i === 0 || i === k.samples.length - 1 || i % every === 0);
        table(['simulated minute', 'keystrokes', 'heap used', 'heap after a full GC', 'resident (RSS)', 'keystroke → diagnostics median / p95'],
            rows.map(sample => [
                sample.minute === 0 ? 'start (file opened)' : fmt(sample.minute), sample.keystrokes.toLocaleString('en'),
                mb(sample.heapUsedMB), mb(sample.retainedHeapMB), mb(sample.rssMB),
                sample.keystroke ? `${ms(sample.keystroke.medianMs)} / ${ms(sample.keystroke.p95Ms)}` : ''
            ]));
        console.log(`  Heap after a full GC: ${mb(k.start.retainedHeapMB)} at the start; from minute ${fmt(k.warm.minute)} on between ${mb(k.retainedHeapBandMB.min)} and ${mb(k.retainedHeapBandMB.max)}, ${mb(k.end.retainedHeapMB)} at the end${k.retainedHeapTrendMBPerHour === null ? '' : ` (trend ${fmt(k.retainedHeapTrendMBPerHour)} MB an hour)`}. Resident ${mb(k.start.rssMB)} at the start, ${mb(k.end.rssMB)} at the end, peak ${mb(k.peak.rssMB)}.`);
        const failedRequests = Object.entries(k.editorRequestErrors ?? {});
        if (failedRequests.length > 0) console.log(`  Editor requests answered with an error: ${failedRequests.map(([method, n]) => `${method} ${n}`).join(', ')}`);
        console.log('');
        // Flat: the retained heap never rises more than a few MB above the file just opened (a
        // copy of the playbook kept per keystroke adds about 2 MB each on this file).
        target('Server memory over a typing session, 5,000 lines (heap after a full GC)', `${mb(k.start.retainedHeapMB)} at the start, peak ${mb(k.peak.retainedHeapMB)}, ${mb(k.end.retainedHeapMB)} at the end`, 'flat (within 10 MB of the start)', k.retainedHeapAboveStartMB <= 10);
    }
}

const x = results.vscode;
if (x && !x.failed) {
    if (x.skipped) {
        console.log(`5. VS Code extension: skipped. ${x.skipped}\n`);
    } else {
        console.log(`5. VS Code extension: .vsix ${x.vsixKB} KB; activation → server ready ${x.activationMs !== undefined ? ms(x.activationMs) : `not measured (${x.activation?.skipped})`}\n`);
        target('.vsix size', `${x.vsixKB} KB`, '< 2 MB', x.vsixKB < 2048);
        target('Extension activation → language server ready', x.activationMs !== undefined ? ms(x.activationMs) : 'skipped', '< 500 ms', x.activationMs === undefined ? undefined : x.activationMs < 500);
    }
}

const m = results.many;
if (m && !m.failed) {
    const us = value => (value === undefined ? '—' : `${fmt(value, value < 10 ? 2 : 1)} µs`);
    console.log(`6. A file of many small playbooks, each with two deals: ${m.sizes.map(n => n.toLocaleString('en')).join(', ')} playbooks (20 declarations and 10 deal events each)`);
    table(['playbooks', 'size', 'core check', 'per declaration', 'CPU per decl.', 'without GC', 'JSON.parse of the facts', 'ratio', 'playbook check (process)', 'node + JSON.parse', 'heap per source byte'],
        m.rows.map(r => [
            r.playbooks.toLocaleString('en'), `${fmt(r.bytes / 1048576)} MB`, ms(r.core.total), us(r.coreUsPerDeclaration), us(r.coreCpuUsPerDeclaration), us(r.coreUsPerDeclarationWithoutGc),
            ms(r.jsonParse.ms), `${fmt(r.coreVsJsonParse)}x`, r.cli ? ms(r.cli.checkMs) : '—', r.cli ? ms(r.cli.nodeJsonMs) : '—', `${r.heapBytesPerSourceByte} B`
        ]));
    const served = m.rows.filter(r => r.server);
    if (served.length > 0) {
        console.log('');
        table(['language server', 'didOpen → diagnostics', 'server CPU', 'per declaration', 'keystroke → diagnostics', 'server CPU'],
            served.map(r => [`${r.playbooks.toLocaleString('en')} playbooks`, ms(r.server.open.ms), ms(r.server.open.cpuMs), us(r.server.openUsPerDeclaration), ms(r.server.keystroke.ms), ms(r.server.keystroke.cpuMs)]));
    }
    const g = m.growth;
    console.log(`  Per declaration, ${fmt(g.sizeRatio, 0)}x the declarations: core ${fmt(g.corePerDeclaration, 2)}x (CPU ${fmt(g.coreCpuPerDeclaration, 2)}x, without GC ${fmt(g.corePerDeclarationWithoutGc, 2)}x), JSON.parse ${fmt(g.jsonParsePerDeclaration, 2)}x${g.cliPerDeclaration !== undefined ? `, playbook check ${fmt(g.cliPerDeclaration, 2)}x` : ''}${g.serverOpenPerDeclaration !== undefined ? `, server open (${g.serverSizes.join(' → ')} playbooks) ${fmt(g.serverOpenPerDeclaration, 2)}x` : ''}; 1x is linear\n`);
    target('A file of many small playbooks: time per declaration, largest ÷ smallest size (CPU)', `${fmt(g.coreCpuPerDeclaration, 2)}x for ${fmt(g.sizeRatio, 0)}x the declarations`, 'linear (≈ 1x)', g.coreCpuPerDeclaration <= 1.3,
        'judged on the CPU time of the check: the wall clock of a busy machine, and GC pauses in a larger heap, grow whatever the algorithm');
}

console.log('Targets (PRODUCT.md, "Quality targets")');
table(['target', 'measured', 'goal', ''], targets.map(t => [t.what, t.measured, t.goal, t.met === undefined ? 'skipped' : t.met ? 'met' : 'MISSED']));

// cli's, cli-growth's, lsp's, lsp-large's, lsp-workspace's, soak's, vscode's and many's own processes mostly wait for their children: their CPU share says nothing.
const busy = Object.values(results).filter(r => r.name !== 'cli' && r.name !== 'cli-growth' && r.name !== 'lsp' && r.name !== 'lsp-large' && r.name !== 'lsp-workspace' && r.name !== 'soak' && r.name !== 'vscode' && r.name !== 'many-playbooks' && r.process && r.process.cpuShare < 0.85);
if (busy.length > 0 || meta.loadAverageAtStart[0] > meta.cpus * 0.75) {
    console.log(`\nNote: other processes competed for the CPU during ${busy.map(r => `${r.name} (it had ${Math.round(r.process.cpuShare * 100)}% of a core)`).join(', ') || 'this run'}; wall-clock figures are inflated. Re-run on a quiet machine for figures to quote.`);
}

meta.loadAverageAtEnd = os.loadavg().map(l => Number(l.toFixed(2)));
mkdirSync(`${here}results`, { recursive: true });
writeFileSync(`${here}results/latest.json`, `${JSON.stringify({ meta, targets, results }, null, 2)}\n`);
console.log('\nFigures written to bench/results/latest.json');
process.exit(failed ? 1 : 0);
