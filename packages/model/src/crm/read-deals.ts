/**
 * Deals from a CRM export, one at a time, for `playbook simulate --deals`: a file path or a
 * stream of CSV, JSON or JSON Lines in, `{ deal, amount?, source }` or `{ error }` out.
 * Never throws on bad input: unreadable files, bad rows and bad cells are errors, and every
 * other deal still comes through.
 *
 * ```ts
 * for await (const item of readDeals('deals.csv', playbookModel, { idColumn: 'Opp' })) {
 *     if ('error' in item) report(item.error); else simulateDeal(compiled, item.deal);
 * }
 * ```
 */
import { createReadStream } from 'node:fs';
import { access, constants } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import type { PlaybookModel } from '../model/playbook-model.js';
import { csvDeals } from './csv-deals.js';
import { decodeText, decodeUtf8, NotTextError } from './decode.js';
import { jsonDeals } from './json-deals.js';
import type { CrmItem, ReadDealsOptions } from './types.js';

export type DealsInput = string | Readable | AsyncIterable<Uint8Array | string>;

export async function* readDeals(input: DealsInput, playbook: PlaybookModel, options: ReadDealsOptions = {}): AsyncGenerator<CrmItem> {
    for await (const batch of readDealBatches(input, playbook, options)) yield* batch;
}

/**
 * `readDeals` in batches (the items of each batch of input rows): what a consumer of millions
 * of deals should iterate, one await per batch instead of one per deal.
 */
export async function* readDealBatches(input: DealsInput, playbook: PlaybookModel, options: ReadDealsOptions = {}): AsyncGenerator<CrmItem[]> {
    const path = typeof input === 'string' ? input : undefined;
    const file = options.file ?? path ?? '<input>';
    if (path !== undefined) {
        try {
            await access(path, constants.R_OK);
        } catch (error) {
            yield [{ error: { file, message: `cannot read ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, fatal: true } }];
            return;
        }
    }
    const open = (): AsyncIterable<Uint8Array | string> => (path !== undefined ? createReadStream(path) : input as AsyncIterable<Uint8Array | string>);
    const bytes = peekable(decodeUtf8(open(), options.encoding ?? 'auto'));
    try {
        const format = options.format && options.format !== 'auto' ? options.format : formatByName(path ?? options.file) ?? await formatByContent(bytes);
        if (format === 'json' || format === 'jsonl') {
            // Only the user's word or a .jsonl name settles JSON against JSON Lines; a
            // `.json` file holding one deal per line is read as JSON Lines.
            const explicit = options.format === 'json' || format === 'jsonl' ? format : 'auto';
            yield* jsonDeals(decodeText(bytes, 'utf-8'), playbook, { ...options, format: explicit, file });
            return;
        }
        // One pass: rows are grouped by deal as they come (see `Grouping`).
        yield* csvDeals(bytes, playbook, { ...options, file }, options.grouping ?? 'auto');
    } catch (error) {
        // Reading failed underneath (a stream error, a file removed meanwhile): report, do not throw.
        const message = error instanceof NotTextError ? error.message : `cannot read the input: ${(error as Error).message}`;
        yield [{ error: { file, message, fatal: true } }];
    }
}

function formatByName(name: string | undefined): 'csv' | 'json' | 'jsonl' | undefined {
    switch (name === undefined ? '' : extname(name).toLowerCase()) {
        case '.json': return 'json';
        case '.jsonl': case '.ndjson': return 'jsonl';
        case '.csv': case '.tsv': case '.txt': return 'csv';
        default: return undefined;
    }
}

/** `[` or `{` first is JSON (or JSON Lines, which the JSON reader tells apart); anything else is CSV. */
async function formatByContent(bytes: Peekable): Promise<'csv' | 'json'> {
    const first = await bytes.firstNonBlank();
    return first === 0x5b /* [ */ || first === 0x7b /* { */ ? 'json' : 'csv';
}

interface Peekable extends AsyncIterable<Uint8Array> {
    /** The first byte that is not white space, or `undefined` for an input of white space only. */
    firstNonBlank(): Promise<number | undefined>;
}

function peekable(source: AsyncIterable<Uint8Array>): Peekable {
    const iterator = source[Symbol.asyncIterator]();
    const held: Uint8Array[] = [];
    return {
        async firstNonBlank() {
            for (let i = 0; ; i++) {
                if (i === held.length) {
                    const next = await iterator.next();
                    if (next.done) return undefined;
                    held.push(next.value);
                }
                const found = held[i].find(b => b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d);
                if (found !== undefined) return found;
            }
        },
        async *[Symbol.asyncIterator]() {
            yield* held.splice(0);
            for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
        }
    };
}
