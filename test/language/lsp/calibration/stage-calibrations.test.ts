/**
 * Through the real stdio server, as an editor with `playbook.simulation.dealsFile` set uses it:
 * each stage's code lens and hover show what the CLI's `calibrate --format json` computes from
 * the same files, a quick fix on a stage makes the edit `calibrate --write` makes, and none of
 * it is a diagnostic. Without the setting, or with a wrong one, there are no figures (and a
 * wrong one is said once). A large export is calibrated while the author types.
 */
import { copyFileSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { playbook as cli, repoRoot, tempTree } from '../../../cli/cli-helpers.js';
import { ensureSimulateBuilt } from '../../../cli/simulate-helpers.js';
import { generateHistory, groundTruthPlaybook } from '../../../support/ground-truth-history.js';
import { DEBOUNCE_MS } from '../../../../packages/language/src/lsp/calibration/deals-file-calibrations.js';
import { StdioServer } from '../stdio-server.js';

interface ObservedShare { count: number; of: number; share: number | null; low: number | null; high: number | null }
interface StageJson {
    stage: string;
    reached: number;
    probability: { declared: number | null; observed: ObservedShare };
    time: { declaredWithin: number | null; stays: number; median: number | null; p90: number | null };
    skips: { skipped: ObservedShare };
}
interface CalibrationJson { stages: StageJson[]; suggestions: Array<{ kind: string; stage: string; to?: number; alias?: string; evidence: { of?: number } }> }
interface CodeLens { range: { start: { line: number } }; command?: { title: string } }
interface CodeAction { title: string; kind?: string; diagnostics?: unknown[]; edit?: { changes: Record<string, TextEdit[]> } }
interface TextEdit { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }

beforeAll(() => ensureSimulateBuilt());

let server: StdioServer | undefined;
afterEach(async () => {
    await server?.stop();
    server = undefined;
});

// Declared figures some right and some wrong (probabilities of Lead and Qualify, Qualify's and Proposal's limits).
const KNOWN = groundTruthPlaybook({ probability: { Lead: 30, Qualify: 40, Demo: 45, Proposal: 50, Negotiation: 65 }, within: { Qualify: 5, Proposal: 30 } });

function knownTree(dealCount = 3000): { dir: string; file: string; deals: string; text: string } {
    const dir = tempTree({ 'known.playbook': KNOWN, 'history.csv': generateHistory(7, dealCount).csv });
    return { dir, file: path.join(dir, 'known.playbook'), deals: path.join(dir, 'history.csv'), text: KNOWN };
}

function bigAccountTree(): { dir: string; file: string; deals: string; text: string } {
    const text = readFileSync(path.join(repoRoot, 'examples/big-account.playbook'), 'utf8');
    const dir = tempTree({ 'big-account.playbook': text });
    copyFileSync(path.join(repoRoot, 'test/fixtures/crm/big-account-history.csv'), path.join(dir, 'history.csv'));
    return { dir, file: path.join(dir, 'big-account.playbook'), deals: path.join(dir, 'history.csv'), text };
}

/** What `playbook calibrate --format json` says of the same files. */
function calibrateJson(file: string, deals: string): CalibrationJson {
    const result = cli(['calibrate', file, '--deals', deals, '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout).calibration as CalibrationJson;
}

/** The text `playbook calibrate --write` leaves in a copy of the file. */
function calibrateWrite(file: string, deals: string): string {
    const copy = path.join(tempTree({}), path.basename(file));
    copyFileSync(file, copy);
    const result = cli(['calibrate', copy, '--deals', deals, '--write']);
    expect(result.code, result.stderr).toBe(0);
    return readFileSync(copy, 'utf8');
}

/** The settings the client answers `workspace/configuration` with; changed with `configure`. */
let settings: Record<string, unknown> = {};

async function start(simulation: Record<string, unknown>, folder?: string, workspace: Record<string, unknown> = {}): Promise<StdioServer> {
    settings = simulation;
    server = await StdioServer.start({
        capabilities: { workspace: { configuration: true, codeLens: { refreshSupport: true }, ...workspace }, textDocument: { publishDiagnostics: {} } },
        ...(folder ? { rootUri: uri(folder), workspaceFolders: [{ uri: uri(folder), name: path.basename(folder) }] } : {})
    }, { 'workspace/configuration': () => [{ simulation: settings }] });
    const running = server;
    await running.waitFor(() => running.serverRequests.find(r => r.method === 'workspace/configuration'), 'workspace/configuration request');
    return running;
}

function configure(running: StdioServer, simulation: Record<string, unknown>): void {
    settings = simulation;
    running.notify('workspace/didChangeConfiguration', { settings: { playbook: { simulation } } });
}

function uri(file: string): string {
    return pathToFileURL(file).toString();
}

function refreshes(running: StdioServer): number {
    return running.serverRequests.filter(r => r.method === 'workspace/codeLens/refresh').length;
}

/** Waits for the server's next request to refresh the code lenses (after `before` of them), then asks for them. */
async function lensesAfterRefresh(running: StdioServer, file: string, before: number): Promise<string[]> {
    await running.waitFor(() => refreshes(running) > before || undefined, 'workspace/codeLens/refresh', 120_000);
    return stageLenses(running, file);
}

async function stageLenses(running: StdioServer, file: string): Promise<string[]> {
    const answer = await running.request('textDocument/codeLens', { textDocument: { uri: uri(file) } });
    return (answer.result as CodeLens[]).map(lens => lens.command?.title ?? '').filter(title => title.startsWith('observed'));
}

function lineOf(text: string, pattern: RegExp): number {
    return text.split('\n').findIndex(line => pattern.test(line));
}

async function hoverText(running: StdioServer, file: string, text: string, stage: string): Promise<string> {
    const line = lineOf(text, new RegExp(`^\\s*(optional )?stage ${stage}\\b`));
    const character = text.split('\n')[line].indexOf(stage, text.split('\n')[line].indexOf('stage ') + 6) + 1;
    const answer = await running.request('textDocument/hover', { textDocument: { uri: uri(file) }, position: { line, character } });
    return (answer.result as { contents: { value: string } } | null)?.contents.value ?? '';
}

async function codeActionsAt(running: StdioServer, file: string, line: number): Promise<CodeAction[]> {
    const answer = await running.request('textDocument/codeAction', {
        textDocument: { uri: uri(file) }, range: { start: { line, character: 2 }, end: { line, character: 2 } }, context: { diagnostics: [] }
    });
    return answer.result as CodeAction[];
}

/** The text with the edits made (ranges of the original text, applied from the end). */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
    const starts = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
    const offset = (p: { line: number; character: number }): number => starts[p.line] + p.character;
    let result = text;
    for (const edit of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
        result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
    }
    return result;
}

/** The lens the issue describes, written from the CLI's JSON: "observed: 23% win, 90% leave within 71 days, n = 2,031". */
function expectedLens(stage: StageJson): string {
    const { observed } = stage.probability;
    const days = (n: number): string => `${n.toLocaleString('en-US')} day${n === 1 ? '' : 's'}`;
    const parts = [
        observed.share !== null ? `${Math.round(observed.share * 100)}% win` : stage.reached > 0 ? 'no closed deal' : undefined,
        stage.time.p90 !== null ? `90% leave within ${days(stage.time.p90)}` : undefined,
        observed.share !== null ? `n = ${observed.of.toLocaleString('en-US')}` : undefined
    ].filter(Boolean);
    return parts.length === 0 ? 'observed: no deal reached this stage' : `observed: ${parts.join(', ')}`;
}

const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

describe('with playbook.simulation.dealsFile', () => {
    it('each stage\'s code lens and hover show the figures of calibrate --format json, and nothing is a diagnostic', async () => {
        const tree = knownTree();
        const json = calibrateJson(tree.file, tree.deals);
        const running = await start({ dealsFile: tree.deals });
        const checked = running.nextDiagnostics(uri(tree.file));
        const before = refreshes(running);
        running.open(uri(tree.file), tree.text);
        expect((await checked).diagnostics).toEqual([]);
        const lenses = await lensesAfterRefresh(running, tree.file, before);
        expect(lenses).toEqual(json.stages.map(expectedLens));
        // Thousands as the CLI writes them.
        expect(lenses[0]).toMatch(/^observed: \d+% win, 90% leave within \d+ days?, n = \d,\d{3}$/);

        for (const stage of json.stages) {
            const hover = await hoverText(running, tree.file, tree.text, stage.stage);
            const { observed } = stage.probability;
            expect(hover, stage.stage).toContain('**Observed**');
            expect(hover, stage.stage).toContain(`Win rate: ${percent(observed.share!)} (95% interval ${percent(observed.low!)}–${percent(observed.high!)}), ${observed.count.toLocaleString('en-US')} won of ${observed.of.toLocaleString('en-US')} closed deals`);
            expect(hover, stage.stage).toContain(`median ${stage.time.median} day`);
            expect(hover, stage.stage).toContain(`90% leave within ${stage.time.p90} day`);
            if (stage.skips.skipped.share !== null) expect(hover, stage.stage).toContain(`Skipped: ${percent(stage.skips.skipped.share)}`);
        }
        // The declared figures are still there, beside.
        expect(await hoverText(running, tree.file, tree.text, 'Qualify')).toContain('within 5 days');
        // No diagnostic came with the figures.
        const published = running.notifications.filter(n => n.method === 'textDocument/publishDiagnostics').map(n => n.params as { diagnostics: unknown[] });
        expect(published.every(p => p.diagnostics.length === 0)).toBe(true);
    }, 240_000);

    it('quick fixes on a stage\'s lines make the edits of calibrate --write', async () => {
        for (const tree of [knownTree(), bigAccountTree()]) {
            const json = calibrateJson(tree.file, tree.deals);
            const written = calibrateWrite(tree.file, tree.deals);
            expect(written).not.toBe(tree.text);
            const running = await start({ dealsFile: tree.deals });
            const before = refreshes(running);
            running.open(uri(tree.file), tree.text);
            await lensesAfterRefresh(running, tree.file, before);

            const edits: TextEdit[] = [];
            const stages = [...new Set(json.suggestions.map(s => s.stage))];
            for (const stage of stages) {
                const stageLine = lineOf(tree.text, new RegExp(`^\\s*(optional )?stage ${stage}\\b`));
                const actions = await codeActionsAt(running, tree.file, stageLine);
                const expected = json.suggestions.filter(s => s.stage === stage).map(s =>
                    s.kind === 'set-probability' ? `Set probability to ${s.to}% (observed on ${s.evidence.of!.toLocaleString('en-US')} deals)`
                        : s.kind === 'set-within' ? `Set within to ${s.to} days`
                            : s.kind === 'make-optional' ? 'Make stage optional' : `Add alias '${s.alias}'`);
                if (expected.length > 1) expected.push(`Apply the ${expected.length} edits the data suggests for ${stage}`);
                expect(actions.map(a => a.title), stage).toEqual(expected);
                for (const action of actions) {
                    expect(action.kind).toBe('quickfix');
                    expect(action.diagnostics).toBeUndefined();
                    const changed = applyEdits(tree.text, action.edit!.changes[uri(tree.file)]);
                    expect(changed).not.toBe(tree.text);
                    const checked = cli(['check', path.join(tempTree({ [path.basename(tree.file)]: changed }), path.basename(tree.file))]);
                    expect(checked.stdout, changed).toMatch(/^0 errors, /m);
                }
                // One fix is the stage's whole edit (each lays the stage out again, so they do not stack).
                edits.push(...actions.at(-1)!.edit!.changes[uri(tree.file)]);
                // On the line of its probability or its within too.
                const within = lineOf(tree.text.split('\n').slice(stageLine).join('\n'), /^\s*within /);
                if (within > 0 && within < 4) expect((await codeActionsAt(running, tree.file, stageLine + within)).map(a => a.title)).toEqual(expected);
            }
            // Every stage's fixes together give the file --write gives.
            expect(applyEdits(tree.text, edits)).toBe(written);
            // A stage the data agrees with offers none.
            const quiet = json.stages.find(s => !stages.includes(s.stage))!;
            expect(await codeActionsAt(running, tree.file, lineOf(tree.text, new RegExp(`^\\s*(optional )?stage ${quiet.stage}\\b`)))).toEqual([]);
            await running.stop();
            server = undefined;
        }
    }, 240_000);

    it('a relative path is read from the workspace folder, and a file changed on disk is read again', async () => {
        const tree = bigAccountTree();
        const running = await start({ dealsFile: 'history.csv' }, tree.dir);
        const before = refreshes(running);
        running.open(uri(tree.file), tree.text);
        const lenses = await lensesAfterRefresh(running, tree.file, before);
        expect(lenses[0]).toBe('observed: 0% win, 90% leave within 66 days, n = 2');

        // The export grows (one more deal lost in Development); no watcher tells the server.
        const more = readFileSync(tree.deals, 'utf8')
            + '"00800000099","006K99","005X","2026-01-03T09:00:00.000+0000","Prospecting","5000","2026-06-30","50"\r\n'
            + '"00800000100","006K99","005X","2026-01-10T09:00:00.000+0000","Closed Lost","5000","2026-06-30","0"\r\n';
        writeFileSync(tree.deals, more);
        utimesSync(tree.deals, new Date(), new Date(Date.now() + 5000));
        const again = refreshes(running);
        // Asked for, the old figures are gone and new ones are computed.
        expect(await stageLenses(running, tree.file)).toEqual([]);
        const fresh = await lensesAfterRefresh(running, tree.file, again);
        expect(fresh[0]).toBe('observed: 0% win, 90% leave within 66 days, n = 3');
        expect(fresh[0]).toBe(expectedLens(calibrateJson(tree.file, tree.deals).stages[0]));
    }, 240_000);
});

describe('a deals file watched by the editor', () => {
    it('is watched where it is, and a change the editor reports brings new figures without being asked', async () => {
        const tree = bigAccountTree();
        const running = await start({ dealsFile: tree.deals }, undefined, { didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } });
        const before = refreshes(running);
        running.open(uri(tree.file), tree.text);
        expect((await lensesAfterRefresh(running, tree.file, before))[0]).toBe('observed: 0% win, 90% leave within 66 days, n = 2');
        const watchers = running.serverRequests.filter(r => r.method === 'client/registerCapability')
            .flatMap(r => (r.params as { registrations: Array<{ method: string; registerOptions: { watchers: Array<{ globPattern: unknown }> } }> }).registrations)
            .filter(r => r.method === 'workspace/didChangeWatchedFiles').flatMap(r => r.registerOptions.watchers.map(w => w.globPattern));
        expect(watchers).toContainEqual({ baseUri: uri(tree.dir), pattern: 'history.csv' });

        writeFileSync(tree.deals, readFileSync(tree.deals, 'utf8')
            + '"00800000099","006K99","005X","2026-01-03T09:00:00.000+0000","Prospecting","5000","2026-06-30","50"\r\n'
            + '"00800000100","006K99","005X","2026-01-10T09:00:00.000+0000","Closed Lost","5000","2026-06-30","0"\r\n');
        const again = refreshes(running);
        running.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(tree.deals), type: 2 }] });
        expect((await lensesAfterRefresh(running, tree.file, again))[0]).toBe('observed: 0% win, 90% leave within 66 days, n = 3');
    }, 240_000);
});

