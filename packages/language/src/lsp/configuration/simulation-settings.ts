/**
 * `playbook.simulation.*`: how the editor replays a CRM export. The server reads the settings
 * itself, so that every editor that sends settings (VS Code, Neovim, Emacs, Helix) gets the
 * same columns, encoding and dates as `playbook simulate --deals` with the same options.
 */
import { readerOptionsOfSettings, type DealsReaderOptions, type ReaderSettings } from '@playbook/model';
import type { ConfigurationProvider } from 'langium';

export interface SimulationSettingsValue {
    /** The export the editor replays without asking, as written (relative to the workspace folder). */
    dealsFile?: string;
    asOf?: string;
    lateStart?: 'allow' | 'skip';
    read: DealsReaderOptions;
}

export const SIMULATION_SETTINGS = 'playbook.simulation';

/** The settings as the editor sent them last, or the first of them that is wrong, in words. */
export async function simulationSettings(configuration: ConfigurationProvider): Promise<SimulationSettingsValue | { problem: string }> {
    let raw: unknown;
    try {
        raw = await configuration.getConfiguration('playbook', 'simulation');
    } catch {
        raw = undefined;
    }
    const settings = (raw && typeof raw === 'object' ? raw : {}) as ReaderSettings & { dealsFile?: unknown; asOf?: unknown; lateStart?: unknown };
    const read = readerOptionsOfSettings(settings, SIMULATION_SETTINGS);
    if ('problem' in read) return read;
    const text = (value: unknown): string | undefined => typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
    const dealsFile = text(settings.dealsFile);
    const asOf = text(settings.asOf);
    const lateStart = settings.lateStart === 'allow' || settings.lateStart === 'skip' ? settings.lateStart : undefined;
    return { ...(dealsFile ? { dealsFile } : {}), ...(asOf ? { asOf } : {}), ...(lateStart ? { lateStart } : {}), read: read.options };
}

const FLAG_SETTINGS: ReadonlyArray<[RegExp, (...groups: string[]) => string]> = [
    [/--(id|stage|date|amount|task|outcome|reason|title|created|close-date)-column\b/g, (_m, name) => `the setting ${SIMULATION_SETTINGS}.columns.${name.replace(/-(\w)/g, (_x, c: string) => c.toUpperCase())}`],
    [/pass --delimiter (\S+)/g, (_m, name) => `set ${SIMULATION_SETTINGS}.delimiter to "${name}"`],
    [/pass --date-order (\w+)/g, (_m, order) => `set ${SIMULATION_SETTINGS}.dateOrder to "${order}"`],
    [/--late-start skip/g, () => `${SIMULATION_SETTINGS}.lateStart "skip"`]
];

/**
 * A reader's advice in the editor's words: the reader names the CLI's options (`name it with
 * --id-column`), which an editor's user sets as `playbook.simulation.*`.
 */
export function inSettingsWords(text: string): string {
    let result = text;
    for (const [pattern, replace] of FLAG_SETTINGS) result = result.replace(pattern, replace);
    return result;
}
