/**
 * Exports as real CRMs write them, replayed by the built command, with the exact counts worked
 * out by hand (see test/cli/fixtures/simulate/real-shaped/README.md for each deal's story):
 * skips between recorded stages only, late starts counted apart, no invented visits, gates
 * the data cannot evidence listed once and not violated, open deals judged as of the latest
 * date, and the cells of a row meaning the same whatever their order.
 */
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { playbook, tempTree } from './cli-helpers.js';
import { dealLines, ensureSimulateBuilt, fixtures, type SimulateJson } from './simulate-helpers.js';

beforeAll(() => ensureSimulateBuilt());

const dir = path.join(fixtures, 'real-shaped');
const run = (...args: string[]) => playbook(['simulate', 'ventas.playbook', ...args], { cwd: dir });
type Json = SimulateJson & { deals: Array<SimulateJson['deals'][number] & { lateStart?: { stage?: string; date: string; unseen: string[] } }> };
type Report = {
    asOf: string; lateStarts: unknown; unverifiable: unknown[];
    funnel: Array<{ stage: string; reached: number; skipped: number; startedLater: number; advanced: number; pending: number; endedHere: number }>;
    violations: Array<{ code: string; count: number; deals: number }>;
};
const json = (stdout: string) => JSON.parse(stdout) as Json;
const byName = (output: Json) => new Map(output.deals.map(d => [d.deal, d]));

