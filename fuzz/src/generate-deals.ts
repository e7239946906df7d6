/**
 * CRM exports of deals that follow a playbook, as `playbook simulate --deals` reads them: a
 * stage history CSV (one row per stage change), a one-row-per-deal CSV, or JSON. Some cells
 * are made bad on purpose (a date that is no date, an unknown stage, an amount in words, a
 * field value of the wrong type); the reader must report each such row by its line.
 */
import type { FieldModel, PlaybookModel } from '@playbook/model';
import type { Random } from './random.js';
// The reader's own comparison of headers (internal to the model package, so imported by path).
import { headerKey } from '../../packages/model/src/crm/normalize-name.js';

export interface GeneratedDeals {
    fileName: string;
    text: string;
    /** 1-based lines of the rows (or deals) holding a bad cell: each must get an error on that line. */
    badLines: number[];
}

/** Headers the reader recognises: a field of that name would be read as something else. */
const RECOGNISED = /^(id|deal|dealid|opportunity|opportunityid|recordid|stage|stagename|dealstage|currentstage|date|changedate|createddate|created|createdate|closedate|amount|value|dealvalue|closevalue|task|tasks|done|outcome|event|status|dealstatus|reason|lostreason|title|name|dealname|wondate|lostdate|timestamp)$/;

const BAD_DATES = ['soon', '2026-02-30', '13/45/2026', '31.02.2026', 'Q3', '2026-13-01', '—'];
const BAD_AMOUNTS = ['twelve', 'n/a', '1.2.3,4,5', '$$', '12abc'];

export function generateDeals(random: Random, playbook: PlaybookModel): GeneratedDeals {
    return random.weighted<() => GeneratedDeals>([
        [() => historyCsv(random, playbook), 5],
        [() => snapshotCsv(random, playbook), 4],
        [() => jsonDeals(random, playbook), 2]
    ])();
}

interface Row {
    cells: string[];
    bad: boolean;
}

function historyCsv(random: Random, playbook: PlaybookModel): GeneratedDeals {
    const fields = csvFields(random, playbook);
    const tasks = playbook.stages.flatMap(s => s.tasks.map(t => t.name));
    const header = ['deal', 'stage', 'date', 'amount', ...(tasks.length > 0 ? ['tasks'] : []), ...fields.map(f => f.name), ...(random.chance(0.3) ? ['notes'] : [])];
    const rows: Row[] = [];
    const dealCount = random.int(1, 6);
    for (let d = 0; d < dealCount; d++) {
        const id = `D${d + 1}`;
        let day = random.int(0, 20_000);
        const rowCount = random.int(1, 4);
        // Now and then a deal first seen mid-pipeline (a late start), and one that ends in a row
        // naming its end as the CRM does (`won alias`, `terminate X alias`).
        const first = random.chance(0.2) ? random.int(0, playbook.stages.length - 1) : 0;
        const end = random.chance(0.2) ? endName(random, playbook) : undefined;
        for (let r = 0; r < rowCount; r++) {
            day += random.int(0, 10);
            const stage = playbook.stages[Math.min(first + r, playbook.stages.length - 1)];
            const cells: Record<string, string> = {
                deal: id,
                stage: end !== undefined && r === rowCount - 1 ? end : stageName(random, stage.name, stage.aliases, stage.title),
                date: crmDate(random, day),
                amount: random.chance(0.5) ? random.pick(['1000', '1,250.50', '$500', '(200)', '']) : '',
                tasks: random.chance(0.3) && tasks.length > 0 ? random.subset(tasks, 0.3).join(';') : '',
                notes: random.pick(['', 'first call, went well', 'multi\nline note', 'say "hi"'])
            };
            for (const field of fields) cells[field.name] = random.chance(0.5) ? goodValue(random, field, day) : '';
            const bad = random.chance(0.15) ? spoil(random, cells, ['date', 'stage', ...amountColumn(playbook, fields, 'amount'), ...fields.filter(f => f.type !== 'text').map(f => f.name)], fields) : false;
            rows.push({ cells: header.map(h => cells[h] ?? ''), bad });
        }
    }
    return csv(random, 'deals.csv', header, rows);
}

