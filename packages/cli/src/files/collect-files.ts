/**
 * Turns the command line's paths into the list of files to check. An argument may be
 *  - a file (checked whatever its extension: the user named it),
 *  - a directory (every *.playbook below it, skipping node_modules and dot-folders, which
 *    hold dependencies, VCS data and caches rather than the user's playbooks),
 *  - a glob, expanded here rather than by the shell so that quoted patterns work the same
 *    on every platform (only the .playbook files it matches are taken).
 * A path that exists is never treated as a glob, so a file named `[draft].playbook` works.
 */
import { promises as fs, type Dirent, type Stats } from 'node:fs';
import * as path from 'node:path';
import { CliError } from '../errors.js';
import { displayPath } from './display-path.js';
import { describeFsError } from './fs-errors.js';

export const PLAYBOOK_EXTENSION = '.playbook';

export interface CollectedFiles {
    /** Absolute paths, without duplicates, in the order the arguments gave them. */
    files: string[];
    /** Things worth telling the user that are not errors (an argument that found nothing). */
    notes: string[];
}

export async function collectFiles(args: readonly string[], cwd: string): Promise<CollectedFiles> {
    const files: string[] = [];
    const seen = new Set<string>();
    const notes: string[] = [];
    const add = (file: string): void => {
        if (!seen.has(file)) {
            seen.add(file);
            files.push(file);
        }
    };
    for (const arg of args) {
        const absolute = path.resolve(cwd, arg);
        const stats = await statOrUndefined(absolute, arg, displayPath(absolute, cwd));
        if (stats?.isDirectory()) {
            const found = await findPlaybookFiles(absolute, arg);
            if (found.length === 0) {
                notes.push(`no ${PLAYBOOK_EXTENSION} files in '${arg}'`);
            }
            found.forEach(add);
        } else if (stats) {
            add(absolute);
        } else if (await isGlob(arg)) {
            const matched = await expandGlob(arg, cwd);
            if (matched.length === 0) {
                // Unlike an empty directory, a pattern that matches nothing is almost always a
                // typo, and a check that silently checks nothing would pass in CI.
                throw new CliError(`no ${PLAYBOOK_EXTENSION} files match '${arg}'`);
            }
            matched.forEach(add);
        } else {
            throw new CliError(`cannot read '${arg}': no such file`, undefined, displayPath(absolute, cwd));
        }
    }
    return { files, notes };
}

/** The stats of a path, or undefined when it does not exist; other failures are the user's to fix. */
async function statOrUndefined(absolute: string, shownAs: string, file: string): Promise<Stats | undefined> {
    try {
        return await fs.stat(absolute);
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') {
            return undefined;
        }
        throw new CliError(`cannot read '${shownAs}': ${describeFsError(error)}`, undefined, file);
    }
}

/** Every *.playbook file below a directory, sorted so that output is the same on every machine. */
export async function findPlaybookFiles(root: string, shownAs: string): Promise<string[]> {
    const found: string[] = [];
    // Real paths of the directories visited: a symbolic link back up the tree must not loop.
    const visited = new Set<string>();
    const walk = async (dir: string): Promise<void> => {
        const real = await fs.realpath(dir).catch(() => dir);
        if (visited.has(real)) {
            return;
        }
        visited.add(real);
        let entries: Dirent[];
        try {
            entries = await fs.readdir(dir, { withFileTypes: true });
        } catch (error) {
            const shown = dir === root ? shownAs : path.join(shownAs, path.relative(root, dir));
            throw new CliError(`cannot read '${shown}': ${describeFsError(error)}`);
        }
        entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const entry of entries) {
            const full = path.join(dir, entry.name);
            let isDirectory = entry.isDirectory();
            let isFile = entry.isFile();
            if (entry.isSymbolicLink()) {
                const target = await fs.stat(full).catch(() => undefined);
                // A dangling link is not the user's playbook: skip it rather than fail.
                isDirectory = target?.isDirectory() ?? false;
                isFile = target?.isFile() ?? false;
            }
            if (isDirectory) {
                if (!entry.name.startsWith('.') && entry.name !== 'node_modules') {
                    await walk(full);
                }
            } else if (isFile && entry.name.endsWith(PLAYBOOK_EXTENSION)) {
                found.push(full);
            }
        }
    };
    await walk(root);
    return found;
}

// tinyglobby is loaded only when an argument is a pattern: most runs name files or folders.
async function isGlob(arg: string): Promise<boolean> {
    if (!/[*?[\]{}()!]/.test(arg)) {
        return false;
    }
    const { isDynamicPattern } = await import('tinyglobby');
    return isDynamicPattern(arg);
}

async function expandGlob(pattern: string, cwd: string): Promise<string[]> {
    const { glob } = await import('tinyglobby');
    const matches = await glob(pattern, {
        cwd,
        absolute: true,
        onlyFiles: true,
        dot: false,
        followSymbolicLinks: true,
        ignore: ['**/node_modules/**'],
        expandDirectories: false
    });
    return matches
        .map(match => path.resolve(match))
        .filter(match => match.endsWith(PLAYBOOK_EXTENSION))
        .sort();
}
