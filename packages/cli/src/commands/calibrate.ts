/**
 * `playbook calibrate <file> --deals <export> [--write]`: the playbook's declared figures
 * beside what the deals of a CRM export did (see `Calibrator` in the model), as text or JSON,
 * and with `--write` the suggested edits applied to the file.
 *
 * The export is read by the reader and with the options of `simulate --deals`, and the deals
 * replayed alike (history from the first record, late starts apart, as of `--as-of` or the
 * latest date of the export).
 *
 * Exit code: 0 calibrated (findings are the answer, not a failure), 1 `--write` refused,
 * 2 bad usage or unusable input: an unreadable export, most of its rows unusable, no deals,
 * or a playbook with errors; 130 interrupted (Ctrl-C: the figures of the deals read so far
 * are printed, nothing is written).
 */
import type { PlaybookDiagnostic } from '@playbook/language';
import { playbookToModel } from '../diagnostics/syntax-trees.js';
import { CalibrationRun, formatCalibration, readDealBatches, type CalibrationResult, type CrmError, groupedCount } from '@playbook/model';
import { ExitCode } from '../errors.js';
import { openDeals } from '../files/open-deals.js';
import { formatText } from '../output/text.js';
import { writeCalibration, type WriteResult } from '../calibrate/write-edits.js';
import { parseAsOf, toReadOptions, type SimulateOptions } from '../simulate/options.js';
import { OutputWriter } from '../simulate/output-writer.js';
import { Progress } from '../simulate/progress.js';
import { formatCrmError, formatProblem, INTERRUPTED } from '../simulate/run.js';
import { blockingErrors, choosePlaybook, loadWorkspace, type Workspace } from '../simulate/workspace.js';

/** Exactly what main.ts declares. */
export interface CalibrateOptions extends Omit<SimulateOptions, 'seed' | 'trials' | 'deals'> {
    deals: string;
    write: boolean;
}

/** Problems of the export printed on stderr, each once; the rest are counted (JSON has them all). */
const PROBLEMS_PRINTED = 20;

export async function calibrate(file: string, options: CalibrateOptions): Promise<number> {
    const cwd = process.cwd();
    const asOf = parseAsOf(options.asOf);
    const deals = await openDeals(options.deals, cwd, () => '--deals takes the CRM export of the deals to calibrate the playbook against');
    const readOptions = toReadOptions(options, deals.shownAs);
    const writer = new OutputWriter(process.stdout);

    const workspace = await loadWorkspace(file, cwd, options.playbook, false);
    const shown = workspace.target.source.shownAs;
    const syntaxErrors = blockingErrors(workspace, []);
    if (syntaxErrors.length > 0) {
        return stopForErrors(syntaxErrors, workspace, options, deals.shownAs, writer, cwd);
    }
    const playbookNode = choosePlaybook(workspace, options.playbook);
    const errors = blockingErrors(workspace, [playbookNode]);
    if (errors.length > 0) {
        return stopForErrors(errors, workspace, options, deals.shownAs, writer, cwd);
    }
    const playbook = playbookToModel(playbookNode);

    const stageNames = new Map<string, number>();
    const run = new CalibrationRun(playbook, { ...(asOf ? { asOf } : {}), lateStart: options.lateStart ?? 'allow', stageNames });
    // Ctrl-C stops the reading: the figures of the deals read so far are still given (never written).
    let interrupted = false;
    const interrupt = (): void => { interrupted = true; };
    process.once('SIGINT', interrupt);
    const progress = new Progress();
    let read = 0;
    try {
        for await (const batch of readDealBatches(deals.input, playbook, { ...readOptions, stageNames })) {
            for (const item of batch) {
                run.add(item);
                if (!('error' in item)) progress.tick(++read);
            }
            if (run.stopped || interrupted) break;
        }
    } finally {
        process.off('SIGINT', interrupt);
        progress.clear();
    }
    const result = run.finish();
    reportProblems(result);
    if (interrupted) {
        process.stderr.write(`playbook: interrupted after ${count(result.deals)} deal${result.deals === 1 ? '' : 's'}; the figures are of those only${options.write ? ', and nothing is written' : ''}\n`);
    }

    const write = result.calibration && options.write && !interrupted
        ? await writeCalibration(workspace, playbookNode, result.calibration.suggestions, cwd)
        : undefined;
    if (options.format === 'json') {
        await writer.write(`${JSON.stringify(jsonDocument(shown, deals.shownAs, result, [], write), null, 2)}\n`);
    } else if (result.calibration) {
        await writer.write(formatCalibration(result.calibration));
        if (write) await writer.write(describeWrite(write));
    }
    await writer.flush();
    if (write?.refused !== undefined) {
        process.stderr.write(`playbook: nothing written to '${write.file}': ${write.refused}\n`);
        if (options.format !== 'json' && write.problems.length > 0) {
            process.stderr.write(formatText(write.problems, { filesChecked: 1, color: false, cwd }));
        }
    } else if (write?.written) {
        process.stderr.write(`playbook: wrote ${write.applied.length} edit${write.applied.length === 1 ? '' : 's'} to '${write.file}'\n`);
    }
    if (interrupted) {
        return INTERRUPTED;
    }
    if (!result.calibration) {
        process.stderr.write(`playbook: cannot calibrate: ${unusableReason(result, deals.shownAs)}\n`);
        return ExitCode.Usage;
    }
    return write?.refused !== undefined ? ExitCode.Problems : ExitCode.Ok;
}

