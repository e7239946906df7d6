/**
 * The `playbook` command line. This file only declares the commands and maps every way a
 * run can end onto an exit code; each command's work is loaded when it runs, so `--help`
 * and `--version` never load the language.
 *
 * Exit codes: 0 no errors, 1 errors found, 2 bad usage, unreadable input or internal error.
 *
 * Nothing is exported: this is the bundle's entry, and while Node builds a start-up snapshot
 * from the bundle there is no `module` for esbuild's `module.exports` to assign to.
 */
import { startupSnapshot } from 'node:v8';
import { Command, CommanderError, Option } from 'commander';
import { ExitCode, isCliError } from './errors.js';
import { loadCommand } from './load-command.js';
import { failureDocument, type Failure } from './output/failure.js';
import { OUTPUT_FORMATS, type OutputFormat } from './output/formats.js';

/** Kept here rather than imported from commands/export.ts, which is a bundle of its own. */
const EXPORT_FORMAT_CHOICES = ['json', 'mermaid', 'markdown'];
import { version } from './version.js';

function createProgram(): Command {
    const program = new Command('playbook')
        .description('Playbook: sales processes as code. Checks .playbook files and the deals written in them.')
        .version(version, '-v, --version', 'print the version and exit')
        .helpOption('-h, --help', 'show help')
        .helpCommand('help [command]', 'show help for a command')
        // Usage errors are turned into exit code 2 below instead of commander's process.exit(1).
        .exitOverride()
        .configureOutput({
            outputError: (message, write) => write(message.replace(/^error: /, 'playbook: '))
        })
        .showSuggestionAfterError(true)
        .addHelpText('after', `
Exit codes:
  0  no errors (warnings and infos do not fail)
  1  errors found
  2  bad usage or unreadable input

Run 'playbook <command> --help' for a command's options.`);

    program.command('check')
        .description('check .playbook files: syntax, names, types, rules, and the deals replayed against their playbooks')
        .argument('<paths...>', 'files, directories (searched recursively for *.playbook) or quoted globs')
        .addOption(new Option('-f, --format <format>', 'output format').choices(OUTPUT_FORMATS).default('text'))
        .option('--as-of <date>', 'judge the deals as of this day, YYYY-MM-DD: later events have not happened yet, open deals\' stays and time limits run to it, and it is what `today` means in conditions (default: each deal up to its last event, and `today` is the current date)')
        .showHelpAfterError(`(run 'playbook check --help' for usage)`)
        .addHelpText('after', `
A file of deals finds the playbook its deals follow in a .playbook file beside it: only
such files are read (stderr says which and why), and only the files named (or found) are
reported. Files are UTF-8, or UTF-8/UTF-16 with a byte-order mark.

Formats:
  text    file:line:column severity code message, and a summary (default)
  json    an array of {file, line, column, endLine, endColumn, severity, code, message}
  sarif   SARIF 2.1.0, for code scanning
  github  GitHub Actions annotations (workflow commands)
  gitlab  a GitLab Code Quality report (artifacts: reports: codequality)
When the check cannot be done (exit 2), json, sarif, github and gitlab still print a
document saying why (code usage-error, unreadable-input or internal-error).

Examples:
  playbook check examples
  playbook check 'playbooks/**/*.playbook' --format sarif > playbook.sarif
  playbook check deals.playbook --format json
  playbook check playbooks --format gitlab > gl-code-quality-report.json

Exit codes: 0 no errors, 1 errors found, 2 bad usage or unreadable input.`)
        .action(async (paths: string[], options: { format: OutputFormat; asOf?: string }) => {
            const { check } = await import('./commands/check.js');
            process.exitCode = await check(paths, options);
        });

    program.command('export')
        .description('write every playbook of a file as JSON (the published format), a Mermaid diagram or a Markdown handbook')
        .argument('<file>', 'a .playbook file (its sibling files are read too, for deals and cross-file names)')
        .option('-o, --output <path>', "write here instead of stdout; a folder (ending in '/') gets one file per playbook")
        .addOption(new Option('-f, --format <format>', 'what to write').choices(EXPORT_FORMAT_CHOICES).default('json'))
        .option('--with-deals', 'include the deals that follow each playbook (JSON only)', false)
        .option('--conditions', 'show gate conditions on the diagram edges (Mermaid only)', false)
        .showHelpAfterError(`(run 'playbook export --help' for usage)`)
        .addHelpText('after', `
JSON: one playbook gives one document, several give an array of documents; each carries
"$schema" and "formatVersion" (see 'playbook schema'). Output is deterministic.
A playbook with errors is not exported (exit 1); fix what 'playbook check' reports first.
A deal that broke a rule is a record: it never stops an export. -o never writes over a
file the command read, and creates the folders it needs.

Examples:
  playbook export examples/big-account.playbook -o big-account.json
  playbook export examples/big-account.playbook --format mermaid
  playbook export playbooks/sales.playbook --format markdown -o handbook/`)
        .action(async (file: string, options: { output?: string; format: 'json' | 'mermaid' | 'markdown'; withDeals: boolean; conditions: boolean }) => {
            const { exportCommand } = await loadCommand<typeof import('./commands/export.js')>('export');
            process.exitCode = await exportCommand(file, options);
        });

    program.command('import')
        .description('turn exported JSON back into a formatted .playbook file')
        .argument('<file.json>', 'a JSON document (or array of documents) as written by playbook export')
        .option('-o, --output <path>', 'write here instead of stdout (only when the import succeeds)')
        .showHelpAfterError(`(run 'playbook import --help' for usage)`)
        .addHelpText('after', `
The JSON is checked against the schema; errors name the line, column and JSON path, and
nothing is written. Exit codes: 0 imported, 1 invalid JSON, 2 bad usage or unreadable file.`)
        .action(async (file: string, options: { output?: string }) => {
            const { importCommand } = await loadCommand<typeof import('./commands/import.js')>('import');
            process.exitCode = await importCommand(file, options);
        });

    program.command('schema')
        .description('write the JSON Schema (draft 2020-12) of the export format')
        .option('-o, --output <path>', 'write here instead of stdout')
        .action(async (options: { output?: string }) => {
            const { schemaCommand } = await loadCommand<typeof import('./commands/schema.js')>('schema');
            process.exitCode = await schemaCommand(options);
        });

    program.command('fmt')
        .description('format .playbook files in the canonical layout (the editor formatter)')
        .argument('<paths...>', 'files, directories (searched recursively for *.playbook) or quoted globs')
        .option('--check', 'write nothing; list the files that would change and exit 1 if any', false)
        .showHelpAfterError(`(run 'playbook fmt --help' for usage)`)
        .addHelpText('after', `
Formatting keeps every token and comment and is idempotent. A file with syntax errors is
left as it is and its errors are printed (exit 1).`)
        .action(async (paths: string[], options: { check: boolean }) => {
            const { fmtCommand } = await loadCommand<typeof import('./commands/fmt.js')>('fmt');
            process.exitCode = await fmtCommand(paths, options);
        });

    const simulate = program.command('simulate')
        .description('replay deals against their playbook: each deal\'s outcome and violations, then the funnel, win rate, cycle times and forecast')
        .argument('<file>', 'a .playbook file: its deals are replayed, or with --deals, it gives the playbook')
        .option('-d, --deals <file>', 'replay the deals of a CRM export (CSV, JSON or JSON Lines; - for standard input)')
        .option('-p, --playbook <name>', 'the playbook to use when the file declares several (or only its deals)')
        .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'));
    withCrmExportOptions(simulate)
        .option('--as-of <date>', 'judge open deals as of this day, YYYY-MM-DD: days in stage and time limits run to it (default: the latest date in the export; for deals in .playbook files, each deal\'s last event); also what `today` means in conditions (default for deals in .playbook files: the current date)')
        .addOption(new Option('--late-start <how>', 'a CRM history that starts after the first stage: allow (counted apart, default) or skip (a stage-skip violation)').choices(['allow', 'skip']))
        .option('--seed <n>', 'seed of the forecast\'s Monte Carlo interval (default 1)')
        .option('--trials <n>', 'Monte Carlo trials of the forecast (default 10,000)')
        .showHelpAfterError(`(run 'playbook simulate --help' for usage)`)
        .addHelpText('after', `
Without --deals, the deals written in the file are replayed (the .playbook files beside it are
read too, so playbooks resolve across files); a file with playbooks but no deals replays the
deals that follow its playbooks in the files beside it.
With --deals, the deals of a CRM export are streamed: stage history (Salesforce
OpportunityHistory, HubSpot, Pipedrive, or deal,stage,date) or one row per deal; columns are
recognised from the header, stage names match the playbook's stages and aliases. JSON and JSON
Lines hold either the same rows as objects ({"deal": "D1", "stage": "Lead", "date":
"2026-01-05"}, keys as columns) or deals with their events ({"name": "D1", "events": [...]}). The ends of a
deal are named in the playbook like stages: won alias "Closed Won", terminate Lost alias
"Closed Lost"; without them, Won and Closed Won mean won, Lost and Closed Lost the outcome
named Lost (else the first manual rule's). A lost deal whose export has no reason column ends
with no reason ("Lost (no reason given)"). The amount column is a deal's value; a playbook that
declares forecast <field> has it fill that field (deals in .playbook files take their value
from that field). A bad row is reported as file:line:column: message
on stderr and skipped; the other deals still replay.

A CRM history starts at its first record: a deal first seen in a later stage (the CRM was
adopted mid-way, or the export starts late) is a late start, counted on its own line of the
report and not a stage-skip; --late-start skip counts it as one. A gate whose task or field has
no column in the export cannot be checked: it is listed once, with the column that would make
it checkable, and is not a violation. Open deals are judged as of --as-of, by default the latest
date in the export (not today: the same export gives the same report tomorrow).

Formats:
  text  a line per deal with its violations (past 50 deals, only the first 20 deals with
        violations), then the aggregate report of each playbook (default)
  json  {"deals": [...], "report": {...}, "reports": [...], "errors": [...], "summary": {...}},
        streamed deal by deal

Examples:
  playbook simulate examples/big-account-deals.playbook
  playbook simulate pipeline.playbook --deals opportunity-history.csv
  playbook simulate pipeline.playbook --deals deals.csv --date-order dmy --format json > report.json

Exit codes: 0 no deal has a violation, 1 a deal has a violation or input rows were skipped,
2 bad usage or unreadable input.`)
        .action(async (file: string, options: import('./commands/simulate.js').SimulateOptions) => {
            const { simulate } = await import('./commands/simulate.js');
            process.exitCode = await simulate(file, options);
        });

    const init = program.command('init')
        .description('draft a playbook from a CRM history: stages in the order deals moved, CRM names as aliases, probabilities and time limits from the data')
        .requiredOption('--from <export>', 'the CRM export (CSV, JSON or JSON Lines; - for standard input)')
        .option('-o, --output <path>', 'write the draft here (a new file) instead of stdout')
        .option('-n, --name <name>', 'the playbook\'s name (default: from the export\'s file name)')
        .option('--optional-share <percent>', 'a stage at least this share of the deals going past it skip is optional (default 10)')
        .option('--within-percentile <percent>', 'a stage\'s within limit is this percentile of its days in stage (default 90)');
    withCrmExportOptions(init, {
        id: 'the deal id column',
        amount: "the deal's value: drafted as field amount: money and forecast amount",
        task: 'tasks done at that date, separated by ; or | (drafted as tasks)',
        outcome: 'an explicit outcome: won, lost or open',
        reason: 'the reason a deal was lost (drafted as terminate Lost "<reason>")',
        sorted: 'the rows of each deal are together: stream them in flat memory',
        dealsFormat: 'the format of the export (default: from its name or content)'
    })
        .showHelpAfterError(`(run 'playbook init --help' for usage)`)
        .addHelpText('after', `
The export is read as 'playbook simulate --deals' reads it, with the same column options:
stage history (Salesforce OpportunityHistory, HubSpot, Pipedrive, or deal,stage,date) or one
row per deal. The draft has:
  - the stages in the order deals moved through them most (from how often a deal went from
    one stage straight to another); names from the CRM's, Unicode kept, and each CRM name as
    an alias;
  - optional on a stage that 10% or more of the deals going past it skipped;
  - probability: the share of the closed deals that reached the stage and were won, raised
    where needed so that it never falls from one stage to the next;
  - within: the 90th percentile of the days deals stayed in the stage, rounded up;
  - terminate Lost with the export's loss reasons; won alias and terminate Lost alias for
    the CRM's names of won and lost ends ("Closed Won", "Disqualified", ...);
  - field amount: money and forecast amount when the export has amounts.
Each is under a comment saying how many deals it rests on. No gate or required task is made
up: the export does not show them. The draft is formatted and checks without errors; replay
the export against it with 'playbook simulate <draft> --deals <export>'.

-o writes a new file only: it never replaces an existing file or the export.

Examples:
  playbook init --from opportunity-history.csv -o pipeline.playbook
  playbook init --from sales_pipeline.csv --name Sales --reason-column "Loss Reason"

Exit codes: 0 drafted, 1 drafted but some rows of the export were unusable (stderr says
which), 2 bad usage or an unusable export.`)
        .action(async (options: import('./commands/init.js').InitOptions) => {
            const { initCommand } = await loadCommand<typeof import('./commands/init.js')>('init');
            process.exitCode = await initCommand(options);
        });

    const calibrate = program.command('calibrate')
        .description('set a playbook beside the deals of a CRM export: declared probabilities, time limits and optional stages against what the deals did, and the edits the data supports')
        .argument('<file>', 'the .playbook file that declares the playbook (and that --write edits)')
        .requiredOption('-d, --deals <file>', 'the CRM export to learn from (CSV, JSON or JSON Lines; - for standard input)')
        .option('-p, --playbook <name>', 'the playbook to calibrate when the file declares several')
        .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
        .option('--write', 'apply the suggested edits to the file (keeping every comment), then print the diff', false);
    withCrmExportOptions(calibrate)
        .option('--as-of <date>', 'judge open deals as of this day, YYYY-MM-DD (default: the latest date in the export)')
        .addOption(new Option('--late-start <how>', 'a CRM history that starts after the first stage: allow (counted apart, default) or skip (a stage-skip violation)').choices(['allow', 'skip']))
        .showHelpAfterError(`(run 'playbook calibrate --help' for usage)`)
        .addHelpText('after', `
The deals are read and replayed exactly as 'playbook simulate --deals' reads and replays them
(the same columns, options, late starts and as-of date). For each stage:
  - the declared probability beside the win rate of the closed deals that reached the stage,
    with the number of deals and a 95% interval (Wilson); a finding only when the declared
    value lies outside the interval;
  - the declared within limit beside the median and 90th percentile of the completed stays
    (whole days, nearest rank: the 90th percentile of n stays is the ceil(0.9 n)-th shortest);
    a finding when significantly more or fewer than 90% of the stays end within the limit;
  - how often it is skipped by the deals that passed it, and moves back from and to it.
Then the CRM names that mean nothing in the playbook (their deals are skipped, as by simulate)
and the aliases no row uses, the conformance of the whole history (deals with no violation,
transitions the playbook allows), and the suggested edits: set probability, set within, make
optional, add alias, each with its evidence.

--write applies the suggestions to the file as small edits (a number replaced, 'optional '
inserted, an alias added), lays out the stages edited with the formatter, and prints the
unified diff. Nothing is written when the file has errors, when the result would not check
cleanly (a new error or warning), or when the formatter cannot lay it out; the reason is said.
Without --write nothing is written.

Formats:
  text  the tables and the suggestions (default)
  json  {"file", "dealsFile", "calibration": {...}, "input": {...}, "errors": [...], "write": ...}
        (docs/calibration-json.md describes every field)

Examples:
  playbook calibrate pipeline.playbook --deals opportunity-history.csv
  playbook calibrate pipeline.playbook --deals deals.csv --as-of 2026-06-30 --format json > calibration.json
  playbook calibrate pipeline.playbook --deals opportunity-history.csv --write

Exit codes: 0 calibrated (findings do not fail), 1 --write was refused (nothing written),
2 bad usage or unusable input (an unreadable export, most rows unusable, no deals, errors in
the playbook).`)
        .action(async (file: string, options: import('./commands/calibrate.js').CalibrateOptions) => {
            const { calibrate } = await loadCommand<typeof import('./commands/calibrate.js')>('calibrate');
            process.exitCode = await calibrate(file, options);
        });

    return program;
}

