/**
 * The simulation report view (packages/vscode/src/simulation/): its data source replays a
 * CRM export as the CLI does, and its renderer groups violations by rule and stage, pages
 * long lists, links each deal to its rows and escapes every text.
 */
import { createPlaybookServices, playbookToModel, validateText, ast } from '@playbook/language';
import { dealsFileReportText, simulationData, type AggregateReport, type PlaybookModel } from '@playbook/model';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
    groupViolations, initialState, PAGE_SIZE, renderFunnel, renderGroupDeals, renderView, textWidth
} from '../../packages/vscode/src/simulation/render.js';
import type { SimulationViewData, ViewDeal } from '../../packages/vscode/src/simulation/view-data.js';

const examples = new URL('../../examples/', import.meta.url);
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/crm/${name}`, import.meta.url)));

async function playbookOf(text: string): Promise<PlaybookModel> {
    const { document } = await validateText(createPlaybookServices(), text);
    return playbookToModel(document.parseResult.value.elements.filter(ast.isPlaybook)[0]);
}

const bigAccount = await playbookOf(readFileSync(new URL('big-account.playbook', examples), 'utf8'));
const count = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].length;

describe('the data source: a Salesforce history with a stage name the playbook does not know', async () => {
    const data = await simulationData({ playbook: bigAccount, deals: { name: 'big-account-history.csv', bytes: fixture('big-account-history.csv') } });

    it('is the CLI\'s report: figures, as-of date, the unknown name told once with its rows and a fix', () => {
        expect(data.summary).toEqual({ deals: 10, dealsWithViolations: 8, errors: 2, withheld: false, empty: false });
        expect(data.input).toEqual({ usedRows: 38, unusableRows: 7, incompleteDeals: 0, incomplete: [] });
        expect(data.report).toMatchObject({ playbook: 'BigAccount', deals: 10, asOf: '2026-04-25', outcomes: { open: 8, terminated: 2 } });
        expect(data.problems).toEqual([expect.objectContaining({ code: 'unknown-stage', subject: 'Perception Analysis', rows: 7, lines: [18, 28] })]);
        expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    });

    it('gives each deal with violations the lines of all its rows, in input order, and the stage of each violation', () => {
        expect(data.deals.map(d => d.deal)).toEqual(['006K05', '006K09', '006K03', '006K04', '006K07', '006K08', '006K12', '006K10']);
        const k03 = data.deals.find(d => d.deal === '006K03')!;
        expect(k03.lines).toEqual([6, 15, 27]);
        expect(k03.violations).toEqual([expect.objectContaining({ code: 'stage-skip', stage: 'Development', date: '2026-01-30' })]);
    });

    it('offers the playbook\'s stages, with titles and aliases, for "add alias"', () => {
        expect(data.playbook.stages.map(s => s.name)).toEqual(['Development', 'Initiation', 'Proposal', 'Bidding', 'Negotiation', 'Implementation']);
        expect(data.playbook.stages[2]).toEqual({ name: 'Proposal', title: '提案 / Proposal', aliases: ['Id. Decision Makers', 'Proposal/Price Quote'] });
    });

    it('renders the funnel with every stage and its Chinese title, the problem with its alias action, the groups', () => {
        const html = renderView(data, groupViolations(data.deals), initialState(600));
        expect([...html.matchAll(/<g class="stage-row[^"]*" data-stage="([^"]+)"/g)].map(m => m[1]))
            .toEqual(['Development', 'Initiation', 'Proposal', 'Bidding', 'Negotiation', 'Implementation', 'won']);
        expect(html).toContain('Proposal · 提案 / Proposal');
        expect(html).toContain('data-add-alias="0"');
        expect(html).toContain('<option value="Proposal">Proposal — 提案 / Proposal</option>');
        expect(count(html, /<details class="group /g)).toBe(5);
        // The largest group of errors is open, with its deals linked to their rows.
        expect(html).toMatch(/<details class="group error" data-group="0" open><summary><code class="code">stage-skip<\/code> in Development <span class="count">2 in 2 deals/);
        expect(html).toContain('<a href="#" class="deal-name" data-deal="2" title="Select its 3 rows in big-account-history.csv">006K03</a> <span class="rows">rows '
            + '<a href="#" data-line="6">6</a> <a href="#" data-line="15">15</a> <a href="#" data-line="27">27</a></span>');
    });
});

describe('the data source passes what the CLI passes', async () => {
    const sales = await playbookOf(readFileSync(new URL('../cli/fixtures/simulate/sales.playbook', import.meta.url), 'utf8'));
    const csv = (text: string) => ({ name: 'deals.csv', bytes: new TextEncoder().encode(text) });

    it('judges open deals as of the latest row, a row edited after a deal\'s close included (not only its events)', async () => {
        const data = await simulationData({ playbook: sales, deals: csv('deal,stage,date\nD1,Prospecting,2026-01-02\nD1,Closed Won,2026-01-09\nD1,Closed Won,2026-02-03\nD2,Prospecting,2026-01-05\n') });
        expect(data.report?.asOf).toBe('2026-02-03');
    });

    it('as of a given day and with late starts skipped, as --as-of and --late-start skip', async () => {
        const deals = csv('deal,stage,date\nD1,Qualification,2026-01-02\n');
        const data = await simulationData({ playbook: sales, deals, asOf: '2026-03-01', lateStart: 'skip' });
        expect(data.report?.asOf).toBe('2026-03-01');
        expect(data.deals.map(d => [d.deal, d.violations.map(v => v.code)])).toEqual([['D1', ['stage-skip']]]);
        expect((await simulationData({ playbook: sales, deals })).deals).toEqual([]);
    });

    it('marks a deal replayed before its later rows turned up as incomplete, and counts such deals', async () => {
        // 30,000 deals of two rows each, in order; then the first deal's win, 60,000 rows later
        // (beyond the reader's look-behind window), and the 29,990th deal's (within it).
        const rows = ['deal,stage,date'];
        for (let i = 0; i < 30_000; i++) rows.push(`D${i},Prospecting,2026-01-01`, `D${i},Qualification,2026-01-02`);
        rows.push('D0,Closed Won,2026-01-09', 'D29990,Closed Won,2026-01-09');
        const data = await simulationData({ playbook: sales, deals: csv(`${rows.join('\n')}\n`) });
        expect(data.input).toEqual({ usedRows: 60_001, unusableRows: 1, incompleteDeals: 1, incomplete: [{ deal: 'D0', lines: [60_002], rows: 1 }] });
        const html = renderView(data, groupViolations(data.deals), initialState(600));
        expect(html).toContain('<strong>Incomplete:</strong> 1 deal was replayed from its first rows only');
        expect(html).toContain('D0</a> <span class="muted">1 row skipped: line <a href="#" data-line="60002">60002</a></span>');
        const text = dealsFileReportText(data, 'deals.csv');
        expect(text).toContain('Incomplete: 1 deal was replayed from its first rows only');
        expect(text).toContain('deals.csv:60002: D0: 1 later row skipped');
    });
});

/** Plain view data with `deals` made up: enough of a report for the renderer. */
function viewData(deals: ViewDeal[], overrides: Partial<SimulationViewData> = {}): SimulationViewData {
    const time = { count: 0, mean: null, median: null, p90: null };
    const report: AggregateReport = {
        playbook: 'P', deals: deals.length, asOf: '2026-03-01',
        outcomes: { open: deals.length, won: 0, terminated: 0, byOutcome: {} },
        funnel: [{ stage: 'Lead', optional: false, reached: deals.length, advanced: 0, skipped: 0, unobserved: 0, startedLater: 0, pending: deals.length, endedHere: 0, conversion: 0, decidedConversion: null, days: time, pendingDays: time }],
        won: { deals: 0, value: 0, dealsWithAmount: 0 }, winRate: { ofClosed: null, ofAll: 0 }, cycleTime: { closed: time, won: time },
        lateStarts: { deals: 0, byStage: [] }, unverifiable: [], violations: [], dealsWithViolations: deals.length, regressions: 0,
        forecast: { deals: 0, dealsWithoutProbability: 0, dealsWithoutAmount: 0, expectedWins: 0, expectedValue: 0, pipelineValue: 0, interval: { level: 0.9, wins: [0, 0], value: [0, 0], method: 'monte-carlo' } }
    };
    return {
        playbook: { name: 'P', stages: [{ name: 'Lead', aliases: [] }, { name: 'Close', title: '成交', aliases: [] }] },
        dealsFile: 'deals.csv', report, problems: [], input: { usedRows: deals.length, unusableRows: 0, incompleteDeals: 0, incomplete: [] },
        summary: { deals: deals.length, dealsWithViolations: deals.length, errors: 0, withheld: false, empty: false },
        deals, dealsOmitted: 0, ...overrides
    };
}

const deal = (name: string, line: number, violations: Array<[code: string, stage: string | undefined]>): ViewDeal => ({
    deal: name, summary: 'Open at Lead', outcome: { kind: 'open', stage: 'Lead' }, source: { file: 'deals.csv', line }, lines: [line, line + 1],
    violations: violations.map(([code, stage]) => ({ code, severity: code === 'sla-exceeded' ? 'warning' : 'error', date: '2026-01-02', message: `${code} of ${name}`, ...(stage ? { stage } : {}) }))
});

describe('grouping violations by rule and stage', () => {
    it('counts violations and deals per group, errors first, the most frequent first, deals in input order', () => {
        const groups = groupViolations([
            deal('A', 2, [['stage-skip', 'Lead'], ['sla-exceeded', 'Lead']]),
            deal('B', 4, [['stage-skip', 'Lead'], ['stage-skip', 'Close']]),
            deal('C', 6, [['stage-skip', 'Lead'], ['gate-not-met', 'Lead'], ['gate-not-met', 'Lead']]),
            deal('D', 8, [['event-after-end', undefined]])
        ]);
        expect(groups.map(g => [g.code, g.stage, g.count, g.deals.map(d => d.deal)])).toEqual([
            ['stage-skip', 'Lead', 3, [0, 1, 2]],
            ['gate-not-met', 'Lead', 2, [2]],
            ['event-after-end', undefined, 1, [3]],
            ['stage-skip', 'Close', 1, [1]],
            ['sla-exceeded', 'Lead', 1, [0]]
        ]);
        // A deal's violations of one group stay together under it.
        expect(groups[1].deals[0].violations.map(v => v.message)).toEqual(['gate-not-met of C', 'gate-not-met of C']);
    });
});

describe('paging', () => {
    // 58,000 violations: 29,000 deals with two each, spread over 150 groups.
    const deals = Array.from({ length: 29_000 }, (_, i) => deal(`D${i}`, 2 + i * 2, [[`rule-${i % 150}`, 'Lead'], ['stage-skip', i % 2 ? 'Lead' : 'Close']]));
    const data = viewData(deals);
    const groups = groupViolations(deals);

    it('renders at most a page of groups and of deals in the open group, whatever the number of violations', () => {
        expect(groups.reduce((n, g) => n + g.count, 0)).toBe(58_000);
        expect(groups.length).toBe(152);
        const html = renderView(data, groups, initialState(600));
        expect(count(html, /<details class="group /g)).toBe(PAGE_SIZE);
        expect(count(html, /<li class="deal">/g)).toBe(PAGE_SIZE);
        expect(html).toContain('data-more="groups">Show 52 more');
        expect(html).toContain(`data-more="deals:0">Show 100 more <span class="muted">(${(14_400).toLocaleString('en-US')} not shown)`);
        expect(html.length).toBeLessThan(200_000);
    });

    it('renders the next page of a group on its own', () => {
        const page = renderGroupDeals(data, groups[0], PAGE_SIZE, 2 * PAGE_SIZE);
        expect(count(page, /<li class="deal">/g)).toBe(PAGE_SIZE);
        expect(page).toContain(`data-deal="${groups[0].deals[PAGE_SIZE].deal}"`);
    });
});

describe('links from deals to their rows', () => {
    it('links the deal to all its rows and each row to its line', () => {
        const many = { ...deal('Big', 10, [['stage-skip', 'Lead']]), lines: [10, 11, 40, 41, 42, 43, 44, 45, 46, 90] };
        const html = renderView(viewData([many]), groupViolations([many]), initialState(600));
        expect(html).toContain('<a href="#" class="deal-name" data-deal="0" title="Select its 10 rows in deals.csv">Big</a>');
        expect([...html.matchAll(/data-line="(\d+)"/g)].map(m => Number(m[1]))).toEqual([10, 11, 40, 41, 42, 43, 44, 45]);
        expect(html).toContain('<span class="muted">+2</span>');
    });
});

describe('escaping', () => {
    it('escapes every text of the data: names, titles, messages, stages, problems, files', () => {
        const evil = '<img src=x onerror=alert(1)>';
        const bad: ViewDeal = {
            deal: `<script>alert(1)</script>`, title: evil, summary: evil, outcome: { kind: 'open' }, source: { file: evil, line: 2 }, lines: [2],
            violations: [{ code: 'stage-skip', severity: 'error', date: '2026-01-01', message: `"></a>${evil}`, stage: `<b>Lead</b>` }]
        };
        const data = viewData([bad], {
            playbook: { name: evil, title: evil, stages: [{ name: '"><script>', title: evil, aliases: [] }] },
            dealsFile: evil,
            problems: [{ code: 'unknown-stage', message: evil, file: evil, line: 3, subject: `"><script>x</script>`, fix: evil, count: 1, rows: 1, lines: [3] }]
        });
        data.report!.funnel[0].stage = `<svg onload=alert(1)>`;
        data.report!.outcomes.byOutcome = { [evil]: 1 };
        const html = renderView(data, groupViolations(data.deals), initialState(600));
        expect(html).not.toMatch(/<script|<img|<b>|<svg onload|"><\/a>/);
        expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    });
});

