/**
 * The .playbook files beside the ones being checked. They are read as context, not
 * reported: a file of deals checked on its own still finds its playbook in a sibling file,
 * as it does in the editor, where the whole workspace is loaded.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { PLAYBOOK_EXTENSION } from './collect-files.js';

export async function siblingFiles(files: readonly string[]): Promise<string[]> {
    const checked = new Set(files);
    const directories = [...new Set(files.map(file => path.dirname(file)))];
    const siblings: string[] = [];
    for (const dir of directories) {
        // Context is best effort: a folder that cannot be listed only means less context.
        const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
        for (const entry of entries) {
            const full = path.join(dir, entry.name);
            if (entry.name.endsWith(PLAYBOOK_EXTENSION) && !checked.has(full) && (entry.isFile() || entry.isSymbolicLink())) {
                checked.add(full);
                siblings.push(full);
            }
        }
    }
    return siblings.sort();
}