describe('without figures', () => {
    it('no dealsFile: no lens and no observed figures, until the setting names one', async () => {
        const tree = bigAccountTree();
        const running = await start({});
        const checked = running.nextDiagnostics(uri(tree.file));
        running.open(uri(tree.file), tree.text);
        await checked;
        expect(await stageLenses(running, tree.file)).toEqual([]);
        expect(await hoverText(running, tree.file, tree.text, 'Initiation')).not.toContain('Observed');
        expect(await codeActionsAt(running, tree.file, lineOf(tree.text, /stage Initiation/))).toEqual([]);

        const before = refreshes(running);
        configure(running, { dealsFile: tree.deals });
        expect(await lensesAfterRefresh(running, tree.file, before)).toHaveLength(6);
        expect(await hoverText(running, tree.file, tree.text, 'Initiation')).toContain('Observed');
    }, 240_000);

    it.each([
        ['a wrong setting', (deals: string) => ({ dealsFile: deals, columns: { opportunity: 'OpportunityId' } }),
            "The setting playbook.simulation.columns has no setting 'opportunity': it names id, stage, date, amount, task, outcome, reason, title, created, closeDate; the stages show no observed figures."],
        ['a file that is not there', (deals: string) => ({ dealsFile: `${deals}.missing` }),
            /^The deals file .*history\.csv\.missing \(the setting playbook\.simulation\.dealsFile\) cannot be read: there is no such file; the stages show no observed figures\.$/]
    ])('%s: no figures, and one message in words, not one per keystroke', async (_name, simulation, message) => {
        const tree = bigAccountTree();
        const running = await start(simulation(tree.deals));
        const shown = running.waitFor(() => running.notifications.find(n => n.method === 'window/showMessage'), 'window/showMessage');
        running.open(uri(tree.file), tree.text);
        expect((await shown).params).toMatchObject({ type: 2, message });
        for (let version = 2; version <= 4; version++) {
            const checked = running.nextDiagnostics(uri(tree.file));
            running.change(uri(tree.file), `${tree.text}// edit ${version}\n`, version);
            await checked;
            // A pause, as an author makes between words: a calibration round runs after each.
            await new Promise(resolve => setTimeout(resolve, 4 * DEBOUNCE_MS));
        }
        // A round after the last edit has run: the setting is changed to another wrong value, whose message comes.
        configure(running, { dealsFile: tree.deals, dateOrder: 'sideways' });
        await running.waitFor(() => running.notifications.filter(n => n.method === 'window/showMessage').length > 1 || undefined, 'second window/showMessage');
        const messages = running.notifications.filter(n => n.method === 'window/showMessage').map(n => (n.params as { message: string }).message);
        expect(messages).toHaveLength(2);
        expect(messages[1]).toMatch(/^The setting playbook\.simulation\.dateOrder /);
        expect(await stageLenses(running, tree.file)).toEqual([]);
        expect(await hoverText(running, tree.file, tree.text, 'Initiation')).not.toContain('Observed');
    }, 240_000);
});

