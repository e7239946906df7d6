/**
 * A file the user named, as text: decoded by its byte-order mark (UTF-8 or UTF-16, as
 * Windows editors and Excel save), else as UTF-8. A file that is not text, or not UTF-8, is
 * the user's error (exit 2) in one sentence, rather than a thousand syntax errors.
 */
import { decodeTextFile, type TextEncodingName } from '@playbook/model';
import { promises as fs } from 'node:fs';
import { expectInput } from '../engine/short-run.js';
import { CliError } from '../errors.js';
import { describeFsError } from './fs-errors.js';

export interface TextFile {
    text: string;
    /** How it was stored, so that a command writing it back (`fmt`) keeps it so. */
    encoding: TextEncodingName;
    bom: boolean;
}

/** Reads and decodes; a failure is a CliError naming the file as `shownAs`. */
export async function readTextFile(path: string, shownAs: string): Promise<TextFile> {
    let bytes: Buffer;
    try {
        bytes = await fs.readFile(path);
    } catch (error) {
        throw new CliError(`cannot read '${shownAs}': ${describeFsError(error)}`, undefined, shownAs);
    }
    expectInput(bytes.length);
    const decoded = decodeTextFile(bytes);
    if (!decoded.ok) {
        throw new CliError(`cannot read '${shownAs}': ${decoded.reason}`, undefined, shownAs);
    }
    return { text: decoded.text, encoding: decoded.encoding, bom: decoded.bom };
}
