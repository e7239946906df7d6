/**
 * Writes a command's result to a file or to stdout. A file is replaced atomically (written
 * beside it, then renamed), so an interrupted or failed run never leaves half a file where
 * the user's work was.
 */
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CliError } from '../errors.js';
import { displayPath } from './display-path.js';
import { describeFsError } from './fs-errors.js';

export async function writeOutput(text: string, output: string | undefined, cwd: string): Promise<void> {
    if (output === undefined || output === '-') {
        process.stdout.write(text);
        return;
    }
    await writeFileAtomically(output, text, cwd);
}

export async function writeFileAtomically(path: string, text: string, cwd: string): Promise<void> {
    const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    try {
        // A file being replaced keeps its permissions.
        const mode = await fs.stat(path).then(stat => stat.mode, () => undefined);
        await fs.writeFile(temporary, text, mode === undefined ? {} : { mode });
        await fs.rename(temporary, path);
    } catch (error) {
        await fs.rm(temporary, { force: true }).catch(() => undefined);
        throw new CliError(`cannot write '${displayPath(path, cwd)}': ${describeFsError(error)}`);
    }
}

/** Whether `-o` names a folder: it ends with a slash or is an existing directory. */
export async function isDirectoryTarget(output: string): Promise<boolean> {
    if (output.endsWith('/') || output.endsWith('\\')) {
        return true;
    }
    try {
        return (await fs.stat(output)).isDirectory();
    } catch {
        return false;
    }
}
