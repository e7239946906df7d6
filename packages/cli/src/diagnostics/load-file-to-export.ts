/**
 * Loads the file `export` writes, with what it needs from beside it, and decides whether it
 * can be exported (`exportBlockers`: errors of its playbooks stop it, the violations of
 * deals never do; with `--with-deals`, the deals' other errors do too).
 */
import { exportBlockers, toPlaybookDiagnostic, type PlaybookDiagnostic } from '@playbook/language';
import { resolve } from 'node:path';
import { CliError, ExitCode } from '../errors.js';
import { formatText } from '../output/text.js';
import { compareDiagnostics } from './sort.js';
import type { ValidatedSource } from './validate.js';
import { loadWorkspace } from './workspace.js';

export interface FileToExport {
    /** The file named on the command line. */
    target: ValidatedSource;
    /** It and the files read beside it. */
    workspace: ValidatedSource[];
}

export async function loadFileToExport(file: string, cwd: string, withDeals: boolean): Promise<FileToExport> {
    const path = resolve(cwd, file);
    const { files, notes } = await loadWorkspace({ files: [path], cwd, references: false, dealsBeside: withDeals ? 'always' : 'never' });
    for (const note of notes) {
        process.stderr.write(`playbook: ${note}\n`);
    }
    const target = files[0];
    const errors = exportBlockingErrors(target, files, withDeals);
    if (errors.length > 0) {
        const count = new Set(errors.map(error => error.file)).size;
        process.stderr.write(formatText(errors, { filesChecked: count, color: process.stderr.isTTY === true && !process.env.NO_COLOR, cwd }));
        const what = errors.every(error => error.file === target.source.shownAs) ? `'${target.source.shownAs}' has errors` : 'the deals to export have errors';
        throw new CliError(`${what}; fix them first (see 'playbook check')`, ExitCode.Problems);
    }
    return { target, workspace: files };
}

/** The errors that stop an export (see `exportBlockers`), as `check` reports them. */
function exportBlockingErrors(target: ValidatedSource, files: readonly ValidatedSource[], withDeals: boolean): PlaybookDiagnostic[] {
    const shownAs = new Map(files.map(file => [file.document, file.source.shownAs]));
    return exportBlockers(target.document, files.map(file => file.document), withDeals)
        .map(({ document, diagnostic }) => toPlaybookDiagnostic(diagnostic, shownAs.get(document) ?? target.source.shownAs))
        .sort(compareDiagnostics);
}
