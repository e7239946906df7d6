// The Action's check step (action.yml at the repository's root): `playbook check` on the
// `files` input, its findings printed in the `format` input (by default as annotations on the
// pull request), a SARIF log written for code scanning, outputs and a job summary set, and the
// step failed when the check finds errors (exit 1) or cannot be done (exit 2).
//
// Inputs come as environment variables (INPUT_FILES, INPUT_FORMAT, INPUT_SARIF_FILE), never
// pasted into a script, so that no input can run a command. The check runs in the current
// directory, the workspace, so that file names in every output are relative to the repository.
import { spawnSync } from 'node:child_process';
import { appendFileSync, closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../packages/cli/bin/playbook.cjs', import.meta.url));
/** Rows of the job summary's table; the log and the SARIF have them all. */
const SUMMARY_ROWS = 50;

/** `files`: one path per line (a path may hold spaces), or on one line separated by spaces. */
function pathsOf(input) {
    const text = (input ?? '').trim();
    if (text === '') {
        return ['.'];
    }
    return text.includes('\n') ? text.split(/\r?\n/).map(line => line.trim()).filter(Boolean) : text.split(/\s+/);
}

function main() {
    const env = process.env;
    const paths = pathsOf(env.INPUT_FILES);
    const format = (env.INPUT_FORMAT ?? '').trim() || 'github';
    const sarifFile = path.resolve(env.INPUT_SARIF_FILE?.trim() || path.join(env.RUNNER_TEMP || tmpdir(), 'playbook.sarif'));
    mkdirSync(path.dirname(sarifFile), { recursive: true });

    // `--` ends the options: a path that starts with '-' is a path.
    const args = format => ['check', '--format', format, '--', ...paths];
    let exitCode;
    if (format === 'sarif') {
        exitCode = runCheck(args('sarif'), sarifFile, 'inherit');
        console.log(`playbook: SARIF written to ${sarifFile}`);
    } else {
        exitCode = runCheck(args(format), undefined, 'inherit');
        // Its messages were in the log already: the second run's stderr is not shown again.
        const sarifExit = runCheck(args('sarif'), sarifFile, 'ignore');
        if (sarifExit > exitCode) {
            exitCode = sarifExit;
        }
    }

    const log = readSarif(sarifFile);
    const results = log?.runs?.[0]?.results ?? [];
    const counts = { error: 0, warning: 0, note: 0 };
    for (const result of results) {
        counts[result.level] = (counts[result.level] ?? 0) + 1;
    }
    setOutputs({ 'sarif-file': sarifFile, 'exit-code': String(exitCode), errors: String(counts.error), warnings: String(counts.warning) });
    writeSummary(log, results, counts, exitCode);
    process.exitCode = exitCode;
}

/** Runs the command; its stdout goes to the log or to a file. Returns its exit code (2 if it could not run). */
function runCheck(args, outputFile, stderr) {
    const fd = outputFile === undefined ? undefined : openSync(outputFile, 'w');
    try {
        const result = spawnSync(process.execPath, [bin, ...args], {
            stdio: ['ignore', fd ?? 'inherit', stderr]
        });
        if (result.error) {
            console.log(`::error title=playbook::cannot run the playbook command: ${escapeData(result.error.message)}`);
            return 2;
        }
        return result.status ?? 2;
    } finally {
        if (fd !== undefined) {
            closeSync(fd);
        }
    }
}

function readSarif(file) {
    try {
        return JSON.parse(readFileSync(file, 'utf8'));
    } catch {
        return undefined;
    }
}

/** Outputs in the runner's file format; the delimited form for a value with a line break. */
function setOutputs(outputs) {
    const lines = Object.entries(outputs).map(([name, value]) => {
        if (!/[\r\n]/.test(value)) {
            return `${name}=${value}\n`;
        }
        const delimiter = `ghadelimiter_${randomUUID()}`;
        return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
    });
    if (process.env.GITHUB_OUTPUT) {
        appendFileSync(process.env.GITHUB_OUTPUT, lines.join(''));
    }
}

function writeSummary(log, results, counts, exitCode) {
    if (!process.env.GITHUB_STEP_SUMMARY) {
        return;
    }
    const lines = ['### Playbook check', ''];
    const notification = log?.runs?.[0]?.invocations?.[0]?.toolExecutionNotifications?.[0];
    if (exitCode === 2 || log === undefined) {
        lines.push(`:x: The check could not be done: ${cell(notification?.message?.text ?? 'see the log')}`);
    } else {
        const verdict = counts.error > 0 ? ':x:' : ':white_check_mark:';
        lines.push(`${verdict} ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}${counts.note > 0 ? `, ${plural(counts.note, 'note')}` : ''}`);
        if (results.length > 0) {
            lines.push('', '| File | Line | Severity | Check | Message |', '| --- | --- | --- | --- | --- |');
            for (const result of results.slice(0, SUMMARY_ROWS)) {
                const location = result.locations?.[0]?.physicalLocation;
                const file = location ? decodeURIComponent(location.artifactLocation.uri) : '';
                lines.push(`| ${cell(file)} | ${location?.region?.startLine ?? ''} | ${result.level} | ${cell(result.ruleId)} | ${cell(result.message.text)} |`);
            }
            if (results.length > SUMMARY_ROWS) {
                lines.push('', `…and ${results.length - SUMMARY_ROWS} more in the log and the SARIF file.`);
            }
        }
    }
    appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${lines.join('\n')}\n`);
}

/** Text for a Markdown table cell: no line break, no column break, no HTML. */
function cell(text) {
    return String(text).replace(/\r?\n/g, ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|');
}

function plural(count, noun) {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The runner's escaping of a workflow command's message. */
function escapeData(text) {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

main();
