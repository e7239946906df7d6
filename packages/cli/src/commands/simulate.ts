/**
 * `playbook simulate <file> [--deals <export>]`: replay deals against their playbook and
 * report each deal's outcome and violations, then the aggregate (funnel, conversion, win
 * rate, cycle times, frequent violations, forecast).
 *
 * - Without `--deals`: the deals written in the file (read with the .playbook files beside
 *   it, as `check` reads it); a file of playbooks only replays the deals that follow them in
 *   the files beside it.
 * - With `--deals`: the file gives the playbook (`--playbook` picks one) and the deals are
 *   streamed from a CRM export (CSV, JSON or JSON Lines; `-` is standard input). A bad row is
 *   reported (`file:line:column: message`) and skipped; the other deals still replay.
 *
 * Exit code: 0 no deal has a violation, 1 some deal has one or some input was skipped, 2 bad
 * usage or unreadable input (also: errors that make the files mean something else are
 * printed as `check` prints them, and give 1).
 */
import type { PlaybookDiagnostic } from '@playbook/language';
import { playbookToModel } from '../diagnostics/syntax-trees.js';
import { currentIsoDate, readDealBatches } from '@playbook/model';
import { ExitCode } from '../errors.js';
import { openDeals } from '../files/open-deals.js';
import { formatText } from '../output/text.js';
import { JsonOutput } from '../simulate/json-output.js';
import { checkDealsOnlyOptions, parseAsOf, toForecastOptions, toReadOptions, type SimulateOptions } from '../simulate/options.js';
import type { SimulationOutput } from '../simulate/output.js';
import { OutputWriter } from '../simulate/output-writer.js';
import { Progress } from '../simulate/progress.js';
import { SimulationRun } from '../simulate/run.js';
import { TextOutput } from '../simulate/text-output.js';
import { blockingErrors, choosePlaybook, fileDeals, loadWorkspace, toFileDeals, type Workspace } from '../simulate/workspace.js';

export type { SimulateOptions } from '../simulate/options.js';

export async function simulate(file: string, options: SimulateOptions): Promise<number> {
    const cwd = process.cwd();
    // Mistakes in the options first: they cost nothing to find.
    checkDealsOnlyOptions(options);
    const forecast = toForecastOptions(options);
    const asOf = parseAsOf(options.asOf);
    const lateStart = options.lateStart ?? 'allow';
    const deals = options.deals === undefined ? undefined : await openDeals(options.deals, cwd);
    const readOptions = deals === undefined ? undefined : toReadOptions(options, deals.shownAs);

    const workspace = await loadWorkspace(file, cwd, options.playbook, deals === undefined);
    const writer = new OutputWriter(process.stdout);
    // A file that does not parse may have lost the very deals or playbook asked for: its errors first.
    const syntaxErrors = blockingErrors(workspace, []);
    if (syntaxErrors.length > 0) {
        return stopForErrors(syntaxErrors, workspace, options.format, writer, cwd);
    }

    if (deals === undefined || readOptions === undefined) {
        const nodes = fileDeals(workspace, options.playbook);
        const errors = blockingErrors(workspace, [...nodes, ...nodes.flatMap(deal => (deal.playbook.ref ? [deal.playbook.ref] : []))]);
        if (errors.length > 0) {
            return stopForErrors(errors, workspace, options.format, writer, cwd);
        }
        // Deals written in files start in the first stage and, without --as-of, are judged up to
        // their last event, as `check` and the editor judge them.
        // `today`, in open deals' pending rules, is --as-of or else the current date.
        const run = new SimulationRun(createOutput(options, writer, false), new Progress(), { ...forecast, start: 'first-stage', ...(asOf ? { asOf } : { today: currentIsoDate() }) });
        return runToEnd(run, async () => {
            for (const deal of toFileDeals(workspace, nodes)) {
                if (run.interrupted) {
                    break;
                }
                await run.deal(deal.playbook, deal.model, { file: deal.file.source.shownAs, line: deal.line }, { positionOf: deal.position });
            }
        });
    }

    const playbookNode = choosePlaybook(workspace, options.playbook);
    const errors = blockingErrors(workspace, [playbookNode]);
    if (errors.length > 0) {
        return stopForErrors(errors, workspace, options.format, writer, cwd);
    }
    const playbook = playbookToModel(playbookNode);
    // A CRM history starts at its first record; open deals are judged as of --as-of, else the latest date in the export.
    const run = new SimulationRun(createOutput(options, writer, true), new Progress(),
        { ...forecast, start: 'first-record', lateStart, ...(asOf ? { asOf } : { defaultAsOf: 'latest' }) });
    run.expect(playbook);
    run.expectExport();
    return runToEnd(run, async () => {
        for await (const batch of readDealBatches(deals.input, playbook, readOptions)) {
            for (const item of batch) {
                if (run.interrupted) {
                    return;
                }
                if ('error' in item) {
                    run.error(item.error);
                } else {
                    const wait = run.crmDeal(playbook, item);
                    if (wait) await wait;
                }
            }
        }
    });
}

