/**
 * Stage-history CSV: quoted commas and newlines, CRLF, blank cells, task and field columns,
 * outcomes, and bad rows reported by line and column while the other deals come through.
 */
import { describe, expect, it } from 'vitest';
import { compilePlaybook, simulateDeal } from '@playbook/model';
import { collect, eventLines, fixture, playbook, streamOf } from './crm-test-helpers.js';

describe('a plain deal,stage,date file with everything that goes wrong in real exports', async () => {
    const { deals, errors } = await collect(fixture('generic-history.csv'));

    it('reads the good deals, with fields and tasks before the stage change of their row', () => {
        expect(deals.map(d => d.deal.name)).toEqual(['D1', 'D5']);
        expect(eventLines(deals[0])).toEqual([
            '2026-01-02 set budget=1000',
            '2026-01-02 set priority=High',
            '2026-01-02 done Call',
            '2026-01-02 enter Lead',
            '2026-01-05 enter Qualify',
            '2026-01-09 enter Negotiation',
            '2026-01-20 won'
        ]);
        expect(deals[0].deal.playbook).toBe('Sales');
        expect(deals[0].source).toEqual({ file: fixture('generic-history.csv'), line: 2 });
    });

    it('turns a termination outcome of the playbook written as a stage into that termination', () => {
        expect(eventLines(deals[1])).toEqual(['2026-01-02 enter Lead', '2026-01-06 terminate Disqualified']);
        const result = simulateDeal(compilePlaybook(playbook), deals[1].deal);
        // The export gives no reason: none is made up from the rule.
        expect(result.outcome).toMatchObject({ kind: 'terminated', outcome: 'Disqualified' });
        expect(result.outcome).not.toHaveProperty('reason');
    });

    it('names the line (counting the quoted line break) and the column of each bad cell, and skips that deal', () => {
        // A bad row is reported as it is read; a deal's bad cells when the deal is handed on.
        expect(errors.map(e => [e.line, e.column, e.deal])).toEqual([
            [13, 1, undefined],
            [8, 2, 'D2'],
            [10, 3, 'D3'],
            [11, 6, 'D4']
        ]);
        expect(errors.map(e => e.code)).toEqual(['blank-id', 'unknown-stage', 'bad-date', 'bad-value']);
        const byDeal = Object.fromEntries(errors.map(e => [e.deal ?? '-', e.message]));
        expect(byDeal.D2).toMatch(/^stage: "Nowhere" is not a stage of playbook Sales/);
        expect(byDeal.D3).toMatch(/^date: "2026-13-01" is not a date/);
        expect(byDeal.D4).toMatch(/^priority: "Medium" is not one of Low, High/);
        expect(byDeal['-']).toMatch(/deal id is blank/);
        expect(errors.every(e => e.file === fixture('generic-history.csv'))).toBe(true);
    });
});

