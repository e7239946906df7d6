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

/** Records in batches, in line order, parse errors among them. */
export async function* csvRecords(text: AsyncIterable<string>, options: CsvOptions = {}): AsyncGenerator<CsvRecord[]> {
    const { head, rest } = await peekFirstLine(text);
    const delimiter = options.delimiter ?? guessDelimiter(head);
    let nextLine = 1;
    const errors: Array<{ line: number; message: string }> = [];
    const parserOptions: Options<{ cells: string[]; line: number }, unknown> = {
        delimiter,
        relax_quotes: true,
        relax_column_count: true,
        skip_records_with_error: true,
        raw: true,
        // With `raw`, csv-parse hands on_record `{ record, raw }`, and emits what it returns.
        on_record: (wrapped: unknown) => {
            const { record, raw } = wrapped as { record: string[]; raw: string };
            const line = nextLine;
            nextLine += lineBreaks(raw);
            return { cells: record, line };
        },
        on_skip: (error: CsvError | undefined, raw: string | undefined) => {
            errors.push({ line: nextLine, message: describeCsvError(error) });
            nextLine += lineBreaks(raw ?? '');
            return undefined;
        }
    };
    const parser = parse(parserOptions as unknown as Options);
    const source = Readable.from(concat(head, rest));
    source.on('error', error => parser.destroy(error));
    source.pipe(parser);
    try {
        for await (const records of batchesOf<{ cells: string[]; line: number }>(parser)) {
            const batch: CsvRecord[] = [];
            for (const record of records) {
                drain(errors, record.line, batch);
                if (record.cells.length === 1 && record.cells[0].trim() === '') continue;
                batch.push(record);
            }
            yield batch;
        }
        yield drain(errors, Infinity, []);
    } catch (error) {
        yield [...drain(errors, Infinity, []), { error: { line: nextLine, message: `cannot read the CSV: ${(error as Error).message}` } }];
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

/** Moves the parse errors before `before` into `into`, so errors and records stay in line order. */
function drain(errors: Array<{ line: number; message: string }>, before: number, into: CsvRecord[]): CsvRecord[] {
    while (errors.length > 0 && errors[0].line < before) {
        into.push({ error: errors.shift()! });
    }
    return into;
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
function lineBreaks(raw: string): number {
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

async function peekFirstLine(text: AsyncIterable<string>): Promise<{ head: string; rest: AsyncIterator<string> }> {
    const rest = text[Symbol.asyncIterator]();
    let head = '';
    while (!/[\r\n]/.test(head)) {
        const next = await rest.next();
        if (next.done) break;
        head += next.value;
    }
    return { head, rest };
}

async function* concat(head: string, rest: AsyncIterator<string>): AsyncGenerator<string> {
    if (head !== '') yield head;
    for (let next = await rest.next(); !next.done; next = await rest.next()) {
        yield next.value;
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