describe('a large export', () => {
    it('is calibrated in the background: typing meanwhile gets its diagnostics, and the lenses follow the last text', async () => {
        const tree = knownTree(60_000);
        const running = await start({ dealsFile: tree.deals });
        running.open(uri(tree.file), tree.text);
        // Typing: a probability out of range (an error), then the error gone and another probability changed.
        const broken = tree.text.replace('probability 30%', 'probability 150%');
        const withError = running.nextDiagnostics(uri(tree.file), published => published.diagnostics.some(d => d.code === 'probability-range'));
        running.change(uri(tree.file), broken, 2);
        await withError;
        const last = tree.text.replace('probability 30%', 'probability 31%');
        const clean = running.nextDiagnostics(uri(tree.file), published => published.diagnostics.length === 0);
        running.change(uri(tree.file), last, 3);
        await clean;
        // The figures come for the last text (Lead's declared 31%, not 30%, beside them); an earlier round may refresh first.
        let hover = '';
        for (let seen = 0; !hover.includes('declared 31%'); seen++) {
            await running.waitFor(() => refreshes(running) > seen || undefined, 'workspace/codeLens/refresh', 120_000);
            hover = await hoverText(running, tree.file, last, 'Lead');
        }
        expect(await stageLenses(running, tree.file)).toHaveLength(5);
    }, 240_000);
});
