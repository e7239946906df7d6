/**
 * Where a command's result goes (`-o`), and writing it there without losing the user's work:
 *
 *  - nothing is written over a file the command read (the same file by another path, a
 *    symbolic or hard link to it, or a file `-o folder/` would generate with its name);
 *  - a `.playbook` source is never replaced by what is not Playbook text (an export, the
 *    schema), nor a `.json` file by Playbook text: that is a slip of the keyboard;
 *  - every target is checked before the first one is written;
 *  - folders are created as needed (`-o out/` on a clean checkout);
 *  - a file is replaced atomically (written beside it, then renamed), so an interrupted or
 *    failed run never leaves half a file where the user's work was.
 */
import { promises as fs, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError } from '../errors.js';
import { PLAYBOOK_EXTENSION } from './collect-files.js';
import { displayPath } from './display-path.js';
import { describeFsError } from './fs-errors.js';

export type OutputTarget =
    | { kind: 'stdout' }
    | { kind: 'file'; path: string }
    /** `-o dir/` (or an existing folder): the command chooses the file names. */
    | { kind: 'folder'; path: string };

/** What `-o` names: nothing or `-` is standard output; a trailing slash or an existing folder is a folder. */
export async function outputTarget(option: string | undefined, cwd: string): Promise<OutputTarget> {
    if (option === undefined || option === '-') {
        return { kind: 'stdout' };
    }
    const path = resolve(cwd, option);
    if (option.endsWith('/') || option.endsWith('\\') || (await statOrUndefined(path))?.isDirectory()) {
        return { kind: 'folder', path };
    }
    return { kind: 'file', path };
}

/** What a command writes, so that it never replaces a file of the other kind. */
export type WrittenKind = 'playbook' | 'other';

export interface PlannedFile {
    path: string;
    text: string;
}

/**
 * Writes the files, after checking every one of them against the inputs (absolute paths of
 * the files the command read). Throws a CliError, having written nothing, when one must not
 * be written.
 */
export async function writeFiles(files: readonly PlannedFile[], inputs: readonly string[], kind: WrittenKind, cwd: string): Promise<void> {
    const identities = (await Promise.all(inputs.map(input => statOrUndefined(input)))).filter((s): s is Stats => s !== undefined);
    const planned = new Set<string>();
    for (const file of files) {
        const shownAs = displayPath(file.path, cwd);
        if (planned.has(file.path)) {
            throw new CliError(`two results would be written to '${shownAs}'; nothing was written`);
        }
        planned.add(file.path);
        const existing = await statOrUndefined(file.path);
        if (!existing) continue;
        if (existing.isDirectory()) {
            throw new CliError(`cannot write '${shownAs}': it is a folder; nothing was written`);
        }
        if (identities.some(input => input.dev === existing.dev && input.ino === existing.ino)) {
            throw new CliError(`refusing to write over '${shownAs}': it is an input of this command; choose another output file (nothing was written)`);
        }
        if (kind === 'other' && file.path.endsWith(PLAYBOOK_EXTENSION)) {
            throw new CliError(`refusing to replace '${shownAs}', a playbook source, with output that is not Playbook text; choose another output file (nothing was written)`);
        }
        if (kind === 'playbook' && file.path.toLowerCase().endsWith('.json')) {
            throw new CliError(`refusing to replace '${shownAs}', a JSON file, with Playbook text; choose another output file (nothing was written)`);
        }
    }
    for (const file of files) {
        await writeFileAtomically(file.path, file.text, cwd);
    }
}

/** A command's result to standard output, or to the one file `-o` names (checked as `writeFiles` does). */
export async function writeOutput(text: string, target: OutputTarget, inputs: readonly string[], kind: WrittenKind, cwd: string): Promise<void> {
    if (target.kind === 'stdout') {
        process.stdout.write(text);
        return;
    }
    if (target.kind === 'folder') {
        throw new CliError(`'${displayPath(target.path, cwd)}' is a folder; name a file to write to`);
    }
    await writeFiles([{ path: target.path, text }], inputs, kind, cwd);
}

/** Replaces (or creates) a file, creating its folder if needed; a file being replaced keeps its permissions. */
export async function writeFileAtomically(path: string, content: string | Uint8Array, cwd: string): Promise<void> {
    const folder = dirname(path);
    try {
        await fs.mkdir(folder, { recursive: true });
    } catch (error) {
        throw new CliError(`cannot create the folder '${displayPath(folder, cwd)}': ${describeFsError(error)}`);
    }
    const temporary = join(folder, `.${basename(path)}.${process.pid}.tmp`);
    try {
        const mode = await fs.stat(path).then(stat => stat.mode, () => undefined);
        await fs.writeFile(temporary, content, mode === undefined ? {} : { mode });
        await fs.rename(temporary, path);
    } catch (error) {
        await fs.rm(temporary, { force: true }).catch(() => undefined);
        throw new CliError(`cannot write '${displayPath(path, cwd)}': ${describeFsError(error)}`);
    }
}

async function statOrUndefined(path: string): Promise<Stats | undefined> {
    try {
        return await fs.stat(path);
    } catch {
        return undefined;
    }
}