describe('Salesforce OpportunityHistory: Windows-1252, Spanish stage names, rows by record id, histories starting mid-pipeline', () => {
    let output: Json;
    let report: Report;
    let code: number | null;
    beforeAll(() => {
        const result = run('--deals', 'salesforce-opportunity-history-es.csv', '--format', 'json');
        code = result.code;
        expect(result.stderr).toBe('');
        output = json(result.stdout);
        report = output.report as unknown as Report;
    });

    it('outcomes: 2 won, 1 lost without a made-up reason, 3 open as of the latest date (2026-02-20)', () => {
        expect(code).toBe(1);
        const deals = byName(output);
        expect([...deals.keys()].sort()).toEqual(['006S1', '006S2', '006S3', '006S4', '006S5', '006S6']);
        expect(deals.get('006S1')!.summary).toBe('Won in 40 days');
        expect(deals.get('006S2')!.summary).toBe('Won in 14 days');
        expect(deals.get('006S4')!.outcome).toEqual({ kind: 'terminated', outcome: 'Perdida', automatic: false, date: '2026-02-20' });
        expect(deals.get('006S3')!.summary).toBe('Open at Negociacion, 10 days in stage');
        expect(deals.get('006S5')!.summary).toBe('Open at Negociacion, 29 days in stage · 1 violation');
        expect(deals.get('006S6')!.summary).toBe('Open at Calificacion, 8 days in stage · 1 violation');
        expect(report.asOf).toBe('2026-02-20');
    });

    it('a history that starts in Negociación is a late start whether or not its first Amount cell is filled', () => {
        const deals = byName(output);
        // 006S2's first row has an Amount (a `set amount` in the same record), 006S3's has none.
        expect(deals.get('006S2')!.lateStart).toEqual({ stage: 'Negociacion', date: '2026-01-20', unseen: ['Interes', 'Calificacion'] });
        expect(deals.get('006S3')!.lateStart).toEqual({ stage: 'Negociacion', date: '2026-02-10', unseen: ['Interes', 'Calificacion'] });
        expect(deals.get('006S2')!.visits.map(v => v.stage)).toEqual(['Negociacion']);
        expect(deals.get('006S2')!.violations).toEqual([]);
        expect(deals.get('006S3')!.violations).toEqual([]);
        expect(report.lateStarts).toEqual({ deals: 3, byStage: [{ stage: 'Calificacion', deals: 1 }, { stage: 'Negociacion', deals: 2 }] });
    });

    it('violations are what the data shows: one real skip, one gate the Amount column disproves, one time limit passed by the as-of date', () => {
        const deals = byName(output);
        expect(deals.get('006S4')!.violations.map(v => [v.code, v.date])).toEqual([['stage-skip', '2026-02-09']]);
        expect(deals.get('006S6')!.violations.map(v => [v.code, v.date])).toEqual([['gate-not-met', '2026-02-12']]);
        expect(deals.get('006S6')!.violations[0].message).toMatch(/`amount > 0` is false \(amount is 0\)/);
        expect(deals.get('006S6')!.violations[0].message).not.toMatch(/Llamada/);
        expect(deals.get('006S5')!.violations.map(v => [v.code, v.date])).toEqual([['sla-exceeded', '2026-02-20']]);
        expect(report.violations.map(v => [v.code, v.count, v.deals])).toEqual([['gate-not-met', 1, 1], ['sla-exceeded', 1, 1], ['stage-skip', 1, 1]]);
        expect(output.summary.dealsWithViolations).toBe(3);
    });

    it('the funnel counts only stages the deals were seen in', () => {
        expect(report.funnel.map(s => [s.stage, s.reached, s.skipped, s.startedLater, s.advanced, s.pending, s.endedHere])).toEqual([
            ['Interes', 3, 0, 3, 3, 0, 0],
            ['Calificacion', 3, 1, 2, 2, 1, 0],
            ['Demo', 1, 2, 2, 1, 0, 0],
            ['Negociacion', 5, 0, 0, 2, 2, 1]
        ]);
    });

    it('the checks the export cannot evidence (no task column, no presupuesto column) are listed once, not violated', () => {
        expect(report.unverifiable).toEqual([
            { stage: 'Interes', requirement: { kind: 'task', task: 'Llamada' }, needs: { kind: 'task-column' }, deals: 3 },
            { stage: 'Calificacion', gate: 'Necesidad', requirement: { kind: 'condition', condition: 'presupuesto > 0' }, needs: { kind: 'field-columns', fields: ['presupuesto'] }, deals: 2 }
        ]);
    });

    it('text: late starts and unverifiable checks on lines of their own', () => {
        const result = run('--deals', 'salesforce-opportunity-history-es.csv');
        expect(result.stdout).toMatch(/^Late starts: 3 deals start after the first stage \(Calificacion 1, Negociacion 2\)/m);
        expect(result.stdout).toMatch(/^ {2}Interes: requires task Llamada — needs a task column .*; 3 deals left the stage unchecked$/m);
        expect(result.stdout).toMatch(/^ {2}gate Necesidad of Calificacion: when presupuesto > 0 — needs a column "presupuesto"; 2 deals left the stage unchecked$/m);
    });

    it('--late-start skip counts the three late starts as stage-skips; --as-of moves the judgement day', () => {
        const skip = json(run('--deals', 'salesforce-opportunity-history-es.csv', '--format', 'json', '--late-start', 'skip').stdout);
        expect(skip.deals.flatMap(d => d.violations.filter(v => v.code === 'stage-skip').map(() => d.deal)).sort()).toEqual(['006S2', '006S3', '006S4', '006S5']);
        const early = json(run('--deals', 'salesforce-opportunity-history-es.csv', '--format', 'json', '--as-of', '2026-02-10').stdout);
        const deals = byName(early);
        // On 2026-02-10 006S1 was not won yet, and 006S5 had been in Negociacion for 19 days.
        expect(deals.get('006S1')!.summary).toBe('Open at Negociacion, 8 days in stage');
        expect(deals.get('006S5')!.violations.map(v => [v.code, v.date])).toEqual([['sla-exceeded', '2026-02-10']]);
        expect((early.report as unknown as Report).asOf).toBe('2026-02-10');
    });

    it('the order of a row\'s cells does not change its meaning', () => {
        const reordered = tempTree({
            'deals.csv': 'Amount,StageName,CreatedDate,OpportunityId\n30000,Negociación,2026-01-20,X\n,Closed Won,2026-02-03,X\n'
        });
        const result = playbook(['simulate', path.join(dir, 'ventas.playbook'), '--deals', 'deals.csv', '--format', 'json'], { cwd: reordered });
        const deal = json(result.stdout).deals[0];
        expect(deal.lateStart).toEqual({ stage: 'Negociacion', date: '2026-01-20', unseen: ['Interes', 'Calificacion'] });
        expect(deal.violations).toEqual([]);
    });
});

