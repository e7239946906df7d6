/**
 * `playbook simulate`'s command-line options as commander hands them over, checked and turned
 * into what the deal reader and the aggregator take. Every mistake is a CliError (exit 2)
 * naming the option.
 */
import { delimiterNamed, encodingNamed, ENCODING_NAMES, parseIsoDate, type ColumnOptions, type ForecastOptions, type InputEncoding, type ReadDealsOptions } from '@playbook/model';
import { CliError } from '../errors.js';

export const SIMULATE_FORMATS = ['text', 'json'] as const;
export type SimulateFormat = typeof SIMULATE_FORMATS[number];

/** Exactly what main.ts declares (commander turns `--id-column` into `idColumn`). */
export interface SimulateOptions extends Omit<ColumnOptions, 'stageDateColumns'> {
    format: SimulateFormat;
    deals?: string;
    playbook?: string;
    /** `--stage-date-column '<column>=<stage>'`, repeatable. */
    stageDateColumn?: string[];
    dateOrder?: 'mdy' | 'dmy';
    encoding?: string;
    delimiter?: string;
    layout?: 'history' | 'snapshot';
    sorted?: boolean;
    dealsFormat?: 'csv' | 'json' | 'jsonl';
    seed?: string;
    trials?: string;
    /** `--as-of YYYY-MM-DD`: the day open deals are judged at. */
    asOf?: string;
    /** `--late-start allow|skip`: a CRM history that starts after the first stage is counted apart, or is a stage-skip. */
    lateStart?: 'allow' | 'skip';
}

/** The options that describe a CRM export: meaningless without `--deals`. */
const DEALS_ONLY: ReadonlyArray<[keyof SimulateOptions, string]> = [
    ['idColumn', '--id-column'], ['stageColumn', '--stage-column'], ['dateColumn', '--date-column'],
    ['amountColumn', '--amount-column'], ['taskColumn', '--task-column'], ['outcomeColumn', '--outcome-column'],
    ['reasonColumn', '--reason-column'], ['titleColumn', '--title-column'], ['createdColumn', '--created-column'],
    ['closeDateColumn', '--close-date-column'], ['stageDateColumn', '--stage-date-column'], ['dateOrder', '--date-order'],
    ['encoding', '--encoding'], ['delimiter', '--delimiter'], ['layout', '--layout'], ['sorted', '--sorted'],
    ['dealsFormat', '--deals-format'], ['lateStart', '--late-start']
];

/** Throws when an option that describes a CRM export is given without `--deals`. */
export function checkDealsOnlyOptions(options: SimulateOptions): void {
    if (options.deals !== undefined) {
        return;
    }
    const given = DEALS_ONLY.filter(([key]) => options[key] !== undefined && options[key] !== false).map(([, flag]) => flag);
    if (given.length > 0) {
        throw new CliError(`${given.join(', ')} ${given.length === 1 ? 'describes' : 'describe'} a CRM export and need${given.length === 1 ? 's' : ''} --deals <file>`);
    }
}

export function toReadOptions(options: SimulateOptions, file: string): ReadDealsOptions {
    const read: ReadDealsOptions = { file };
    const columns = ['idColumn', 'stageColumn', 'dateColumn', 'amountColumn', 'taskColumn', 'outcomeColumn', 'reasonColumn', 'titleColumn', 'createdColumn', 'closeDateColumn'] as const;
    for (const key of columns) {
        const value = options[key];
        if (value !== undefined) {
            if (value.trim() === '') {
                throw new CliError(`--${kebab(key)} needs a column name`);
            }
            read[key] = value;
        }
    }
    if (options.stageDateColumn && options.stageDateColumn.length > 0) {
        read.stageDateColumns = parseStageDateColumns(options.stageDateColumn);
    }
    if (options.dateOrder !== undefined) read.dateOrder = options.dateOrder;
    if (options.encoding !== undefined) read.encoding = parseEncoding(options.encoding);
    if (options.delimiter !== undefined) read.delimiter = parseDelimiter(options.delimiter);
    if (options.layout !== undefined) read.layout = options.layout;
    if (options.dealsFormat !== undefined) read.format = options.dealsFormat;
    if (options.sorted) read.grouping = 'contiguous';
    return read;
}

export function toForecastOptions(options: SimulateOptions): ForecastOptions {
    const forecast: ForecastOptions = {};
    if (options.seed !== undefined) {
        if (!/^\d{1,10}$/.test(options.seed.trim()) || Number(options.seed) > 0xffffffff) {
            throw new CliError(`--seed must be a whole number from 0 to 4294967295, not '${options.seed}'`);
        }
        forecast.seed = Number(options.seed);
    }
    if (options.trials !== undefined) {
        const trials = Number(options.trials.trim().replace(/[_,]/g, ''));
        if (!/^[\d_,]+$/.test(options.trials.trim()) || !Number.isSafeInteger(trials) || trials < 1 || trials > 10_000_000) {
            throw new CliError(`--trials must be a whole number from 1 to 10,000,000, not '${options.trials}'`);
        }
        forecast.trials = trials;
    }
    return forecast;
}

/** `--as-of`: a calendar date written YYYY-MM-DD. */
export function parseAsOf(value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    const text = value.trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || parseIsoDate(text) === undefined) {
        throw new CliError(`--as-of must be a date written YYYY-MM-DD, not '${value}'`);
    }
    return text;
}

function parseEncoding(value: string): InputEncoding {
    const encoding = encodingNamed(value);
    if (!encoding) {
        throw new CliError(`--encoding must be ${ENCODING_NAMES}, not '${value}'`);
    }
    return encoding;
}

function parseDelimiter(value: string): string {
    const delimiter = delimiterNamed(value);
    if (delimiter === undefined) {
        throw new CliError(`--delimiter must be one character (or tab), not '${value}'`);
    }
    return delimiter;
}

/** `Date entered Demo=Demo` → { 'Date entered Demo': 'Demo' }; the last `=` splits, so column names may hold one. */
function parseStageDateColumns(values: readonly string[]): Record<string, string> {
    const columns: Record<string, string> = {};
    for (const value of values) {
        const at = value.lastIndexOf('=');
        const column = value.slice(0, at).trim();
        const stage = value.slice(at + 1).trim();
        if (at < 0 || column === '' || stage === '') {
            throw new CliError(`--stage-date-column takes '<column>=<stage>', not '${value}'`);
        }
        columns[column] = stage;
    }
    return columns;
}

function kebab(name: string): string {
    return name.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);
}