/**
 * The options that say how to read a CRM export, shared by `simulate`, `calibrate` and `init`
 * (one reader, one set of options: an export read by one is read alike by the others). A
 * command may word some of them for what it does with the column.
 */
function withCrmExportOptions(command: Command, wording: Partial<Record<'id' | 'amount' | 'task' | 'outcome' | 'reason' | 'sorted' | 'dealsFormat', string>> = {}): Command {
    return command
        .option('--id-column <column>', wording.id ?? 'CRM export: the deal id column')
        .option('--stage-column <column>', 'the stage column')
        .option('--date-column <column>', 'the date of the stage change (of the current stage, one row per deal)')
        .option('--amount-column <column>', wording.amount ?? "the deal's value: weighs the forecast and fills the playbook's forecast field")
        .option('--task-column <column>', wording.task ?? 'tasks done at that date, separated by ; or |')
        .option('--outcome-column <column>', wording.outcome ?? 'an explicit outcome: won, lost, open or a termination of the playbook')
        .option('--reason-column <column>', wording.reason ?? 'the reason a deal was lost')
        .option('--title-column <column>', "the deal's title")
        .option('--created-column <column>', 'one row per deal: when the deal was created')
        .option('--close-date-column <column>', 'one row per deal: when the deal was won or lost')
        .option('--stage-date-column <column=stage>', 'one row per deal: a column holding the date the deal entered a stage (repeatable)',
            (value: string, previous?: string[]) => [...(previous ?? []), value])
        .addOption(new Option('--date-order <order>', 'how to read 03/04/2026 (default mdy)').choices(['mdy', 'dmy']))
        .option('--encoding <encoding>', 'auto (default), utf-8 or windows-1252 (latin1)')
        .option('--delimiter <char>', "the CSV field separator (default: guessed from the header; 'tab' for tabs)")
        .addOption(new Option('--layout <layout>', 'history: a row per stage change; snapshot: a row per deal (default: from the header)').choices(['history', 'snapshot']))
        .option('--sorted', wording.sorted ?? "the rows of each deal are together: stream them in flat memory (a deal's rows that come back later are skipped and the deal is reported incomplete)")
        .addOption(new Option('--deals-format <format>', wording.dealsFormat ?? 'the format of the deals file (default: from its name or content)').choices(['csv', 'json', 'jsonl']));
}

