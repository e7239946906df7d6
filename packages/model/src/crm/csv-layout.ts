/**
 * Which column holds what, from the header row: the options name columns explicitly, and
 * the common exports are recognised by their headers (compared on letters and digits only,
 * see `headerKey`).
 *
 * Two layouts:
 * - `history`: one row per stage change (Salesforce OpportunityHistory, HubSpot and
 *   Pipedrive stage history, or a plain `deal,stage,date` file). Chosen when a change-date
 *   column is present.
 * - `snapshot`: one row per deal with its current stage and some dates (sales_pipeline.csv,
 *   a HubSpot deals export with "Date entered …" columns, a Pipedrive deals export).
 *   Chosen when stage-entry date columns or a Pipedrive "last stage change" exist, or when
 *   there is a close date and no change date.
 * A column whose header is a playbook field's name sets that field; it is never also the id,
 * stage or date. The amount column is the deal's value: with `forecast <field>` it fills that
 * field (a column named as the field is then the amount column), and without, a field named
 * as the amount column.
 */
import type { FieldModel, PlaybookModel } from '../model/playbook-model.js';
import { headerKey } from './normalize-name.js';
import type { PlaybookVocabulary } from './playbook-vocabulary.js';
import type { ColumnOptions, ReadDealsOptions } from './types.js';

export interface Column {
    /** 0-based position in the row. */
    index: number;
    header: string;
}

export interface CsvLayout {
    kind: 'history' | 'snapshot';
    /** The export recognised, for messages: `salesforce`, `hubspot`, `pipedrive`, `sales-pipeline` or `generic`. */
    source: string;
    id: Column;
    stage?: Column;
    date?: Column;
    amount?: Column;
    /** The field the amount column fills (see the module comment). */
    amountField?: FieldModel;
    task?: Column;
    outcome?: Column;
    reason?: Column;
    title?: Column;
    created?: Column;
    closeDate?: Column;
    wonDate?: Column;
    lostDate?: Column;
    /** Snapshot: a column per stage holding the date the deal entered it. */
    stageDates: Array<{ column: Column; stage: string }>;
    fields: Array<{ column: Column; field: FieldModel }>;
}

const ID = ['opportunityid', 'dealid', 'recordid', 'hsobjectid', 'dealrecordid', 'opportunity', 'deal', 'id'];
const STAGE = ['stagename', 'dealstage', 'dealdealstage', 'stage', 'currentstage', 'pipelinestage'];
const CHANGE_DATE = ['stagechangetime', 'dealstagechangetime', 'stagechangedate', 'changedate', 'changedat', 'createddate', 'timestamp', 'date', 'lastmodifieddate', 'datemodified'];
const CURRENT_STAGE_DATE = ['deallaststagechange', 'laststagechange', 'stageentered', 'dateenteredcurrentstage'];
const CREATED = ['createddate', 'createdate', 'dealdealcreated', 'dealcreated', 'created', 'createdat', 'createdon'];
const CLOSE_DATE = ['closedate', 'dealclosedate', 'closedat', 'closeddate', 'actualclosedate'];
const WON_DATE = ['dealwontime', 'wontime', 'wondate', 'datewon'];
const LOST_DATE = ['deallosttime', 'losttime', 'lostdate', 'datelost'];
const AMOUNT = ['amount', 'closevalue', 'dealvalue', 'dealamount', 'value', 'amountinhomecurrency', 'opportunityamount'];
const TASK = ['tasks', 'task', 'done', 'donetasks', 'completedtasks'];
const HISTORY_OUTCOME = ['outcome', 'event'];
const SNAPSHOT_OUTCOME = ['outcome', 'dealstatus', 'status'];
const REASON = ['lostreason', 'deallostreason', 'lossreason', 'closedlostreason', 'lossreasonc', 'reason'];
const TITLE = ['dealname', 'dealtitle', 'opportunityname', 'title', 'name'];
/** sales_pipeline.csv's `engage_date`: the day the deal entered "Engaging". */
const NAMED_STAGE_DATES: Record<string, string> = { engagedate: 'Engaging', engageddate: 'Engaging' };

