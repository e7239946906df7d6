/**
 * How a CRM export is to be read, said in words: the CLI's options (`--id-column`,
 * `--encoding windows-1252`, `--delimiter tab`…) and an editor's settings
 * (`playbook.simulation.columns.id`, `…encoding`…) name the same things. Both are turned into
 * the reader's options here, so that an export that reads one way on the command line reads
 * the same way in the editor, and a wrong value is refused with the same words.
 */
import type { ColumnOptions, DateOrder, InputEncoding, ReadDealsOptions } from './types.js';

/** The reader's options that describe an export (not where it came from). */
export type DealsReaderOptions = Omit<ReadDealsOptions, 'file' | 'grouping'>;

/** Each column option by the short name settings give it (`id` for `idColumn`). */
export const COLUMN_SETTINGS = {
    id: 'idColumn', stage: 'stageColumn', date: 'dateColumn', amount: 'amountColumn', task: 'taskColumn',
    outcome: 'outcomeColumn', reason: 'reasonColumn', title: 'titleColumn', created: 'createdColumn', closeDate: 'closeDateColumn'
} as const satisfies Record<string, Exclude<keyof ColumnOptions, 'stageDateColumns'>>;

const ENCODINGS: Record<string, InputEncoding> = {
    auto: 'auto',
    'utf-8': 'utf-8', utf8: 'utf-8',
    'windows-1252': 'windows-1252', cp1252: 'windows-1252', latin1: 'windows-1252', 'latin-1': 'windows-1252', 'iso-8859-1': 'windows-1252'
};

export const ENCODING_NAMES = 'auto, utf-8 or windows-1252 (latin1)';

/** `latin1` → `windows-1252`; `undefined` for a name the readers do not know. */
export function encodingNamed(value: string): InputEncoding | undefined {
    return ENCODINGS[value.trim().toLowerCase()];
}

const DELIMITERS: Record<string, string> = { tab: '\t', '\\t': '\t', comma: ',', semicolon: ';', pipe: '|' };

/** `tab` → a tab; any other single character as it is; `undefined` for what cannot separate fields. */
export function delimiterNamed(value: string): string | undefined {
    const delimiter = DELIMITERS[value.toLowerCase()] ?? value;
    return [...delimiter].length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r' ? undefined : delimiter;
}

/** An editor's `playbook.simulation` settings, as loosely as a settings file may hold them. */
export interface ReaderSettings {
    columns?: unknown;
    dateOrder?: unknown;
    encoding?: unknown;
    delimiter?: unknown;
}

/**
 * The reader's options of an editor's settings, or the first setting that is wrong, named
 * under `prefix` (`playbook.simulation`). Empty values mean "not set", as a settings editor
 * leaves them.
 */
export function readerOptionsOfSettings(settings: ReaderSettings, prefix: string): { options: DealsReaderOptions } | { problem: string } {
    const options: DealsReaderOptions = {};
    const text = (value: unknown): string | undefined => typeof value === 'string' && value.trim() !== '' ? value : undefined;
    const { columns } = settings;
    if (columns !== undefined && columns !== null) {
        if (typeof columns !== 'object' || Array.isArray(columns)) {
            return { problem: `${prefix}.columns must be an object naming columns, such as { "id": "Opportunity ID" }` };
        }
        for (const [key, value] of Object.entries(columns)) {
            const option = COLUMN_SETTINGS[key as keyof typeof COLUMN_SETTINGS];
            if (option === undefined) {
                return { problem: `${prefix}.columns has no setting '${key}': it names ${Object.keys(COLUMN_SETTINGS).join(', ')}` };
            }
            if (value === undefined || value === null || value === '') continue;
            if (typeof value !== 'string' || value.trim() === '') {
                return { problem: `${prefix}.columns.${key} must be a column name` };
            }
            options[option] = value;
        }
    }
    const dateOrder = text(settings.dateOrder);
    if (dateOrder !== undefined) {
        if (dateOrder !== 'mdy' && dateOrder !== 'dmy') return { problem: `${prefix}.dateOrder must be mdy or dmy, not '${dateOrder}'` };
        options.dateOrder = dateOrder satisfies DateOrder;
    }
    const encodingName = text(settings.encoding);
    if (encodingName !== undefined) {
        const encoding = encodingNamed(encodingName);
        if (encoding === undefined) return { problem: `${prefix}.encoding must be ${ENCODING_NAMES}, not '${encodingName}'` };
        options.encoding = encoding;
    }
    // A delimiter may be a space: only the empty string means "not set".
    const delimiterName = typeof settings.delimiter === 'string' && settings.delimiter !== '' ? settings.delimiter : undefined;
    if (delimiterName !== undefined) {
        const delimiter = delimiterNamed(delimiterName);
        if (delimiter === undefined) return { problem: `${prefix}.delimiter must be one character (or tab), not '${delimiterName}'` };
        options.delimiter = delimiter;
    }
    return { options };
}
