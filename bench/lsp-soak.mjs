/**
 * Benchmark 6: a long typing session through the language server (PRODUCT.md: diagnostics
 * within the target "however long the session"; the server must never die). The server's
 * memory must stay within a flat band: a server that keeps something of every keystroke
 * grows by megabytes a minute on a 5,000-line file and is killed by its heap limit within
 * the hour.
 *
 * Starts the bundled language server over stdio as an editor does, with a 512 MB heap
 * (`--max-old-space-size`, so that a leak ends the run as it would end an author's session)
 * and a small probe preloaded (server-memory-probe.cjs) that reports its memory on a signal.
 * Opens a generated 5,000-line playbook and types into it for a simulated session, one
 * character at a time as incremental `didChange` notifications, waiting for each
 * keystroke's diagnostics after a typist's pause. The author's activities, in turn and
 * spread over the whole file, each leave the text as it found it:
 * - writing a task line into a stage (syntax errors until it is complete), deleting it with
 *   backspace, then rewording every task title of that stage (a minute and a half of typing
 *   inside strings);
 * - a task renamed and renamed back (its uses unresolved in between);
 * - blank lines opened inside a stage and closed;
 * - a word typed quickly into the playbook's title (changes sent without waiting, so that
 *   the server abandons checks half-way), then deleted;
 * - an unclosed string (a lexer error to the end of the line), then closed and deleted;
 * - a condition made longer (` or (2 > 1)`: errors on the way) and shortened again;
 * - an event line written into a deal and deleted;
 * - writing a new stage with braces and quotes closed by the editor, then deleting it in
 *   one change (a selection deleted);
 * - a stage pasted (a duplicate, with its errors) and the paste undone.
 * A round of them is some 460 keystrokes, three simulated minutes. After each activity the
 * editor's usual requests follow (hover, completion, inlay hints, semantic tokens, code
 * lenses, outline, folding; once a round the whole file's semantic tokens and the references
 * of a name, which builds the reference index).
 *
 * About once per simulated minute, after an activity (so the text is the opened one), it
 * records the server's resident memory and heap as they are, then the heap still used after
 * a full garbage collection, and the keystroke → diagnostics times of that minute. The
 * figures are reported beside the starting ones (just after the file was opened).
 *
 * Env: BENCH_SOAK_MINUTES (8; `--hour` or BENCH_SOAK_MINUTES=60 for the full hour),
 * BENCH_SOAK_RATE (150 keystrokes per simulated minute: a steady typist at 30 words a
 * minute without breaks, so an hour is 9,000 keystrokes), BENCH_EDIT_LINES (5000),
 * BENCH_SOAK_HEAP_MB (512), BENCH_SOAK_PAUSE_MS (20: the pause before each keystroke, the
 * time compression), BENCH_SERVER_NODE_ARGS (more flags for the server's Node).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { generatePlaybook } from './generate-playbook.mjs';
import { BenchmarkInvalid, envInt, log, median, now, percentile, round, runAsScript } from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const SERVER = 'packages/language/bin/playbook-language-server.cjs';
const BUNDLE = 'packages/language/dist/language-server.cjs';
const PROBE = fileURLToPath(new URL('./server-memory-probe.cjs', import.meta.url));
const MARKER = '@@server-memory@@';
const MB = 1024 * 1024;

export async function main() {
    if (!existsSync(`${root}${SERVER}`) || !existsSync(`${root}${BUNDLE}`)) {
        log(`soak: skipped, ${BUNDLE} is not built (npm run build)`);
        return { name: 'soak', skipped: `${BUNDLE} does not exist yet; run \`npm run build\` and then \`npm run bench\`.` };
    }
    if (process.platform === 'win32') {
        return { name: 'soak', skipped: 'the memory probe is signalled with SIGUSR2, which Windows does not have.' };
    }
    const minutes = process.argv.includes('--hour') ? 60 : envInt('BENCH_SOAK_MINUTES', 8);
    const rate = envInt('BENCH_SOAK_RATE', 150);
    const lines = envInt('BENCH_EDIT_LINES', 5000);
    const heapLimitMB = envInt('BENCH_SOAK_HEAP_MB', 512);
    const pauseMs = process.env.BENCH_SOAK_PAUSE_MS === '0' ? 0 : envInt('BENCH_SOAK_PAUSE_MS', 20);
    const budget = minutes * rate;
    const original = generatePlaybook(lines).text;
    log(`soak: ${original.split('\n').length} lines, ${budget.toLocaleString('en')} keystrokes (${minutes} simulated minute(s) at ${rate} a minute) through the language server, heap limit ${heapLimitMB} MB`);

    const server = new Server(heapLimitMB);
    const session = new Session(server, original, pauseMs);
    try {
        await server.initialize();
        await session.open();
        const errors = session.errors();
        if (errors.length > 0) {
            throw new BenchmarkInvalid(`the generated playbook has ${errors.length} error(s) in the language server: ${errors.slice(0, 3).map(d => d.message).join(' | ')}`);
        }
        const start = await server.memory();
        const samples = [{ minute: 0, keystrokes: 0, ...start }];
        log(`soak: opened; heap ${start.heapUsedMB} MB (${start.retainedHeapMB} MB after a full collection), resident ${start.rssMB} MB`);

        const activities = activitiesFor(original);
        let windowTimes = [];
        let nextSample = rate;
        for (let k = 0; session.keystrokes < budget; k++) {
            const from = session.times.length;
            const at = await activities[k % activities.length](session, Math.floor(k / activities.length));
            windowTimes.push(...session.times.slice(from));
            if (session.text !== original) throw new BenchmarkInvalid(`activity ${k % activities.length} did not leave the text as it found it`);
            await session.editorRequests(at, k % activities.length === 0);
            if (session.keystrokes >= nextSample || session.keystrokes >= budget) {
                const memory = await server.memory();
                const sample = {
                    minute: round(session.keystrokes / rate, 1), keystrokes: session.keystrokes, ...memory,
                    keystroke: windowTimes.length > 0 ? { medianMs: round(median(windowTimes), 1), p95Ms: round(percentile(windowTimes, 95), 1) } : undefined
                };
                samples.push(sample);
                windowTimes = [];
                log(`soak: minute ${sample.minute}, ${sample.keystrokes} keystrokes: heap ${sample.heapUsedMB} MB (${sample.retainedHeapMB} MB after a full collection), resident ${sample.rssMB} MB; keystroke → diagnostics median ${sample.keystroke?.medianMs} ms, p95 ${sample.keystroke?.p95Ms} ms`);
                while (nextSample <= session.keystrokes) nextSample += rate;
            }
        }
        const finalErrors = session.errors();
        if (finalErrors.length > 0) throw new BenchmarkInvalid(`after the session the unchanged text has an error: ${finalErrors[0].message}`);
        if (session.withErrors === 0) throw new BenchmarkInvalid('no keystroke of the session produced a syntax error: the detours did not happen');

        const warm = samples.find(s => s.minute >= 1) ?? samples[samples.length - 1];
        const end = samples[samples.length - 1];
        const afterWarm = samples.filter(s => s.minute >= warm.minute);
        const retained = afterWarm.map(s => s.retainedHeapMB);
        const result = {
            name: 'soak',
            input: { lines: original.split('\n').length, bytes: original.length, simulatedMinutes: minutes, keystrokesPerMinute: rate, heapLimitMB, pauseMs },
            keystrokes: session.keystrokes,
            changes: session.changes,
            keystrokesWithSyntaxErrors: session.withErrors,
            burstKeystrokes: session.burst,
            editorRequests: session.requests,
            editorRequestErrors: session.requestErrors,
            wallSeconds: round((now() - session.openedAt) / 1000, 1),
            start: pick(start),
            warm: { minute: warm.minute, ...pick(warm) },
            end: { minute: end.minute, ...pick(end) },
            peak: {
                retainedHeapMB: Math.max(...samples.map(s => s.retainedHeapMB)),
                heapUsedMB: Math.max(...samples.map(s => s.heapUsedMB)),
                rssMB: Math.max(...samples.map(s => s.rssMB))
            },
            // After the first minute (caches filled, code compiled): the band the heap stays in,
            // and its trend in MB per simulated hour (least squares over the samples; none from
            // fewer than five, which a few MB of noise would turn into a steep line).
            retainedHeapBandMB: { min: Math.min(...retained), max: Math.max(...retained) },
            retainedHeapTrendMBPerHour: afterWarm.length >= 5 ? round(slope(afterWarm.map(s => s.minute / 60), retained), 1) : null,
            retainedHeapGrowthMB: round(end.retainedHeapMB - warm.retainedHeapMB, 1),
            retainedHeapAboveStartMB: round(Math.max(...samples.map(s => s.retainedHeapMB)) - start.retainedHeapMB, 1),
            keystrokeFirstMinute: samples[1]?.keystroke,
            keystrokeLastMinute: end.keystroke,
            samples
        };
        log(`soak: ${session.keystrokes} keystrokes in ${result.wallSeconds} s; heap after a full collection ${start.retainedHeapMB} MB at the start, ${warm.retainedHeapMB} MB after a minute, ${end.retainedHeapMB} MB at the end (band ${result.retainedHeapBandMB.min}–${result.retainedHeapBandMB.max} MB${result.retainedHeapTrendMBPerHour === null ? '' : `, trend ${result.retainedHeapTrendMBPerHour} MB an hour`}); resident ${start.rssMB} → ${end.rssMB} MB (peak ${result.peak.rssMB} MB)`);
        return result;
    } finally {
        await server.stop();
    }
}

const pick = sample => ({ heapUsedMB: sample.heapUsedMB, retainedHeapMB: sample.retainedHeapMB, rssMB: sample.rssMB });

/** Least-squares slope of y over x. */
function slope(xs, ys) {
    if (xs.length < 2) return 0;
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length, my = ys.reduce((a, b) => a + b, 0) / ys.length;
    let num = 0, den = 0;
    for (let i = 0; i < xs.length; i++) { num += (xs[i] - mx) * (ys[i] - my); den += (xs[i] - mx) ** 2; }
    return den === 0 ? 0 : num / den;
}

