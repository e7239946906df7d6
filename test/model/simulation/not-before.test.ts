/**
 * `not before <stage>` on a task or a field: a deal that does the task (sets the field) while
 * in an earlier stage gets a `done-too-early` finding on that event, once per task or field;
 * a CRM export's row is judged at the stage the deal is in at the end of its date.
 */
import { describe, expect, it } from 'vitest';
import { compilePlaybook, simulateDeal, type DealModel, type PlaybookModel } from '@playbook/model';
import { collect, streamOf } from '../crm/crm-test-helpers.js';

const playbook: PlaybookModel = {
    name: 'Jewellery',
    forbidRegressions: false,
    fields: [{ name: 'quotedPrice', type: 'money', notBefore: 'Consultation' }, { name: 'budget', type: 'money' }],
    stages: [
        { name: 'Browsing', optional: false, aliases: [], tasks: [{ name: 'Greet', required: false }], gates: [] },
        { name: 'Consultation', optional: false, aliases: [], tasks: [{ name: 'TalkPrice', required: false, notBefore: 'Consultation' }], gates: [] },
        { name: 'Purchase', optional: false, aliases: [], tasks: [], gates: [] }
    ],
    terminations: []
};

const replay = (events: DealModel['events']) => simulateDeal(compilePlaybook(playbook), { name: 'D', playbook: 'Jewellery', events });

describe('not before', () => {
    it('finds a task done and a field set in an earlier stage, on their events, once each', () => {
        const result = replay([
            { date: '2026-05-01', kind: 'enter', stage: 'Browsing' },
            { date: '2026-05-01', kind: 'done', tasks: ['TalkPrice'] },
            { date: '2026-05-01', kind: 'set', field: 'quotedPrice', value: 4800 },
            { date: '2026-05-01', kind: 'set', field: 'quotedPrice', value: 4700 },
            { date: '2026-05-01', kind: 'set', field: 'budget', value: 5000 },
            { date: '2026-05-02', kind: 'enter', stage: 'Consultation' },
            { date: '2026-05-02', kind: 'done', tasks: ['TalkPrice'] }
        ]);
        expect(result.violations.map(v => [v.code, v.severity, v.eventIndex, v.date, v.message])).toEqual([
            ['done-too-early', 'error', 1, '2026-05-01', 'Task TalkPrice is done in Browsing, but the playbook says not before Consultation.'],
            ['done-too-early', 'error', 2, '2026-05-01', 'Field quotedPrice is set in Browsing, but the playbook says not before Consultation.']
        ]);
    });

    it('lets a deal do it in that stage or a later one', () => {
        expect(replay([
            { date: '2026-05-01', kind: 'enter', stage: 'Browsing' },
            { date: '2026-05-02', kind: 'enter', stage: 'Consultation' },
            { date: '2026-05-02', kind: 'done', tasks: ['TalkPrice'] },
            { date: '2026-05-03', kind: 'enter', stage: 'Purchase' },
            { date: '2026-05-03', kind: 'set', field: 'quotedPrice', value: 4800 }
        ]).violations).toEqual([]);
    });

    it('judges a CRM row at the stage its date ends in: the row that enters the stage shows the value set there', async () => {
        const csv = 'deal,stage,date,tasks,quotedPrice\n'
            + 'OnTime,Browsing,2026-05-01,,\nOnTime,Consultation,2026-05-02,TalkPrice,4800\n'
            + 'Early,Browsing,2026-05-01,TalkPrice,4800\nEarly,Consultation,2026-05-02,,4800\n';
        const { deals, errors } = await collect(streamOf(csv), {}, playbook);
        expect(errors).toEqual([]);
        const found = deals.map(d => [d.deal.name, simulateDeal(compilePlaybook(playbook), d.deal, { start: 'first-record', evidence: d.evidence })
            .violations.map(v => `${v.date} ${v.code}: ${v.message}`)]);
        expect(found).toEqual([
            ['OnTime', []],
            ['Early', [
                '2026-05-01 done-too-early: Field quotedPrice is set in Browsing, but the playbook says not before Consultation.',
                '2026-05-01 done-too-early: Task TalkPrice is done in Browsing, but the playbook says not before Consultation.'
            ]]
        ]);
    });
});
