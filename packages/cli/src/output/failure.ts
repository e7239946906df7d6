/**
 * What a machine-readable output holds when the run could not be done (exit 2: bad usage,
 * unreadable input, an internal error): still one valid document, so that a CI step that
 * parses or uploads it (code scanning's SARIF upload) reports the failure instead of
 * breaking on empty output. The message is also on stderr, as for every format.
 *
 *  - `check --format json`: the usual array, holding one entry with `severity: "error"` and
 *    `code` `usage-error`, `unreadable-input` or `internal-error`, at line 1, column 1 of the
 *    file it is about (`file` is `""` when there is none).
 *  - `check --format sarif`: a run without results whose invocation says
 *    `executionSuccessful: false`, with the message as a tool execution notification.
 *  - `check --format github`: an `::error` workflow command.
 *  - `check --format gitlab`: the usual Code Quality array, holding one issue whose
 *    `check_name` is the code above, with severity `blocker` (nothing was checked), at line 1
 *    of the file it is about (`path` is `""` when there is none).
 *  - `simulate --format json`: the usual document with no deals, the message in `errors` and
 *    `summary.stopped` true.
 *  - `calibrate --format json`: the usual document with `calibration: null` and the message in
 *    `errors`.
 *
 * Imported at start-up (main.ts writes these), so it stays small.
 */
import type { ReportContext } from './formats.js';
import { escapeData, escapeProperty } from './github.js';
import { fingerprint, gitlabReport } from './gitlab.js';
import { sarifLog, sarifLocation } from './sarif.js';

export type FailureCode = 'usage-error' | 'unreadable-input' | 'internal-error';

export interface Failure {
    code: FailureCode;
    message: string;
    /** The file it is about, as outputs name files. */
    file?: string;
    exitCode: number;
}

/** The document for `command --format format`, or undefined when that output has none (text). */
export function failureDocument(command: string, format: string, failure: Failure, context: Pick<ReportContext, 'cwd'>): string | undefined {
    if (command === 'check') {
        switch (format) {
            case 'json': return `${JSON.stringify([{
                file: failure.file ?? '', line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', code: failure.code, message: failure.message
            }], null, 2)}\n`;
            case 'sarif': return sarifFailure(failure, context.cwd);
            case 'github': return githubFailure(failure);
            case 'gitlab': return gitlabFailure(failure);
            default: return undefined;
        }
    }
    if (command === 'simulate' && format === 'json') {
        const error = { ...(failure.file === undefined ? {} : { file: failure.file }), message: failure.message, fatal: true };
        const summary = { deals: 0, dealsWithViolations: 0, errors: 1, stopped: true, interrupted: false };
        return `{\n"deals": [],\n"report": null,\n"reports": [],\n"errors": ${JSON.stringify([error], null, 2)},\n"summary": ${JSON.stringify(summary)}\n}\n`;
    }
    if (command === 'calibrate' && format === 'json') {
        const error = { ...(failure.file === undefined ? {} : { file: failure.file }), message: failure.message, fatal: true };
        return `${JSON.stringify({ file: null, dealsFile: null, calibration: null, input: null, errors: [error], write: null }, null, 2)}\n`;
    }
    return undefined;
}

function sarifFailure(failure: Failure, cwd: string): string {
    const log = sarifLog([], cwd);
    log.runs[0].invocations = [{
        executionSuccessful: false,
        exitCode: failure.exitCode,
        toolExecutionNotifications: [{
            level: 'error',
            message: { text: failure.message },
            descriptor: { id: failure.code },
            ...(failure.file === undefined || failure.file === '' ? {} : { locations: [sarifLocation(failure.file)] })
        }]
    }];
    return JSON.stringify(log, null, 2) + '\n';
}

function githubFailure(failure: Failure): string {
    const properties = [...(failure.file ? [`file=${escapeProperty(failure.file)}`] : []), `title=${escapeProperty(failure.code)}`];
    return `::error ${properties.join(',')}::${escapeData(failure.message)}\n`;
}

function gitlabFailure(failure: Failure): string {
    const path = failure.file ?? '';
    return gitlabReport([{
        description: failure.message,
        check_name: failure.code,
        fingerprint: fingerprint([path, failure.code, failure.message]),
        severity: 'blocker',
        location: { path, lines: { begin: 1 } }
    }]);
}
