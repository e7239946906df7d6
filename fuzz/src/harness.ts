/**
 * The fuzz harness: `count` inputs from a seed, each made from its own random stream (so
 * input `i` can be made again alone), each run through the core and, now and then, through
 * the real command line; every property that fails is recorded with the input, and the
 * input is written to the output folder.
 *
 * Kinds of input:
 * - `mutant`: an example or test fixture after a few random edits (the bulk);
 * - `generated`: a random valid playbook file covering the whole language (must check
 *   without errors and survive export → import → export byte for byte);
 * - `tokens`: a random sequence of the language's tokens;
 * - `files`: a playbook and its deals in two files, mutated, checked as one workspace;
 * - `deals`: a CRM export (CSV or JSON) of deals of a generated playbook, with bad cells.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createPlaybookServices, dealsOfDocuments, exportPlaybooks, formatPlaybookText, importPlaybook, playbookToModel, toPlaybookDiagnostic, validateTexts, ast, type PlaybookCoreServices } from '@playbook/language';
import { playbookToMarkdown, playbookToMermaid, readDeals, serializeDocuments, validatePlaybookDocument, type PlaybookModel } from '@playbook/model';
import type { Diagnostic } from 'vscode-languageserver-types';
import { CliRunner, firstLines, isCleanRefusal, runProblems } from './cli-oracle.js';
import { loadCorpus, type Corpus } from './corpus.js';
import { generateDeals, type GeneratedDeals } from './generate-deals.js';
import { generatePlaybookFile } from './generate-playbook.js';
import { mutate } from './mutate.js';
import { diagnosticProblems, internalWords, mermaidProblems, type Problem } from './oracles.js';
import { Random } from './random.js';

export type InputKind = 'mutant' | 'generated' | 'tokens' | 'files' | 'deals';

const KINDS: ReadonlyArray<readonly [InputKind, number]> = [['mutant', 50], ['generated', 20], ['tokens', 8], ['files', 7], ['deals', 15]];

export interface FuzzOptions {
    seed: number;
    count: number;
    /** The index of the first input (to continue a run, or to make one input again). */
    start?: number;
    /** The repository's root: the examples and fixtures are read from there, the CLI run from there. */
    root: string;
    /** Run the CLI on every n-th input (0: never). */
    cliEvery?: number;
    /** The CLI's entry (default `<root>/packages/cli/bin/playbook.cjs`). */
    cli?: string;
    /** A scratch folder for the CLI's files. */
    workDir: string;
    /** CPU time above which an input is reported as slow (ms). */
    slowMs?: number;
    /** Only inputs of these kinds are run (the others are skipped, so input `i` stays the same input). */
    kinds?: readonly InputKind[];
    /** Called with each finished input (for progress, and to write failures). */
    onInput?: (result: InputResult) => void;
}

export interface InputFile {
    name: string;
    text: string;
}

export interface FuzzInput {
    index: number;
    kind: InputKind;
    /** `.playbook` files, checked as one workspace. */
    files: InputFile[];
    /** For `deals`: the CRM export. */
    deals?: GeneratedDeals;
}

export interface InputResult {
    input: FuzzInput;
    problems: Problem[];
    /** CPU time of this process for the input (user + system), in ms; its wall time when that is under 250 ms. */
    cpuMs: number;
    cliRan: boolean;
}

export interface FuzzReport {
    seed: number;
    start: number;
    count: number;
    byKind: Record<InputKind, number>;
    /** Inputs with at least one problem, by oracle. */
    failedInputs: Record<string, number>;
    failures: number;
    slow: Array<{ index: number; kind: InputKind; cpuMs: number }>;
    maxCpuMs: { index: number; cpuMs: number };
    /** Generated playbook files exported, imported and exported again; and how many of those failed. */
    generatedRoundTrips: number;
    generatedRoundTripFailures: number;
    /** Texts without errors (generated or mutated) that went through the round trip. */
    roundTrips: number;
    formatted: number;
    cliRuns: number;
    dealInputs: number;
    badCellsPlanted: number;
    seconds: number;
    /** False in the snapshots written while the run goes on. */
    finished: boolean;
}

export const INPUT_KINDS: readonly InputKind[] = KINDS.map(([kind]) => kind);

