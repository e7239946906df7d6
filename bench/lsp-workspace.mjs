/**
 * Benchmark 9: opening a large workspace in the language server, as VS Code opens a folder
 * with a file of it restored in an editor.
 *
 * A generated workspace of BENCH_WORKSPACE_MB megabytes (24) in BENCH_WORKSPACE_FILE_COUNT
 * files (100; `generateWorkspace`: half of them regions' playbooks, half deal files naming
 * them from another folder) is written to a temporary folder. The bundled server is started
 * over stdio with that folder (capabilities of VS Code: settings pulled, work-done progress);
 * right after `initialized` one playbook of the middle of the workspace is opened, and as
 * soon as its diagnostics arrive a keystroke is typed into it (a letter into its `version`,
 * which makes a `version-format` warning: the diagnostics of the keystroke are told from the
 * earlier ones by it). Measured from the didOpen: the opened file's first diagnostics, the
 * keystroke's (from its didChange), and the diagnostics of every file of the workspace; then
 * more keystrokes while the workspace is still being checked, if it is, and once it is not.
 * Also the progress the server reported, and its CPU time.
 *
 * Floors of the same run: the opened file checked in process alone (fresh core services,
 * nothing else read), the keystroke typed into the same file in a server that has no
 * workspace, and the whole workspace checked in process.
 *
 * Figures only; run.mjs compares them with the targets.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createPlaybookServices, validateTexts } from '@playbook/language';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { generateWorkspace } from './generate-playbook.mjs';
import { BenchmarkInvalid, envInt, log, median, now, round, runAsScript } from './lib.mjs';
import { freshServices, measureCheck } from './measure-check.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const SERVER = 'packages/language/bin/playbook-language-server.cjs';
const BUNDLE = 'packages/language/dist/language-server.cjs';

/** CPU time (user + system) of a process so far, in ms, from /proc (undefined where there is none). */
function cpuMsOf(pid) {
    try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;   // utime, stime in clock ticks (100 a second on Linux)
    } catch {
        return undefined;
    }
}

/** The bundled server over stdio, initialized as VS Code does, with its diagnostics and progress recorded. */
async function startServer(folder) {
    const server = spawn(process.execPath, [`${root}${SERVER}`, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    server.stderr.on('data', chunk => { stderr += chunk; });
    const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
    const published = [];   // { uri, at, diagnostics }
    const progress = [];    // { at, kind, message, percentage }
    const watchers = [];
    connection.onNotification('textDocument/publishDiagnostics', params => {
        published.push({ uri: params.uri, at: now(), diagnostics: params.diagnostics });
        for (const watcher of watchers.splice(0)) if (!watcher()) watchers.push(watcher);
    });
    connection.onNotification('$/progress', params => {
        progress.push({ at: now(), kind: params.value?.kind, message: params.value?.message, percentage: params.value?.percentage });
    });
    connection.onRequest('workspace/configuration', params => params.items.map(() => null));
    connection.onRequest(() => null);          // window/workDoneProgress/create, registrations…
    connection.onNotification(() => {});       // window/logMessage…
    connection.listen();
    const folderUri = folder === undefined ? null : pathToFileURL(folder).toString();
    await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: folderUri,
        workspaceFolders: folderUri === null ? null : [{ uri: folderUri, name: 'workspace' }],
        capabilities: {
            window: { workDoneProgress: true },
            workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
            textDocument: { publishDiagnostics: { relatedInformation: true }, synchronization: { dynamicRegistration: true } }
        }
    });
    connection.sendNotification('initialized', {});
    /** Resolves once `found()` returns something (checked after each publication). */
    const when = (found, what, timeoutMs = 600_000) => new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new BenchmarkInvalid(`no ${what} within ${timeoutMs / 1000} s${stderr ? `; stderr: ${stderr.slice(0, 300)}` : ''}`)), timeoutMs);
        const check = () => {
            const value = found();
            if (value === undefined) return false;
            clearTimeout(timer);
            resolve(value);
            return true;
        };
        if (!check()) watchers.push(check);
    });
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
    return { connection, published, progress, when, stop, pid: server.pid };
}

/** The range of the character before the closing quote of the `version` line, and the line's text. */
function versionEnd(text) {
    const lines = text.split('\n');
    const line = lines.findIndex(l => l.startsWith('  version "'));
    const character = lines[line].lastIndexOf('"');
    return { line, character };
}

