/**
 * The server's log (`window/logMessage`, the editor's output panel) in words. Over stdio,
 * vscode-languageserver sends whatever is written to the console to the client, and an
 * Error printed there carries its JavaScript stack trace ("Failure to read directory
 * content of … Error: ENOENT … at async Object.readdir (node:internal/fs/promises…)").
 * Here an error becomes one sentence; its stack goes to the trace (`$/logTrace`), which the
 * client receives only when it asked for a verbose trace.
 */
import { inspect } from 'node:util';
import { URI } from 'langium';
import type { Connection } from 'vscode-languageserver';

/** Node's system error codes a person can act on, in words. */
const SYSTEM_ERRORS: Record<string, string> = {
    ENOENT: 'it does not exist',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOTDIR: 'it is not a folder',
    EISDIR: 'it is a folder, not a file',
    EMFILE: 'too many files are open',
    ENFILE: 'too many files are open',
    ELOOP: 'its symbolic links form a loop',
    ENAMETOOLONG: 'its name is too long',
    EIO: 'the disk could not be read'
};

/** One error in words: what happened, without the stack. */
export function describeError(error: unknown): string {
    if (error instanceof Error) {
        const code = (error as NodeJS.ErrnoException).code;
        return (code && SYSTEM_ERRORS[code]) || error.message || error.name;
    }
    return typeof error === 'string' ? error : inspect(error, { depth: 2, breakLength: Infinity });
}

/** Log lines of Langium's, said as an author understands them: (first argument's match, the error) → sentence. */
const REPHRASED: Array<[RegExp, (match: RegExpExecArray, reason: string) => string]> = [
    [/^Failure to read directory content of (\S+)/, (match, reason) => `Could not read the folder ${displayPath(match[1])}: ${reason}.`]
];

function displayPath(uri: string): string {
    try {
        const parsed = URI.parse(uri);
        return parsed.scheme === 'file' ? parsed.fsPath : uri;
    } catch {
        return uri;
    }
}

export interface LogLine {
    /** The line for the client's log. */
    message: string;
    /** Stack traces of the errors in it, for a verbose trace. */
    details: string | undefined;
}

/** Console arguments as one line in words, and the details left out of it. */
export function logLine(args: unknown[]): LogLine {
    const errors = args.filter((arg): arg is Error => arg instanceof Error);
    const details = errors.map(error => error.stack ?? String(error)).join('\n') || undefined;
    const [first, ...rest] = args;
    if (typeof first === 'string') {
        for (const [pattern, rephrase] of REPHRASED) {
            const match = pattern.exec(first);
            if (match) {
                return { message: rephrase(match, rest.map(describeError).join(' ') || 'unknown reason'), details };
            }
        }
    }
    return { message: args.map(describeError).join(' '), details };
}

/** Replaces the console that vscode-languageserver routes to the client with one that logs in words. */
export function logInWords(connection: Connection): void {
    const send = (write: (message: string) => void) => (...args: unknown[]) => {
        const line = logLine(args);
        write(line.message);
        if (line.details) {
            connection.tracer.log(line.message, line.details);
        }
    };
    console.error = send(message => connection.console.error(message));
    console.warn = send(message => connection.console.warn(message));
    console.info = send(message => connection.console.info(message));
    console.log = send(message => connection.console.log(message));
    console.debug = send(message => connection.console.log(message));
    console.trace = send(message => connection.console.log(message));
}
