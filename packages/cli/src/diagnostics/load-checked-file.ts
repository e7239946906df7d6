/**
 * Loads one file the way `check` would (with its sibling files, so that names resolve across
 * files) for a command that goes on to use its model: export, simulate. A file with errors
 * is not used: its errors are printed as `check` prints them and the command stops, since a
 * model built from a file with errors would say something the author did not write.
 */
import { resolve } from 'node:path';
import { CliError, ExitCode } from '../errors.js';
import { readSources } from '../files/read-sources.js';
import { siblingFiles } from '../files/sibling-files.js';
import { formatText } from '../output/text.js';
import { validateWorkspace, type ValidatedSource } from './validate.js';

export interface LoadedFile {
    /** The file named on the command line. */
    target: ValidatedSource;
    /** It and its siblings. */
    workspace: ValidatedSource[];
}

export async function loadCheckedFile(file: string, cwd: string): Promise<LoadedFile> {
    const path = resolve(cwd, file);
    const sources = await readSources([path], await siblingFiles([path]), cwd);
    const workspace = await validateWorkspace(sources);
    const target = workspace[0];
    const errors = target.diagnostics.filter(d => d.severity === 'error');
    if (errors.length > 0) {
        process.stderr.write(formatText(errors, { filesChecked: 1, color: process.stderr.isTTY === true && !process.env.NO_COLOR, cwd }));
        throw new CliError(`'${target.source.shownAs}' has errors; fix them first (see 'playbook check')`, ExitCode.Problems);
    }
    return { target, workspace };
}
