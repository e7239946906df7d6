/**
 * `playbook check`: collect the files, read them with what they need from the files beside
 * them, validate them as one workspace and print the findings of the files asked for. The exit code is 1 when there is
 * any error (warnings and infos never fail a build), else 0.
 */
import { loadWorkspace, reportedDiagnostics } from '../diagnostics/workspace.js';
import { startShortRun } from '../engine/short-run.js';
import { ExitCode } from '../errors.js';
import { collectFiles } from '../files/collect-files.js';
import { parseAsOf } from '../simulate/options.js';
import type { Formatter, OutputFormat } from '../output/formats.js';
import { formatGithub } from '../output/github.js';
import { formatGitlab } from '../output/gitlab.js';
import { formatJson } from '../output/json.js';
import { formatSarif } from '../output/sarif.js';
import { formatText } from '../output/text.js';

export interface CheckOptions {
    format: OutputFormat;
    /** `--as-of YYYY-MM-DD`: the deals are judged as of this date, and it is what `today` means. */
    asOf?: string;
}

const FORMATTERS: Record<OutputFormat, Formatter> = {
    text: formatText,
    json: formatJson,
    sarif: formatSarif,
    github: formatGithub,
    gitlab: formatGitlab
};

export async function check(paths: readonly string[], options: CheckOptions): Promise<number> {
    startShortRun();
    const cwd = process.cwd();
    const asOf = parseAsOf(options.asOf);
    const { files, notes } = await collectFiles(paths, cwd);
    for (const note of notes) {
        process.stderr.write(`playbook: ${note}\n`);
    }
    const workspace = await loadWorkspace({ files, cwd, ...(asOf ? { asOf } : {}) });
    for (const note of workspace.notes) {
        process.stderr.write(`playbook: ${note}\n`);
    }
    const diagnostics = reportedDiagnostics(workspace.files);
    const output = FORMATTERS[options.format](diagnostics, { filesChecked: files.length, color: useColor(), cwd });
    process.stdout.write(output);
    return diagnostics.some(d => d.severity === 'error') ? ExitCode.Problems : ExitCode.Ok;
}

/** Colour only for a person at a terminal, and never when NO_COLOR is set (no-color.org). */
function useColor(): boolean {
    return process.stdout.isTTY === true && !process.env.NO_COLOR;
}