/** The language server process, its connection, its diagnostics and its memory probe. */
class Server {
    constructor(heapLimitMB) {
        const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
        this.process = spawn(process.execPath, ['--expose-gc', `--max-old-space-size=${heapLimitMB}`, '-r', PROBE, ...nodeArgs, `${root}${SERVER}`, '--stdio'],
            { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
        this.stderr = '';
        this.pending = new Set();                // rejecters of everything waiting on the server
        let buffered = '';
        this.process.stderr.on('data', chunk => {
            buffered += chunk;
            for (let newline = buffered.indexOf('\n'); newline >= 0; newline = buffered.indexOf('\n')) {
                const line = buffered.slice(0, newline);
                buffered = buffered.slice(newline + 1);
                if (line.startsWith(MARKER)) this.onMemory?.(JSON.parse(line.slice(MARKER.length)));
                else this.stderr = `${this.stderr}${line}\n`.slice(-4000);
            }
        });
        this.process.on('exit', (code, signal) => {
            this.exited = true;
            const error = new BenchmarkInvalid(`the language server died (${signal ?? `exit ${code}`})${this.stderr ? `; its stderr ends: ${this.stderr.slice(-1500)}` : ''}`);
            for (const reject of this.pending) reject(error);
        });
        this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
        this.connection.onNotification('textDocument/publishDiagnostics', params => this.onDiagnostics?.(params));
        this.connection.onRequest(() => null);          // workspace/configuration, registrations…
        this.connection.onNotification(() => {});       // window/logMessage…
        this.connection.listen();
    }

    async initialize() {
        await this.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: {} });
        this.connection.sendNotification('initialized', {});
    }

