/**
 * Benchmark 6: the language server with a text of several megabytes (issue "large texts
 * block the server": a 4.4 MB text took 19 s to its diagnostics, and hover waited behind it).
 *
 * A generated playbook of BENCH_LARGE_MB megabytes (4.4 by default) is checked:
 * - in process, through the core services (no transport, no editor): the floor, split into
 *   phases; its parse is the one step that cannot give way to other requests;
 * - by the bundled server over stdio, opened alone: time to its diagnostics;
 * - by a fresh server, opened as an editor opens it: with the requests VS Code sends for a
 *   newly opened text (colours, outline, folds, code lenses, inlay hints) and a hover on the
 *   text, while another, small document is hovered every 25 ms. Measured: time to the
 *   diagnostics, to the hover on the large text, to each background answer, and the wait of
 *   each hover on the small document (how long the server could not answer);
 * - then, in that server, keystrokes typed into the large text's title: time to diagnostics.
 *
 * Figures only; targets are judged by run.mjs against the floor of the same run.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { generatePlaybook } from './generate-playbook.mjs';
import { BenchmarkInvalid, log, median, now, percentile, round, runAsScript } from './lib.mjs';
import { freshServices, measureCheck } from './measure-check.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const SERVER = 'packages/language/bin/playbook-language-server.cjs';
const BUNDLE = 'packages/language/dist/language-server.cjs';
const LARGE = 'file:///bench/large.playbook';
const SMALL = 'file:///bench/small.playbook';

/** The generated playbook of about `megabytes` (within 2%; its lines grow longer as it grows). */
function largeText(megabytes) {
    const bytes = megabytes * 1e6;
    let lines = Math.ceil(bytes / 48);
    let text = generatePlaybook(lines).text;
    for (let tries = 0; tries < 4 && Math.abs(text.length - bytes) > bytes * 0.02; tries++) {
        lines = Math.round(lines * (bytes / text.length));
        text = generatePlaybook(lines).text;
    }
    return text;
}

/** A bundled server over stdio, initialized, with its diagnostics collected by document. */
async function startServer() {
    const server = spawn(process.execPath, [`${root}${SERVER}`, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    server.stderr.on('data', chunk => { stderr += chunk; });
    const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
    const waiting = new Map();
    connection.onNotification('textDocument/publishDiagnostics', params => {
        waiting.get(params.uri)?.(params);
    });
    connection.onRequest(() => null);
    connection.onNotification(() => {});
    connection.listen();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: {} });
    connection.sendNotification('initialized', {});
    const nextDiagnostics = (uri, timeoutMs = 300_000) => new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new BenchmarkInvalid(`no diagnostics for ${uri} within ${timeoutMs / 1000} s${stderr ? `; stderr: ${stderr.slice(0, 300)}` : ''}`)), timeoutMs);
        waiting.set(uri, params => { clearTimeout(timer); waiting.delete(uri); resolve(params); });
    });
    const open = (uri, text) => connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'playbook', version: 1, text } });
    const stop = async () => {
        try {
            await Promise.race([connection.sendRequest('shutdown'), new Promise(resolve => setTimeout(resolve, 5000))]);
            connection.sendNotification('exit');
        } catch {
            // gone already
        }
        connection.dispose();
        setTimeout(() => server.kill(), 500).unref();
    };
    return { connection, nextDiagnostics, open, stop };
}

function errorsOf(published) {
    return published.diagnostics.filter(d => (d.severity ?? 1) === 1);
}

/** didOpen → diagnostics, nothing else asked. */
async function openAlone(text) {
    const server = await startServer();
    try {
        const checked = server.nextDiagnostics(LARGE);
        const sent = now();
        server.open(LARGE, text);
        const published = await checked;
        const ms = now() - sent;
        if (errorsOf(published).length > 0) throw new BenchmarkInvalid(`the large text has errors in the server: ${errorsOf(published)[0].message}`);
        return ms;
    } finally {
        await server.stop();
    }
}