describe('the funnel', () => {
    it('is drawn to the panel\'s width, bars in proportion to the deals, a long label shortened', () => {
        const data = viewData(Array.from({ length: 4 }, (_, i) => deal(`D${i}`, 2 + i, [])));
        data.report!.funnel[0] = { ...data.report!.funnel[0], reached: 4, advanced: 1, stage: 'Lead' };
        const stages = [{ name: 'Lead', title: '客户开发 / Development of the relationship with the customer over a long time', aliases: [] }];
        for (const width of [300, 600]) {
            const svg = renderFunnel(data.report!, stages, width);
            expect(svg).toContain(`width="${width}"`);
            expect(svg).toContain(`<rect class="reached" x="0" y="20" width="${width}"`);
            expect(svg).toContain(`<rect class="advanced" x="0" y="20" width="${width / 4}"`);
            const label = /<text class="label" x="0" y="14">([^<]+)<\/text>/.exec(svg)![1];
            expect(label.startsWith('Lead · 客户开发')).toBe(true);
            expect(label.endsWith('…')).toBe(true);
            expect(textWidth(label)).toBeLessThanOrEqual(width);
        }
    });

    it('counts a Chinese character as wide as about two Latin ones', () => {
        expect(textWidth('商务谈判')).toBeGreaterThan(textWidth('Nego') * 1.5);
    });
});

describe('when there is no report', () => {
    it('says why: most rows unusable (the problems are the answer), or an unreadable export', () => {
        const withheld = viewData([], { report: null, input: { usedRows: 10, unusableRows: 90, incompleteDeals: 0, incomplete: [] }, summary: { deals: 1, dealsWithViolations: 0, errors: 90, withheld: true, empty: false } });
        const html = renderView(withheld, [], initialState(600));
        expect(html).toContain('<strong>No report:</strong> 90 of 100 rows are unusable.');
        expect(html).not.toContain('id="funnel"');
        const fatal = viewData([], { report: null, fatal: { message: 'no column names a deal id', line: 1 } });
        expect(renderView(fatal, [], initialState(600))).toContain('no column names a deal id (<a href="#" data-line="1">1</a>)');
    });
});
