/**
 * Reads the files named on the command line (an unreadable one, or one that is not text, is
 * the user's error: exit 2), a few dozen at a time.
 */
import { displayPath } from './display-path.js';
import { readTextFile } from './read-text-file.js';

export interface Source {
    /** Absolute path: the document's identity in the workspace. */
    path: string;
    /** The path as outputs show it (see display-path.ts). */
    shownAs: string;
    text: string;
    /** False for files read beside the named ones only so that names resolve across files. */
    reported: boolean;
}

export async function readSources(files: readonly string[], cwd: string): Promise<Source[]> {
    return mapLimited(files, async file => {
        const shownAs = displayPath(file, cwd);
        return { path: file, shownAs, text: (await readTextFile(file, shownAs)).text, reported: true };
    });
}

/**
 * Files are read a few dozen at a time: reading thousands at once would run out of file
 * descriptors (EMFILE) in a large repository. Results keep the order of the input.
 */
const OPEN_FILES = 32;

async function mapLimited<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
    const results: R[] = new Array(items.length);
    let next = 0;
    const worker = async (): Promise<void> => {
        while (next < items.length) {
            const index = next++;
            results[index] = await fn(items[index]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(OPEN_FILES, items.length) }, worker));
    return results;
}