describe('grouping rows by deal', () => {
    const unsorted = 'deal,stage,date\nA,Lead,2026-01-01\nB,Lead,2026-01-02\nA,Qualify,2026-01-03\nB,Lost,2026-01-04\n';

    it('buffers a stream whose rows are not grouped, and yields each deal whole', async () => {
        const { deals, errors } = await collect(streamOf(unsorted));
        expect(errors).toEqual([]);
        expect(deals.map(d => [d.deal.name, eventLines(d)])).toEqual([
            ['A', ['2026-01-01 enter Lead', '2026-01-03 enter Qualify']],
            ['B', ['2026-01-02 enter Lead', '2026-01-04 terminate Lost']]
        ]);
    });

    it('in contiguous mode, reports a deal whose rows come back instead of splitting it silently', async () => {
        const { deals, errors } = await collect(streamOf(unsorted), { grouping: 'contiguous' });
        expect(deals.map(d => d.deal.name)).toEqual(['A', 'B']);
        // A was handed on at B's first row: its row 4 is skipped. B's rows were only parted by that skipped row.
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatchObject({ line: 4, column: 1, deal: 'A', code: 'rows-apart' });
        expect(errors[0].message).toMatch(/rows of deal A are not together: it was read from line 2/);
        expect(eventLines(deals[1])).toEqual(['2026-01-02 enter Lead', '2026-01-04 terminate Lost']);
    });

    it('counts every row of a deal that comes back, one error per run of them, for the incomplete deals\' list', async () => {
        const { InputProblems } = await import('@playbook/model');
        const { errors } = await collect(streamOf('deal,stage,date\nA,Lead,2026-01-01\nB,Lead,2026-01-02\nC,Lead,2026-01-02\nA,Qualify,2026-01-03\nA,Demo,2026-01-04\nC,Qualify,2026-01-05\nA,Negotiation,2026-01-06\n'), { grouping: 'contiguous' });
        // C's row 7 comes while C is still held (only skipped rows came between): not apart.
        expect(errors.map(e => [e.deal, e.line, e.rows, e.code])).toEqual([['A', 5, 2, 'rows-apart'], ['A', 8, 1, 'rows-apart']]);
        const problems = new InputProblems();
        errors.forEach(e => problems.addError(e));
        const summary = problems.summary();
        expect([summary.unusableRows, summary.incompleteDeals, summary.incomplete]).toEqual([3, 1, [{ deal: 'A', lines: [5, 8], rows: 3 }]]);
    });

    it('streams sorted rows and yields a deal as soon as the next one starts', async () => {
        const sorted = 'deal,stage,date\nA,Lead,2026-01-01\nA,Qualify,2026-01-03\nB,Lead,2026-01-02\n';
        const seen: string[] = [];
        const source = streamOf(sorted);
        const { readDeals } = await import('@playbook/model');
        for await (const item of readDeals(source, playbook, { grouping: 'contiguous' })) {
            if ('deal' in item) seen.push(`${item.deal.name}:${item.deal.events.length}`);
        }
        expect(seen).toEqual(['A:2', 'B:1']);
    });
});

