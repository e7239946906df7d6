/**
 * The `--deals` argument of `simulate` and `calibrate`: a CRM export (or `-`, standard input),
 * checked to be a readable file before anything is parsed.
 */
import type { DealsInput } from '@playbook/model';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CliError } from '../errors.js';
import { PLAYBOOK_EXTENSION } from './collect-files.js';
import { displayPath } from './display-path.js';
import { describeFsError } from './fs-errors.js';

/**
 * The deals file (or standard input for `-`), checked to be readable before anything is parsed.
 * `forPlaybook`: what to say when it is a .playbook file.
 */
export async function openDeals(arg: string, cwd: string, forPlaybook: (arg: string) => string = arg => `to replay the deals written in it, run 'playbook simulate ${arg}'`): Promise<{ input: DealsInput; shownAs: string }> {
    if (arg === '-') {
        return { input: process.stdin, shownAs: '<stdin>' };
    }
    if (arg.trim() === '') {
        throw new CliError('--deals needs a file (or - for standard input)');
    }
    const absolute = path.resolve(cwd, arg);
    const shownAs = displayPath(absolute, cwd);
    try {
        const stats = await fs.stat(absolute);
        if (stats.isDirectory()) {
            throw new CliError(`cannot read '${shownAs}': is a directory`);
        }
        const handle = await fs.open(absolute, 'r');
        await handle.close();
    } catch (error) {
        throw error instanceof CliError ? error : new CliError(`cannot read '${shownAs}': ${describeFsError(error)}`);
    }
    if (absolute.endsWith(PLAYBOOK_EXTENSION)) {
        throw new CliError(`'${shownAs}' is a .playbook file, not a CRM export; ${forPlaybook(arg)}`);
    }
    return { input: absolute, shownAs };
}