/** The kind of input `index` of a seed (its stream's first draw). */
export function kindOf(seed: number, index: number): InputKind {
    return new Random(seed, index).weighted(KINDS);
}

/** Makes input `index` of a seed. */
export function makeInput(seed: number, index: number, corpus: Corpus): FuzzInput {
    const random = new Random(seed, index);
    const kind = random.weighted(KINDS);
    switch (kind) {
        case 'mutant': {
            const base = random.chance(0.8) ? random.pick(corpus.files) : generatePlaybookFile(random).text;
            return { index, kind, files: [{ name: 'input.playbook', text: mutate(random, base, corpus.files) }] };
        }
        case 'generated':
            return { index, kind, files: [{ name: 'input.playbook', text: generatePlaybookFile(random).text }] };
        case 'tokens':
            return { index, kind, files: [{ name: 'input.playbook', text: tokenSoup(random) }] };
        case 'files': {
            const group = random.pick(corpus.groups);
            const which = random.int(0, group.length - 1);
            return {
                index, kind,
                files: group.map((text, i) => ({ name: `file${i}.playbook`, text: i === which || random.chance(0.2) ? mutate(random, text, corpus.files) : text }))
            };
        }
        case 'deals': {
            const playbook = generatePlaybookFile(random).text;
            // The deals are made from the playbook's model once it is checked (checkInput), with a stream of their own.
            return { index, kind, files: [{ name: 'input.playbook', text: playbook }] };
        }
    }
}

const SOUP = [
    'playbook', 'stage', 'optional', 'task', 'gate', 'when', 'requires', 'terminate', 'from', 'field', 'deal', 'for', 'enter', 'done', 'set',
    'won', 'forecast', 'title', 'version', 'alias', 'probability', 'within', 'days', 'required', 'owner', 'forbid', 'regressions', 'enum', 'money',
    'number', 'bool', 'text', 'date', 'and', 'or', 'not', 'in', 'true', 'false', '{', '}', '(', ')', ',', ':', '=', '==', '!=', '<', '<=',
    '>', '>=', '+', '-', '*', '/', '%', 'P', 'A', 'B', 'x', '客户', '𠮷野家', '"t"', '"a \\" b"', '10', '1.5', '2026-01-01', '2026-02-30', '//c\n', '/*c*/', '\n', '\r'
];

function tokenSoup(random: Random): string {
    const length = random.weighted([[random.int(1, 30), 5], [random.int(30, 300), 3], [random.int(300, 3000), 1]]);
    const parts: string[] = [];
    for (let i = 0; i < length; i++) parts.push(random.pick(SOUP));
    return parts.join(random.pick([' ', ' ', '\n', '']));
}

export class Fuzzer {
    private services: PlaybookCoreServices = createPlaybookServices();
    private readonly corpus: Corpus;
    private readonly cli: CliRunner | undefined;
    private checked = 0;
    private readonly report: FuzzReport;

    constructor(private readonly options: FuzzOptions) {
        this.corpus = loadCorpus(options.root);
        const bin = options.cli ?? `${options.root}/packages/cli/bin/playbook.cjs`;
        this.cli = (options.cliEvery ?? 0) > 0 ? new CliRunner(bin, options.workDir) : undefined;
        this.report = {
            seed: options.seed, start: options.start ?? 0, count: options.count,
            byKind: { mutant: 0, generated: 0, tokens: 0, files: 0, deals: 0 },
            failedInputs: {}, failures: 0, slow: [], maxCpuMs: { index: -1, cpuMs: 0 },
            generatedRoundTrips: 0, generatedRoundTripFailures: 0, roundTrips: 0, formatted: 0, cliRuns: 0, dealInputs: 0, badCellsPlanted: 0, seconds: 0,
            finished: false
        };
    }

    async run(): Promise<FuzzReport> {
        const started = Date.now();
        const start = this.options.start ?? 0;
        for (let index = start; index < start + this.options.count; index++) {
            if (this.options.kinds && !this.options.kinds.includes(kindOf(this.options.seed, index))) continue;
            const result = await this.runOne(index);
            this.record(result);
            this.options.onInput?.(result);
        }
        this.report.seconds = Math.round((Date.now() - started) / 1000);
        this.report.finished = true;
        return this.snapshot();
    }