/** What `--format json` prints (docs/calibration-json.md). */
function jsonDocument(file: string, dealsFile: string, result: CalibrationResult | undefined, errors: ReadonlyArray<PlaybookDiagnostic | CrmError>, write: WriteResult | undefined): object {
    return {
        file,
        dealsFile,
        calibration: result?.calibration ?? null,
        input: result ? { deals: result.deals, usedRows: result.input.usedRows, unusableRows: result.input.unusableRows, incompleteDeals: result.input.incompleteDeals, problems: result.input.problems } : null,
        errors: [...errors, ...(result?.fatal ? [result.fatal] : [])],
        write: write ?? null
    };
}

function reportProblems(result: CalibrationResult): void {
    if (result.fatal) process.stderr.write(`${formatCrmError(result.fatal)}\n`);
    const problems = result.input.problems;
    for (const problem of problems.slice(0, PROBLEMS_PRINTED)) process.stderr.write(`${formatProblem(problem)}\n`);
    if (problems.length > PROBLEMS_PRINTED) {
        process.stderr.write(`playbook: … and ${count(problems.length - PROBLEMS_PRINTED)} more kinds of problem in the deals input (all in --format json)\n`);
    }
    if (result.calibration && result.input.unusableRows > 0) {
        process.stderr.write(`playbook: ${count(result.input.unusableRows)} row${result.input.unusableRows === 1 ? '' : 's'} of the deals input skipped (above); the figures are of the other ${count(result.deals)} deal${result.deals === 1 ? '' : 's'}\n`);
    }
}

function unusableReason(result: CalibrationResult, dealsFile: string): string {
    switch (result.unusable) {
        case 'unreadable': return `'${dealsFile}' cannot be read (above)`;
        case 'mostly-unusable': return `${count(result.input.unusableRows)} of ${count(result.input.unusableRows + result.input.usedRows)} rows of the deals input are unusable (above); fix those problems first, no figures are made from the other ${count(result.input.usedRows)}`;
        default: return `no deals to calibrate against: '${dealsFile}' has no rows`;
    }
}

function describeWrite(write: WriteResult): string {
    const lines: string[] = [''];
    if (write.refused !== undefined) {
        lines.push(`Not written: ${write.refused}.`);
        if (write.diff !== '') lines.push('The edit that was refused:', write.diff.trimEnd());
    } else if (write.diff === '') {
        lines.push(`Nothing to write: ${write.file} already says what the data says.`);
    } else {
        lines.push(`Written to ${write.file}:`, write.diff.trimEnd());
    }
    for (const { suggestion, why } of write.skipped) lines.push(`Not applied: ${suggestion.kind} of ${suggestion.stage}: ${why}.`);
    return `${lines.join('\n')}\n`;
}

/** Errors in the playbook: it cannot be calibrated (exit 2); printed as `check` prints them. */
async function stopForErrors(errors: PlaybookDiagnostic[], workspace: Workspace, options: CalibrateOptions, dealsFile: string, writer: OutputWriter, cwd: string): Promise<number> {
    const files = new Set(errors.map(error => error.file)).size;
    const text = formatText(errors, { filesChecked: files, color: options.format === 'text' && process.stdout.isTTY === true && !process.env.NO_COLOR, cwd });
    if (options.format === 'json') {
        process.stderr.write(text);
        await writer.write(`${JSON.stringify(jsonDocument(workspace.target.source.shownAs, dealsFile, undefined, errors, undefined), null, 2)}\n`);
    } else {
        await writer.write(text);
    }
    await writer.flush();
    process.stderr.write(`playbook: cannot calibrate: fix the errors ${options.format === 'json' ? 'above' : 'listed'} first (they are what 'playbook check ${workspace.target.source.shownAs}' reports)\n`);
    return ExitCode.Usage;
}

const count = groupedCount;


