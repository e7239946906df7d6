/**
 * Deals from JSON, in two shapes, told apart by the first element (or line):
 * - deals with their events (the engine's `DealModel`, see `json-deal.ts`): an array of them,
 *   `{ "deals": [...] }`, one deal object, or JSON Lines of them;
 * - stage-history rows, `{ "deal": "D1", "stage": "Lead", "date": "2026-01-05", ... }` (an
 *   object without `events`): an array of them, `{ "deals": [...] }`, or JSON Lines of them;
 *   read as CSV rows are (see `json-rows.ts`).
 *
 * Memory: a JSON document is read whole (JSON.parse needs it); JSON Lines is streamed one
 * line at a time, so large sets should be written as JSON Lines. Errors name the JSON path
 * (`deals[3].events[0].date`) and the line where that deal starts.
 */
import type { PlaybookModel } from '../model/playbook-model.js';
import { FULL_EVIDENCE } from '../simulation/replay-options.js';
import { rowDeals } from './csv-deals.js';
import { readJsonDeal, type JsonDealContext } from './json-deal.js';
import { arrayRowRecords, isRowObject, jsonLineRowRecords } from './json-rows.js';
import { jsonLineValues, jsonSyntaxMessage } from './json-lines.js';
import { firstSyntaxError } from './json-syntax.js';
import { PlaybookVocabulary } from './playbook-vocabulary.js';
import { StageMapper } from './stage-mapper.js';
import type { CrmItem, ReadDealsOptions } from './types.js';

export async function* jsonDeals(
    text: AsyncIterable<string>, playbook: PlaybookModel, options: ReadDealsOptions & { file: string }
): AsyncGenerator<CrmItem[]> {
    const dateOrder = options.dateOrder ?? 'mdy';
    const context: JsonDealContext = { playbook, mapper: new StageMapper(playbook, options.stageNames), vocabulary: new PlaybookVocabulary(playbook, dateOrder), dateOrder };
    const lines = splitLines(text);
    if (options.format === 'jsonl' || (options.format !== 'json' && await startsAsJsonLines(lines))) {
        const { first, all } = await firstObject(lines.rest());
        if (isRowObject(first)) yield* rowDeals(jsonLineRowRecords(all), playbook, options, options.grouping ?? 'auto', true);
        else yield* jsonLines(all, context, options.file);
        return;
    }
    let whole = '';
    for await (const line of lines.rest()) whole += line.text + '\n';
    yield* jsonDocument(whole, context, options);
}

async function* jsonDocument(text: string, context: JsonDealContext, options: ReadDealsOptions & { file: string }): AsyncGenerator<CrmItem[]> {
    const file = options.file;
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch (error) {
        yield [{ error: { file, ...syntaxPosition(text), message: `not valid JSON: ${jsonSyntaxMessage(error as Error)}`, fatal: true } }];
        return;
    }
    let deals: unknown[];
    let prefix: string;
    if (Array.isArray(value)) {
        deals = value;
        prefix = '';
    } else if (typeof value === 'object' && value !== null && ENVELOPES.some(key => Array.isArray((value as Record<string, unknown>)[key]))) {
        prefix = ENVELOPES.find(key => Array.isArray((value as Record<string, unknown>)[key]))!;
        deals = (value as Record<string, unknown[]>)[prefix];
    } else if (typeof value === 'object' && value !== null && 'events' in value) {
        yield [...item(readJsonDeal(value, '$', context), 1, file)];
        return;
    } else {
        yield [{ error: { file, line: 1, column: 1, path: '$', message: 'expected an array of deals or of stage-history rows, or an object { "deals": [...] }', fatal: true } }];
        return;
    }
    const starts = elementLines(text, prefix);
    if (isRowObject(deals[0])) {
        yield* rowDeals(arrayRowRecords(deals, starts, prefix), context.playbook, options, options.grouping ?? 'auto', true);
        return;
    }
    let batch: CrmItem[] = [];
    for (let i = 0; i < deals.length; i++) {
        const path = `${prefix}[${i}]`;
        batch.push(...item(readJsonDeal(deals[i], path, context), starts[i] ?? 1, file));
        if (batch.length >= 1024) {
            yield batch;
            batch = [];
        }
    }
    if (batch.length > 0) yield batch;
}

async function* jsonLines(lines: AsyncIterable<{ text: string; line: number }>, context: JsonDealContext, file: string): AsyncGenerator<CrmItem[]> {
    for await (const entry of jsonLineValues(lines)) {
        const { line, path } = entry;
        if ('problem' in entry) {
            yield [{ error: { file, line, column: syntaxPosition(entry.text).column, path, message: `not valid JSON: ${entry.problem}` } }];
        } else {
            yield [...item(readJsonDeal(entry.value, path, context), line, file)];
        }
    }
}