    /** Waits for `register(resolve)` to be called back, failing when the server dies or after `timeoutMs`. */
    wait(what, register, timeoutMs) {
        return new Promise((resolve, reject) => {
            if (this.exited) return reject(new BenchmarkInvalid(`the language server is gone (waiting for ${what})`));
            const fail = error => { clearTimeout(timer); this.pending.delete(fail); reject(error); };
            const timer = setTimeout(() => fail(new BenchmarkInvalid(`no ${what} from the language server within ${timeoutMs} ms${this.stderr ? `; its stderr: ${this.stderr.slice(-500)}` : ''}`)), timeoutMs);
            this.pending.add(fail);
            register(value => { clearTimeout(timer); this.pending.delete(fail); resolve(value); });
        });
    }

    /** The server's memory in MB: as it is, and the heap still used after a full collection. */
    async memory() {
        const reading = this.wait('memory reading', resolve => { this.onMemory = resolve; }, 60_000);
        this.process.kill('SIGUSR2');
        const m = await reading;
        this.onMemory = undefined;
        return { rssMB: round(m.rss / MB), heapUsedMB: round(m.heapUsed / MB), retainedHeapMB: round(m.retainedHeap / MB), rssAfterGcMB: round(m.rssAfterGc / MB) };
    }

    async stop() {
        if (!this.exited) {
            try {
                await Promise.race([this.connection.sendRequest('shutdown'), new Promise(resolve => setTimeout(resolve, 2000))]);
                this.connection.sendNotification('exit');
            } catch {
                // the server may be gone already
            }
        }
        this.connection.dispose();
        setTimeout(() => this.process.kill(), 500).unref();
    }
}

