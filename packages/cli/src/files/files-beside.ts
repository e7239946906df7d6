/**
 * The .playbook files beside the files named on the command line: where a file of deals
 * finds the playbook it follows, as in the editor, where the whole workspace is loaded.
 * They are candidates only: see diagnostics/workspace.ts for which are read, and how much.
 */
import { decodeTextFile } from '@playbook/model';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { expectInput } from '../engine/short-run.js';
import { PLAYBOOK_EXTENSION } from './collect-files.js';

/** The `.playbook` files of a directory, sorted, without those in `exclude` (real paths). */
export async function playbookFilesIn(dir: string, exclude: ReadonlySet<string>): Promise<string[]> {
    // Context is best effort: a folder that cannot be listed only means less context.
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    const found: string[] = [];
    for (const entry of entries) {
        if (!entry.name.endsWith(PLAYBOOK_EXTENSION) || !(entry.isFile() || entry.isSymbolicLink())) continue;
        const full = path.join(dir, entry.name);
        const real = await fs.realpath(full).catch(() => undefined);
        if (real !== undefined && !exclude.has(real)) found.push(full);
    }
    return found.sort();
}

/** The real path of each file (the file itself when it has none), to tell a file named twice apart. */
export async function realPaths(files: readonly string[]): Promise<Set<string>> {
    return new Set(await Promise.all(files.map(file => fs.realpath(file).catch(() => file))));
}

/** A file's text, or undefined when it cannot be read or is not text: then it cannot be a playbook. */
export async function readContextText(file: string): Promise<string | undefined> {
    try {
        const bytes = await fs.readFile(file);
        expectInput(bytes.length);
        const decoded = decodeTextFile(bytes);
        return decoded.ok ? decoded.text : undefined;
    } catch {
        return undefined;
    }
}