export function resolveLayout(
    header: readonly string[], options: ReadDealsOptions, vocabulary: PlaybookVocabulary, playbook?: PlaybookModel
): CsvLayout | { problem: string; column?: number } {
    const keys = header.map(headerKey);
    const find = (candidates: readonly string[]): Column | undefined => {
        for (const candidate of candidates) {
            const index = keys.indexOf(candidate);
            if (index >= 0) return { index, header: header[index] };
        }
        return undefined;
    };
    const explicit = (option: keyof ColumnOptions): Column | undefined | { problem: string } => {
        const name = options[option];
        if (typeof name !== 'string') return undefined;
        const index = header.indexOf(name) >= 0 ? header.indexOf(name) : keys.indexOf(headerKey(name));
        return index >= 0 ? { index, header: header[index] } : { problem: `${OPTION_FLAGS[option]} "${name}" is not in the header (${header.join(', ')})${delimiterHint(header)}` };
    };
    const problems: string[] = [];
    /** The column the option names; else one headed exactly `exact`; else the first of the candidates. */
    const pick = (option: keyof ColumnOptions, candidates: readonly string[], exact?: string): Column | undefined => {
        const named = explicit(option);
        if (named && 'problem' in named) {
            problems.push(named.problem);
            return undefined;
        }
        const exactIndex = exact === undefined ? -1 : header.indexOf(exact);
        return named ?? (exactIndex >= 0 ? { index: exactIndex, header: header[exactIndex] } : find(candidates));
    };

    const stageDates: CsvLayout['stageDates'] = [];
    if (options.stageDateColumns) {
        for (const [name, stage] of Object.entries(options.stageDateColumns)) {
            const index = header.indexOf(name) >= 0 ? header.indexOf(name) : keys.indexOf(headerKey(name));
            if (index < 0) problems.push(`--stage-date-column "${name}" is not in the header`);
            else stageDates.push({ column: { index, header: header[index] }, stage });
        }
    } else {
        header.forEach((name, index) => {
            const stage = NAMED_STAGE_DATES[keys[index]] ?? hubSpotDateEntered(name);
            if (stage !== undefined) stageDates.push({ column: { index, header: name }, stage });
        });
    }

    const changeDate = options.dateColumn === undefined ? find(CHANGE_DATE) : undefined;
    const currentStageDate = find(CURRENT_STAGE_DATE);
    const kind = options.layout === 'history' || options.layout === 'snapshot'
        ? options.layout
        : stageDates.length > 0 || currentStageDate || (options.dateColumn === undefined && !changeDate && find(CLOSE_DATE))
            ? 'snapshot'
            : 'history';

    const forecastField = playbook?.forecastField === undefined ? undefined : playbook.fields.find(f => f.name === playbook.forecastField);
    const id = pick('idColumn', ID);
    const stage = pick('stageColumn', STAGE);
    const layout: CsvLayout = {
        kind,
        source: recogniseSource(header, keys),
        id: id ?? { index: -1, header: '' },
        stage,
        date: kind === 'history' ? pick('dateColumn', CHANGE_DATE) : pick('dateColumn', CURRENT_STAGE_DATE),
        // The forecast field's own column first: headed exactly by its name (`U`, not `Ü`, when the
        // playbook has both fields), else by a header that compares equal to it.
        amount: pick('amountColumn', forecastField ? [headerKey(forecastField.name), ...AMOUNT] : AMOUNT, forecastField?.name),
        task: pick('taskColumn', TASK),
        outcome: pick('outcomeColumn', kind === 'history' ? HISTORY_OUTCOME : SNAPSHOT_OUTCOME),
        reason: pick('reasonColumn', REASON),
        title: pick('titleColumn', TITLE),
        created: kind === 'snapshot' ? pick('createdColumn', CREATED) : undefined,
        closeDate: kind === 'snapshot' ? pick('closeDateColumn', CLOSE_DATE) : undefined,
        wonDate: kind === 'snapshot' ? find(WON_DATE) : undefined,
        lostDate: kind === 'snapshot' ? find(LOST_DATE) : undefined,
        stageDates,
        fields: []
    };
    if (problems.length > 0) {
        return { problem: problems.join('; ') };
    }
    if (!id) {
        return { problem: `no deal id column: none of the headers (${header.join(', ')}) is one Playbook knows; name it with --id-column${delimiterHint(header)}` };
    }
    if (!stage && stageDates.length === 0) {
        return { problem: `no stage column: name it with --stage-column; headers: ${header.join(', ')}${delimiterHint(header)}` };
    }
    if (kind === 'history' && !layout.date) {
        return { problem: `no date column for the stage changes: name it with --date-column; headers: ${header.join(', ')}${delimiterHint(header)}` };
    }
    const taken = new Set([layout.id.index, layout.stage?.index, layout.date?.index]);
    const named = layout.amount && !taken.has(layout.amount.index) ? vocabulary.field(layout.amount.header) : undefined;
    layout.amountField = forecastField ?? (named?.type === 'money' || named?.type === 'number' ? named : undefined);
    if (layout.amount && layout.amountField) taken.add(layout.amount.index);
    header.forEach((name, index) => {
        const field = taken.has(index) ? undefined : vocabulary.field(name);
        // The amount column fills its field; another column of that name would fill it twice.
        if (field && field !== layout.amountField) layout.fields.push({ column: { index, header: name }, field });
    });
    return layout;
}