function errorsOf(diagnostics) {
    return diagnostics.filter(d => (d.severity ?? 1) === 1);
}

const hasVersionWarning = diagnostics => diagnostics.some(d => d.code === 'version-format');

/**
 * Keystrokes into the opened file's version: a letter typed (a `version-format` warning) and
 * deleted again (none), each waited for. Returns the time of each, from its didChange to the
 * first publication of the opened file that shows it.
 */
async function typeIntoVersion(server, uri, at, count, firstVersion, pauseMs) {
    const times = [];
    let version = firstVersion;
    for (let k = 0; k < count; k++) {
        if (pauseMs > 0) await new Promise(resolve => setTimeout(resolve, pauseMs));
        // Typed when the version is odd (the text as opened has version 1), deleted when even.
        const typing = version % 2 === 1;
        const seen = server.published.length;
        const sent = now();
        server.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version: ++version },
            contentChanges: [typing
                ? { range: { start: at, end: at }, text: 'x' }
                : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' }]
        });
        const shown = await server.when(() => server.published.slice(seen).find(p => p.uri === uri && hasVersionWarning(p.diagnostics) === typing), 'diagnostics of a keystroke');
        times.push(shown.at - sent);
    }
    return { times, version };
}

export async function main() {
    if (!existsSync(`${root}${SERVER}`) || !existsSync(`${root}${BUNDLE}`)) {
        log(`lsp-workspace: skipped, ${BUNDLE} is not built (npm run build)`);
        return { name: 'lsp-workspace', skipped: `${BUNDLE} does not exist yet; run \`npm run build\` and then \`npm run bench\`.` };
    }
    const fileCount = envInt('BENCH_WORKSPACE_FILE_COUNT', 100);
    const megabytes = Number(process.env.BENCH_WORKSPACE_MB ?? 24);
    const workspace = generateWorkspace({ files: fileCount, megabytes });
    const paths = [...workspace.files.keys()];
    const opened = paths[Math.floor(workspace.regions / 2) - 1];       // a playbook of the middle
    const openedText = workspace.files.get(opened);
    const folder = mkdtempSync(join(tmpdir(), 'playbook-bench-workspace-'));
    log(`lsp-workspace: ${paths.length} files, ${(workspace.bytes / 1048576).toFixed(1)} MB (playbooks of ${workspace.stagesPerPlaybook} stages) in ${folder}; opening ${opened}`);
    try {
        for (const [path, text] of workspace.files) {
            mkdirSync(dirname(join(folder, path)), { recursive: true });
            writeFileSync(join(folder, path), text);
        }
        const uriOf = path => pathToFileURL(join(folder, path)).toString();
        const openedUri = uriOf(opened);
        const at = versionEnd(openedText);

        // Floors: the opened file alone, in process; the whole workspace, in process.
        await measureCheck(freshServices().services, openedText);    // warms the code
        const alone = await measureCheck(freshServices().services, openedText);
        if (errorsOf(alone.result.diagnostics).length > 0) throw new BenchmarkInvalid(`the opened file has errors: ${alone.result.diagnostics[0].message}`);
        const wholeStart = now();
        const results = await validateTexts(createPlaybookServices(), paths.map(path => ({ uri: uriOf(path), text: workspace.files.get(path) })));
        const wholeInProcessMs = now() - wholeStart;
        const wrong = results.find(result => result.diagnostics.length > 0);
        if (wrong) throw new BenchmarkInvalid(`the generated workspace is not clean: ${wrong.document.uri.toString()}: ${wrong.diagnostics[0].message}`);
        log(`lsp-workspace: in process, the opened file alone ${alone.phases.total.toFixed(0)} ms, the whole workspace ${wholeInProcessMs.toFixed(0)} ms`);

        // The floor of a keystroke: the same file in a server without a workspace.
        const bare = await startServer(undefined);
        let bareKeystrokes;
        try {
            bare.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: openedUri, languageId: 'playbook', version: 1, text: openedText } });
            await bare.when(() => bare.published.find(p => p.uri === openedUri), 'diagnostics of the file opened alone');
            bareKeystrokes = (await typeIntoVersion(bare, openedUri, at, 6, 1, 20)).times;
        } finally {
            await bare.stop();
        }
        log(`lsp-workspace: a server without the workspace, keystroke → diagnostics median ${median(bareKeystrokes).toFixed(0)} ms`);

        // The workspace, opened as VS Code opens it.
        const started = now();
        const server = await startServer(folder);
        const initializedMs = now() - started;
        try {
            const sent = now();
            server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: openedUri, languageId: 'playbook', version: 1, text: openedText } });
            const first = await server.when(() => server.published.find(p => p.uri === openedUri), 'diagnostics of the opened file');
            if (errorsOf(first.diagnostics).length > 0) throw new BenchmarkInvalid(`the opened file has errors in the server: ${first.diagnostics[0].message}`);
            const firstDiagnosticsMs = first.at - sent;
            const filesBefore = new Set(server.published.filter(p => p.at <= first.at).map(p => p.uri)).size;
            log(`lsp-workspace: didOpen → its diagnostics ${firstDiagnosticsMs.toFixed(0)} ms (${filesBefore} file(s) published by then)`);

            // The first keystroke, at once.
            const firstKeystroke = await typeIntoVersion(server, openedUri, at, 1, 1, 0);
            const firstKeystrokeMs = firstKeystroke.times[0];
            log(`lsp-workspace: first keystroke → its diagnostics ${firstKeystrokeMs.toFixed(0)} ms`);
            const wholeBefore = server.published.length > 0 && new Set(server.published.map(p => p.uri)).size === paths.length;

            // More keystrokes while the rest of the workspace is checked (if it still is).
            const during = await typeIntoVersion(server, openedUri, at, 6, firstKeystroke.version, 100);
            await server.when(() => (new Set(server.published.map(p => p.uri)).size === paths.length ? true : undefined), 'diagnostics of every file');
            const lastFirstPublication = new Map();
            for (const p of server.published) if (!lastFirstPublication.has(p.uri)) lastFirstPublication.set(p.uri, p.at);
            const wholeWorkspaceMs = Math.max(...lastFirstPublication.values()) - sent;
            const withErrors = [...new Map(server.published.map(p => [p.uri, p])).values()].filter(p => p.uri !== openedUri && p.diagnostics.length > 0);
            if (withErrors.length > 0) throw new BenchmarkInvalid(`the server published findings for ${withErrors[0].uri}: ${withErrors[0].diagnostics[0].message}`);
            log(`lsp-workspace: every file's diagnostics ${wholeWorkspaceMs.toFixed(0)} ms after the didOpen`);
            // Let the server finish what it does in the background, then type again.
            await new Promise(resolve => setTimeout(resolve, 2000));
            const after = await typeIntoVersion(server, openedUri, at, 6, during.version, 20);
            const cpuMs = cpuMsOf(server.pid);
            const reports = server.progress.filter(p => p.kind === 'report').length;
            log(`lsp-workspace: keystrokes while the workspace was checked: median ${median(during.times).toFixed(0)} ms; after: median ${median(after.times).toFixed(0)} ms; progress: ${server.progress.length} notifications`);
            return {
                name: 'lsp-workspace',
                input: { files: paths.length, megabytes: round(workspace.bytes / 1048576, 1), opened, openedKB: round(Buffer.byteLength(openedText) / 1024, 0), stagesPerPlaybook: workspace.stagesPerPlaybook },
                floors: {
                    openedAloneInProcessMs: round(alone.phases.total, 0),
                    keystrokeWithoutWorkspaceMs: round(median(bareKeystrokes), 1),
                    wholeWorkspaceInProcessMs: round(wholeInProcessMs, 0)
                },
                server: {
                    initializedMs: round(initializedMs, 0),
                    firstDiagnosticsMs: round(firstDiagnosticsMs, 0),
                    filesPublishedBeforeFirst: filesBefore,
                    firstKeystrokeMs: round(firstKeystrokeMs, 1),
                    wholeWorkspaceDoneBeforeFirstKeystroke: wholeBefore,
                    keystrokesDuringBackground: { count: during.times.length, medianMs: round(median(during.times), 1), maxMs: round(Math.max(...during.times), 1) },
                    wholeWorkspaceMs: round(wholeWorkspaceMs, 0),
                    keystrokesAfter: { count: after.times.length, medianMs: round(median(after.times), 1), maxMs: round(Math.max(...after.times), 1) },
                    progress: { notifications: server.progress.length, reports, first: server.progress[0]?.message, last: server.progress.at(-1)?.message },
                    cpuMs: cpuMs === undefined ? undefined : round(cpuMs, 0)
                }
            };
        } finally {
            await server.stop();
        }
    } finally {
        rmSync(folder, { recursive: true, force: true });
    }
}

await runAsScript(import.meta.url, main);
