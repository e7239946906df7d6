/** An editor's `playbook.simulation` settings become the same reader options as the CLI's flags, and a wrong one is named. */
import { describe, expect, it } from 'vitest';
import { readerOptionsOfSettings, type ReaderSettings } from '@playbook/model';

const PREFIX = 'playbook.simulation';

describe('readerOptionsOfSettings', () => {
    it.each<[string, ReaderSettings, unknown]>([
        ['nothing set', {}, {}],
        ['empty values, as a settings editor leaves them', { columns: { id: '', stage: null }, dateOrder: '', encoding: '', delimiter: '' }, {}],
        ['columns by their short names', { columns: { id: 'Ref', closeDate: 'Cierre' } }, { idColumn: 'Ref', closeDateColumn: 'Cierre' }],
        ['the date order, a named encoding and a named separator', { dateOrder: 'dmy', encoding: 'Latin1', delimiter: 'tab' }, { dateOrder: 'dmy', encoding: 'windows-1252', delimiter: '\t' }],
        ['a space as separator', { delimiter: ' ' }, { delimiter: ' ' }]
    ])('%s', (_name, settings, expected) => {
        expect(readerOptionsOfSettings(settings, PREFIX)).toEqual({ options: expected });
    });

    it.each<[string, ReaderSettings, string]>([
        ['columns not an object', { columns: 'Ref' }, 'playbook.simulation.columns must be an object naming columns, such as { "id": "Opportunity ID" }'],
        ['an unknown column', { columns: { opportunity: 'Ref' } }, "playbook.simulation.columns has no setting 'opportunity': it names id, stage, date, amount, task, outcome, reason, title, created, closeDate"],
        ['a column that is not text', { columns: { id: 3 } }, 'playbook.simulation.columns.id must be a column name'],
        ['a date order', { dateOrder: 'ymd' }, "playbook.simulation.dateOrder must be mdy or dmy, not 'ymd'"],
        ['an encoding', { encoding: 'utf-16' }, "playbook.simulation.encoding must be auto, utf-8 or windows-1252 (latin1), not 'utf-16'"],
        ['a separator', { delimiter: '||' }, "playbook.simulation.delimiter must be one character (or tab), not '||'"]
    ])('refuses %s', (_name, settings, problem) => {
        expect(readerOptionsOfSettings(settings, PREFIX)).toEqual({ problem });
    });
});