describe('HubSpot deal stage history (US dates with AM/PM, amounts with thousands)', () => {
    it('a late start, a real skip, a loss: exact counts', () => {
        const result = run('--deals', 'hubspot-deal-stage-history.csv', '--format', 'json');
        expect(result.stderr).toBe('');
        expect(result.code).toBe(1);
        const output = json(result.stdout);
        const deals = byName(output);
        expect(deals.get('7001')).toMatchObject({ summary: 'Won in 18 days', amount: 4500, violations: [], lateStart: { stage: 'Calificacion', date: '2026-03-02' } });
        expect(deals.get('7002')!.violations.map(v => [v.code, v.date])).toEqual([['stage-skip', '2026-03-05']]);
        expect(deals.get('7002')!.summary).toBe('Open at Negociacion, 15 days in stage · 1 violation');
        expect(deals.get('7003')!.summary).toBe('Perdida (no reason given, by hand) after 6 days');
        const report = output.report as unknown as Report;
        expect(report.funnel.map(s => [s.stage, s.reached, s.skipped, s.startedLater])).toEqual([
            ['Interes', 2, 0, 1], ['Calificacion', 1, 1, 0], ['Demo', 1, 1, 0], ['Negociacion', 2, 0, 0]
        ]);
    });
});

describe('Pipedrive stage history', () => {
    it('a full history, a late start and a loss; the gate reading amount is unverifiable (no column named amount)', () => {
        const result = run('--deals', 'pipedrive-stage-history.csv', '--format', 'json');
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        const output = json(result.stdout);
        const deals = byName(output);
        expect(deals.get('41')).toMatchObject({ summary: 'Open at Negociacion, 1 day in stage', amount: 3000, violations: [] });
        expect(deals.get('42')).toMatchObject({ summary: 'Open at Negociacion, 7 days in stage', lateStart: { stage: 'Negociacion' } });
        expect(deals.get('43')!.summary).toBe('Perdida (no reason given, by hand) after 7 days');
        const report = output.report as unknown as Report;
        expect(report.unverifiable).toHaveLength(3);
        expect(dealLines(run('--deals', 'pipedrive-stage-history.csv').stdout)).toHaveLength(3);
    });
});

describe('Salesforce in Spanish with translated closed stages: the playbook names its ends (won alias, terminate … alias)', () => {
    const export_ = 'salesforce-opportunity-history-es-cierres.csv';

    it('"Cerrada ganada" wins, "Cerrada perdida" ends as Perdida and "Cerrada - Sin decisión" as SinDecision, with no reason made up', () => {
        const result = playbook(['simulate', 'ventas-cierre.playbook', '--deals', export_, '--format', 'json'], { cwd: dir });
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        const output = json(result.stdout);
        const deals = byName(output);
        expect(deals.get('006C1')!.summary).toBe('Won in 28 days');
        expect(deals.get('006C2')!.outcome).toEqual({ kind: 'terminated', outcome: 'Perdida', automatic: false, date: '2026-03-20' });
        expect(deals.get('006C3')!.outcome).toEqual({ kind: 'terminated', outcome: 'SinDecision', automatic: false, date: '2026-03-25' });
        // As of the export's latest row (2026-04-06), an amount edit after 006C1's close.
        expect(deals.get('006C4')!.summary).toBe('Open at Calificacion, 19 days in stage');
        expect((output.report as unknown as Report & { outcomes: unknown }).outcomes).toEqual({ open: 1, won: 1, terminated: 2, byOutcome: { Perdida: 1, SinDecision: 1 } });
    });

    it('without those declarations the names are unknown, and the fix says where to declare them', () => {
        const result = playbook(['simulate', 'ventas.playbook', '--deals', export_, '--format', 'json'], { cwd: dir });
        expect(result.code).toBe(2);
        const problems = json(result.stdout).problems;
        expect(problems.map(p => [p.code, p.subject, p.rows])).toEqual([
            ['unknown-stage', 'Cerrada ganada', 5], ['unknown-stage', 'Cerrada perdida', 3], ['unknown-stage', 'Cerrada - Sin decisión', 2]
        ]);
        expect(problems[0].fix).toBe('add `alias "Cerrada ganada"` to the stage it means (or, for an end of a deal, `won alias "Cerrada ganada"` or `terminate Perdida alias "Cerrada ganada"`)');
    });

    it('a declared name wins over the built-in words: "Lost" may mean another outcome', () => {
        const tree = tempTree({
            'p.playbook': 'playbook P { stage A stage B terminate Lost "x" terminate Disqualified "y" terminate Disqualified alias "Lost" }',
            'deals.csv': 'deal,stage,date\nD1,A,2026-01-01\nD1,Lost,2026-01-05\nD2,A,2026-01-01\nD2,Closed Lost,2026-01-06\n'
        });
        const output = json(playbook(['simulate', 'p.playbook', '--deals', 'deals.csv', '--format', 'json'], { cwd: tree }).stdout);
        expect(output.deals.map(d => [d.deal, d.outcome.outcome])).toEqual([['D1', 'Disqualified'], ['D2', 'Lost']]);
    });
});

