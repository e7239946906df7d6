/**
 * Reading the cells of one CSV row in the playbook's terms; every problem is recorded on the
 * deal with the row's line and the cell's column, and the reader moves on.
 */
import type { EventModel } from '../model/playbook-model.js';
import { parseCrmDate, type CrmDate } from './crm-dates.js';
import { parseAmount } from './crm-numbers.js';
import type { Column, CsvLayout } from './csv-layout.js';
import type { DealContext, DealRows } from './deal-rows.js';
import type { StageMeaning } from './stage-mapper.js';

/** The events of a row that sets and does nothing: shared, never written to. */
export const NO_EVENTS: EventModel[] = Object.freeze([]) as unknown as EventModel[];

export function cell(cells: readonly string[], column: Column | undefined): string {
    return column ? (cells[column.index] ?? '').trim() : '';
}

export function readDate(deal: DealRows, cells: readonly string[], line: number, column: Column | undefined, context: DealContext): CrmDate | undefined {
    const text = cell(cells, column);
    if (text === '') return undefined;
    const date = parseCrmDate(text, context.dateOrder);
    if (!date) {
        const other = context.dateOrder === 'mdy' ? 'dmy' : 'mdy';
        const fix = parseCrmDate(text, other)
            ? `it reads as a date ${other === 'dmy' ? 'day first' : 'month first'}: pass --date-order ${other}`
            : 'write 2026-01-31, 01/31/2026, 31.01.2026 or 2026-01-31T10:00:00Z';
        deal.error(line, column, `"${text}" is not a date (${context.dateOrder === 'dmy' ? 'slashes are read day first; ' : ''}${fix})`, { code: 'bad-date', fix });
    }
    return date;
}

export function readStage(deal: DealRows, cells: readonly string[], line: number, column: Column | undefined, context: DealContext): StageMeaning | undefined {
    const text = cell(cells, column);
    if (text === '') return undefined;
    return meaningOf(deal, text, line, column, context);
}

export function meaningOf(deal: DealRows, text: string, line: number, column: Column | undefined, context: DealContext): StageMeaning | undefined {
    const meaning = context.mapper.read(text);
    if (!meaning) {
        deal.error(line, column, `"${text}" is not a stage of playbook ${context.playbook.name} (known: ${context.mapper.describeKnown()})`,
            { code: 'unknown-stage', subject: text, fix: unknownStageFix(text, context.mapper.lossOutcome) });
    }
    return meaning;
}

/** Where to declare an unknown CRM name: on the stage it means, or on the end of a deal it means. */
function unknownStageFix(text: string, lossOutcome: string): string {
    const name = `"${text.replace(/["\\]/g, '\\$&')}"`;
    return `add \`alias ${name}\` to the stage it means (or, for an end of a deal, \`won alias ${name}\` or \`terminate ${lossOutcome} alias ${name}\`)`;
}

/** `set` events for the row's field columns, then a `done` event for its task column (`NO_EVENTS` when none). */
export function readFieldsAndTasks(deal: DealRows, cells: readonly string[], line: number, date: string, layout: CsvLayout, context: DealContext): EventModel[] {
    if (layout.fields.length === 0 && !layout.task) return NO_EVENTS;
    const events: EventModel[] = [];
    for (const { column, field } of layout.fields) {
        const text = cell(cells, column);
        if (text === '') continue;
        const value = context.vocabulary.value(field, text);
        if ('problem' in value) deal.error(line, column, `${value.problem} (field ${field.name} is ${field.type})`, { code: 'bad-value', subject: field.name });
        else events.push({ date, kind: 'set', field: field.name, value: value.value });
    }
    const taskText = cell(cells, layout.task);
    if (taskText !== '') {
        const tasks: string[] = [];
        for (const name of taskText.split(/[;|]/).map(t => t.trim()).filter(t => t !== '')) {
            const task = context.vocabulary.task(name);
            if (task === undefined) deal.error(line, layout.task, `"${name}" is not a task of playbook ${context.playbook.name}`, { code: 'unknown-task', subject: name, fix: `name a task of the playbook, or declare task ${name}` });
            else tasks.push(task);
        }
        if (tasks.length > 0) events.push({ date, kind: 'done', tasks });
    }
    return events;
}

/**
 * The row's amount (the deal's value, the latest wins) and title. When the amount column fills
 * a field (`CsvLayout.amountField`), its `set` event, dated `date`, follows `events`: the
 * events of the row are returned.
 */
export function readAmountAndTitle(deal: DealRows, cells: readonly string[], line: number, key: number, layout: CsvLayout, events: EventModel[], date: string | undefined): EventModel[] {
    const amountText = cell(cells, layout.amount);
    if (amountText !== '') {
        const amount = parseAmount(amountText);
        if (amount === undefined) {
            deal.error(line, layout.amount, `"${amountText}" is not an amount`, { code: 'bad-amount', fix: 'write a number such as 1200, 1,200.50 or 1.200,50' });
        } else {
            deal.setAmount(amount, key);
            if (layout.amountField && date !== undefined) {
                events = events === NO_EVENTS ? [] : events;
                events.push({ date, kind: 'set', field: layout.amountField.name, value: amount });
            }
        }
    }
    const title = cell(cells, layout.title);
    if (title !== '') deal.title = title;
    return events;
}
