/**
 * Benchmark 4: the editor's keystroke path end to end (PRODUCT.md: "the editor publishes
 * diagnostics within 50 ms of a keystroke on a 5,000-line file").
 *
 * Starts the bundled language server (packages/language/bin/playbook-language-server.cjs,
 * over stdio, as an editor does), opens a generated 5,000-line playbook, then types one
 * character at a time, as incremental `didChange` notifications, waiting for each
 * `publishDiagnostics` of the file before the next keystroke: first into a title (no token
 * changes its kind: the common case of typing inside a name, a string or a number), then a
 * whole new task line half-way down (new tokens and passing syntax errors: most of these
 * keystrokes parse the whole file), then a new stage. Of each kind of line the session's
 * first, written further down, is reported apart: it also pays for V8 compiling that path's
 * code, once a session; the figures that count are the second's. The time from sending
 * the change to receiving the diagnostics includes the JSON-RPC transport, the server's
 * scheduling, re-parsing, linking and validating the whole file, and serialising the
 * diagnostics.
 *
 * Then: completion latency at a `requires` of the same file (BENCH_COMPLETIONS requests), and the
 * server's resident memory with BENCH_WORKSPACE_FILES example-sized files open.
 *
 * Skips, with a note, when the server is not built. Env: BENCH_EDIT_LINES (5000),
 * BENCH_KEYSTROKES (50), BENCH_COMPLETIONS (50), BENCH_WORKSPACE_FILES (1000), and
 * BENCH_SERVER_NODE_ARGS for the edited file's server, e.g. to profile it:
 * `BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=bench/results" node bench/lsp-keystroke.mjs`,
 * then `node bench/profile.mjs file bench/results/CPU.….cpuprofile`.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { generatePlaybook } from './generate-playbook.mjs';
import { BenchmarkInvalid, envInt, log, median, now, percentile, round, runAsScript } from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const SERVER = 'packages/language/bin/playbook-language-server.cjs';
const BUNDLE = 'packages/language/dist/language-server.cjs';

export async function main() {
    if (!existsSync(`${root}${SERVER}`) || !existsSync(`${root}${BUNDLE}`)) {
        log(`lsp: skipped, ${BUNDLE} is not built (npm run build)`);
        return { name: 'lsp', skipped: `${BUNDLE} does not exist yet; run \`npm run build\` and then \`npm run bench\`.` };
    }
    const lines = envInt('BENCH_EDIT_LINES', 5000);
    const keystrokes = envInt('BENCH_KEYSTROKES', 50);
    const completions = envInt('BENCH_COMPLETIONS', 50);
    const workspaceFiles = envInt('BENCH_WORKSPACE_FILES', 1000);
    const generated = generatePlaybook(lines);
    const text = generated.text;
    const lineCount = text.split('\n').length;
    // Type into the playbook's title: line and column just before its closing quote.
    const titleLine = text.split('\n').findIndex(l => l.startsWith('  title "'));
    const titleEnd = text.split('\n')[titleLine].lastIndexOf('"');
    log(`lsp: ${lineCount} lines, ${keystrokes} keystrokes through the language server over stdio`);

    const spawnedAt = now();
    const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const server = spawn(process.execPath, [...nodeArgs, `${root}${SERVER}`, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    server.stderr.on('data', chunk => { stderr += chunk; });
    const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
    const uri = 'file:///bench/keystrokes.playbook';
    let waiting;
    const published = [];
    connection.onNotification('textDocument/publishDiagnostics', params => {
        if (params.uri !== uri) return;
        published.push(params);
        waiting?.(params);
    });
    connection.onRequest(() => null);          // workspace/configuration, registrations…
    connection.onNotification(() => {});       // window/logMessage…
    connection.listen();
    const nextDiagnostics = (timeoutMs = 30000) => new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new BenchmarkInvalid(`no diagnostics from the language server within ${timeoutMs} ms${stderr ? `; its stderr: ${stderr.slice(0, 500)}` : ''}`)), timeoutMs);
        waiting = params => { clearTimeout(timer); waiting = undefined; resolve(params); };
    });

    try {
        await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: {} });
        const initializedMs = now() - spawnedAt;
        connection.sendNotification('initialized', {});

        let version = 1;
        const opened = now();
        const first = nextDiagnostics();
        connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'playbook', version, text } });
        const openDiagnostics = await first;
        const openMs = now() - opened;
        const errors = openDiagnostics.diagnostics.filter(d => (d.severity ?? 1) === 1);
        if (errors.length > 0) {
            throw new BenchmarkInvalid(`the generated ${lineCount}-line playbook has ${errors.length} error(s) in the language server: ${errors.slice(0, 3).map(d => d.message).join(' | ')}`);
        }

        /**
         * Types `typed` one character at a time from (line, character), as incremental
         * `didChange` notifications, waiting for each answer; returns the times without the
         * first keystroke (it warms the edit path) and the last diagnostics.
         */
        const type = async (line, character, typed, { allowErrors, autoClose = false }) => {
            const times = [];
            const cpuTimes = [];                                     // the server's CPU time per keystroke (its threads' run time)
            let cpuAtSend;
            const cpuBefore = cpuMsOf(server.pid);
            const closers = [];                                      // what the editor inserted ahead of the cursor
            let last;
            for (let k = 0; k < typed.length; k++) {
                const typedCharacter = typed[k];
                // With autoClose, as VS Code does with this language's configuration: `{` and
                // `"` insert their closing character too, and typing that character then
                // steps over it (no change is sent).
                if (autoClose && closers.length > 0 && typedCharacter === closers[closers.length - 1]) {
                    closers.pop();
                    character++;
                    continue;
                }
                let inserted = typedCharacter;
                if (autoClose && (typedCharacter === '{' || typedCharacter === '"')) {
                    const closer = typedCharacter === '{' ? '}' : '"';
                    inserted += closer;
                    closers.push(closer);
                }
                await new Promise(resolve => setTimeout(resolve, 20));   // a typist's pause; lets the server settle
                version++;
                const change = { range: { start: { line, character }, end: { line, character } }, text: inserted };
                if (typedCharacter === '\n') { line++; character = 0; } else { character++; }
                const answer = nextDiagnostics();
                // From one keystroke to the next: the work after a keystroke's diagnostics (in the typist's pause) counts as its own.
                const cpuNow = runTimeMsOf(server.pid);
                if (cpuAtSend !== undefined && cpuNow !== undefined && k > 1) cpuTimes.push(cpuNow - cpuAtSend);
                cpuAtSend = cpuNow;
                const sent = now();
                connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
                last = await answer;
                const ms = now() - sent;
                if (k > 0) times.push(ms);
                if (!allowErrors && last.diagnostics.some(d => (d.severity ?? 1) === 1)) {
                    throw new BenchmarkInvalid(`typing produced an error: ${last.diagnostics.find(d => (d.severity ?? 1) === 1).message}`);
                }
            }
            await new Promise(resolve => setTimeout(resolve, 20));      // the last keystroke's pause
            const cpuEnd = runTimeMsOf(server.pid);
            if (cpuAtSend !== undefined && cpuEnd !== undefined) cpuTimes.push(cpuEnd - cpuAtSend);
            const cpuAfter = cpuMsOf(server.pid);
            // The server's CPU time over all the keystrokes, its pauses included (what the server did meanwhile counts).
            const cpuMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / (times.length + 1);
            return { times, last, cpuMs, cpuTimes };
        };

        // 1. Typing inside a string (the playbook's title): no token changes its kind.
        const { times, cpuMs: cpuPerKeystrokeMs, cpuTimes: titleCpuTimes } = await type(titleLine, titleEnd, 'x'.repeat(keystrokes + 1), { allowErrors: false });

        // The text as typed so far (the cases below find their places in it).
        const current = text.split('\n');
        const applyTyped = (line, character, typed) => {
            const parts = typed.split('\n');
            const head = current[line].slice(0, character);
            const tail = current[line].slice(character);
            parts[0] = head + parts[0];
            parts[parts.length - 1] += tail;
            current.splice(line, 1, ...parts);
        };
        const taskLineAfter = fraction => current.findIndex((l, i) => i > current.length * fraction && /^\s+task /.test(l));
        const stageEndAfter = fraction => current.findIndex((l, i) => i > current.length * fraction && l === '  }' && /^\s*$/.test(current[i + 1] ?? '') && /^  stage /.test(current[i + 2] ?? ''));

        /** Types `typed` at (line, character), requires no error once it is complete, and keeps `current` up to date. */
        const write = async (line, character, typed, what, options) => {
            const result = await type(line, character, typed, { allowErrors: true, ...options });
            const errors = result.last.diagnostics.filter(d => (d.severity ?? 1) === 1);
            if (errors.length > 0) throw new BenchmarkInvalid(`the completed ${what} has an error: ${errors[0].message}`);
            applyTyped(line, character, typed);
            return { ...result, keystrokes: typed.length };
        };

        // 2. Writing a new task line in a stage half-way down: new tokens, and syntax errors
        //    until the line is complete, so most keystrokes parse the whole file. The first
        //    line written in a session (here further down, reported apart) also pays for V8
        //    compiling the code of this path, once: the measured line is the second.
        const writeTaskLine = (fraction, name) => {
            const line = taskLineAfter(fraction);
            return write(line, current[line].length, `\n    task ${name} "Extra task" owner "Sales"`, 'task line');
        };
        const firstLine = await writeTaskLine(0.7, 'FirstExtra');
        const writing = await writeTaskLine(0.5, 'Extra');
        const newLineTimes = writing.times;
        log(`lsp: writing a new task line (${writing.keystrokes - 1} keystrokes) → diagnostics median ${median(newLineTimes).toFixed(0)} ms, p95 ${percentile(newLineTimes, 95).toFixed(0)} ms (the session's first line: median ${median(firstLine.times).toFixed(0)} ms, p95 ${percentile(firstLine.times, 95).toFixed(0)} ms)`);

        // 3. Writing a new (optional) stage between two stages further down, braces and quotes
        //    closed by the editor as VS Code does: a new member of the playbook, with syntax
        //    errors until its first keywords are complete. Again the second of the session.
        const writeStage = (fraction, name) => write(stageEndAfter(fraction), 3,
            `\n  optional stage ${name} "Extra stage" { task ${name}Task owner "Sales" }`, 'stage', { autoClose: true });
        const firstStage = await writeStage(0.72, 'FirstExtra');
        const adding = await writeStage(0.6, 'Extra');
        const newStageTimes = adding.times;
        log(`lsp: writing a new stage (${adding.keystrokes - 1} keystrokes) → diagnostics median ${median(newStageTimes).toFixed(0)} ms, p95 ${percentile(newStageTimes, 95).toFixed(0)} ms (the session's first: median ${median(firstStage.times).toFixed(0)} ms, p95 ${percentile(firstStage.times, 95).toFixed(0)} ms)`);
        log(`lsp: open ${openMs.toFixed(0)} ms, keystroke → diagnostics median ${median(times).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms, server CPU ${cpuPerKeystrokeMs?.toFixed(1)} ms a keystroke`);

        // Completion at a `requires` (the list is computed from the stage order): a gate's
        // requires line of the generated file, the cursor at its end.
        const requiresLine = current.findIndex((l, i) => i > current.length / 2 && /^\s+requires \S/.test(l));
        const requiresColumn = current[requiresLine].indexOf('requires ') + 'requires '.length;
        const completionTimes = [];
        let completionItems = 0;
        for (let k = 0; k <= completions; k++) {
            const sent = now();
            const list = await connection.sendRequest('textDocument/completion', {
                textDocument: { uri }, position: { line: requiresLine, character: requiresColumn }
            });
            const ms = now() - sent;
            if (k > 0) completionTimes.push(ms);
            completionItems = (Array.isArray(list) ? list : list?.items ?? []).length;
        }
        if (completionItems === 0) {
            throw new BenchmarkInvalid(`completion at line ${requiresLine + 1} (a requires) offered nothing`);
        }
        log(`lsp: completion at a requires median ${median(completionTimes).toFixed(1)} ms, p95 ${percentile(completionTimes, 95).toFixed(1)} ms (${completionItems} items)`);

        // Memory with a workspace of example-sized files, all open, in a server of its own.
        const { openAllMs, rssBefore, rssAfter } = await workspaceMemory(workspaceFiles);
        log(`lsp: ${workspaceFiles} example-sized files open in ${(openAllMs / 1000).toFixed(1)} s, server resident memory ${rssAfter} MB (${rssBefore} MB before)`);
        return {
            name: 'lsp',
            input: { lines: lineCount, bytes: text.length, keystrokes },
            serverStartMs: round(initializedMs, 1),
            openToDiagnosticsMs: round(openMs, 1),
            completionAtRequires: {
                medianMs: round(median(completionTimes), 1),
                p95Ms: round(percentile(completionTimes, 95), 1),
                items: completionItems,
                targetP95Ms: 30
            },
            workspace: { files: workspaceFiles, openAllMs: round(openAllMs, 0), residentMbBefore: rssBefore, residentMbAfter: rssAfter },
            keystrokeWritingFirstLine: typingFigures(firstLine),
            keystrokeWritingFirstStage: typingFigures(firstStage),
            keystrokeWritingNewLine: typingFigures(writing),
            keystrokeWritingNewStage: typingFigures(adding),
            keystroke: {
                p95Ms: round(percentile(times, 95), 1),
                serverCpuMs: cpuPerKeystrokeMs === undefined ? undefined : round(cpuPerKeystrokeMs, 1),
                ...cpuPercentiles(titleCpuTimes),
                targetP95Ms: 30,
                medianMs: round(median(times), 1),
                p90Ms: round(percentile(times, 90), 1),
                minMs: round(Math.min(...times), 1),
                maxMs: round(Math.max(...times), 1)
            },
            publishedDiagnostics: published.length
        };
    } finally {
        try {
            await Promise.race([connection.sendRequest('shutdown'), new Promise(resolve => setTimeout(resolve, 2000))]);
            connection.sendNotification('exit');
        } catch {
            // the server may be gone already
        }
        connection.dispose();
        setTimeout(() => server.kill(), 500).unref();
    }
}