    /** The report so far (inputs run, failures by property, slow inputs…). */
    snapshot(): FuzzReport {
        this.report.cliRuns = this.cli?.runs ?? 0;
        return structuredClone(this.report);
    }

    async runOne(index: number): Promise<InputResult> {
        const input = makeInput(this.options.seed, index, this.corpus);
        const random = new Random(this.options.seed ^ 0x5eed, index);
        const problems: Problem[] = [];
        // What the core logs as an error is a defect caught somewhere inside it (Langium logs a
        // validation that threw, then reports it on the first character): an oracle of its own.
        const logged: string[] = [];
        const log = console.error;
        console.error = (...args: unknown[]) => { logged.push(args.map(a => (a instanceof Error ? a.stack ?? a.message : String(a))).join(' ')); };
        const started = performance.now();
        const before = process.cpuUsage();
        try {
            await this.checkInput(input, random, problems);
        } catch (error) {
            problems.push({ oracle: 'throws', detail: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) });
            // A throw may leave the workspace in any state: start afresh.
            this.services = createPlaybookServices();
        } finally {
            console.error = log;
        }
        // CPU time is asked of the system only for inputs that took a while: the call costs more
        // than most inputs on a busy machine. Below 250 ms of wall time, the process (two
        // threads at most at work) cannot have used 500 ms of CPU, half the slow mark.
        const wallMs = performance.now() - started;
        const cpu = wallMs >= 250 ? process.cpuUsage(before) : undefined;
        const cpuMs = cpu ? (cpu.user + cpu.system) / 1000 : wallMs;
        for (const entry of logged.slice(0, 3)) problems.push({ oracle: 'internal-error', detail: `logged: ${entry.split('\n').slice(0, 8).join('\n')}` });
        const cliRan = this.cli !== undefined && index % (this.options.cliEvery ?? 1) === 0;
        if (cliRan) {
            try {
                await this.runCli(input, problems);
            } catch (error) {
                problems.push({ oracle: 'throws', detail: `running the CLI: ${String(error)}` });
            }
        }
        // Langium's services keep caches per workspace: a fresh set now and then keeps a long run's memory flat.
        if (++this.checked % 20_000 === 0) this.services = createPlaybookServices();
        return { input, problems, cpuMs, cliRan };
    }

    private record(result: InputResult): void {
        const report = this.report;
        report.byKind[result.input.kind]++;
        if (result.cpuMs > report.maxCpuMs.cpuMs) report.maxCpuMs = { index: result.input.index, cpuMs: Math.round(result.cpuMs) };
        if (result.cpuMs > (this.options.slowMs ?? 1000)) report.slow.push({ index: result.input.index, kind: result.input.kind, cpuMs: Math.round(result.cpuMs) });
        if (result.problems.length > 0) report.failures++;
        for (const oracle of new Set(result.problems.map(p => p.oracle))) {
            report.failedInputs[oracle] = (report.failedInputs[oracle] ?? 0) + 1;
        }
    }

    // -----------------------------------------------------------------------------------

    private async checkInput(input: FuzzInput, random: Random, problems: Problem[]): Promise<void> {
        const checked = await this.validate(input.files);
        const allText = input.files.map(file => file.text).join('\n');
        for (const [i, file] of input.files.entries()) {
            problems.push(...diagnosticProblems(checked.diagnostics[i], file.text, allText).map(p => ({ ...p, detail: `${file.name}: ${p.detail}` })));
        }
        const errors = checked.diagnostics.flat().filter(d => d.severity === 1);
        if (input.kind === 'generated' || input.kind === 'deals') {
            if (errors.length > 0) {
                problems.push({ oracle: 'generated-rejected', detail: errors.slice(0, 5).map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`).join('\n') });
            }
        }
        for (const file of input.files) this.checkFormatting(file, problems);
        if (errors.length === 0 && checked.roots.some(root => root.elements.some(ast.isPlaybook))) {
            const generated = input.kind === 'generated';
            if (generated) this.report.generatedRoundTrips++;
            this.report.roundTrips++;
            const before = problems.length;
            await this.checkRoundTrip(checked.roots, problems);
            if (generated && problems.slice(before).some(p => p.oracle === 'round-trip')) this.report.generatedRoundTripFailures++;
            for (const root of checked.roots) this.checkRenderers(root, input.files.map(f => f.text).join('\n'), problems);
        }
        if (input.kind === 'deals' && errors.length === 0) {
            const playbook = checked.roots[0].elements.find(ast.isPlaybook);
            if (playbook) {
                input.deals = generateDeals(random, playbookToModel(playbook));
                await this.checkDeals(input.deals, playbookToModel(playbook), input.files[0].text, problems);
            }
        }
    }

    private async validate(files: readonly InputFile[], prefix = 'memory:///fuzz'): Promise<{ diagnostics: Diagnostic[][]; roots: ast.Document[] }> {
        // The same names for every input (each is removed afterwards): Langium's URI index keeps
        // an entry per folder it has seen, and a folder per input made every lookup slower.
        const folder = prefix;
        const results = await validateTexts(this.services, files.map(file => ({ uri: `${folder}/${file.name}`, text: file.text })));
        try {
            return {
                diagnostics: results.map(r => r.diagnostics),
                roots: results.map(r => r.document.parseResult.value)
            };
        } finally {
            await this.services.shared.workspace.DocumentBuilder.update([], results.map(r => r.document.uri));
        }
    }

    /** Idempotent, keeps every token and comment, and refuses only texts with syntax errors. */
    private checkFormatting(file: InputFile, problems: Problem[]): void {
        const first = formatPlaybookText(this.services, file.text);
        if (!first.ok) {
            for (const d of first.diagnostics) {
                const words = internalWords(d.message, file.text);
                if (words.length > 0) problems.push({ oracle: 'message', detail: `fmt: ${d.line}:${d.column} "${d.message}" holds ${words.join(', ')}` });
            }
            problems.push(...diagnosticProblems(first.diagnostics.map(d => ({
                message: d.message, code: d.code,
                range: { start: { line: d.line - 1, character: d.column - 1 }, end: { line: d.endLine - 1, character: d.endColumn - 1 } }
            })), file.text).filter(p => p.oracle === 'range').map(p => ({ ...p, detail: `fmt: ${p.detail}` })));
            return;
        }
        this.report.formatted++;
        const second = formatPlaybookText(this.services, first.text);
        if (!second.ok) {
            problems.push({ oracle: 'format', detail: `the formatted text has syntax errors: ${second.diagnostics.slice(0, 3).map(d => `${d.line}:${d.column} ${d.message}`).join('; ')}` });
            return;
        }
        if (second.text !== first.text) problems.push({ oracle: 'format', detail: 'formatting the formatted text changes it again' });
        const before = this.tokens(file.text), after = this.tokens(first.text);
        if (before.length !== after.length || before.some((token, i) => token !== after[i])) {
            const at = before.findIndex((token, i) => token !== after[i]);
            problems.push({ oracle: 'format', detail: `formatting changed the tokens at #${at}: ${JSON.stringify(before[at])} became ${JSON.stringify(after[at])}` });
        }
    }

    private tokens(text: string): string[] {
        const lexed = this.services.Playbook.parser.Lexer.tokenize(text);
        return [...lexed.tokens, ...(lexed.hidden ?? [])].sort((a, b) => a.startOffset - b.startOffset).map(token => token.image);
    }

    /** Export → schema → import → check → export gives the same bytes. */
    private async checkRoundTrip(roots: readonly ast.Document[], problems: Problem[]): Promise<void> {
        const deals = dealsOfDocuments(roots);
        for (const root of roots) {
            const documents = exportPlaybooks(root, { withDeals: true, deals });
            if (documents.length === 0) continue;
            const json = serializeDocuments(documents);
            for (const [i, document] of documents.entries()) {
                const schema = await validatePlaybookDocument(JSON.parse(serializeDocuments([document])));
                if (schema.length > 0) problems.push({ oracle: 'round-trip', detail: `export #${i} breaks its own schema: ${schema.slice(0, 3).map(p => `${p.path}: ${p.message}`).join('; ')}` });
            }
            const imported = await importPlaybook(json);
            if (!imported.ok) {
                problems.push({ oracle: 'round-trip', detail: `import rejects the export: ${imported.errors.slice(0, 3).map(e => `${e.path ?? ''} ${e.message}`).join('; ')}` });
                continue;
            }
            const again = await this.validate([{ name: 'imported.playbook', text: imported.text }], 'memory:///fuzz-import');
            const errors = again.diagnostics[0].filter(d => d.severity === 1);
            if (errors.length > 0) {
                problems.push({ oracle: 'round-trip', detail: `the imported text has errors: ${errors.slice(0, 3).map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`).join('; ')}` });
                continue;
            }
            const reexported = serializeDocuments(exportPlaybooks(again.roots[0], { withDeals: true }));
            if (reexported !== json) problems.push({ oracle: 'round-trip', detail: `export → import → export differs:\n${firstDifference(json, reexported)}` });
            const formatted = formatPlaybookText(this.services, imported.text);
            if (!formatted.ok || formatted.changed) problems.push({ oracle: 'round-trip', detail: 'the imported text is not in the layout of fmt' });
        }
    }

    private checkRenderers(root: ast.Document, input: string, problems: Problem[]): void {
        for (const playbook of root.elements.filter(ast.isPlaybook)) {
            const model: PlaybookModel = playbookToModel(playbook);
            const diagram = playbookToMermaid(model, { conditions: true });
            problems.push(...mermaidProblems(diagram));
            const handbook = playbookToMarkdown(model);
            const words = internalWords(handbook, input);
            if (words.length > 0) problems.push({ oracle: 'message', detail: `the Markdown handbook holds ${words.join(', ')}` });
        }
    }

    /** The CRM reader never throws, and reports every planted bad cell on its line, with clean messages. */
    private async checkDeals(deals: GeneratedDeals, playbook: PlaybookModel, playbookText: string, problems: Problem[]): Promise<void> {
        this.report.dealInputs++;
        this.report.badCellsPlanted += deals.badLines.length;
        const lineCount = deals.text.split(/\r\n|\r|\n/).length;
        const errorLines = new Set<number>();
        let fatal = false;
        for await (const item of readDeals(Readable.from([deals.text]), playbook, { file: deals.fileName })) {
            if (!('error' in item)) continue;
            const error = item.error;
            fatal ||= error.fatal === true;
            if (error.line === undefined) {
                if (!error.fatal) problems.push({ oracle: 'deals', detail: `an error without a line: ${error.message}` });
            } else if (!Number.isInteger(error.line) || error.line < 1 || error.line > lineCount) {
                problems.push({ oracle: 'deals', detail: `line ${error.line} is outside the file (${lineCount} lines): ${error.message}` });
            } else {
                errorLines.add(error.line);
            }
            const words = internalWords(error.message, `${playbookText}\n${deals.text}`);
            if (words.length > 0) problems.push({ oracle: 'message', detail: `deals: "${error.message}" holds ${words.join(', ')}` });
        }
        if (!fatal) {
            for (const line of deals.badLines) {
                if (!errorLines.has(line)) problems.push({ oracle: 'deals', detail: `the bad cell of line ${line} is not reported` });
            }
        }
    }

    // -----------------------------------------------------------------------------------

    private async runCli(input: FuzzInput, problems: Problem[]): Promise<void> {
        const cli = this.cli!;
        const files: Record<string, string> = Object.fromEntries(input.files.map(f => [f.name, f.text]));
        if (input.deals) files[input.deals.fileName] = input.deals.text;
        const dir = cli.folder(`input-${input.index}`, files);
        try {
            const main = input.files[0].name;
            const check = cli.run(dir, ['check', main, '--format', 'json']);
            problems.push(...runProblems(check));
            if (!isCleanRefusal(check)) await this.compareCheck(input, check.stdout, check.status, problems);
            if (input.kind === 'generated' && check.status === 0) {
                const exported = cli.run(dir, ['export', main, '--with-deals', '-o', 'exported.json']);
                problems.push(...runProblems(exported));
                // Imported into a folder of its own: beside the original, its names would be declared twice.
                mkdirSync(join(dir, 'back'));
                const imported = cli.run(dir, ['import', 'exported.json', '-o', join('back', 'imported.playbook')]);
                problems.push(...runProblems(imported));
                if (exported.status !== 0 || imported.status !== 0) {
                    problems.push({ oracle: 'cli', detail: `export exited ${exported.status}, import ${imported.status}: ${firstLines(exported.stderr + imported.stderr)}` });
                } else {
                    const again = cli.run(dir, ['export', join('back', 'imported.playbook'), '--with-deals']);
                    problems.push(...runProblems(again));
                    if (again.stdout !== cli.read(dir, 'exported.json')) problems.push({ oracle: 'cli', detail: 'export → import → export through the CLI differs' });
                }
                problems.push(...runProblems(cli.run(dir, ['fmt', '--check', main])));
                problems.push(...runProblems(cli.run(dir, ['export', main, '--format', 'mermaid'])));
            }
            if (input.deals) {
                const simulate = cli.run(dir, ['simulate', main, '--deals', input.deals.fileName, '--format', 'json']);
                problems.push(...runProblems(simulate));
                if (simulate.status !== 2 || simulate.stdout.trim() !== '') {
                    try {
                        JSON.parse(simulate.stdout);
                    } catch {
                        problems.push({ oracle: 'cli', detail: `simulate --format json printed no valid JSON (exit ${simulate.status}): ${firstLines(simulate.stdout)}` });
                    }
                }
            }
        } finally {
            cli.remove(dir);
        }
    }

    /**
     * `check --format json` prints exactly what the library finds in the same files, read as
     * the CLI reads them (UTF-8 without a byte-order mark), with the same exit code: the same
     * text gets the same verdict in a fresh process as in this long-running one.
     */
    private async compareCheck(input: FuzzInput, stdout: string, status: number | null, problems: Problem[]): Promise<void> {
        let printed: Array<Record<string, unknown>>;
        try {
            printed = JSON.parse(stdout) as Array<Record<string, unknown>>;
        } catch {
            problems.push({ oracle: 'cli', detail: `check --format json printed no valid JSON (exit ${status}): ${firstLines(stdout)}` });
            return;
        }
        const asRead = input.files.map(file => ({ name: file.name, text: Buffer.from(file.text, 'utf8').toString('utf8').replace(/^\uFEFF/, '') }));
        const checked = await this.validate(asRead, 'file:///fuzz-cli');
        // The CLI reads from the files beside the named one only the playbooks its deals follow
        // (a 20 MB file beside must not slow a check), so it cannot offer a near name that only
        // such a file declares: a missing playbook's "Did you mean" is the library's alone.
        const hint = / Did you mean '[^']*'\?$/;
        const message = (d: { code: unknown; message: unknown }): unknown =>
            d.code === 'unresolved-reference' && typeof d.message === 'string' && d.message.startsWith('No playbook named') ? d.message.replace(hint, '') : d.message;
        const key = (d: { line: unknown; column: unknown; endLine: unknown; endColumn: unknown; severity: unknown; code: unknown; message: unknown }): string =>
            JSON.stringify([d.line, d.column, d.endLine, d.endColumn, d.severity, d.code, message(d)]);
        const expected = checked.diagnostics[0].map(d => key(toPlaybookDiagnostic(d, input.files[0].name))).sort();
        const actual = printed.map(d => key(d as Parameters<typeof key>[0])).sort();
        const missing = expected.filter(k => !actual.includes(k)), extra = actual.filter(k => !expected.includes(k));
        if (missing.length > 0 || extra.length > 0) {
            problems.push({ oracle: 'cli-verdict', detail: `check in a fresh process differs from the library: only in the library ${missing.slice(0, 3).join(' ')}; only in the CLI ${extra.slice(0, 3).join(' ')}` });
        }
        const expectedStatus = checked.diagnostics[0].some(d => d.severity === 1) ? 1 : 0;
        if (status !== expectedStatus) problems.push({ oracle: 'cli-verdict', detail: `check exited ${status}, the library's findings say ${expectedStatus}` });
    }
}

function firstDifference(a: string, b: string): string {
    const linesA = a.split('\n'), linesB = b.split('\n');
    const at = linesA.findIndex((line, i) => line !== linesB[i]);
    return `line ${at + 1}: expected ${JSON.stringify(linesA[at]?.slice(0, 200))}, got ${JSON.stringify(linesB[at]?.slice(0, 200))}`;
}