/** Runs the program and returns the exit code; never throws. */
async function run(argv: readonly string[] = process.argv): Promise<number> {
    process.exitCode = ExitCode.Ok;
    try {
        await createProgram().parseAsync([...argv]);
        return Number(process.exitCode ?? ExitCode.Ok);
    } catch (error) {
        const failure = failureOf(error);
        if (failure) {
            writeFailureDocument(argv, failure);
        }
        return exitCodeFor(error);
    }
}

function exitCodeFor(error: unknown): number {
    if (error instanceof CommanderError) {
        // Commander has printed its message (or the help/version) already.
        return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    if (isCliError(error)) {
        process.stderr.write(`playbook: ${error.message}\n`);
        return error.exitCode;
    }
    return reportInternalError(error);
}

/** What a run that could not be done says in a machine-readable output; undefined when it ran. */
function failureOf(error: unknown): Failure | undefined {
    if (error instanceof CommanderError) {
        return error.exitCode === 0 ? undefined : { code: 'usage-error', message: error.message.replace(/^error: /, ''), exitCode: ExitCode.Usage };
    }
    if (isCliError(error)) {
        if (error.exitCode !== ExitCode.Usage) return undefined;
        return { code: error.file === undefined ? 'usage-error' : 'unreadable-input', message: error.message, file: error.file, exitCode: error.exitCode };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { code: 'internal-error', message: `internal error: ${message.split('\n')[0]}`, exitCode: ExitCode.Usage };
}

/**
 * `--format json|sarif|github|gitlab` promise a document on stdout: a run that fails before
 * writing it still writes one (output/failure.ts). The command and format are read from the
 * arguments themselves, since a usage error may come before commander has parsed them.
 */
function writeFailureDocument(argv: readonly string[], failure: Failure): void {
    if (stdoutWritten) return;
    const args = argv.slice(2);
    const command = args.find(arg => !arg.startsWith('-'));
    const format = formatArgument(args);
    const document = command && format ? failureDocument(command, format, failure, { cwd: process.cwd() }) : undefined;
    if (document) {
        process.stdout.write(document);
    }
}

function formatArgument(args: readonly string[]): string | undefined {
    let format: string | undefined;
    for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        if (arg === '--') break;
        if (arg === '--format' || arg === '-f') format = args[++i];
        else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
        else if (/^-f[^-]/.test(arg)) format = arg.slice(2);
    }
    return format;
}

/** Whether anything was written to stdout: a command that began its document is not given a second one. */
let stdoutWritten = false;

/** A bug, not the user's mistake: one line, and the stack only when asked for. */
function reportInternalError(error: unknown): number {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`playbook: internal error: ${message.split('\n')[0]}\n`);
    if (process.env.PLAYBOOK_DEBUG && error instanceof Error && error.stack) {
        process.stderr.write(`${error.stack}\n`);
    }
    return ExitCode.Usage;
}

function start(): void {
    const write = process.stdout.write;
    process.stdout.write = function (this: typeof process.stdout, ...args: Parameters<typeof write>): boolean {
        stdoutWritten = true;
        return (write as (...a: unknown[]) => boolean).apply(this, args);
    } as typeof write;
    // `playbook check … | head` closes the pipe early: that is not an error worth a stack trace.
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EPIPE') {
            process.exit(process.exitCode ?? ExitCode.Ok);
        }
        process.exit(reportInternalError(error));
    });
    process.on('uncaughtException', error => process.exit(reportInternalError(error)));
    process.on('unhandledRejection', error => process.exit(reportInternalError(error)));
    // Set, not process.exit(): output written to a pipe is flushed before the process ends.
    void run().then(code => {
        process.exitCode = code;
    });
}

if (startupSnapshot?.isBuildingSnapshot()) {
    // `node --build-snapshot dist/playbook.cjs`: do the start-up work now, run later.
    void import('./snapshot.js').then(({ prepareSnapshot }) => prepareSnapshot(start));
} else {
    start();
}