function* item(result: ReturnType<typeof readJsonDeal>, line: number, file: string): Generator<CrmItem> {
    if ('problems' in result) {
        for (const problem of result.problems) {
            yield { error: { file, line, path: problem.path, message: `${problem.path}: ${problem.message}`, ...(problem.code ? { code: problem.code, subject: problem.subject } : {}) } };
        }
        return;
    }
    yield { ...result, source: { file, line }, rows: 1, lines: [line], evidence: FULL_EVIDENCE };
}

/** Where JSON.parse gave up: V8's messages do not always say, so the offset is found again. */
function syntaxPosition(text: string): { line: number; column: number } {
    const offset = firstSyntaxError(text);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return { line, column: offset - before.lastIndexOf('\n') };
}

/** `{ "deals": [...] }`, and Salesforce's `{ "records": [...] }` of rows. */
const ENVELOPES = ['deals', 'records'];

/** The line each element of the array (top level, or under `key`) starts on: a scan over strings and brackets only. */
function elementLines(text: string, key: string): number[] {
    const inDealsKey = key !== '';
    const lines: number[] = [];
    let line = 1;
    let depth = 0;
    let target = inDealsKey ? -1 : 1;
    let expectElement = false;
    let lastString = '';
    let afterDealsKey = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === '\n') { line++; continue; }
        if (c === ' ' || c === '\t' || c === '\r') continue;
        if (expectElement && depth === target && c !== ']') { lines.push(line); expectElement = false; }
        if (c === '"') {
            const start = i;
            for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
            lastString = text.slice(start + 1, i);
            continue;
        }
        if (c === ':' && depth === 1 && target < 0 && lastString === key) { afterDealsKey = true; continue; }
        if (c === '[' || c === '{') {
            depth++;
            if (afterDealsKey && c === '[') target = depth;
            afterDealsKey = false;
            if (depth === target) expectElement = true;
        } else if (c === ']' || c === '}') {
            if (depth === target) expectElement = false;
            depth--;
        } else if (c === ',' && depth === target) {
            expectElement = true;
        } else {
            afterDealsKey = false;
        }
    }
    return lines;
}

/** V8 quotes the start of the text in its message; the position is given separately. */

/** The first line's value (undefined when blank to the end or not JSON), and every line again. */
async function firstObject(lines: AsyncIterable<{ text: string; line: number }>): Promise<{ first: unknown; all: AsyncIterable<{ text: string; line: number }> }> {
    const iterator = lines[Symbol.asyncIterator]();
    const head: Array<{ text: string; line: number }> = [];
    let first: unknown;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        head.push(next.value);
        if (next.value.text.trim() === '') continue;
        try {
            first = JSON.parse(next.value.text);
        } catch {
            first = undefined;
        }
        break;
    }
    async function* all(): AsyncGenerator<{ text: string; line: number }> {
        yield* head;
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    }
    return { first, all: all() };
}

interface LineSource {
    /** The lines not yet taken, starting with those `startsAsJsonLines` looked at. */
    rest(): AsyncIterable<{ text: string; line: number }>;
    peek(): Promise<{ text: string; line: number } | undefined>;
}

function splitLines(text: AsyncIterable<string>): LineSource {
    const iterator = linesOf(text);
    const peeked: Array<{ text: string; line: number }> = [];
    return {
        async peek() {
            const next = await iterator.next();
            if (next.done) return undefined;
            peeked.push(next.value);
            return next.value;
        },
        async *rest() {
            yield* peeked.splice(0);
            for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
        }
    };
}

async function* linesOf(text: AsyncIterable<string>): AsyncGenerator<{ text: string; line: number }> {
    let pending = '';
    let line = 1;
    for await (const chunk of text) {
        pending += chunk;
        let start = 0;
        let end: number;
        while ((end = pending.indexOf('\n', start)) >= 0) {
            yield { text: pending.slice(start, end).replace(/\r$/, ''), line: line++ };
            start = end + 1;
        }
        pending = pending.slice(start);
    }
    if (pending !== '') yield { text: pending.replace(/\r$/, ''), line };
}

/** JSON Lines when the first non-blank line is a whole object that is a deal (not an envelope). */
async function startsAsJsonLines(lines: LineSource): Promise<boolean> {
    for (let next = await lines.peek(); next; next = await lines.peek()) {
        const text = next.text.trim();
        if (text === '') continue;
        if (!text.startsWith('{')) return false;
        try {
            const value = JSON.parse(text) as Record<string, unknown>;
            return typeof value === 'object' && value !== null && !ENVELOPES.some(key => Array.isArray(value[key]));
        } catch {
            return false;
        }
    }
    return false;
}