describe('CSV details', () => {
    it('numbers lines as an editor does: CRLF inside a quoted cell is one line break, blank lines count, a quote that never closes is told where it opens', async () => {
        const text = 'deal,stage,date,notes\r\nA,Lead,2026-01-01,"two\r\nlines"\r\n\r\nB,Nowhere,2026-01-02,x\r\nC,Lead,2026-01-03,"never\r\nclosed\r\nD,Lead,2026-01-04,\r\n';
        const { deals, errors } = await collect(streamOf(text));
        expect(deals.map(d => [d.deal.name, d.source.line])).toEqual([['A', 2]]);
        expect(errors.map(e => [e.line, e.code])).toEqual([[6, 'csv-syntax'], [5, 'unknown-stage']]);
        expect(errors[0].message).toMatch(/a quoted field opens here and never closes/);
    });

    it('reads a column named exactly as a field into that field, when another field differs from it only by accent or case', async () => {
        const model = {
            ...playbook,
            fields: [{ name: 'A', type: 'text' as const }, { name: 'À', type: 'number' as const }],
            stages: playbook.stages.map(stage => ({ ...stage, tasks: stage.name === 'Lead' ? [{ name: 'call', required: false }, { name: 'Call', required: false }] : stage.tasks }))
        };
        const { deals, errors } = await collect(streamOf('deal,stage,date,A,À,tasks\nX,Lead,2026-01-01,a note,12,Call\nY,Lead,2026-01-02,,12abc,\n'), {}, model);
        expect(eventLines(deals[0])).toEqual(['2026-01-01 set A=a note', '2026-01-01 set À=12', '2026-01-01 done Call', '2026-01-01 enter Lead']);
        expect(errors.map(e => [e.line, e.code, e.message])).toEqual([[3, 'bad-value', 'À: "12abc" is not a number (field À is number)']]);
    });

    it('reads a semicolon-separated file, blank cells and a blank line', async () => {
        const { deals, errors } = await collect(streamOf('deal;stage;date;amount\r\nX;Lead;2026-01-01;\r\n\r\nX;;2026-01-02;"2.500,00"\r\nX;Qualification;2026-01-03;\r\n'));
        expect(errors).toEqual([]);
        expect(eventLines(deals[0])).toEqual(['2026-01-01 enter Lead', '2026-01-03 enter Qualify']);
        expect(deals[0].amount).toBe(2500);
    });

    it('orders a deal\'s rows by date and time, whatever their order in the file', async () => {
        const { deals } = await collect(streamOf('deal,stage,date\nX,Qualify,2026-01-03 10:00\nX,Demo,2026-01-03 16:00\nX,Lead,2026-01-01\n'));
        expect(eventLines(deals[0])).toEqual(['2026-01-01 enter Lead', '2026-01-03 enter Qualify', '2026-01-03 enter Demo']);
    });

    it('uses the column options, and reads slashed dates day first when told', async () => {
        const text = 'Opp,Phase,When,Why\nX,Lead,02/01/2026,\nX,Lost,05/01/2026,competitor\n';
        const { deals, errors } = await collect(streamOf(text), { idColumn: 'Opp', stageColumn: 'Phase', dateColumn: 'When', reasonColumn: 'Why', dateOrder: 'dmy' });
        expect(errors).toEqual([]);
        expect(eventLines(deals[0])).toEqual(['2026-01-02 enter Lead', '2026-01-05 terminate Lost "Competitor"']);
    });

    it('an outcome column ends the deal; an unknown loss reason is kept for the replay to report', async () => {
        const text = 'deal,stage,date,outcome,reason\nX,Lead,2026-01-01,,\nX,Qualify,2026-01-02,lost,Price\n';
        const { deals } = await collect(streamOf(text));
        expect(eventLines(deals[0])).toEqual(['2026-01-01 enter Lead', '2026-01-02 enter Qualify', '2026-01-02 terminate Lost "Price"']);
        const result = simulateDeal(compilePlaybook(playbook), deals[0].deal);
        expect(result.violations.map(v => v.code)).toEqual(['undeclared-reason']);
    });

    it('reports a missing column once, as fatal, naming the option to use', async () => {
        const { deals, errors } = await collect(streamOf('ref,phase,when\nX,Lead,2026-01-01\n'), { file: 'deals.csv' });
        expect(deals).toEqual([]);
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatchObject({ file: 'deals.csv', line: 1, fatal: true });
        expect(errors[0].message).toMatch(/name it with --id-column/);
        const named = await collect(streamOf('ref,phase,when\n'), { idColumn: 'nope' });
        expect(named.errors[0].message).toMatch(/^--id-column "nope" is not in the header/);
    });

    it('reports a quote that never closes at the line where it opens, after the deals before it', async () => {
        const { deals, errors } = await collect(streamOf('deal,stage,date\nA,Lead,2026-01-01\nB,"Lead,2026-01-02\nC,Lead,2026-01-03\n'));
        expect(deals.map(d => d.deal.name)).toEqual(['A']);
        expect(errors).toEqual([{ file: '<input>', line: 3, message: expect.stringMatching(/never closes/), code: 'csv-syntax' }]);
    });

    it('reports an unreadable file and an empty input without throwing', async () => {
        const missing = await collect('/no/such/deals.csv');
        expect(missing.errors).toEqual([{ file: '/no/such/deals.csv', message: 'cannot read /no/such/deals.csv: no such file', fatal: true }]);
        const empty = await collect(streamOf(''), { format: 'csv' });
        expect(empty.errors[0]).toMatchObject({ fatal: true, message: expect.stringMatching(/empty/) });
    });

    it('survives binary garbage', async () => {
        const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
        const { errors } = await collect(streamOf(bytes), { format: 'csv' });
        expect(errors.length).toBeGreaterThan(0);
    });
});

