/**
 * Benchmark 6: a file of many small playbooks, each with its deals (a company's whole process
 * history in one file), in a growth run: checking must cost the same per declaration at every
 * size (a file of 14,940 small playbooks once took 45 minutes, each name compared with every
 * other).
 *
 * Per size (BENCH_PLAYBOOKS, default 1000,4000,16000 playbooks of about 1.3 KB, 20
 * declarations and 10 deal events each):
 * - the core: `validateTexts` once, in this process, with fresh services, split into phases,
 *   garbage-collection pauses apart (after a warm-up on the smallest size, so that every size
 *   runs warm code); the heap the checked document keeps;
 * - its floor: `JSON.parse` of the same facts (the plain model of every playbook and deal);
 * - the command: `playbook check` on the file alone in a directory, the whole process, against
 *   a `node` that reads and `JSON.parse`s the facts;
 * - the language server (sizes up to BENCH_MANY_SERVER_MAX, default 4000): didOpen →
 *   diagnostics and one keystroke in a title half-way down → diagnostics, with the server's
 *   CPU time where /proc tells it.
 *
 * Env: BENCH_PLAYBOOKS (sizes, comma-separated), BENCH_MANY_SERVER_MAX.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { generateManyPlaybooks } from './generate-playbook.mjs';
import { BenchmarkInvalid, envInt, gc, heapUsedMB, log, now, round, runAsScript } from './lib.mjs';
import { assertClean, freshServices, measureCheck } from './measure-check.mjs';
import { factsOf } from './validate-10k.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const CLI = 'packages/cli/bin/playbook.cjs';
const SERVER = 'packages/language/bin/playbook-language-server.cjs';

function sizes() {
    const raw = process.env.BENCH_PLAYBOOKS ?? '1000,4000,16000';
    const list = raw.split(',').map(s => Number(s.trim().replace(/_/g, '')));
    if (list.length === 0 || list.some(n => !Number.isInteger(n) || n <= 0)) {
        throw new Error(`BENCH_PLAYBOOKS must be a comma-separated list of positive numbers, not "${raw}"`);
    }
    return [...list].sort((a, b) => a - b);
}

/** The core check of one size, once, with its floor. */
async function measureCore(generated) {
    const { text } = generated;
    gc();
    const heapBefore = heapUsedMB();
    const cpuBefore = process.cpuUsage();
    const { phases, gcByPhase, result } = await measureCheck(freshServices().services, text, `file:///bench/many-${generated.playbooks}.playbook`);
    const cpu = process.cpuUsage(cpuBefore);
    const clean = assertClean(result, `The generated file of ${generated.playbooks} playbooks`);
    const heapRetainedMB = heapUsedMB() - heapBefore;
    const facts = factsOf(result.document);
    if (facts.playbooks.length !== generated.playbooks || facts.deals.length !== generated.deals) {
        throw new BenchmarkInvalid(`Expected ${generated.playbooks} playbooks and ${generated.deals} deals, found ${facts.playbooks.length} and ${facts.deals.length}.`);
    }
    const json = JSON.stringify(facts);
    const parses = [];
    for (let i = 0; i < 5; i++) {
        const start = now();
        JSON.parse(json);
        parses.push(now() - start);
    }
    return {
        clean,
        factsJson: json,
        ms: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, round(v, 1)])),
        withoutGcMs: round(phases.total - gcByPhase.total, 1),
        // CPU time of this process during the check: what a busy machine inflates least.
        cpuMs: round((cpu.user + cpu.system) / 1000, 1),
        heapRetainedMB: round(heapRetainedMB),
        // The best of five: the floor is what the work takes when nothing gets in the way.
        jsonParseMs: round(Math.min(...parses), 2),
        jsonBytes: json.length
    };
}