/** didOpen with an editor's requests, a hover on the text, and hovers on a small document meanwhile; then keystrokes. */
async function openAsAnEditor(text, keystrokes) {
    const server = await startServer();
    const { connection } = server;
    try {
        const smallChecked = server.nextDiagnostics(SMALL);
        server.open(SMALL, 'playbook Small {\n  stage A\n  stage B\n}\n');
        await smallChecked;

        const checked = server.nextDiagnostics(LARGE);
        const sent = now();
        server.open(LARGE, text);
        const document = { textDocument: { uri: LARGE } };
        const background = [
            ['colours', 'textDocument/semanticTokens/full', document],
            ['outline', 'textDocument/documentSymbol', document],
            ['folds', 'textDocument/foldingRange', document],
            ['code lenses', 'textDocument/codeLens', document],
            ['inlay hints', 'textDocument/inlayHint', { ...document, range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } } }]
        ].map(([what, method, params]) => connection.sendRequest(method, params).then(() => [what, now() - sent]));
        const hoverOnLarge = connection.sendRequest('textDocument/hover', { ...document, position: { line: 0, character: 10 } }).then(() => now() - sent);

        // A hover on the small document every 25 ms until the large text's diagnostics arrive.
        let done = false;
        const diagnosticsMs = checked.then(published => {
            done = true;
            if (errorsOf(published).length > 0) throw new BenchmarkInvalid(`the large text has errors in the server: ${errorsOf(published)[0].message}`);
            return now() - sent;
        });
        const waits = [];
        while (!done) {
            await new Promise(resolve => setTimeout(resolve, 25));
            const asked = now();
            await connection.sendRequest('textDocument/hover', { textDocument: { uri: SMALL }, position: { line: 0, character: 10 } });
            waits.push(now() - asked);
        }
        const result = {
            diagnosticsMs: await diagnosticsMs,
            hoverOnLargeMs: await hoverOnLarge,
            backgroundMs: Object.fromEntries((await Promise.all(background)).map(([what, ms]) => [what, round(ms, 0)])),
            smallHover: { count: waits.length, medianMs: round(median(waits), 1), p95Ms: round(percentile(waits, 95), 1), maxMs: round(Math.max(...waits), 0) }
        };

        // Keystrokes into the title of the large text, each waited for.
        const lines = text.split('\n');
        const titleLine = lines.findIndex(l => l.startsWith('  title "'));
        let character = lines[titleLine].lastIndexOf('"');
        const times = [];
        for (let k = 0; k < keystrokes; k++) {
            await new Promise(resolve => setTimeout(resolve, 20));
            const answer = server.nextDiagnostics(LARGE);
            const typed = now();
            connection.sendNotification('textDocument/didChange', {
                textDocument: { uri: LARGE, version: k + 2 },
                contentChanges: [{ range: { start: { line: titleLine, character }, end: { line: titleLine, character } }, text: 'x' }]
            });
            character++;
            await answer;
            times.push(now() - typed);
        }
        result.keystroke = { count: times.length, medianMs: round(median(times), 1), maxMs: round(Math.max(...times), 1) };
        return result;
    } finally {
        await server.stop();
    }
}

export async function main() {
    if (!existsSync(`${root}${SERVER}`) || !existsSync(`${root}${BUNDLE}`)) {
        log(`lsp-large: skipped, ${BUNDLE} is not built (npm run build)`);
        return { name: 'lsp-large', skipped: `${BUNDLE} does not exist yet; run \`npm run build\` and then \`npm run bench\`.` };
    }
    const megabytes = Number(process.env.BENCH_LARGE_MB ?? 4.4);
    const keystrokes = Number(process.env.BENCH_LARGE_KEYSTROKES ?? 5);
    const text = largeText(megabytes);
    const lineCount = text.split('\n').length;
    log(`lsp-large: a generated playbook of ${(text.length / 1e6).toFixed(2)} MB (${lineCount.toLocaleString('en')} lines)`);

    // The floor: the same check in process, after warming the code on a small text.
    await measureCheck(freshServices().services, generatePlaybook(2000).text);
    const floor = await measureCheck(freshServices().services, text);
    const floorErrors = floor.result.diagnostics.filter(d => d.severity === 1);
    if (floorErrors.length > 0) throw new BenchmarkInvalid(`the large text has ${floorErrors.length} error(s): ${floorErrors[0].message}`);
    log(`lsp-large: in process ${floor.phases.total.toFixed(0)} ms (parse ${floor.phases.parse.toFixed(0)} ms)`);

    const aloneMs = await openAlone(text);
    log(`lsp-large: server, opened alone → diagnostics ${aloneMs.toFixed(0)} ms`);
    const editor = await openAsAnEditor(text, keystrokes);
    log(`lsp-large: server, opened as an editor does → diagnostics ${editor.diagnosticsMs.toFixed(0)} ms, hover on it ${editor.hoverOnLargeMs.toFixed(0)} ms, `
        + `hovers on another document: worst wait ${editor.smallHover.maxMs} ms of ${editor.smallHover.count}; keystroke → diagnostics median ${editor.keystroke.medianMs} ms`);

    return {
        name: 'lsp-large',
        input: { megabytes: round(text.length / 1e6, 2), lines: lineCount },
        inProcess: {
            totalMs: round(floor.phases.total, 0),
            parseMs: round(floor.phases.parse, 0),
            linkMs: round(floor.phases.link, 0),
            validateMs: round(floor.phases.validate, 0)
        },
        openAloneToDiagnosticsMs: round(aloneMs, 0),
        asAnEditor: {
            diagnosticsMs: round(editor.diagnosticsMs, 0),
            hoverOnLargeMs: round(editor.hoverOnLargeMs, 0),
            backgroundMs: editor.backgroundMs,
            smallHover: editor.smallHover,
            keystroke: editor.keystroke
        }
    };
}

await runAsScript(import.meta.url, main);