/**
 * The run time of all of a process's threads so far, in ms (the scheduler's figure in
 * nanoseconds, from /proc: precise enough for one keystroke, which the clock ticks of
 * user + system time are not); undefined where there is none.
 */
function runTimeMsOf(pid) {
    try {
        let ns = 0;
        for (const thread of readdirSync(`/proc/${pid}/task`)) {
            try {
                ns += Number(readFileSync(`/proc/${pid}/task/${thread}/schedstat`, 'utf8').split(' ')[0]);
            } catch {
                // the thread ended meanwhile
            }
        }
        return ns / 1e6;
    } catch {
        return undefined;
    }
}

/** The figures of one typing case: the time to its diagnostics and the server's CPU time, per keystroke. */
function typingFigures({ times, cpuMs, cpuTimes }) {
    return {
        keystrokes: times.length,
        serverCpuMs: cpuMs === undefined ? undefined : round(cpuMs, 1),
        ...cpuPercentiles(cpuTimes),
        medianMs: round(median(times), 1),
        p95Ms: round(percentile(times, 95), 1),
        maxMs: round(Math.max(...times), 1)
    };
}

/** Median and 95th percentile of the server's CPU time per keystroke. */
function cpuPercentiles(cpuTimes) {
    return cpuTimes.length === 0 ? {} : { serverCpuMedianMs: round(median(cpuTimes), 1), serverCpuP95Ms: round(percentile(cpuTimes, 95), 1) };
}

