/**
 * Exit codes and the error a command throws for a user's mistake. main.ts prints such an
 * error as one line (`playbook: …`) and exits with its code; anything else that escapes is a
 * bug and is reported as an internal error.
 */
export const ExitCode = {
    /** No errors (warnings and infos do not fail a check). */
    Ok: 0,
    /** At least one error in the files checked. */
    Problems: 1,
    /** Bad usage or unreadable input: nothing was checked. */
    Usage: 2
} as const;

export class CliError extends Error {
    /**
     * @param file the file the error is about, as outputs name it (for the documents that
     * `--format json|sarif` still print when a run cannot be done)
     */
    constructor(message: string, readonly exitCode: number = ExitCode.Usage, readonly file?: string) {
        super(message);
        this.name = 'CliError';
    }
}

/**
 * Whether an error is a user's mistake reported by a command. Checked by shape, not with
 * `instanceof`: commands other than `check` are bundles of their own, each with its own copy
 * of this class.
 */
export function isCliError(error: unknown): error is CliError {
    return error instanceof Error && error.name === 'CliError' && typeof (error as CliError).exitCode === 'number';
}
