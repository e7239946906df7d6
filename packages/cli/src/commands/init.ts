/**
 * `playbook init --from <export> [-o out.playbook]`: drafts a playbook from a CRM history
 * (see @playbook/model's discovery): the stages in the order deals moved through them, their
 * CRM names as aliases, probabilities, time limits, optional stages, loss reasons and the
 * amount field, each with a comment saying what it rests on. The export is read by the same
 * readers, with the same column options, as `simulate --deals`.
 *
 * The draft is formatted by the formatter and checked as `playbook check` would check it
 * before it is written. Without -o it goes to standard output. -o never writes over an
 * existing file (a draft is a starting point, not an edit of someone's playbook) nor over the
 * export read.
 *
 * Exit codes: 0 drafted (input problems, if any, on stderr), 1 some rows were unusable and
 * skipped (the draft is still written), 2 bad usage or an unusable input (its problems
 * grouped, as `simulate` prints them).
 */
import { createPlaybookServices, formatPlaybookText, validateText } from '@playbook/language';
import { discoverPlaybook, invalidNameReason, renderDraft, suggestName, type DealsInput, type DiscoverOptions, groupedCount } from '@playbook/model';
import { promises as fs } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { CliError, ExitCode } from '../errors.js';
import { PLAYBOOK_EXTENSION } from '../files/collect-files.js';
import { displayPath } from '../files/display-path.js';
import { describeFsError } from '../files/fs-errors.js';
import { outputTarget, writeOutput } from '../files/write-output.js';
import { toReadOptions, type SimulateOptions } from '../simulate/options.js';
import { formatCrmError, formatProblem } from '../simulate/run.js';

/** The column and format options are simulate's (`--id-column`, `--date-order`, …), so an export read by one is read by the other. */
export interface InitOptions extends Omit<SimulateOptions, 'format' | 'deals' | 'playbook' | 'asOf' | 'lateStart' | 'seed' | 'trials'> {
    from: string;
    output?: string;
    name?: string;
    optionalShare?: string;
    withinPercentile?: string;
}

/** Problems of the input printed on stderr; the rest are counted. */
const PROBLEMS_PRINTED = 20;

export async function initCommand(options: InitOptions): Promise<number> {
    const cwd = process.cwd();
    const settings = parseSettings(options);
    const name = options.name ?? defaultName(options.from);
    const input = await openExport(options.from, cwd);
    let target = await outputTarget(options.output, cwd);
    if (target.kind === 'folder') {
        // `-o drafts/`: named after the export, `deals.csv` → `drafts/deals.playbook`.
        target = { kind: 'file', path: join(target.path, `${input.path ? basename(input.path, extname(input.path)) : 'pipeline'}${PLAYBOOK_EXTENSION}`) };
    }
    if (target.kind === 'file' && await exists(target.path)) {
        throw new CliError(`refusing to write over '${displayPath(target.path, cwd)}': it exists; a draft goes to a new file (choose another name, or remove that file first; nothing was written)`);
    }
    const read = toReadOptions({ ...options, format: 'text' }, input.shownAs);
    const discoverOptions: DiscoverOptions = { ...read, name, ...settings };
    const result = await discoverPlaybook(input.open, discoverOptions);

    if (result.fatal) {
        throw new CliError(formatCrmError(result.fatal), ExitCode.Usage, input.shownAs);
    }
    const summary = result.input;
    for (const problem of summary.problems.slice(0, PROBLEMS_PRINTED)) {
        process.stderr.write(`${formatProblem(problem)}\n`);
    }
    if (summary.problems.length > PROBLEMS_PRINTED) {
        process.stderr.write(`playbook: … and ${count(summary.problems.length - PROBLEMS_PRINTED)} more kinds of problem in the export\n`);
    }
    if (!result.draft) {
        throw new CliError(`cannot draft a playbook: ${result.failure ?? 'the export gives none'}`, ExitCode.Usage, input.shownAs);
    }
    if (summary.mostlyUnusable) {
        throw new CliError(`cannot draft a playbook: ${count(summary.unusableRows)} of ${count(summary.unusableRows + summary.usedRows)} rows of '${input.shownAs}' are unusable (above); fix those problems first, no draft is made from the other ${count(summary.usedRows)}`, ExitCode.Usage, input.shownAs);
    }

    const text = await formattedAndChecked(renderDraft(result.draft));
    await writeOutput(text, target, input.path ? [input.path] : [], 'playbook', cwd);
    const draft = result.draft;
    const where = target.kind === 'file' ? ` to ${displayPath(target.path, cwd)}` : '';
    process.stderr.write(`playbook: drafted ${draft.name}${where} from ${count(draft.deals)} deal${draft.deals === 1 ? '' : 's'}: ${draft.stages.length} stage${draft.stages.length === 1 ? '' : 's'} (${draft.stages.map(s => s.name).join(', ')})\n`);
    if (result.errorCount > 0) {
        process.stderr.write(`playbook: ${count(summary.unusableRows)} row${summary.unusableRows === 1 ? '' : 's'} of the export skipped (${count(result.errorCount)} error${result.errorCount === 1 ? '' : 's'}, above); the draft rests on the other ${count(draft.deals)} deal${draft.deals === 1 ? '' : 's'}\n`);
        return ExitCode.Problems;
    }
    return ExitCode.Ok;
}

