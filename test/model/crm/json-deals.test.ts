/** Deals as JSON: an array, `{ "deals": [...] }` or JSON Lines; errors name the JSON path and line. */
import { describe, expect, it } from 'vitest';
import { collect, eventLines, playbook, streamOf } from './crm-test-helpers.js';

const good = { name: 'J1', playbook: 'Sales', amount: 1200, events: [
    { date: '2026-01-02', kind: 'enter', stage: 'Prospecting' },
    { date: '2026-01-03', kind: 'done', tasks: ['call'] },
    { date: '2026-01-04', kind: 'set', field: 'Budget', value: 5000 },
    { date: '2026-01-05', kind: 'enter', stage: 'Qualify' },
    { date: '2026-01-09', kind: 'terminate', outcome: 'Lost', reason: 'competitor' }
] };
const bad = { name: 'J2', events: [
    { date: '2026-01-02', kind: 'enter', stage: 'Nowhere' },
    { date: '2026-02-30', kind: 'won' },
    { date: '2026-01-04', kind: 'jump' }
] };

describe('JSON input', () => {
    it('reads an array of deals in the model\'s shape, in the playbook\'s terms', async () => {
        const { deals, errors } = await collect(streamOf(JSON.stringify([good], null, 2)));
        expect(errors).toEqual([]);
        expect(deals[0].amount).toBe(1200);
        expect(deals[0].source.line).toBe(2);
        expect(eventLines(deals[0])).toEqual([
            '2026-01-02 enter Lead', '2026-01-03 done Call', '2026-01-04 set budget=5000', '2026-01-05 enter Qualify', '2026-01-09 terminate Lost "Competitor"'
        ]);
    });

    it('reports every problem of a bad deal by JSON path and the deal\'s line, and keeps the good ones', async () => {
        const text = JSON.stringify({ $schema: 'x', deals: [good, bad, good] }, null, 2);
        const { deals, errors } = await collect(streamOf(text), { file: 'deals.json' });
        expect(deals.map(d => d.deal.name)).toEqual(['J1', 'J1']);
        const badLine = text.split('\n').findIndex(line => line.includes('"J2"')); // the line after the deal's `{`
        expect(errors.map(e => [e.path, e.line])).toEqual([
            ['deals[1].events[0].stage', badLine],
            ['deals[1].events[1].date', badLine],
            ['deals[1].events[2].kind', badLine]
        ]);
        expect(errors[0]).toMatchObject({ file: 'deals.json' });
        expect(errors[0].message).toMatch(/^deals\[1\]\.events\[0\]\.stage: "Nowhere" is not a stage of playbook Sales/);
        expect(errors[2].message).toMatch(/"jump" is not an event kind/);
    });

    it('reads activities by the kind\'s name or title, any case or accents, with their notes; an unknown kind is an error naming the declared ones', async () => {
        const withActivities = { ...playbook, activities: [{ name: 'visit', title: 'Visita al cliente' }, { name: 'call' }] };
        const deal = { name: 'A1', events: [
            { date: '2026-01-02', kind: 'enter', stage: 'Lead' },
            { date: '2026-01-03', kind: 'activity', activity: 'VISITA AL CLIENTE', note: 'Met the buyer' },
            { date: '2026-01-04', kind: 'activity', activity: 'Call' },
            { date: '2026-01-05', kind: 'activity', activity: 'fax' }
        ] };
        const { deals, errors } = await collect(streamOf(JSON.stringify([deal, { ...deal, name: 'A2', events: deal.events.slice(0, 3) }])), { format: 'json' }, withActivities);
        expect(deals.map(d => eventLines(d))).toEqual([['2026-01-02 enter Lead', '2026-01-03 visit "Met the buyer"', '2026-01-04 call']]);
        expect(errors.map(e => [e.path, e.message.replace(/^\S+: /, '')])).toEqual([
            ['[0].events[3].activity', '"fax" is not an activity of playbook Sales (declared: visit, call)']
        ]);
    });

    it('checks the shape: not an object, no events, a deal of another playbook, a bad amount', async () => {
        const text = JSON.stringify([42, { name: 'X' }, { name: 'Y', playbook: 'Other', events: [] }, { name: 'Z', amount: 'lots', events: [] }]);
        const { deals, errors } = await collect(streamOf(text), { format: 'json' });
        expect(deals).toEqual([]);
        expect(errors.map(e => e.path)).toEqual(['[0]', '[1].events', '[2].playbook', '[3].amount']);
    });

    it('reports broken JSON with its line and column, as fatal', async () => {
        const { deals, errors } = await collect(streamOf('[\n  {"name": "A", "events": []},\n  {"name": }\n]'));
        expect(deals).toEqual([]);
        expect(errors).toHaveLength(1);
        // Line 3 is `  {"name": }`: the value is missing where the `}` stands.
        expect(errors[0]).toMatchObject({ line: 3, column: 12, fatal: true });
        expect(errors[0].message).toMatch(/^not valid JSON: Unexpected token/);
        const trailing = await collect(streamOf('{"deals": [\n  {"name": "A", "events": []},\n]}'));
        expect(trailing.errors[0]).toMatchObject({ line: 3, column: 1, fatal: true });
    });

    it('streams JSON Lines, one deal per line, with a broken line reported and the others read', async () => {
        const text = `${JSON.stringify(good)}\n\n{"name": "broken",\n${JSON.stringify({ ...good, name: 'J3' })}\n`;
        const { deals, errors } = await collect(streamOf(text));
        expect(deals.map(d => [d.deal.name, d.source.line])).toEqual([['J1', 1], ['J3', 4]]);
        expect(errors).toEqual([expect.objectContaining({ line: 3, path: '[1]', message: expect.stringMatching(/^not valid JSON/) })]);
    });

    it('tells JSON from CSV by the file name', async () => {
        const { errors } = await collect('/tmp/does-not-matter.json');
        expect(errors[0]).toMatchObject({ fatal: true });
    });
});