/** One row per deal: its current stage, when it was created, its close date and amount (as sales_pipeline.csv). */
function snapshotCsv(random: Random, playbook: PlaybookModel): GeneratedDeals {
    const fields = csvFields(random, playbook);
    const header = ['opportunity_id', 'deal_stage', 'created', 'close_date', 'close_value', ...fields.map(f => f.name)];
    const rows: Row[] = [];
    const dealCount = random.int(1, 8);
    for (let d = 0; d < dealCount; d++) {
        let day = random.int(0, 20_000);
        const state = random.pick(['open', 'won', 'lost']);
        const first = playbook.stages[0];
        const cells: Record<string, string> = {
            opportunity_id: `OPP-${d + 1}`,
            // An open deal stays in the first stage (the only one a snapshot can place without a date for it).
            deal_stage: state === 'open' ? stageName(random, first.name, first.aliases, first.title)
                : state === 'won' ? random.pick(['Won', 'Closed Won', ...(playbook.wonAliases ?? [])])
                    : random.pick(['Lost', 'Closed Lost', ...(playbook.outcomeAliases ?? []).flatMap(o => o.aliases)]),
            created: crmDate(random, day),
            close_date: state === 'open' ? '' : crmDate(random, day += random.int(0, 100)),
            close_value: random.pick(['', '1054', '4,200', '$99.50'])
        };
        for (const field of fields) cells[field.name] = random.chance(0.5) ? goodValue(random, field, day) : '';
        const spoilable = ['created', 'close_date', 'deal_stage', ...amountColumn(playbook, fields, 'close_value'), ...fields.filter(f => f.type !== 'text').map(f => f.name)];
        const bad = random.chance(0.25) ? spoil(random, cells, spoilable, fields) : false;
        rows.push({ cells: header.map(h => cells[h] ?? ''), bad });
    }
    return csv(random, 'pipeline.csv', header, rows);
}

function jsonDeals(random: Random, playbook: PlaybookModel): GeneratedDeals {
    const deals: unknown[] = [];
    const bad: boolean[] = [];
    const dealCount = random.int(1, 5);
    for (let d = 0; d < dealCount; d++) {
        let day = random.int(0, 20_000);
        const events: Array<Record<string, unknown>> = [{ date: isoDate(day), kind: 'enter', stage: playbook.stages[0].name }];
        if (playbook.stages.length > 1 && random.chance(0.5)) events.push({ date: isoDate(day += random.int(0, 20)), kind: 'enter', stage: playbook.stages[1].name });
        let spoiled = false;
        if (random.chance(0.2)) {
            const event = random.pick(events);
            if (random.chance(0.5)) event.date = random.pick(BAD_DATES);
            else event.stage = 'Nowhere Stage 42';
            spoiled = true;
        }
        deals.push({ name: `Deal ${d + 1}`, amount: random.pick([1000, 250.5, undefined]), events });
        bad.push(spoiled);
    }
    const text = random.chance(0.5) ? `${JSON.stringify({ deals }, undefined, 2)}\n` : `${deals.map(d => JSON.stringify(d)).join('\n')}\n`;
    // The line each deal starts on: the reader reports a deal's problems there.
    const starts = dealStartLines(text, deals.length);
    return { fileName: text.startsWith('{\n') ? 'deals.json' : 'deals.jsonl', text, badLines: starts.filter((_, i) => bad[i]) };
}