describe('many deals', () => {
    it('remembers 100,000 ids compactly and still finds the one that comes back', async () => {
        const lines = ['deal,stage,date'];
        for (let i = 0; i < 100_000; i++) lines.push(`deal-${i},Lead,2026-01-01`);
        lines.push('deal-31337,Qualify,2026-01-02');
        const { deals, errors } = await collect(streamOf(lines.join('\n')), { grouping: 'contiguous' });
        expect(deals).toHaveLength(100_000);
        expect(errors).toEqual([expect.objectContaining({ line: 100_002, deal: 'deal-31337', message: expect.stringContaining('it was read from line 31339') })]);
    });
});

describe('the amount column and the forecast field', () => {
    const withForecast = { ...playbook, forecastField: 'budget' };

    it('with forecast budget, the Amount column fills budget: a set event in its row, before the stage change', async () => {
        const { deals, errors } = await collect(streamOf('deal,stage,date,Amount\nD1,Lead,2026-01-02,\nD1,Qualify,2026-01-05,"1,200.50"\n'), {}, withForecast);
        expect(errors).toEqual([]);
        expect(eventLines(deals[0])).toEqual(['2026-01-02 enter Lead', '2026-01-05 set budget=1200.5', '2026-01-05 enter Qualify']);
        expect(deals[0].amount).toBe(1200.5);
        expect(deals[0].evidence.fields).toEqual(['budget']);
    });

    it('a column named as the forecast field is the amount column; --amount-column names another', async () => {
        const named = await collect(streamOf('deal,stage,date,Budget,Amount\nD1,Lead,2026-01-02,500,900\n'), {}, withForecast);
        expect([eventLines(named.deals[0]), named.deals[0].amount]).toEqual([['2026-01-02 set budget=500', '2026-01-02 enter Lead'], 500]);
        const chosen = await collect(streamOf('deal,stage,date,Budget,Expected\nD1,Lead,2026-01-02,500,900\n'), { amountColumn: 'Expected' }, withForecast);
        expect([eventLines(chosen.deals[0]), chosen.deals[0].amount]).toEqual([['2026-01-02 set budget=900', '2026-01-02 enter Lead'], 900]);
    });

    it('the forecast field\'s own column, not another field\'s whose name only differs by an accent (fuzz seed 4, input 503209)', async () => {
        // Ü and U are two fields; headers compare without accents, so both columns compare equal to `U`.
        const accented = { ...playbook, fields: [{ name: 'Ü', type: 'days' as const }, { name: 'U', type: 'number' as const }], forecastField: 'U' };
        const { deals, errors } = await collect(streamOf('deal,stage,date,Ü,U\nD1,Lead,2026-01-02,1 day,7\nD2,Lead,2026-01-02,3,oops\n'), {}, accented);
        expect(deals.map(d => [d.deal.name, eventLines(d), d.amount])).toEqual([['D1', ['2026-01-02 set Ü=1', '2026-01-02 set U=7', '2026-01-02 enter Lead'], 7]]);
        expect(errors.map(e => [e.line, e.message])).toEqual([[3, 'U: "oops" is not an amount']]);
    });

    it('without forecast, the Amount column is the value and sets no field the playbook does not name so', async () => {
        const { deals } = await collect(streamOf('deal,stage,date,Amount\nD1,Lead,2026-01-02,700\n'));
        expect([eventLines(deals[0]), deals[0].amount]).toEqual([['2026-01-02 enter Lead'], 700]);
    });

    it('rows that repeat the end after the close (amount edits) are not events, and the latest amount is the value', async () => {
        const { deals } = await collect(streamOf('deal,stage,date,Amount\nD1,Lead,2026-01-02,100\nD1,Closed Won,2026-01-09,100\nD1,Closed Won,2026-02-01,150\nD1,,2026-02-03,\n'), {}, withForecast);
        expect(eventLines(deals[0])).toEqual(['2026-01-02 set budget=100', '2026-01-02 enter Lead', '2026-01-09 set budget=100', '2026-01-09 won']);
        expect(deals[0].amount).toBe(150);
        // The export was taken at least on the latest row's day, which is no event.
        expect(deals[0].lastDate).toBe('2026-02-03');
    });
});