/** The command-line option that names each column, for messages. */
const OPTION_FLAGS: Record<keyof ColumnOptions, string> = {
    idColumn: '--id-column', stageColumn: '--stage-column', dateColumn: '--date-column', amountColumn: '--amount-column',
    taskColumn: '--task-column', outcomeColumn: '--outcome-column', reasonColumn: '--reason-column', titleColumn: '--title-column',
    createdColumn: '--created-column', closeDateColumn: '--close-date-column', stageDateColumns: '--stage-date-column'
};

/**
 * A header read as one column that holds another separator (or several columns, one of which
 * does) was probably split on the wrong delimiter: say which one to try.
 */
function delimiterHint(header: readonly string[]): string {
    const joined = header.join('');
    for (const [char, name] of [[';', "';'"], ['\t', 'tab'], [',', "','"], ['|', "'|'"]] as const) {
        if (joined.includes(char) && (header.length === 1 || joined.split(char).length > header.length)) {
            return `; the header looks separated by ${name === 'tab' ? 'tabs' : name}: pass --delimiter ${name}`;
        }
    }
    return '';
}

/** HubSpot writes `Date entered "Appointment Scheduled (Sales Pipeline)"`: the stage, without the pipeline. */
function hubSpotDateEntered(header: string): string | undefined {
    const match = /^\s*date entered\s+(.+)$/i.exec(header);
    if (!match) return undefined;
    // Curly quotes written as escapes: one character beyond Latin-1 in the CLI's bundle makes V8
    // keep all of its source two bytes a character (test/cli/bundle.test.ts).
    const stage = match[1].replace(/^["'\u201C\u201D\u2018\u2019]+|["'\u201C\u201D\u2018\u2019]+$/g, '').replace(/\s*\([^()]*\)\s*$/, '').trim();
    return stage === '' || /^current stage$/i.test(stage) ? undefined : stage;
}

function recogniseSource(header: readonly string[], keys: readonly string[]): string {
    if (keys.includes('opportunityid') && keys.includes('stagename')) return 'salesforce';
    if (keys.includes('opportunityid') && keys.includes('dealstage') && keys.includes('engagedate')) return 'sales-pipeline';
    if (header.some(name => /^\s*deal\s+-\s+/i.test(name))) return 'pipedrive';
    if (keys.includes('recordid') || keys.includes('hsobjectid') || keys.some(k => k.startsWith('dateentered'))
        || keys.includes('dealid') && keys.includes('dealstage')) return 'hubspot';
    return 'generic';
}
