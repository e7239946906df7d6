/**
 * `playbook simulate <playbook> --deals <export>`: deals streamed from CRM exports (CSV, JSON,
 * JSON Lines) and replayed by the built command. Fixtures: test/cli/fixtures/simulate (see its
 * README for where each comes from).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { playbook, STACK_FRAME, tempTree } from './cli-helpers.js';
import { dealLines, ensureSimulateBuilt, fixtures, playbookWithInput, type SimulateJson } from './simulate-helpers.js';

beforeAll(() => ensureSimulateBuilt());

const simulate = (args: string[], cwd = fixtures) => playbook(['simulate', ...args], { cwd });
const json = (stdout: string): SimulateJson => JSON.parse(stdout) as SimulateJson;
const sales = path.join(fixtures, 'sales.playbook');

describe('a Salesforce OpportunityHistory export (quoted, CRLF, unsorted, timestamps)', () => {
    it('text: each deal with its outcome; the stage skip of 006C with its date; exit 1', () => {
        const result = simulate(['sales.playbook', '--deals', 'opportunity-history.csv']);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(1);
        expect(dealLines(result.stdout)).toEqual([
            '006A (opportunity-history.csv:2): Won in 28 days',
            // The export has no reason column: none is made up.
            '006B (opportunity-history.csv:3): Lost (no reason given, by hand) after 8 days',
            // Open deals are judged as of the latest date in the export, 2026-02-02.
            '006C (opportunity-history.csv:7): Open at Negotiation, 14 days in stage · 1 violation',
            '  2026-01-19 error stage-skip Moving from Lead to Negotiation skips Qualify; only optional stages may be skipped.',
            '006D (opportunity-history.csv:10): Open at Qualify, 17 days in stage'
        ]);
        expect(result.stdout).toMatch(/^Sales: 4 deals, as of 2026-02-02: 1 won, 1 ended \(1 Lost\), 2 open$/m);
        expect(result.stdout).toMatch(/^Win rate: 50\.0% of closed deals, 25\.0% of all deals$/m);
        expect(result.stdout).toMatch(/^ {2}stage-skip \(error\): 1 in 1 deal, e\.g\. 006C on 2026-01-19/m);
        expect(result.stdout).toMatch(/^ {2}expected value 11,600 /m);
    });

    it('json: amounts from the latest row, the funnel, win rate and forecast of the report', () => {
        const result = simulate(['sales.playbook', '--deals', 'opportunity-history.csv', '--format', 'json']);
        expect(result.code).toBe(1);
        const output = json(result.stdout);
        expect(output.deals.map(d => [d.deal, d.amount, d.outcome.kind])).toEqual([
            ['006A', 15000, 'won'], ['006B', 5000, 'terminated'], ['006C', 8000, 'open'], ['006D', 20000, 'open']
        ]);
        expect(output.deals[2].violations).toEqual([expect.objectContaining({
            code: 'stage-skip', date: '2026-01-19', event: { date: '2026-01-19', kind: 'enter', stage: 'Negotiation' }
        })]);
        const report = output.report!;
        expect(report.winRate).toEqual({ ofClosed: 0.5, ofAll: 0.25 });
        expect(report.funnel.map(s => [s.stage, s.reached, s.advanced, s.pending, s.endedHere])).toEqual([
            ['Lead', 4, 3, 0, 1], ['Qualify', 2, 1, 1, 0], ['Demo', 0, 0, 0, 0], ['Negotiation', 2, 1, 1, 0]
        ]);
        // Open deals: 006C in Negotiation (70%) worth 8,000 and 006D in Qualify (30%) worth 20,000.
        expect(report.forecast.expectedWins).toBeCloseTo(0.7 + 0.3, 12);
        expect(report.forecast.expectedValue).toBeCloseTo(0.7 * 8000 + 0.3 * 20000, 6);
        expect(report.won).toMatchObject({ deals: 1, value: 15000 });
        expect(output.summary).toEqual({ deals: 4, dealsWithViolations: 1, errors: 0, stopped: false, interrupted: false });
    });

    it('--sorted streams without a first pass: a deal whose rows are not together is an error on its row', () => {
        const result = simulate(['sales.playbook', '--deals', 'opportunity-history.csv', '--sorted']);
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(/^opportunity-history\.csv:4:2: the rows of deal 006A are not together.* \(3 rows: lines 4, 6, 8\)$/m);
    });

    it('--sorted on an unsorted export: the deal replayed from its first rows is marked incomplete, on its line and before the figures', () => {
        const text = simulate(['sales.playbook', '--deals', 'opportunity-history.csv', '--sorted']).stdout;
        expect(dealLines(text)[0]).toBe('006A (opportunity-history.csv:2): Open at Lead, 14 days in stage · INCOMPLETE: 3 later rows skipped (line 4, 6, 8)');
        expect(text).toContain([
            'Incomplete: 1 deal was replayed from its first rows only: later rows came after other deals\' and were skipped (3 rows).',
            '  The figures below count it as those first rows show it; sort the export by deal id for a complete replay.',
            '  006A (3 rows from line 4)',
            '',
            'Sales: 4 deals'
        ].join('\n'));
        const output = json(simulate(['sales.playbook', '--deals', 'opportunity-history.csv', '--sorted', '--format', 'json']).stdout);
        expect(output.input).toEqual({ usedRows: 7, unusableRows: 3, incompleteDeals: 1, incomplete: [{ deal: '006A', lines: [4, 6, 8], rows: 3 }] });
    });

    it('auto: an export grouped by deal for its first 50,000 rows and scattered after says which deals are incomplete', () => {
        // 30,000 deals of two rows each, in order; then the first deal's win, 60,000 rows later.
        const rows = ['deal,stage,date'];
        for (let i = 0; i < 30_000; i++) rows.push(`D${i},Lead,2026-01-01`, `D${i},Qualify,2026-01-02`);
        rows.push('D0,Closed Won,2026-01-09', 'D29990,Closed Won,2026-01-09');
        const dir = tempTree({ 'deals.csv': rows.join('\n') + '\n' });
        const result = simulate([sales, '--deals', 'deals.csv', '--format', 'json'], dir);
        expect(result.code).toBe(1);
        const output = json(result.stdout);
        // D0 was replayed long before its win came; D29990 was still within the look-behind window.
        expect(output.input).toEqual({ usedRows: 60_001, unusableRows: 1, incompleteDeals: 1, incomplete: [{ deal: 'D0', lines: [60_002], rows: 1 }] });
        expect(output.deals.find(d => d.deal === 'D0')!.outcome.kind).toBe('open');
        expect(output.deals.find(d => d.deal === 'D29990')!.outcome.kind).toBe('won');
        expect(result.stderr).toMatch(/^deals\.csv:60002:1: the rows of deal D0 are not together: .*\n {2}fix: sort the export by deal id$/m);
    });

    it('--seed and --trials reach the forecast', () => {
        const output = json(simulate(['sales.playbook', '--deals', 'opportunity-history.csv', '--format', 'json', '--seed', '42', '--trials', '500']).stdout);
        expect(output.report?.forecast.interval).toMatchObject({ method: 'monte-carlo', trials: 500, seed: 42 });
    });
});

describe('a one-row-per-deal export: sales_pipeline.csv (real rows)', () => {
    // The raw rows, split by hand (this sample has no quoted fields): the expected numbers are
    // computed from them here, not by the reader.
    const lines = readFileSync(path.join(fixtures, 'sales-pipeline.csv'), 'utf8').trim().split('\n');
    const header = lines[0].split(',');
    const rows = lines.slice(1).map(line => Object.fromEntries(line.split(',').map((cell, i) => [header[i], cell])));
    const count = (stage: string): number => rows.filter(row => row.deal_stage === stage).length;
    const day = (iso: string): number => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;

    it('every deal ends as its CRM stage says, with no violation (exit 0)', () => {
        const result = simulate(['sales-pipeline.playbook', '--deals', 'sales-pipeline.csv', '--format', 'json']);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        const output = json(result.stdout);
        // Open deals come last: they are judged at the end, as of the latest date in the export.
        output.deals.sort((a, b) => a.source.line - b.source.line);
        expect(output.deals.map(d => d.deal)).toEqual(rows.map(row => row.opportunity_id));
        const expectedOutcome = (row: Record<string, string>): string => ({ Won: 'won', Lost: 'terminated:Lost', Engaging: 'open:Engaging', Prospecting: 'open:Prospecting' })[row.deal_stage]!;
        expect(output.deals.map(d => [d.outcome.kind, d.outcome.outcome ?? d.outcome.stage].filter(Boolean).join(':'))).toEqual(rows.map(expectedOutcome));
        rows.forEach((row, i) => {
            if (row.close_date !== '') expect(output.deals[i].cycleDays, row.opportunity_id).toBe(day(row.close_date) - day(row.engage_date));
        });
        expect(output.deals.flatMap(d => d.violations)).toEqual([]);
    });

    it('the report: funnel, win rate and won value as the raw rows give them', () => {
        const report = json(simulate(['sales-pipeline.playbook', '--deals', 'sales-pipeline.csv', '--format', 'json']).stdout).report!;
        const [P, E, W, L] = ['Prospecting', 'Engaging', 'Won', 'Lost'].map(count);
        expect([P, E, W, L]).toEqual([2, 3, 4, 3]);
        expect(report.deals).toBe(rows.length);
        // Only the deals the export shows in Prospecting reached it: the others were first seen engaged.
        expect(report.funnel.map(s => [s.stage, s.reached, s.advanced, s.pending, s.endedHere])).toEqual([
            ['Prospecting', P, 0, P, 0],
            ['Engaging', rows.length - P, W, E, L]
        ]);
        expect(report.winRate.ofClosed).toBeCloseTo(W / (W + L), 12);
        expect(report.winRate.ofAll).toBeCloseTo(W / rows.length, 12);
        expect(report.won.value).toBe(rows.filter(r => r.deal_stage === 'Won').reduce((sum, r) => sum + Number(r.close_value), 0));
        expect(report.forecast.deals).toBe(P + E);
        expect(report.forecast.expectedWins).toBeCloseTo(P * 0.1 + E * 0.4, 12);
    });

    it('text: a line per deal, then the table', () => {
        const result = simulate(['sales-pipeline.playbook', '--deals', 'sales-pipeline.csv']);
        expect(result.code).toBe(0);
        expect(dealLines(result.stdout)).toHaveLength(rows.length);
        expect(dealLines(result.stdout)[0]).toBe('1C1I7A6R (sales-pipeline.csv:2): Won in 132 days');
        expect(result.stdout).toMatch(/^Engaging +10 +4 +40\.0% +3 +3 /m);
    });
});

describe('JSON and JSON Lines', () => {
    it('a JSON document of deals: CRM and playbook stage names, amounts, titles (exit 0)', () => {
        const result = simulate(['sales.playbook', '--deals', 'deals.json', '--format', 'json']);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        const output = json(result.stdout);
        expect(output.deals.map(d => [d.deal, d.title, d.amount, d.summary, d.source.line])).toEqual([
            ['Initech', 'Initech: renewal', 12000, 'Won in 32 days', 3],
            ['Globex', undefined, 4000, 'Lost (Competitor, by hand) after 14 days', 14],
            ['Umbrella', undefined, 30000, 'Open at Qualify, 23 days in stage', 22]
        ]);
        expect(output.report?.winRate.ofClosed).toBe(0.5);
    });

    it('JSON Lines from standard input (--deals -), with --deals-format', () => {
        const input = [
            '{"name":"A1","events":[{"date":"2026-03-01","kind":"enter","stage":"Lead"},{"date":"2026-03-04","kind":"won"}]}',
            '{"name":"A2","events":[{"date":"2026-03-02","kind":"enter","stage":"Lead"}]}',
            ''
        ].join('\n');
        const result = playbookWithInput(['simulate', 'sales.playbook', '--deals', '-', '--deals-format', 'jsonl'], input);
        expect(result.code).toBe(1);
        expect(dealLines(result.stdout)).toEqual([
            'A1 (<stdin>:1): Won in 3 days · 1 violation',
            "  2026-03-04 error stage-skip Claims the win in Lead, skipping Qualify and Negotiation; a deal is won only by passing the last stage's gate.",
            'A2 (<stdin>:2): Open at Lead, 2 days in stage'
        ]);
    });

    it('a bad deal in JSON names its line and JSON path; the other deals are still replayed (exit 1)', () => {
        const dir = tempTree({
            'deals.json': JSON.stringify([
                { name: 'Good', events: [{ date: '2026-01-02', kind: 'enter', stage: 'Lead' }] },
                { name: 'Bad', events: [{ date: 'someday', kind: 'enter', stage: 'Lead' }] }
            ], null, 2)
        });
        const result = simulate([sales, '--deals', 'deals.json', '--format', 'json'], dir);
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(/^deals\.json:\d+: \[1\]\.events\[0\]\.date: "someday" is not a date/m);
        const output = json(result.stdout);
        expect(output.deals.map(d => d.deal)).toEqual(['Good']);
        expect(output.errors).toEqual([expect.objectContaining({ file: 'deals.json', path: '[1].events[0].date' })]);
    });

    it('broken JSON is unreadable input (exit 2); the JSON output is still one valid document', () => {
        const dir = tempTree({ 'deals.json': '[{"name": "A", "events": [' });
        const text = simulate([sales, '--deals', 'deals.json'], dir);
        expect(text.code).toBe(2);
        expect(text.stderr).toMatch(/^deals\.json:\d+:\d+: not valid JSON/m);
        expect(text.stdout).toBe('');
        const result = simulate([sales, '--deals', 'deals.json', '--format', 'json'], dir);
        expect(result.code).toBe(2);
        const output = json(result.stdout);
        expect(output.deals).toEqual([]);
        expect(output.errors).toEqual([expect.objectContaining({ file: 'deals.json', fatal: true })]);
        expect(output.summary.stopped).toBe(true);
    });
});

describe('malformed rows', () => {
    it('each bad row is file:line:column: message on stderr, the other deals are replayed, exit 1', () => {
        const result = simulate(['sales.playbook', '--deals', 'malformed-history.csv']);
        expect(result.code).toBe(1);
        const errors = result.stderr.split('\n').filter(line => /^malformed-history\.csv:/.test(line)).sort();
        expect(errors).toEqual([
            expect.stringMatching(/^malformed-history\.csv:7:2: stage: "Nowhere" is not a stage of playbook Sales/),
            expect.stringMatching(/^malformed-history\.csv:8:3: date: "2026-13-01" is not a date/),
            'malformed-history.csv:9:1: deal: the deal id is blank; this row is skipped'
        ]);
        expect(result.stderr).toMatch(/^playbook: 4 rows of the deals input skipped \(3 errors, above\); the other 2 deals were simulated$/m);
        expect(result.stderr).not.toMatch(STACK_FRAME);
        expect(dealLines(result.stdout)).toEqual([
            'D1 (malformed-history.csv:2): Won in 18 days',
            'D4 (malformed-history.csv:10): Lost (no reason given, by hand) after 4 days'
        ]);
    });

    it('in JSON the errors are in the document, with line and column', () => {
        const result = simulate(['sales.playbook', '--deals', 'malformed-history.csv', '--format', 'json']);
        expect(result.code).toBe(1);
        const output = json(result.stdout);
        expect(output.deals.map(d => d.deal)).toEqual(['D1', 'D4']);
        expect(output.errors.map(e => [e.line, e.column]).sort()).toEqual([[7, 2], [8, 3], [9, 1]]);
        expect(output.summary).toMatchObject({ deals: 2, errors: 3, stopped: false });
    });

    it('an empty file is unreadable input: exit 2, nothing on stdout', () => {
        const dir = tempTree({ 'empty.csv': '' });
        const result = simulate([sales, '--deals', 'empty.csv'], dir);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/^empty\.csv:1: the file is empty/m);
        expect(result.stdout).toBe('');
    });

    it('a header without a deal id column: exit 2 with the headers named', () => {
        const dir = tempTree({ 'x.csv': 'foo,bar\n1,2\n' });
        const result = simulate([sales, '--deals', 'x.csv'], dir);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/^x\.csv:1: no deal id column: .*foo, bar.*--id-column/m);
    });
});

describe('column and format options', () => {
    it('--id-column, --stage-column, --date-column, --amount-column and --delimiter read an export Playbook does not recognise', () => {
        const dir = tempTree({ 'odd.csv': 'Opp Ref|Phase|When|Worth\nR1|Prospecting|2026-01-05|100\nR1|Qualification|2026-01-09|250\n' });
        const result = simulate([sales, '--deals', 'odd.csv', '--id-column', 'Opp Ref', '--stage-column', 'Phase', '--date-column', 'When',
            '--amount-column', 'Worth', '--delimiter', '|', '--format', 'json'], dir);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        const output = json(result.stdout);
        expect(output.deals.map(d => [d.deal, d.amount, d.summary])).toEqual([['R1', 250, 'Open at Qualify, 0 days in stage']]);
    });

    it('a column named but not in the header: exit 2, naming it', () => {
        const result = simulate(['sales.playbook', '--deals', 'opportunity-history.csv', '--id-column', 'Nope']);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/^playbook: .*--id-column "Nope" is not in the header|--id-column "Nope" is not in the header/);
    });

    it('--encoding windows-1252, --date-order dmy and a semicolon: accented stage names match their alias', () => {
        const dir = tempTree({
            'latin1.csv': Buffer.from('OpportunityId;StageName;CreatedDate\r\n006X;Prospecting;03.01.2026\r\n006X;Qualification;10.01.2026\r\n006X;Negociaci\xf3n;15.01.2026\r\n', 'latin1')
        });
        const result = simulate([sales, '--deals', 'latin1.csv', '--encoding', 'windows-1252', '--date-order', 'dmy', '--delimiter', ';', '--format', 'json'], dir);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        const deal = json(result.stdout).deals[0];
        expect(deal.visits.map(v => [v.stage, v.entered])).toEqual([['Lead', '2026-01-03'], ['Qualify', '2026-01-10'], ['Negotiation', '2026-01-15']]);
    });

    it('--layout snapshot with --created-column and --close-date-column', () => {
        const dir = tempTree({ 'snap.csv': 'Ref,Current,Since,Opened,Closed On,Worth\nS1,Closed Won,,2026-01-01,2026-02-01,900\nS2,Qualification,2026-01-20,2026-01-10,,300\n' });
        const result = simulate([sales, '--deals', 'snap.csv', '--layout', 'snapshot', '--id-column', 'Ref', '--stage-column', 'Current', '--date-column', 'Since',
            '--created-column', 'Opened', '--close-date-column', 'Closed On', '--amount-column', 'Worth', '--format', 'json'], dir);
        expect(result.stderr).toBe('');
        const output = json(result.stdout);
        expect(output.deals.map(d => [d.deal, d.outcome.kind, d.amount])).toEqual([['S1', 'won', 900], ['S2', 'open', 300]]);
        expect(output.deals[0].cycleDays).toBe(31);
        expect(output.deals[1].visits.map(v => [v.stage, v.entered])).toEqual([['Lead', '2026-01-10'], ['Qualify', '2026-01-20']]);
    });

    it('bad values for --encoding, --delimiter and --stage-date-column are usage errors (exit 2)', () => {
        for (const [flag, value, message] of [
            ['--encoding', 'ebcdic', /--encoding must be auto, utf-8 or windows-1252/],
            ['--delimiter', ';;', /--delimiter must be one character/],
            ['--stage-date-column', 'no-equals-sign', /--stage-date-column takes '<column>=<stage>'/],
            ['--date-order', 'ymd', /argument 'ymd' is invalid/]
        ] as const) {
            const result = simulate(['sales.playbook', '--deals', 'opportunity-history.csv', flag, value]);
            expect(result.code, flag).toBe(2);
            expect(result.stderr).toMatch(message);
            expect(result.stdout).toBe('');
        }
    });
});

describe('the playbook and the deals file', () => {
    it('an unknown --playbook: exit 2, listing the playbooks the file declares', () => {
        const result = simulate(['sales.playbook', '--deals', 'opportunity-history.csv', '--playbook', 'Nope']);
        expect(result.code).toBe(2);
        expect(result.stderr).toBe("playbook: no playbook named 'Nope' in 'sales.playbook'; it declares Sales\n");
        expect(result.stdout).toBe('');
    });

    it('a file that declares several playbooks needs --playbook', () => {
        const dir = tempTree({ 'two.playbook': 'playbook A { stage S }\nplaybook B { stage S }\n', 'deals.csv': 'deal,stage,date\nX,S,2026-01-01\n' });
        const ambiguous = simulate(['two.playbook', '--deals', 'deals.csv'], dir);
        expect(ambiguous.code).toBe(2);
        expect(ambiguous.stderr).toBe("playbook: 'two.playbook' declares 2 playbooks (A, B); pick one with --playbook <name>\n");
        const chosen = simulate(['two.playbook', '--deals', 'deals.csv', '--playbook', 'B', '--format', 'json'], dir);
        expect(chosen.code).toBe(0);
        expect(json(chosen.stdout).report?.playbook).toBe('B');
    });

    it('a deals file that does not exist: exit 2, naming it, nothing on stdout', () => {
        const result = simulate(['sales.playbook', '--deals', 'missing.csv']);
        expect(result.code).toBe(2);
        expect(result.stderr).toBe("playbook: cannot read 'missing.csv': no such file\n");
        expect(result.stdout).toBe('');
    });

    it('a folder, or a .playbook file, given as the deals: exit 2 with a hint', () => {
        expect(simulate(['sales.playbook', '--deals', '.']).stderr).toMatch(/^playbook: cannot read '[^']+': is a directory\n$/);
        const result = simulate(['sales.playbook', '--deals', 'sales-pipeline.playbook']);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/is a \.playbook file, not a CRM export; to replay the deals written in it, run 'playbook simulate sales-pipeline\.playbook'/);
    });

    it('a playbook with errors is not used: they are printed as check prints them (exit 1)', () => {
        const dir = tempTree({ 'p.playbook': 'playbook P {\n  stage A { gate G { when budget > 0 } }\n  stage B\n}\n', 'deals.csv': 'deal,stage,date\nX,A,2026-01-01\n' });
        const result = simulate(['p.playbook', '--deals', 'deals.csv'], dir);
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(/^p\.playbook:2:27 error unresolved-reference /m);
        expect(result.stderr).not.toMatch(STACK_FRAME);
    });
});

describe('many deals', () => {
    // 130 deals; every fifth skips Qualify (26 with a violation).
    const rows = ['deal,stage,date'];
    for (let i = 1; i <= 130; i++) {
        const id = `N${String(i).padStart(3, '0')}`;
        rows.push(`${id},Prospecting,2026-01-02`, `${id},${i % 5 === 0 ? 'Negotiation' : 'Qualification'},2026-01-09`);
    }
    const dir = tempTree({ 'many.csv': rows.join('\n') + '\n' });

    it('text lists only the first 20 deals with violations, then says how many more, then the report', () => {
        const result = simulate([sales, '--deals', 'many.csv'], dir);
        expect(result.code).toBe(1);
        const listed = dealLines(result.stdout);
        expect(listed[0]).toBe('26 of 130 deals have violations; the first 20:');
        expect(listed.filter(line => /^N\d{3} /.test(line))).toHaveLength(20);
        expect(listed[1]).toBe('N005 (many.csv:10): Open at Negotiation, 0 days in stage · 1 violation');
        expect(listed.at(-1)).toBe('… and 6 more deals with violations; use --format json for all');
        expect(result.stdout).toMatch(/^Sales: 130 deals, as of 2026-01-09: 0 won, 0 ended, 130 open$/m);
    });

    it('json has every deal, streamed one per line, and is one valid document', () => {
        const result = simulate([sales, '--deals', 'many.csv', '--format', 'json'], dir);
        expect(result.code).toBe(1);
        const output = json(result.stdout);
        expect(output.deals).toHaveLength(130);
        expect(output.summary).toEqual({ deals: 130, dealsWithViolations: 26, errors: 0, stopped: false, interrupted: false });
        expect(result.stdout.split('\n').filter(line => line.startsWith('{"deal":'))).toHaveLength(130);
        // No progress line: stderr is not a terminal here.
        expect(result.stderr).toBe('');
    });
});
