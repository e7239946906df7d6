/**
 * Reading an export: JSON text to `PlaybookDocument`s, checked against the schema and
 * against the language's naming and reference rules, so that every problem is reported
 * against the JSON (by line and column, or by JSON path) rather than as a wrong answer
 * later. What a document holds after this check can be printed as a `.playbook` text and
 * replayed. Never rejects for bad input: the result says what is wrong.
 *
 * Asynchronous only because the schema validator is loaded on first use.
 */
import type { PlaybookDocument } from '../export/playbook-document.js';
import { validatePlaybookDocument, type SchemaProblem } from '../export/validate-document.js';
import { checkDocuments } from './check-model.js';
import { readJson, type JsonPosition } from './parse-json.js';

export interface ImportError {
    /** JSON pointer of the offending value, e.g. `/playbook/stages/2/probability`; absent for syntax errors. */
    path?: string;
    /** 1-based position in the JSON text, when known. */
    line?: number;
    column?: number;
    message: string;
}

export type ReadDocumentsResult =
    | {
        ok: true;
        documents: PlaybookDocument[];
        /** The JSON path of each document: `''` for a lone document, `/0`, `/1`… in an array. */
        paths: string[];
        /** Problems found in the documents later (e.g. by a parser of their printed text), placed in the JSON text. */
        locate(problems: readonly SchemaProblem[]): ImportError[];
    }
    | { ok: false; errors: ImportError[] };

/** At most this many problems are listed: past that, the file is not an export at all. */
const MAX_ERRORS = 100;

/**
 * Reads an export (one document, or an array of documents for a file of several
 * playbooks) and checks it.
 */
export async function readPlaybookDocuments(json: string): Promise<ReadDocumentsResult> {
    try {
        return await readText(json);
    } catch (error) {
        return { ok: false, errors: [unexpected(error)] };
    }
}

/** What a failure beyond every check becomes: still an answer, not a crash. */
export function unexpected(error: unknown): ImportError {
    // Only reachable through a bug or input beyond every limit.
    const message = error instanceof RangeError ? 'The JSON is nested too deeply to be imported.' : `The JSON could not be imported: ${String(error)}`;
    return { message };
}

async function readText(json: string): Promise<ReadDocumentsResult> {
    const read = readJson(json);
    if (!read.ok) {
        return { ok: false, errors: [read.error] };
    }
    const { value, positionOf } = read;
    const locate = (problems: readonly SchemaProblem[]): ImportError[] =>
        limit(problems).map(problem => (problem.path === undefined ? problem : { ...problem, ...positionOf(problem.path) }));
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
        return { ok: false, errors: locate(schemaProblems) };
    }
    const valid = documents as PlaybookDocument[];
    const modelProblems = checkDocuments(valid, paths);
    if (modelProblems.length > 0) {
        return { ok: false, errors: locate(modelProblems) };
    }
    return { ok: true, documents: valid, paths, locate };
}

/** One error as a line for a terminal: `7:24 /playbook/stages/2/probability: must be <= 100`. */
export function formatImportError(error: ImportError): string {
    const position = error.line !== undefined ? `${error.line}:${error.column ?? 1} ` : '';
    const path = error.path !== undefined ? `${error.path || '/'}: ` : '';
    return `${position}${path}${error.message}`;
}

/** A document of another major version is reported as such, not as a pile of schema errors. */
function versionProblem(document: unknown, path: string): SchemaProblem[] {
    const version = (document as { formatVersion?: unknown } | null)?.formatVersion;
    if (typeof version === 'string' && /^\d+\.\d+$/.test(version) && !version.startsWith('1.')) {
        return [{ path: `${path}/formatVersion`, message: `is ${version}, but this version of Playbook reads format 1.x; use a Playbook release that reads format ${version.split('.')[0]}` }];
    }
    return [];
}

function limit(problems: readonly SchemaProblem[]): ImportError[] {
    if (problems.length <= MAX_ERRORS) return [...problems];
    return [...problems.slice(0, MAX_ERRORS), { message: `… and ${problems.length - MAX_ERRORS} more problems.` }];
}

export type { JsonPosition };