/** The edited document as the editor holds it: its text, the changes sent, the diagnostics received. */
class Session {
    constructor(server, text, pauseMs) {
        this.server = server;
        this.text = text;
        this.pauseMs = pauseMs;
        this.uri = 'file:///bench/soak.playbook';
        this.version = 1;
        this.keystrokes = 0;
        this.changes = 0;
        this.withErrors = 0;
        this.burst = 0;
        this.requests = 0;
        this.requestErrors = {};
        this.times = [];
        this.diagnostics = [];
        this.publishedCount = 0;
        server.onDiagnostics = params => {
            if (params.uri !== this.uri) return;
            this.diagnostics = params.diagnostics;
            this.publishedCount++;
            this.published?.(params);
        };
    }

    nextDiagnostics() {
        return this.server.wait('diagnostics', resolve => { this.published = params => { this.published = undefined; resolve(params); }; }, 60_000);
    }

    errors() {
        return this.diagnostics.filter(d => (d.severity ?? 1) === 1);
    }

    async open() {
        const first = this.nextDiagnostics();
        this.server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: this.uri, languageId: 'playbook', version: this.version, text: this.text } });
        await first;
        this.openedAt = now();
    }

    /** The LSP position of an offset of the current text. */
    position(offset) {
        let line = 0, lineStart = 0;
        for (let i = this.text.indexOf('\n'); i >= 0 && i < offset; i = this.text.indexOf('\n', i + 1)) {
            line++;
            lineStart = i + 1;
        }
        return { line, character: offset - lineStart };
    }

    /** Sends one change, [start, end) of the current text replaced by `inserted`; `wait`: for its diagnostics, timed. */
    async change(start, end, inserted, { wait = true, keystroke = true } = {}) {
        if (wait && this.pauseMs > 0) await new Promise(resolve => setTimeout(resolve, this.pauseMs));
        const range = { start: this.position(start), end: this.position(end) };
        this.text = this.text.slice(0, start) + inserted + this.text.slice(end);
        this.version++;
        this.changes++;
        if (keystroke) this.keystrokes++;
        const answer = wait ? this.nextDiagnostics() : undefined;
        const sent = now();
        this.server.connection.sendNotification('textDocument/didChange', { textDocument: { uri: this.uri, version: this.version }, contentChanges: [{ range, text: inserted }] });
        if (!answer) return;
        await answer;
        this.times.push(now() - sent);
        if (this.errors().length > 0) this.withErrors++;
    }

    /**
     * Types `typed` at `offset`; with `autoClose`, `{` and `"` bring their closing character,
     * which typing it later steps over (no change sent), as VS Code does with this
     * language's configuration. Returns the offset after the typed text.
     */
    async type(offset, typed, { autoClose = false } = {}) {
        const closers = [];
        for (const character of typed) {
            if (autoClose && closers.length > 0 && character === closers[closers.length - 1]) {
                closers.pop();
                offset++;
                continue;
            }
            let inserted = character;
            if (autoClose && (character === '{' || character === '"')) {
                const closer = character === '{' ? '}' : '"';
                inserted += closer;
                closers.push(closer);
            }
            await this.change(offset, offset, inserted);
            offset++;
        }
        return offset + closers.length;
    }

    /** Deletes `count` characters before `offset`, one backspace each. */
    async backspace(offset, count) {
        for (let k = 0; k < count; k++) await this.change(offset - k - 1, offset - k, '');
        return offset - count;
    }

    /**
     * What an editor asks for around an edit once the author pauses: hover, highlights,
     * completion, inlay hints and semantic tokens of the visible lines, code lenses, the
     * outline, folding; with `everything`, also the semantic tokens of the whole file and
     * the references of the name at `offset` (which builds the reference index). Answers
     * are not timed; errors are counted.
     */
    async editorRequests(offset, everything) {
        const textDocument = { uri: this.uri };
        const position = this.position(offset);
        const visible = { start: { line: Math.max(0, position.line - 30), character: 0 }, end: { line: position.line + 30, character: 0 } };
        const requests = [
            ['textDocument/hover', { textDocument, position }],
            ['textDocument/documentHighlight', { textDocument, position }],
            ['textDocument/completion', { textDocument, position }],
            ['textDocument/inlayHint', { textDocument, range: visible }],
            ['textDocument/semanticTokens/range', { textDocument, range: visible }],
            ['textDocument/codeLens', { textDocument }],
            ['textDocument/documentSymbol', { textDocument }],
            ['textDocument/foldingRange', { textDocument }],
            ...(everything ? [
                ['textDocument/semanticTokens/full', { textDocument }],
                ['textDocument/references', { textDocument, position, context: { includeDeclaration: true } }]
            ] : [])
        ];
        for (const [method, params] of requests) {
            try {
                const answer = await this.server.wait(`an answer to ${method}`, resolve => this.server.connection.sendRequest(method, params).then(resolve, error => resolve({ failed: error })), 60_000);
                if (answer?.failed) this.requestErrors[method] = (this.requestErrors[method] ?? 0) + 1;
                else this.requests++;
            } catch (error) {
                if (error instanceof BenchmarkInvalid) throw error;
                this.requestErrors[method] = (this.requestErrors[method] ?? 0) + 1;
            }
        }
    }

    /**
     * Types `typed` at `offset` without waiting between keystrokes (a fast typist: the server
     * abandons checks half-way), then waits until the diagnostics have settled.
     */
    async typeQuickly(offset, typed) {
        const before = this.publishedCount;
        for (const character of typed) {
            await this.change(offset, offset, character, { wait: false });
            offset++;
            this.burst++;
        }
        // Settled: diagnostics have come, and no more for a while (an abandoned check sends none).
        const waitedSince = now();
        let seen = before, quietSince = now();
        while (this.publishedCount === before || now() - quietSince < 300) {
            if (this.server.exited) throw new BenchmarkInvalid(`the language server died${this.server.stderr ? `; its stderr ends: ${this.server.stderr.slice(-1500)}` : ''}`);
            if (now() - waitedSince > 60_000) throw new BenchmarkInvalid('no diagnostics from the language server within 60 s of typing quickly');
            if (this.publishedCount !== seen) { seen = this.publishedCount; quietSince = now(); }
            await new Promise(resolve => setTimeout(resolve, 10));
        }
        return offset;
    }
}