/** `playbook check` on the file alone in a directory, against node reading the facts as JSON: whole processes, one run each. */
function measureCli(generated, factsJson) {
    const dir = fileURLToPath(new URL(`./results/tmp/many-${generated.playbooks}/`, import.meta.url));
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const file = `${dir}many.playbook`;
    const factsFile = `${dir}../many-${generated.playbooks}.json`;
    writeFileSync(file, generated.text);
    writeFileSync(factsFile, factsJson);
    const run = args => {
        const start = now();
        const child = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
        return { ms: now() - start, status: child.status, signal: child.signal, output: `${child.stdout}${child.stderr}` };
    };
    const floor = run(['-e', `JSON.parse(require('node:fs').readFileSync(${JSON.stringify(factsFile)}, 'utf8'))`]);
    const check = run([CLI, 'check', file]);
    rmSync(dir, { recursive: true, force: true });
    rmSync(factsFile, { force: true });
    if (check.status !== 0) {
        throw new BenchmarkInvalid(`playbook check on the file of ${generated.playbooks} playbooks exited with ${check.status ?? check.signal}: ${check.output.slice(0, 800)}`);
    }
    return { checkMs: round(check.ms, 1), nodeJsonMs: round(floor.ms, 1) };
}

/** CPU time (user + system) of a process in ms, from /proc; undefined where there is none. */
function cpuMsOf(pid) {
    try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return (Number(fields[11]) + Number(fields[12])) * 10;   // clock ticks of 10 ms
    } catch {
        return undefined;
    }
}

/** The language server: open the file, then one keystroke in a title half-way down. */
async function measureServer(generated) {
    const server = spawn(process.execPath, [`${root}${SERVER}`, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    server.stderr.on('data', chunk => { stderr += chunk; });
    const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
    const uri = 'file:///bench/many.playbook';
    let waiting;
    connection.onNotification('textDocument/publishDiagnostics', params => { if (params.uri === uri) waiting?.(params); });
    connection.onRequest(() => null);
    connection.onNotification(() => {});
    connection.listen();
    const nextDiagnostics = (timeoutMs = 600_000) => new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new BenchmarkInvalid(`no diagnostics from the language server within ${timeoutMs} ms; its stderr: ${stderr.slice(0, 500)}`)), timeoutMs);
        waiting = params => { clearTimeout(timer); waiting = undefined; resolve(params); };
    });
    const step = async send => {
        const cpuBefore = cpuMsOf(server.pid);
        const start = now();
        const answer = nextDiagnostics();
        send();
        const { diagnostics } = await answer;
        const cpuAfter = cpuMsOf(server.pid);
        const errors = diagnostics.filter(d => (d.severity ?? 1) === 1);
        if (errors.length > 0) throw new BenchmarkInvalid(`the language server reports ${errors.length} error(s) on the generated file: ${errors[0].message}`);
        return { ms: round(now() - start, 1), cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore };
    };
    try {
        await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: {} });
        connection.sendNotification('initialized', {});
        const open = await step(() => connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'playbook', version: 1, text: generated.text } }));
        const lines = generated.text.split('\n');
        const line = lines.findIndex((l, i) => i > lines.length / 2 && l.startsWith('  title "'));
        const keystroke = await step(() => connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version: 2 },
            contentChanges: [{ range: { start: { line, character: 9 }, end: { line, character: 9 } }, text: 'x' }]
        }));
        return { open, keystroke };
    } finally {
        connection.dispose();
        server.kill();
    }
}