/** CPU time (user + system) of a process so far, in ms, from /proc (undefined where there is none). */
function cpuMsOf(pid) {
    try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;   // utime, stime in clock ticks (100 a second on Linux)
    } catch {
        return undefined;
    }
}

/**
 * Starts a fresh server, measures its resident memory, opens `files` copies of an example
 * (each playbook renamed, so that names stay unique), waits until every one is checked and
 * measures again.
 */
async function workspaceMemory(files) {
    const server = spawn(process.execPath, ['--expose-gc', `${root}${SERVER}`, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
    const checked = new Set();
    let onChecked;
    connection.onNotification('textDocument/publishDiagnostics', params => { checked.add(params.uri); onChecked?.(); });
    connection.onRequest(() => null);
    connection.onNotification(() => {});
    connection.listen();
    try {
        await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: {} });
        connection.sendNotification('initialized', {});
        await new Promise(resolve => setTimeout(resolve, 300));
        const rssBefore = residentMegabytes(server.pid);
        const example = readFileSync(`${root}examples/big-account.playbook`, 'utf8');
        const opening = now();
        for (let f = 0; f < files; f++) {
            const renamed = example.replace(/\bplaybook BigAccount\b/, `playbook BigAccount${f}`);
            connection.sendNotification('textDocument/didOpen', { textDocument: { uri: `file:///bench/workspace/file-${f}.playbook`, languageId: 'playbook', version: 1, text: renamed } });
        }
        await new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new BenchmarkInvalid(`only ${checked.size} of ${files} files were checked within 120 s`)), 120_000);
            onChecked = () => { if (checked.size >= files) { clearTimeout(timer); resolve(); } };
            onChecked();
        });
        const openAllMs = now() - opening;
        await new Promise(resolve => setTimeout(resolve, 500));
        return { openAllMs, rssBefore, rssAfter: residentMegabytes(server.pid) };
    } finally {
        connection.dispose();
        server.kill();
    }
}

/** The resident set of a process in MB, from /proc (Linux); undefined elsewhere. */
function residentMegabytes(pid) {
    try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
        return Number.isFinite(kb) ? Math.round(kb / 1024) : undefined;
    } catch {
        return undefined;
    }
}

await runAsScript(import.meta.url, main);
