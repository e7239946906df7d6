/**
 * `playbook import`: export JSON back to `.playbook` source. The documents are read and
 * checked by @playbook/model, printed, and the printed text checked as `playbook check`
 * checks it (types among the rest), so that every problem is reported against the JSON (by
 * line and column, or by JSON path) rather than as broken output. Never rejects for bad
 * input: the result says what is wrong.
 */
import { printDocuments, readPlaybookDocuments, unexpected, type ImportError, type PlaybookDocument } from '@playbook/model';
import { checkPrintedText } from './check-printed.js';

export type ImportResult =
    | { ok: true; text: string; documents: PlaybookDocument[] }
    | { ok: false; errors: ImportError[] };

/**
 * Reads an export (one document, or an array of documents for a file of several
 * playbooks) and prints it as one formatted `.playbook` text: each playbook followed by
 * its deals.
 */
export async function importPlaybook(json: string): Promise<ImportResult> {
    try {
        const read = await readPlaybookDocuments(json);
        if (!read.ok) {
            return read;
        }
        const text = printDocuments(read.documents);
        const textProblems = await checkPrintedText(text, read.documents, read.paths);
        if (textProblems.length > 0) {
            return { ok: false, errors: read.locate(textProblems) };
        }
        return { ok: true, text, documents: read.documents };
    } catch (error) {
        return { ok: false, errors: [unexpected(error)] };
    }
}
