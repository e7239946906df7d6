/**
 * Stage-history rows written as JSON: an array of `{ "deal": …, "stage": …, "date": … }`
 * records (or `{ "deals": [ … ] }`), or JSON Lines of them, as an API export or `jq` writes
 * them. They become the same records as CSV rows, the keys being the header, so everything
 * CSV rows mean (recognised columns, the playbook's fields, grouping by deal, late starts)
 * holds for them too (see `rowDeals`).
 *
 * The header of an array is every key its rows use, in the order first seen. JSON Lines are
 * streamed, so their header is the first row's keys: a key that first appears later is told
 * once (its values are not read), never silently dropped.
 *
 * A value is a cell as its text: numbers and booleans as written, `null` blank, an array of
 * names (done tasks) joined by `;`. A nested object's values are columns with dotted names
 * (Salesforce's `attributes.type`, HubSpot's `properties.dealstage`, which `--stage-column`
 * can name). Anything else (an array of objects) is no cell: told once per key, read as blank.
 */
import type { CsvRecord } from './csv-records.js';
import { jsonLineValues } from './json-lines.js';

/** A row object rather than a deal with events: the shapes `jsonDeals` tells apart. */
export function isRowObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value) && !('events' in value);
}

/** The records of an array of row objects; `lines[i]` is the line where element `i` starts. */
export function* arrayRowRecords(rows: readonly unknown[], lines: readonly number[], path: string): Generator<CsvRecord[]> {
    const nested = new NestedValues();
    const header: string[] = [];
    const known = new Set<string>();
    for (const row of rows) {
        if (!isRowObject(row)) continue;
        for (const key of Object.keys(flatten(row))) {
            if (!known.has(key)) {
                known.add(key);
                header.push(key);
            }
        }
    }
    const batch: CsvRecord[] = [{ cells: header, line: lines[0] ?? 1 }];
    rows.forEach((row, i) => batch.push(...recordOf(row, header, lines[i] ?? 1, `${path}[${i}]`, nested, true)));
    yield batch;
}

/** The records of JSON Lines of row objects, streamed; the first row's keys are the header. */
export async function* jsonLineRowRecords(lines: AsyncIterable<{ text: string; line: number }>): AsyncGenerator<CsvRecord[]> {
    let header: string[] | undefined;
    let known = new Set<string>();
    const told = new Set<string>();
    let batch: CsvRecord[] = [];
    const nested = new NestedValues();
    for await (const entry of jsonLineValues(lines)) {
        const { line, path } = entry;
        if ('problem' in entry) {
            batch.push({ error: { line, message: `${path}: not valid JSON: ${entry.problem}`, code: 'json-syntax' } });
            continue;
        }
        const value = entry.value;
        const row = isRowObject(value) ? flatten(value) : value;
        if (!header && isRowObject(row)) {
            header = Object.keys(row);
            known = new Set(header);
            batch.push({ cells: header, line });
        }
        if (header && isRowObject(row)) {
            for (const key of Object.keys(row)) {
                if (known.has(key) || told.has(key)) continue;
                told.add(key);
                batch.push({ error: {
                    line, code: 'json-shape', rows: 0, subject: key,
                    message: `${path}: "${key}" is not a key of the first row; JSON Lines rows are read with the first row's keys, so its values are not read`,
                    fix: 'give the first row every key (null where it has no value), or write the rows as one JSON array'
                } });
            }
        }
        batch.push(...recordOf(row, header ?? [], line, path, nested, false));
        if (batch.length >= 1024) {
            yield batch;
            batch = [];
        }
    }
    yield batch;
}

/** The row's cells, after the first report of each key whose value is no cell. */
function recordOf(value: unknown, header: readonly string[], line: number, path: string, nested: NestedValues, flat: boolean): CsvRecord[] {
    if (!isRowObject(value)) {
        const what = typeof value === 'object' && value !== null && !Array.isArray(value) ? 'a deal with events (write rows or deals, not both)' : describe(value);
        return [{ error: { line, message: `${path}: a row is an object of column names and values, not ${what}`, code: 'json-shape' } }];
    }
    const row = flat ? flatten(value) : value;
    const records: CsvRecord[] = [];
    const cells: string[] = new Array<string>(header.length);
    for (let i = 0; i < header.length; i++) {
        const key = header[i];
        const cell = cellOf(row[key]);
        if (cell === undefined) {
            const told = nested.tell(key, row[key], line, path);
            if (told) records.push(told);
        }
        cells[i] = cell ?? '';
    }
    records.push({ cells, line });
    return records;
}

/** The row with nested objects' values under dotted keys (`attributes.type`). */
function flatten(row: Record<string, unknown>, prefix = '', into: Record<string, unknown> = {}, depth = 0): Record<string, unknown> {
    for (const [key, value] of Object.entries(row)) {
        const name = prefix + key;
        if (typeof value === 'object' && value !== null && !Array.isArray(value) && depth < 4) flatten(value as Record<string, unknown>, `${name}.`, into, depth + 1);
        else into[name] = value;
    }
    return into;
}

/** Keys holding values that are no cell, told once each. */
class NestedValues {
    private readonly told = new Set<string>();

    tell(key: string, value: unknown, line: number, path: string): CsvRecord | undefined {
        if (this.told.has(key)) return undefined;
        this.told.add(key);
        return { error: {
            line, code: 'json-shape', rows: 0, subject: key,
            message: `${path}.${key}: ${describe(value)} is not a cell value; "${key}" is read as blank in every row`,
            fix: 'write it as a value, or as keys of the row, if Playbook should read it'
        } };
    }
}

function cellOf(value: unknown): string | undefined {
    if (value === null || value === undefined) return '';
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (Array.isArray(value) && value.every(v => typeof v === 'string' || typeof v === 'number')) return value.join(';');
    return undefined;
}

function describe(value: unknown): string {
    if (value === null) return 'null';
    if (Array.isArray(value)) return 'an array';
    if (typeof value === 'object') return 'an object';
    return JSON.stringify(value);
}