function createOutput(options: SimulateOptions, writer: OutputWriter, dealSources: boolean): SimulationOutput {
    return options.format === 'json' ? new JsonOutput(writer) : new TextOutput(writer, dealSources);
}

/**
 * Replays until the input ends or Ctrl-C. The first Ctrl-C stops at once, even while the
 * reader is still in its first pass over a large file: the report of the deals replayed so
 * far is written (JSON stays one whole document) and the process then ends by the signal, as
 * shells expect of an interrupted command. A second Ctrl-C ends it without a report.
 */
async function runToEnd(run: SimulationRun, replay: () => Promise<void>): Promise<number> {
    let interrupt = (): void => undefined;
    const interrupted = new Promise<void>(resolve => {
        interrupt = () => {
            run.interrupted = true;
            resolve();
        };
    });
    process.once('SIGINT', interrupt);
    try {
        const replaying = replay();
        // On Ctrl-C the replay is left behind: it stops at its next deal (see the loops above).
        replaying.catch(() => undefined);
        await Promise.race([replaying, interrupted]);
    } catch (error) {
        // A bug: still close the output (JSON stays one document), then let main.ts report it.
        await run.finish().catch(() => undefined);
        throw error;
    } finally {
        process.off('SIGINT', interrupt);
    }
    const code = await run.finish();
    if (run.interrupted) {
        await new Promise<void>(resolve => process.stdout.write('', () => resolve()));
        process.kill(process.pid, 'SIGINT');
    }
    return code;
}

/** Errors that make the files mean something other than their text: printed as `check` prints them (exit 1). */
async function stopForErrors(errors: PlaybookDiagnostic[], workspace: Workspace, format: SimulateOptions['format'], writer: OutputWriter, cwd: string): Promise<number> {
    const files = new Set(errors.map(error => error.file)).size;
    const color = format === 'text' && process.stdout.isTTY === true && !process.env.NO_COLOR;
    const text = formatText(errors, { filesChecked: files, color, cwd });
    if (format === 'json') {
        process.stderr.write(text);
        const summary = { deals: 0, dealsWithViolations: 0, errors: errors.length, stopped: true, interrupted: false };
        await writer.write(`{\n"deals": [],\n"report": null,\n"reports": [],\n"errors": ${JSON.stringify(errors, null, 2)},\n"problems": [],\n"summary": ${JSON.stringify(summary)}\n}\n`);
    } else {
        await writer.write(text);
    }
    await writer.flush();
    const shown = workspace.target.source.shownAs;
    process.stderr.write(`playbook: cannot simulate: fix the errors ${format === 'json' ? 'above' : 'listed'} first (they are what 'playbook check ${shown}' reports)\n`);
    return ExitCode.Problems;
}