export async function main() {
    const counts = sizes();
    const serverMax = envInt('BENCH_MANY_SERVER_MAX', 4000);
    const withCli = existsSync(`${root}${CLI}`);
    const withServer = existsSync(`${root}${SERVER}`) && existsSync(`${root}packages/language/dist/language-server.cjs`);
    // Warm the code on the smallest size, so that the first size measured is not the only cold one.
    log(`many-playbooks: warming up on ${Math.min(counts[0], 500)} playbooks`);
    await measureCore(generateManyPlaybooks(Math.min(counts[0], 500)));
    const rows = [];
    for (const count of counts) {
        const generated = generateManyPlaybooks(count);
        log(`many-playbooks: ${count.toLocaleString('en')} playbooks, ${(generated.text.length / 1048576).toFixed(1)} MB, ${generated.declarations.toLocaleString('en')} declarations`);
        const core = await measureCore(generated);
        const cli = withCli ? measureCli(generated, core.factsJson) : undefined;
        const server = withServer && count <= serverMax ? await measureServer(generated) : undefined;
        const perDeclarationUs = ms => round((ms * 1000) / generated.declarations, 2);
        rows.push({
            playbooks: count,
            declarations: generated.declarations,
            events: generated.events,
            bytes: generated.text.length,
            lines: generated.lines,
            warnings: core.clean.warnings,
            core: { ...core.ms, withoutGc: core.withoutGcMs, cpu: core.cpuMs },
            coreUsPerDeclaration: perDeclarationUs(core.ms.total),
            coreUsPerDeclarationWithoutGc: perDeclarationUs(core.withoutGcMs),
            coreCpuUsPerDeclaration: perDeclarationUs(core.cpuMs),
            jsonParse: { ms: core.jsonParseMs, bytes: core.jsonBytes, usPerDeclaration: perDeclarationUs(core.jsonParseMs) },
            coreVsJsonParse: round(core.ms.total / core.jsonParseMs, 1),
            heapRetainedMB: core.heapRetainedMB,
            heapBytesPerSourceByte: round((core.heapRetainedMB * 1048576) / generated.text.length, 0),
            ...(cli ? { cli: { ...cli, usPerDeclaration: perDeclarationUs(cli.checkMs), ratio: round(cli.checkMs / cli.nodeJsonMs, 1) } } : {}),
            ...(server ? { server: { ...server, openUsPerDeclaration: perDeclarationUs(server.open.cpuMs ?? server.open.ms) } } : {})
        });
        log(`many-playbooks: core ${core.ms.total.toFixed(0)} ms (${perDeclarationUs(core.ms.total)} µs per declaration)${cli ? `, CLI ${cli.checkMs.toFixed(0)} ms` : ''}${server ? `, server open ${server.open.ms.toFixed(0)} ms, keystroke ${server.keystroke.ms.toFixed(0)} ms` : ''}`);
        gc();
    }
    const first = rows[0];
    const last = rows[rows.length - 1];
    const growth = key => round(key(last) / key(first), 2);
    return {
        name: 'many-playbooks',
        sizes: counts,
        rows,
        // Time per declaration at the largest size ÷ at the smallest: 1 is linear, 4 would be quadratic over a 4x step.
        growth: {
            sizeRatio: round(last.declarations / first.declarations, 1),
            corePerDeclaration: growth(r => r.coreUsPerDeclaration),
            corePerDeclarationWithoutGc: growth(r => r.coreUsPerDeclarationWithoutGc),
            coreCpuPerDeclaration: growth(r => r.coreCpuUsPerDeclaration),
            jsonParsePerDeclaration: growth(r => r.jsonParse.usPerDeclaration),
            ...(first.cli && last.cli ? { cliPerDeclaration: growth(r => r.cli.usPerDeclaration) } : {}),
            ...(serverGrowth(rows))
        },
        ...(withCli ? {} : { cliSkipped: `${CLI} is not built` }),
        ...(withServer ? {} : { serverSkipped: 'the language server is not built' })
    };
}

function serverGrowth(rows) {
    const withServer = rows.filter(r => r.server);
    if (withServer.length < 2) return {};
    const [a, b] = [withServer[0], withServer[withServer.length - 1]];
    return { serverSizes: [a.playbooks, b.playbooks], serverOpenPerDeclaration: round(b.server.openUsPerDeclaration / a.server.openUsPerDeclaration, 2) };
}

await runAsScript(import.meta.url, main);
