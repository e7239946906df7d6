/**
 * `playbook import`: export JSON back to `.playbook` source. The text is read, checked
 * against the schema and against the language's naming rules, printed, and the printed
 * text checked as `playbook check` checks it (types among the rest), so that every problem
 * is reported against the JSON (by line and column, or by JSON path) rather than as broken
 * output. Never rejects for bad input: the result says what is wrong.
 *
 * Asynchronous only because the schema validator is loaded on first use.
 */
import type { PlaybookDocument } from '../export/playbook-document.js';
import { validatePlaybookDocument, type SchemaProblem } from '../export/validate-document.js';
import { checkDocuments } from './check-model.js';
import { checkPrintedText } from './check-printed.js';
import { readJson, type JsonPosition } from './parse-json.js';
import { printDeal, printPlaybook } from './print-playbook.js';

export interface ImportError {
    /** JSON pointer of the offending value, e.g. `/playbook/stages/2/probability`; absent for syntax errors. */
    path?: string;
    /** 1-based position in the JSON text, when known. */
    line?: number;
    column?: number;
    message: string;
}

export type ImportResult =
    | { ok: true; text: string; documents: PlaybookDocument[] }
    | { ok: false; errors: ImportError[] };

/** At most this many problems are listed: past that, the file is not an export at all. */
const MAX_ERRORS = 100;

/**
 * Reads an export (one document, or an array of documents for a file of several
 * playbooks) and prints it as one formatted `.playbook` text: each playbook followed by
 * its deals.
 */
export async function importPlaybook(json: string): Promise<ImportResult> {
    try {
        return await importText(json);
    } catch (error) {
        // Only reachable through a bug or input beyond every limit: still an answer, not a crash.
        const message = error instanceof RangeError ? 'The JSON is nested too deeply to be imported.' : `The JSON could not be imported: ${String(error)}`;
        return { ok: false, errors: [{ message }] };
    }
}

async function importText(json: string): Promise<ImportResult> {
    const read = readJson(json);
    if (!read.ok) {
        return { ok: false, errors: [read.error] };
    }
    const { value, positionOf } = read;
    const located = (problems: SchemaProblem[]): ImportResult => ({
        ok: false,
        errors: limit(problems).map(problem => (problem.path === undefined ? problem : { ...problem, ...positionOf(problem.path) }))
    });
    const documents = Array.isArray(value) ? value : [value];
    const paths = Array.isArray(value) ? documents.map((_, i) => `/${i}`) : [''];
    if (documents.length === 0) {
        return { ok: false, errors: [{ path: '', ...positionOf(''), message: 'The array holds no playbook documents.' }] };
    }
    const schemaProblems: SchemaProblem[] = [];
    for (const [i, document] of documents.entries()) {
        const version = versionProblem(document, paths[i]);
        schemaProblems.push(...(version.length > 0 ? version : await validatePlaybookDocument(document, paths[i])));
    }
    if (schemaProblems.length > 0) {
        return located(schemaProblems);
    }
    const valid = documents as PlaybookDocument[];
    const modelProblems = checkDocuments(valid, paths);
    if (modelProblems.length > 0) {
        return located(modelProblems);
    }
    const text = printDocuments(valid);
    const textProblems = await checkPrintedText(text, valid, paths);
    if (textProblems.length > 0) {
        return located(textProblems);
    }
    return { ok: true, text, documents: valid };
}

/** One error as a line for a terminal: `7:24 /playbook/stages/2/probability: must be <= 100`. */
export function formatImportError(error: ImportError): string {
    const position = error.line !== undefined ? `${error.line}:${error.column ?? 1} ` : '';
    const path = error.path !== undefined ? `${error.path || '/'}: ` : '';
    return `${position}${path}${error.message}`;
}

/** The `.playbook` text of documents: playbooks in order, each followed by its deals, a blank line between. */
export function printDocuments(documents: readonly PlaybookDocument[]): string {
    const parts = documents.flatMap(document => [
        printPlaybook(document.playbook),
        ...(document.deals ?? []).map(deal => printDeal(deal, document.playbook))
    ]);
    return `${parts.join('\n\n')}\n`;
}

/** A document of another major version is reported as such, not as a pile of schema errors. */
function versionProblem(document: unknown, path: string): SchemaProblem[] {
    const version = (document as { formatVersion?: unknown } | null)?.formatVersion;
    if (typeof version === 'string' && /^\d+\.\d+$/.test(version) && !version.startsWith('1.')) {
        return [{ path: `${path}/formatVersion`, message: `is ${version}, but this version of Playbook reads format 1.x; use a Playbook release that reads format ${version.split('.')[0]}` }];
    }
    return [];
}

function limit(problems: SchemaProblem[]): ImportError[] {
    if (problems.length <= MAX_ERRORS) return problems;
    return [...problems.slice(0, MAX_ERRORS), { message: `… and ${problems.length - MAX_ERRORS} more problems.` }];
}

export type { JsonPosition };