describe('forecast <field>: the playbook names the field that holds a deal\'s value', () => {
    const export_ = 'salesforce-opportunity-history-es-cierres.csv';
    let output: Json;
    beforeAll(() => {
        const result = playbook(['simulate', 'ventas-cierre.playbook', '--deals', export_, '--format', 'json'], { cwd: dir });
        expect(result.stderr).toBe('');
        output = json(result.stdout);
    });

    it('the Amount column fills the field, so the gates that read it are checked, not listed as unverifiable', () => {
        const report = output.report as unknown as Report;
        expect(report.unverifiable).toEqual([]);
        // 006C4's first row has no Amount; its second row sets importe 50,000 as it moves on: the gate holds.
        expect(output.deals.flatMap(d => d.violations)).toEqual([]);
    });

    it('the forecast weighs the open deal by it, and says which field it is', () => {
        const deals = byName(output);
        expect(deals.get('006C4')!.amount).toBe(50000);
        const forecast = (output.report as unknown as { forecast: { deals: number; dealsWithoutAmount: number; expectedValue: number; valueField?: string } }).forecast;
        expect(forecast).toMatchObject({ deals: 1, dealsWithoutAmount: 0, expectedValue: 15000, valueField: 'importe' });
    });

    it('an amount edited after the close is the deal\'s value, and not an event after the end', () => {
        const deals = byName(output);
        expect(deals.get('006C1')).toMatchObject({ summary: 'Won in 28 days', amount: 23500, violations: [] });
        expect((output.report as unknown as { won: { value: number } }).won.value).toBe(23500);
    });

    it('a field named as the amount column is filled by it once, and edits after the close are not events after the end', () => {
        // ventas.playbook declares field amount, and no forecast: the Amount column fills it.
        const tree = tempTree({
            'deals.csv': [
                'OpportunityId,StageName,CreatedDate,Amount',
                'X,Negociación,2026-01-20,30000',
                'X,Closed Won,2026-02-03,30000',
                'X,Closed Won,2026-02-10,31000',
                'Y,Prospección,2026-01-20,abc'
            ].join('\n') + '\n'
        });
        const result = playbook(['simulate', path.join(dir, 'ventas.playbook'), '--deals', 'deals.csv', '--format', 'json'], { cwd: tree });
        const out = json(result.stdout);
        expect(out.deals.map(d => [d.deal, d.summary, d.amount, d.violations.length])).toEqual([['X', 'Won in 14 days', 31000, 0]]);
        // One bad cell, one problem (not a bad amount and a bad field value both).
        expect(out.problems.map(p => [p.code, p.count])).toEqual([['bad-amount', 1]]);
    });
});

describe('JSON stage-history rows: the same exports as JSON give the same deals and report', () => {
    const withoutSource = (output: Json) => ({ deals: output.deals.map(({ source: _, ...deal }) => deal), report: output.report });

    it('Salesforce\'s REST API answer ({ "records": [...] }, nested "attributes") is the OpportunityHistory CSV', () => {
        const csv = json(run('--deals', 'salesforce-opportunity-history-es.csv', '--format', 'json').stdout);
        const rest = run('--deals', 'salesforce-opportunity-history-rest.json', '--format', 'json');
        expect(rest.stderr).toBe('');
        expect(rest.code).toBe(1);
        expect(withoutSource(json(rest.stdout))).toEqual(withoutSource(csv));
        // Each deal starts at the line of its first record's object.
        expect(json(rest.stdout).deals.find(d => d.deal === '006S1')!.source).toEqual({ file: 'salesforce-opportunity-history-rest.json', line: 18 });
    });

    it('Pipedrive\'s rows as JSON Lines (as jq -c writes them) are the stage history CSV', () => {
        const csv = json(run('--deals', 'pipedrive-stage-history.csv', '--format', 'json').stdout);
        const lines = run('--deals', 'pipedrive-stage-history.jsonl', '--format', 'json');
        expect(lines.stderr).toBe('');
        expect(withoutSource(json(lines.stdout))).toEqual(withoutSource(csv));
        // The closed deal first: open ones wait for the as-of date.
        expect(json(lines.stdout).deals.map(d => [d.deal, d.source.line])).toEqual([['43', 6], ['41', 1], ['42', 5]]);
    });
});