/**
 * The author's activities over the generated playbook: each `(session, round)` edits near a
 * place chosen by `round` (so that successive rounds touch other stages and deals) and
 * leaves the text as it found it; it returns the offset it worked at.
 */
function activitiesFor(text) {
    const lines = text.split('\n');
    const lineStarts = [];
    for (let i = 0, at = 0; i < lines.length; at += lines[i].length + 1, i++) lineStarts.push(at);
    const endOf = i => lineStarts[i] + lines[i].length;
    const stages = [];
    lines.forEach((line, i) => {
        if (!/^ {2}(optional )?stage /.test(line)) return;
        let close = i + 1;
        while (lines[close] !== '  }') close++;
        const body = lines.slice(i, close + 1).map((l, j) => [l, i + j]);
        stages.push({
            open: i, close,
            tasks: body.filter(([l]) => /^ {4}task /.test(l)).map(([, j]) => j),
            conditions: body.filter(([l]) => /^ {6}when /.test(l)).map(([, j]) => j)
        });
    });
    const deals = [];
    lines.forEach((line, i) => { if (/^deal /.test(line)) deals.push(i); });
    const dealEvents = deals.map(d => { let close = d + 1; while (lines[close] !== '}') close++; return close - 1; });
    const titleLine = lines.findIndex(l => /^ {2}title "/.test(l));
    const stage = round => stages[(round * 37) % stages.length];          // spread over the file
    const titleOfTask = j => lineStarts[j] + lines[j].indexOf('"', lines[j].indexOf('"') + 1);   // before its closing quote
    const nameOfTask = j => lineStarts[j] + lines[j].indexOf(' "');            // after the task's name

    return [
        // A task line written into a stage, errors on the way, deleted with backspace; then
        // the titles of the stage's tasks reworded, one after the other (typing inside
        // strings for a minute and a half).
        async (session, round) => {
            const s = stage(round);
            const last = s.tasks[s.tasks.length - 1];
            const typed = `\n    task Extra${round} "Extra task" owner "Sales"`;
            const end = await session.type(endOf(last), typed, { autoClose: round % 2 === 1 });
            await session.backspace(end, typed.length);
            const words = ', with the customer';
            for (const task of s.tasks) await session.backspace(await session.type(titleOfTask(task), words), words.length);
            return titleOfTask(s.tasks[0]);
        },
        // A task renamed (its uses become unresolved) and renamed back.
        async (session, round) => {
            const s = stage(round + 1);
            const at = nameOfTask(s.tasks[round % s.tasks.length]);
            await session.backspace(await session.type(at, 'Xy'), 2);
            return at - 1;
        },
        // Blank lines opened inside a stage and closed.
        async (session, round) => {
            const s = stage(round + 2);
            return session.backspace(await session.type(endOf(s.tasks[1]), '\n\n'), 2);
        },
        // A word typed quickly into the playbook's title, then deleted.
        async (session) => {
            const at = endOf(titleLine) - 1;
            return session.backspace(await session.typeQuickly(at, ' draft'), ' draft'.length);
        },
        // An unclosed string (a lexer error to the end of the line), closed, then deleted.
        async (session, round) => {
            const s = stage(round + 3);
            const at = endOf(s.tasks[2]);
            return session.backspace(await session.type(at, ' "note"'), ' "note"'.length);
        },
        // A condition made longer and shortened again.
        async (session, round) => {
            const s = stage(round + 4);
            const at = endOf(s.conditions[0]);
            return session.backspace(await session.type(at, ' or (2 > 1)'), ' or (2 > 1)'.length);
        },
        // An event line written into a deal (a copy of the one before, a day later) and deleted.
        async (session, round) => {
            const line = dealEvents[round % dealEvents.length];
            const typed = `\n${lines[line].replace(/^( {2}\d{4}-\d{2}-)(\d{2})/, (_, head, day) => `${head}${String(Math.min(28, Number(day) + 1)).padStart(2, '0')}`)}`;
            return session.backspace(await session.type(endOf(line), typed), typed.length);
        },
        // A new stage, braces and quotes closed by the editor; then the selection deleted.
        async (session, round) => {
            const s = stage(round + 5);
            const at = endOf(s.close);
            const typed = `\n\n  optional stage Extra${round} "Extra stage" { task Extra${round}Task owner "Sales" }`;
            const end = await session.type(at, typed, { autoClose: true });
            await session.change(at, end, '');
            return at;
        },
        // A stage pasted after another (its names duplicated: errors) and the paste undone.
        async (session, round) => {
            const s = stage(round + 6);
            const at = endOf(s.close);
            const pasted = `\n\n${lines.slice(s.open, s.close + 1).join('\n')}`;
            await session.change(at, at, pasted);
            await session.change(at, at + pasted.length, '');
            return at;
        }
    ];
}

await runAsScript(import.meta.url, main);
