/**
 * Task names and field values from CRM cells, read in the playbook's own terms: task names
 * match by name or title (case- and accent-insensitive), field values by the field's type.
 * A name written exactly as declared means that declaration: fields `A` and `À` (two names)
 * are two columns, though a CRM user's spelling of either would compare equal.
 */
import type { FieldModel, PlaybookModel, ValueModel } from '../model/playbook-model.js';
import { parseAmount } from './crm-numbers.js';
import { parseCrmDate } from './crm-dates.js';
import { normalizeName } from './normalize-name.js';
import type { DateOrder } from './types.js';

export class PlaybookVocabulary {
    private readonly tasks = new Map<string, string>();
    private readonly fields = new Map<string, FieldModel>();
    private readonly exactTasks = new Set<string>();
    private readonly exactFields = new Map<string, FieldModel>();
    /** Activity kinds by name and by title, as tasks. */
    private readonly activities = new Map<string, string>();

    constructor(playbook: PlaybookModel, private readonly dateOrder: DateOrder) {
        for (const stage of playbook.stages) {
            for (const task of stage.tasks) {
                this.exactTasks.add(task.name);
                if (!this.tasks.has(normalizeName(task.name))) this.tasks.set(normalizeName(task.name), task.name);
            }
        }
        for (const stage of playbook.stages) {
            for (const task of stage.tasks) {
                if (task.title && !this.tasks.has(normalizeName(task.title))) this.tasks.set(normalizeName(task.title), task.name);
            }
        }
        for (const activity of playbook.activities ?? []) {
            if (!this.activities.has(normalizeName(activity.name))) this.activities.set(normalizeName(activity.name), activity.name);
        }
        for (const activity of playbook.activities ?? []) {
            if (activity.title && !this.activities.has(normalizeName(activity.title))) this.activities.set(normalizeName(activity.title), activity.name);
        }
        for (const field of playbook.fields) {
            if (!this.exactFields.has(field.name)) this.exactFields.set(field.name, field);
            if (!this.fields.has(normalizeName(field.name))) this.fields.set(normalizeName(field.name), field);
        }
    }

    task(name: string): string | undefined {
        const trimmed = name.trim();
        return this.exactTasks.has(trimmed) ? trimmed : this.tasks.get(normalizeName(name));
    }

    /** The activity kind a CRM calls `name` (its name or title, any case or accents). */
    activity(name: string): string | undefined {
        return this.activities.get(normalizeName(name));
    }

    field(name: string): FieldModel | undefined {
        return this.exactFields.get(name.trim()) ?? this.fields.get(normalizeName(name));
    }

    /** The cell's value for the field, or a sentence saying why it is not one. */
    value(field: FieldModel, text: string): { value: ValueModel } | { problem: string } {
        const cell = text.trim();
        switch (field.type) {
            case 'money': case 'number': case 'days': {
                const value = parseAmount(cell.replace(/\s*(days?|%)$/i, ''));
                return value === undefined ? { problem: `"${cell}" is not a number` } : { value };
            }
            case 'bool': {
                const key = cell.toLowerCase();
                if (['true', 'yes', 'y', '1', 'x', 'wahr', 'ja', 'oui', 'sí', 'si'].includes(key)) return { value: true };
                if (['false', 'no', 'n', '0', 'falsch', 'nein', 'non'].includes(key)) return { value: false };
                return { problem: `"${cell}" is not true or false` };
            }
            case 'date': {
                const date = parseCrmDate(cell, this.dateOrder);
                return date ? { value: date.iso } : { problem: `"${cell}" is not a date` };
            }
            case 'enum': {
                const value = field.values?.find(v => normalizeName(v) === normalizeName(cell));
                return value !== undefined ? { value } : { problem: `"${cell}" is not one of ${(field.values ?? []).join(', ')}` };
            }
            default:
                return { value: cell };
        }
    }
}
