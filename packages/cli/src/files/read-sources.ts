/**
 * Reads the files to check (an unreadable one is the user's error, exit 2) and their
 * siblings (an unreadable sibling is skipped: it was only context).
 */
import { promises as fs } from 'node:fs';
import { CliError } from '../errors.js';
import { displayPath } from './display-path.js';
import { describeFsError } from './fs-errors.js';

export interface Source {
    /** Absolute path: the document's identity in the workspace. */
    path: string;
    /** The path as outputs show it (see display-path.ts). */
    shownAs: string;
    text: string;
    /** False for sibling files loaded only so that names resolve across files. */
    reported: boolean;
}

export async function readSources(files: readonly string[], context: readonly string[], cwd: string): Promise<Source[]> {
    const checked = await mapLimited(files, async file => {
        const shownAs = displayPath(file, cwd);
        try {
            return { path: file, shownAs, text: decode(await fs.readFile(file)), reported: true };
        } catch (error) {
            throw new CliError(`cannot read '${shownAs}': ${describeFsError(error)}`);
        }
    });
    const siblings = await mapLimited(context, async file => {
        try {
            return { path: file, shownAs: displayPath(file, cwd), text: decode(await fs.readFile(file)), reported: false };
        } catch {
            return undefined;
        }
    });
    return [...checked, ...siblings.filter((s): s is Source => s !== undefined)];
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

/**
 * UTF-8, without the byte-order mark some Windows editors write: it is not part of the
 * text, and left in it would shift every column of the first line by one.
 */
function decode(bytes: Buffer): string {
    const text = bytes.toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