function dealStartLines(text: string, count: number): number[] {
    const lines = text.split('\n');
    const starts: number[] = [];
    lines.forEach((line, i) => {
        if (/^\s*\{\s*$/.test(line) && i > 0 && starts.length < count && /^ {4}\{/.test(line)) starts.push(i + 1);
        else if (/^\{"name"/.test(line)) starts.push(i + 1);
    });
    return starts;
}

/** Makes one cell bad; `false` when the row has none that can be. */
function spoil(random: Random, cells: Record<string, string>, columns: readonly string[], fields: readonly FieldModel[]): boolean {
    const column = random.pick(columns);
    const field = fields.find(f => f.name === column);
    if (field) {
        cells[column] = field.type === 'date' ? random.pick(BAD_DATES) : field.type === 'bool' ? random.pick(['maybe', 'perhaps']) : field.type === 'enum' ? 'Nowhere Value 42' : random.pick(BAD_AMOUNTS);
    } else if (/date/.test(column)) {
        cells[column] = random.pick(BAD_DATES);
    } else if (/stage/.test(column)) {
        cells[column] = 'Nowhere Stage 42';
    } else {
        cells[column] = random.pick(BAD_AMOUNTS);
    }
    return true;
}

function csv(random: Random, fileName: string, header: readonly string[], rows: readonly Row[]): GeneratedDeals {
    const delimiter = random.weighted([[',', 6], [';', 2], ['\t', 1]]);
    const lineBreak = random.pick(['\n', '\r\n']);
    const cell = (value: string): string => (/[",;\t\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value);
    const lines = [header.map(cell).join(delimiter)];
    const badLines: number[] = [];
    let line = 2;
    for (const row of rows) {
        const text = row.cells.map(cell).join(delimiter);
        if (row.bad) badLines.push(line);
        lines.push(text);
        line += 1 + (text.match(/\r\n|\n|\r/g)?.length ?? 0);
    }
    return { fileName, text: `${random.chance(0.1) ? '\ufeff' : ''}${lines.join(lineBreak)}${lineBreak}`, badLines };
}

/**
 * The amount column, when the reader reads it: with `forecast <field>` and a column named as
 * that field, that column is the deal's amount and the usual amount column is not read. Named
 * as the reader compares headers: `Δγ` is a column of the field `δγ`.
 */
function amountColumn(playbook: PlaybookModel, fields: readonly FieldModel[], header: string): string[] {
    const forecast = playbook.forecastField === undefined ? undefined : headerKey(playbook.forecastField);
    return fields.some(f => headerKey(f.name) === forecast) ? [] : [header];
}

function csvFields(random: Random, playbook: PlaybookModel): FieldModel[] {
    const usable = playbook.fields.filter(f => !RECOGNISED.test(f.name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')));
    return random.subset(usable, 0.6);
}

function goodValue(random: Random, field: FieldModel, day: number): string {
    switch (field.type) {
        case 'money': case 'number': return random.pick(['0', '12', '1,000', '2.5']);
        case 'days': return random.pick(['3', '10 days', '1 day']);
        case 'bool': return random.pick(['yes', 'no', 'true', 'FALSE', '1', '0']);
        case 'date': return crmDate(random, day);
        case 'enum': return random.pick(field.values ?? ['x']);
        case 'text': return random.pick(['', 'a note', 'Ärger', 'comma, inside']);
    }
}

function stageName(random: Random, name: string, aliases: readonly string[], title: string | undefined): string {
    return random.weighted<() => string>([
        [() => name, 4],
        [() => name.toUpperCase(), 1],
        [() => (aliases.length > 0 ? random.pick(aliases) : name), 1],
        [() => title ?? name, 1]
    ])();
}

/** What a CRM calls the end of a deal: a name the playbook declares for it, or the usual ones. */
function endName(random: Random, playbook: PlaybookModel): string {
    const declared = [...(playbook.wonAliases ?? []), ...(playbook.outcomeAliases ?? []).flatMap(o => o.aliases)];
    return random.pick(declared.length > 0 && random.chance(0.7) ? declared : ['Closed Won', 'Won', 'Closed Lost', 'Lost']);
}

function crmDate(random: Random, day: number): string {
    const iso = isoDate(day);
    const [y, m, d] = iso.split('-');
    return random.weighted<() => string>([
        [() => iso, 5],
        [() => `${m}/${d}/${y}`, 2],
        [() => `${d}.${m}.${y}`, 1],
        [() => `${iso}T10:00:00Z`, 1],
        [() => `${y}/${m}/${d}`, 1]
    ])();
}

function isoDate(dayNumber: number): string {
    return new Date(Date.UTC(1970, 0, 1) + dayNumber * 86_400_000).toISOString().slice(0, 10);
}
