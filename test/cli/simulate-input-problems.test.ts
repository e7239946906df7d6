/**
 * `playbook simulate --deals`: what a user sees when the export does not fit — each distinct
 * problem once with its rows and a fix, exit 2 instead of a misleading report when most rows
 * are unusable, and the causes worth suggesting (a wrong delimiter, day-first dates).
 */
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { playbook, tempTree } from './cli-helpers.js';
import { ensureSimulateBuilt, fixtures, type SimulateJson } from './simulate-helpers.js';

beforeAll(() => ensureSimulateBuilt());

const sales = path.join(fixtures, 'sales.playbook');
const simulate = (args: string[], cwd: string) => playbook(['simulate', sales, ...args], { cwd });

describe('input problems', () => {
    it('a stage name no alias knows, on most rows: each problem once, with its rows and fix; exit 2 and no report', () => {
        const rows = ['deal,stage,date'];
        for (let i = 1; i <= 30; i++) rows.push(`D${i},Prospecting,2026-01-02`, `D${i},Engaging,2026-01-05`);
        rows.push('E1,Prospecting,2026-01-02', 'E2,Prospecting,13/01/2026');
        const dir = tempTree({ 'deals.csv': rows.join('\n') + '\n' });
        const result = simulate(['--deals', 'deals.csv'], dir);
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        const lines = result.stderr.trimEnd().split('\n');
        expect(lines).toEqual([
            expect.stringMatching(/^deals\.csv:3:2: stage: "Engaging" is not a stage of playbook Sales .*\(60 rows: lines 3, 5, 7, 9, 11 …\)$/),
            '  fix: add `alias "Engaging"` to the stage it means (or, for an end of a deal, `won alias "Engaging"` or `terminate Lost alias "Engaging"`)',
            expect.stringMatching(/^deals\.csv:63:3: date: "13\/01\/2026" is not a date/),
            '  fix: it reads as a date day first: pass --date-order dmy',
            'playbook: cannot simulate: 61 of 62 rows of the deals input are unusable (above); fix those problems first, no report is made from the other 1'
        ]);
        const output = JSON.parse(simulate(['--deals', 'deals.csv', '--format', 'json'], dir).stdout) as SimulateJson & { problems: Array<{ code: string; subject?: string; rows: number; count: number }>; input: unknown };
        expect(output.report).toBeNull();
        expect(output.problems.map(p => [p.code, p.subject, p.rows, p.count])).toEqual([['unknown-stage', 'Engaging', 60, 30], ['bad-date', undefined, 1, 1]]);
        expect(output.input).toEqual({ usedRows: 1, unusableRows: 61, incompleteDeals: 0, incomplete: [] });
        expect(output.summary.stopped).toBe(true);
    });

    it('a header with no rows: no deals to simulate, exit 2', () => {
        const dir = tempTree({ 'deals.csv': 'deal,stage,date\n' });
        const result = simulate(['--deals', 'deals.csv'], dir);
        expect(result.code).toBe(2);
        expect(result.stderr).toBe('playbook: no deals to simulate: the export has a header but no rows\n');
        expect(result.stdout).toBe('');
    });

    it('a header split on the wrong delimiter: the delimiter to pass, named as an option', () => {
        const dir = tempTree({ 'deals.csv': 'deal;stage;date\nD1;Prospecting;2026-01-02\n' });
        const result = simulate(['--deals', 'deals.csv', '--delimiter', ','], dir);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/no deal id column: .*name it with --id-column; the header looks separated by ';': pass --delimiter ';'/);
    });

    it('a column named but missing is named by its option', () => {
        const dir = tempTree({ 'deals.csv': 'deal,stage,date\nD1,Prospecting,2026-01-02\n' });
        const result = simulate(['--deals', 'deals.csv', '--stage-column', 'Phase'], dir);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/--stage-column "Phase" is not in the header \(deal, stage, date\)/);
        expect(result.stderr).not.toMatch(/stageColumn/);
    });
});

describe('unknown figures', () => {
    it('a stage no deal stayed in shows "—" for its days, and with no amount there is nothing to forecast in value', () => {
        const dir = tempTree({ 'deals.csv': 'deal,stage,date\nD1,Prospecting,2026-01-02\nD1,Qualification,2026-01-05\n' });
        const result = simulate(['--deals', 'deals.csv'], dir);
        expect(result.code).toBe(0);
        expect(result.stdout).toMatch(/^Lead +1 +1 +100\.0% +0 +0 +0 +3 +3$/m);
        expect(result.stdout).toMatch(/^Negotiation +0 +0 +— +0 +0 +0 +— +—$/m);
        expect(result.stdout).not.toMatch(/Days 0|expected value 0/);
        expect(result.stdout).toMatch(/^ {2}expected value: nothing to forecast \(no open deal has an amount; `forecast <field>` names the field that holds one\)$/m);
    });

    it('no open deal: nothing to forecast', () => {
        const dir = tempTree({ 'deals.csv': 'deal,stage,date\nD1,Prospecting,2026-01-02\nD1,Closed Lost,2026-01-05\n' });
        const result = simulate(['--deals', 'deals.csv'], dir);
        expect(result.stdout).toMatch(/^Forecast: nothing to forecast \(no deal is open\)$/m);
    });
});