describe('JSON stage-history rows', () => {
    const rows = [
        { deal: 'R1', stage: 'Prospecting', date: '2026-01-02', amount: 1000, tasks: ['call'], budget: null },
        { deal: 'R2', stage: 'Prospecting', date: '2026-01-03' },
        { deal: 'R1', stage: 'Qualify', date: '2026-01-05', amount: 1200, budget: 5000 },
        { deal: 'R1', stage: 'Closed Lost', date: '2026-01-09', reason: 'competitor' }
    ];

    it('an array of {deal, stage, date} records: read as CSV rows are, grouped by deal, keys as columns', async () => {
        const { deals, errors } = await collect(streamOf(JSON.stringify(rows, null, 2)));
        expect(errors).toEqual([]);
        expect(deals.map(d => [d.deal.name, d.source.line, d.rows, d.amount])).toEqual([['R1', 2, 3, 1200], ['R2', 12, 1, undefined]]);
        expect(eventLines(deals[0])).toEqual([
            '2026-01-02 done Call', '2026-01-02 enter Lead', '2026-01-05 set budget=5000', '2026-01-05 enter Qualify', '2026-01-09 terminate Lost "Competitor"'
        ]);
    });

    it('JSON Lines of them, and { "records": [...] } as Salesforce\'s REST API answers, nested objects as dotted keys', async () => {
        const lines = await collect(streamOf(rows.map(r => JSON.stringify({ amount: null, tasks: null, budget: null, reason: null, ...r })).join('\n')));
        expect(lines.errors).toEqual([]);
        expect(lines.deals.map(d => [d.deal.name, d.source.line, eventLines(d).length])).toEqual([['R1', 1, 5], ['R2', 2, 1]]);
        const rest = { totalSize: 1, done: true, records: [{ attributes: { type: 'OpportunityHistory' }, OpportunityId: '006A', StageName: 'Prospecting', CreatedDate: '2026-01-02T09:00:00.000+0000' }] };
        const read = await collect(streamOf(JSON.stringify(rest)));
        expect([read.errors, read.deals.map(d => eventLines(d))]).toEqual([[], [['2026-01-02 enter Lead']]]);
        const hubspot = [{ id: '77', properties: { dealstage: 'Qualified To Buy', hs_lastmodifieddate: '2026-01-02' } }];
        const nested = await collect(streamOf(JSON.stringify(hubspot)), { stageColumn: 'properties.dealstage', dateColumn: 'properties.hs_lastmodifieddate' });
        expect([nested.errors, nested.deals.map(d => eventLines(d))]).toEqual([[], [['2026-01-02 enter Qualify']]]);
    });

    it('a key that first appears after the first JSON Lines row is told once, not dropped silently', async () => {
        const { deals, errors } = await collect(streamOf(rows.map(r => JSON.stringify(r)).join('\n')), {});
        expect(errors.map(e => [e.line, e.code, e.subject, e.rows])).toEqual([[4, 'json-shape', 'reason', 0]]);
        expect(errors[0].message).toBe('[3]: "reason" is not a key of the first row; JSON Lines rows are read with the first row\'s keys, so its values are not read');
        // The rows are still read, with the first row's keys.
        expect(deals.map(d => d.deal.name)).toEqual(['R1', 'R2']);
    });

    it('a value that is no cell, and a deal among rows, are told with their path; errors name the key, not a column number', async () => {
        const text = JSON.stringify([...rows.slice(0, 2), { deal: 'R3', stage: 'Nowhere', date: '2026-01-04', owners: [{ id: 1 }] }, { name: 'J9', events: [] }]);
        const { errors } = await collect(streamOf(text));
        expect(errors.map(e => [e.code, e.subject, e.column, e.message])).toEqual([
            ['json-shape', 'owners', undefined, '[2].owners: an array is not a cell value; "owners" is read as blank in every row'],
            ['json-shape', undefined, undefined, '[3]: a row is an object of column names and values, not a deal with events (write rows or deals, not both)'],
            ['unknown-stage', 'Nowhere', undefined, expect.stringMatching(/^stage: "Nowhere" is not a stage of playbook Sales/)]
        ]);
    });
});
