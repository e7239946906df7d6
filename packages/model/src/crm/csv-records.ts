/**
 * CSV text to records with their 1-based line numbers, streamed through csv-parse.
 *
 * csv-parse counts a CRLF inside a quoted field as two lines, so the line of each record is
 * counted here from its raw text instead. Quotes inside an unquoted field are kept as
 * written (`relax_quotes`), as Excel does; a quote that never closes swallows the rest of
 * the input, which is reported once, at the line where the broken record starts. Blank
 * lines are skipped but counted.
 */
import { Readable } from 'node:stream';
import { parse, type CsvError, type Options } from 'csv-parse';
import type { CrmProblemCode } from './types.js';

/** A row, or why a row cannot be read (`code` default `csv-syntax`, `rows` default 1 unusable row). */
export type CsvRecord =
    | { cells: string[]; line: number }
    | { error: { line: number; message: string; code?: CrmProblemCode; rows?: number; subject?: string; fix?: string } };

export interface CsvOptions {
    /** One character; default: whichever of `,` `;` tab occurs most in the first line. */
    delimiter?: string;
}

/** Records in batches, in line order, parse errors among them. `input`: UTF-8 bytes, or text. */
export async function* csvRecords(input: AsyncIterable<Uint8Array | string>, options: CsvOptions = {}): AsyncGenerator<CsvRecord[]> {
    const { head, rest } = await peekFirstLine(input);
    // The delimiters are ASCII: the first line read byte by byte is enough to guess.
    const delimiter = options.delimiter ?? guessDelimiter(head.toString('latin1'));
    let nextLine = 1;
    // Records parsed so far, and the skipped ones (parse errors) with the number of records
    // before each: csv-parse reports a skip while parsing, ahead of the records it has not
    // handed on yet, so the error takes its place (and line) when those are counted below.
    let consumed = 0;
    const errors: SkippedRecord[] = [];
    // Plain records, as the fastest csv-parse read gives them: each record's lines are counted
    // from its cells (one line, plus the line breaks inside quoted cells). Asking csv-parse for
    // each record's raw text or info doubled the text it allocates and cost a third of its time.
    const parserOptions: Options = {
        delimiter,
        relax_quotes: true,
        relax_column_count: true,
        skip_records_with_error: true,
        on_skip: (error: CsvError | undefined) => {
            const before = typeof error?.records === 'number' ? error.records : Infinity;
            const lines = typeof error?.lines === 'number' ? error.lines : undefined;
            errors.push({ before: Math.min(before, Number.MAX_SAFE_INTEGER), message: describeCsvError(error), lines });
            return undefined;
        }
    };
    const parser = parse(parserOptions);
    const source = Readable.from(concat(head, rest));
    source.on('error', error => parser.destroy(error));
    source.pipe(parser);
    /** The skipped records due before the next record, with their lines, into `batch`. */
    const drain = (upTo: number, batch: CsvRecord[]): CsvRecord[] => {
        while (errors.length > 0 && errors[0].before <= upTo) {
            const skipped = errors.shift()!;
            batch.push({ error: { line: nextLine, message: skipped.message } });
            // csv-parse's count at the error is the line it found the record broken on; the
            // record ends on that line. (With relax_quotes the only such error is a quote that
            // never closes, which takes the rest of the input.)
            nextLine = Math.max(nextLine, skipped.lines ?? nextLine) + 1;
        }
        return batch;
    };
    try {
        for await (const records of batchesOf<string[]>(parser)) {
            const batch: CsvRecord[] = [];
            for (const record of records) {
                if (errors.length > 0) drain(consumed, batch);
                consumed++;
                const line = nextLine;
                nextLine += recordLines(record);
                if (record.length === 1 && record[0].trim() === '') continue;
                batch.push({ cells: record, line });
            }
            yield batch;
        }
        yield drain(Infinity, []);
    } catch (error) {
        yield [...drain(Infinity, []), { error: { line: nextLine, message: `cannot read the CSV: ${(error as Error).message}` } }];
    } finally {
        // Also when the reader stops early: close the input instead of leaving it half read.
        source.destroy();
        parser.destroy();
    }
}

/**
 * Records in batches of what the parser has ready: one await per batch instead of one per
 * record, which is most of the cost of iterating a stream record by record.
 */
async function* batchesOf<T>(stream: Readable): AsyncGenerator<T[]> {
    let ended = false;
    let failure: unknown;
    let wake: (() => void) | undefined;
    const signal = (): void => { const resume = wake; wake = undefined; resume?.(); };
    stream.on('readable', signal);
    stream.on('end', () => { ended = true; signal(); });
    stream.on('error', error => { failure = error; signal(); });
    for (;;) {
        const batch: T[] = [];
        let item: T | null;
        while (batch.length < 4096 && (item = stream.read() as T | null) !== null) batch.push(item);
        if (batch.length > 0) {
            yield batch;
            continue;
        }
        if (failure !== undefined) throw failure;
        if (ended || stream.readableEnded) return;
        // read() returned null, so the stream emits 'readable' or 'end' later, never in this tick.
        await new Promise<void>(resolve => { wake = resolve; });
    }
}

/** A record csv-parse could not read: how many records came before it, why, and csv-parse's line count there. */
interface SkippedRecord {
    before: number;
    message: string;
    lines: number | undefined;
}

/** The lines a record takes: its own, and one more per line break inside a (quoted) cell. */
function recordLines(cells: readonly string[]): number {
    let lines = 1;
    for (const cell of cells) {
        if (cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) lines += countLineBreaks(cell);
    }
    return lines;
}

function describeCsvError(error: CsvError | undefined): string {
    switch (error?.code) {
        case 'CSV_QUOTE_NOT_CLOSED':
            return 'a quoted field opens here and never closes; the rest of the file is part of it and cannot be read';
        case undefined:
            return 'this record cannot be read';
        default:
            // csv-parse's own wording, without its line count (the line is ours).
            return error!.message.replace(/ at line \d+/, '');
    }
}

/** CRLF, a lone CR and a lone LF each end one line. */
function countLineBreaks(raw: string): number {
    let count = 0;
    for (let i = 0; i < raw.length; i++) {
        const c = raw.charCodeAt(i);
        if (c === 10) {
            count++;
        } else if (c === 13) {
            count++;
            if (raw.charCodeAt(i + 1) === 10) i++;
        }
    }
    return count;
}

async function peekFirstLine(input: AsyncIterable<Uint8Array | string>): Promise<{ head: Buffer; rest: AsyncIterator<Uint8Array | string> }> {
    const rest = input[Symbol.asyncIterator]();
    const parts: Buffer[] = [];
    for (;;) {
        const next = await rest.next();
        if (next.done) break;
        const part = typeof next.value === 'string' ? Buffer.from(next.value, 'utf8') : Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
        parts.push(part);
        if (part.includes(0x0a) || part.includes(0x0d)) break;
    }
    return { head: Buffer.concat(parts), rest };
}

async function* concat(head: Buffer, rest: AsyncIterator<Uint8Array | string>): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    for (let next = await rest.next(); !next.done; next = await rest.next()) {
        const value = next.value;
        yield typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    }
}

function guessDelimiter(head: string): string {
    const firstLine = head.split(/\r\n|\r|\n/, 1)[0].replace(/"[^"]*"/g, '');
    let best = ',';
    let bestCount = 0;
    for (const candidate of [',', ';', '\t', '|']) {
        const count = firstLine.split(candidate).length - 1;
        if (count > bestCount) {
            best = candidate;
            bestCount = count;
        }
    }
    return best;
}