/** The draft in the canonical layout, checked as `playbook check` checks a file: a draft with an error is a bug here, never written. */
async function formattedAndChecked(text: string): Promise<string> {
    const services = createPlaybookServices();
    const formatted = formatPlaybookText(services, text);
    if (!formatted.ok) {
        throw new Error(`the draft does not parse: ${formatted.diagnostics[0]?.message ?? 'syntax error'}`);
    }
    const { diagnostics } = await validateText(services, formatted.text, 'memory:///draft.playbook');
    const error = diagnostics.find(d => (d.severity ?? 1) === 1);
    if (error) {
        throw new Error(`the draft has an error at line ${error.range.start.line + 1}: ${error.message}`);
    }
    return formatted.text;
}

interface OpenedExport {
    /** Opens the export again (the draft reads it in three passes). */
    open: () => DealsInput;
    shownAs: string;
    /** Absent for standard input. */
    path?: string;
}

/** The export (or standard input for `-`, held in memory: it is read more than once), checked to be readable. */
async function openExport(arg: string, cwd: string): Promise<OpenedExport> {
    if (arg === '-') {
        const chunks: Buffer[] = [];
        for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
        return { open: () => replay(chunks), shownAs: '<stdin>' };
    }
    if (arg.trim() === '') {
        throw new CliError('--from needs a file (or - for standard input)');
    }
    const path = resolve(cwd, arg);
    const shownAs = displayPath(path, cwd);
    try {
        const stats = await fs.stat(path);
        if (stats.isDirectory()) throw new CliError(`cannot read '${shownAs}': is a directory`);
        await (await fs.open(path, 'r')).close();
    } catch (error) {
        throw error instanceof CliError ? error : new CliError(`cannot read '${shownAs}': ${describeFsError(error)}`);
    }
    if (path.endsWith(PLAYBOOK_EXTENSION)) {
        throw new CliError(`'${shownAs}' is a .playbook file, not a CRM export; init drafts a playbook from a CRM export (CSV, JSON or JSON Lines)`);
    }
    return { open: () => path, shownAs, path };
}

async function* replay(chunks: readonly Buffer[]): AsyncGenerator<Uint8Array> {
    yield* chunks;
}

/** `sales_pipeline.csv` → `SalesPipeline`; standard input → `Pipeline`. */
function defaultName(from: string): string {
    if (from === '-') return 'Pipeline';
    const suggested = suggestName(basename(from, extname(from)));
    return suggested !== '' && invalidNameReason(suggested) === undefined ? suggested : 'Pipeline';
}

function parseSettings(options: InitOptions): Pick<DiscoverOptions, 'optionalShare' | 'withinPercentile'> {
    const settings: Pick<DiscoverOptions, 'optionalShare' | 'withinPercentile'> = {};
    if (options.name !== undefined) {
        const reason = invalidNameReason(options.name);
        if (reason) throw new CliError(`--name: ${reason}`);
    }
    if (options.optionalShare !== undefined) {
        settings.optionalShare = percentOption(options.optionalShare, '--optional-share', 1) / 100;
    }
    if (options.withinPercentile !== undefined) {
        settings.withinPercentile = percentOption(options.withinPercentile, '--within-percentile', 1);
    }
    return settings;
}

function percentOption(value: string, flag: string, min: number): number {
    const text = value.trim().replace(/%$/, '');
    const number = Number(text);
    if (!/^\d+(\.\d+)?$/.test(text) || number < min || number > 100) {
        throw new CliError(`${flag} must be a percentage from ${min} to 100, not '${value}'`);
    }
    return number;
}

async function exists(path: string): Promise<boolean> {
    try {
        await fs.lstat(path);
        return true;
    } catch {
        return false;
    }
}

const count = groupedCount;

