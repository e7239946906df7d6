/**
 * The server's own requests over stdio, as any editor sends them: `playbook/diagram` draws the
 * pipelines of a document, `playbook/simulate` replays its deals as `playbook simulate` does,
 * `playbook/export` writes what `playbook export` writes, `playbook/simulateDeals` reports on a
 * CRM export as `playbook simulate --deals` does, `playbook/replay` gives a deal's timeline,
 * `playbook/aliasEdit` the simulation report's "Add alias" and `playbook/newPlaybook` a
 * playbook from a template; all answer for the text last received, once it is checked.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
    AliasEditResult, DiagramResult, ExportResult, NewPlaybookResult, ReplayResult, SimulateDealsResult, SimulateResult
} from '../../../../packages/language/src/lsp/protocol/playbook-requests.js';
import { StdioServer } from '../stdio-server.js';

const root = resolve(__dirname, '../../../..');
const playbookFile = resolve(root, 'examples/big-account.playbook');
const dealsFile = resolve(root, 'examples/big-account-deals.playbook');
const playbookUri = pathToFileURL(playbookFile).toString();
const dealsUri = pathToFileURL(dealsFile).toString();
const scratchUri = 'file:///scratch/requests.playbook';

let server: StdioServer;

beforeAll(async () => {
    server = await StdioServer.start();
    const checked = Promise.all([server.nextDiagnostics(playbookUri), server.nextDiagnostics(dealsUri)]);
    server.open(playbookUri, readFileSync(playbookFile, 'utf8'));
    server.open(dealsUri, readFileSync(dealsFile, 'utf8'));
    await checked;
}, 60_000);

afterAll(() => server?.kill());

async function ask<T>(method: string, uri: string, params: Record<string, unknown> = {}): Promise<T> {
    const answer = await server.request(method, { textDocument: { uri }, ...params });
    expect(answer.error).toBeUndefined();
    return answer.result as T;
}

const cliBin = resolve(root, 'packages/cli/bin/playbook.cjs');
/** What the command line prints for these arguments (run in the repository). */
function cli(...args: string[]): string {
    const run = spawnSync(process.execPath, [cliBin, ...args], { cwd: root, encoding: 'utf8' });
    if (run.error) throw run.error;
    return run.stdout;
}
const crmExport = resolve(root, 'test/fixtures/crm/big-account-history.csv');

/** Replaces the scratch document's text and waits until it is checked. */
let version = 0;
async function write(text: string): Promise<void> {
    const checked = server.nextDiagnostics(scratchUri);
    if (version === 0) server.open(scratchUri, text, ++version);
    else server.change(scratchUri, text, ++version);
    await checked;
}

describe('playbook/diagram', () => {
    it('draws the stages of the example in order, with the model they were drawn from', async () => {
        const stages = [...readFileSync(playbookFile, 'utf8').matchAll(/^\s*stage\s+(\w+)/gm)].map(m => m[1]);
        const diagram = await ask<DiagramResult>('playbook/diagram', playbookUri);
        expect(diagram.playbooks.map(p => p.name)).toEqual(['BigAccount']);
        expect(diagram.playbooks[0].stages.map(s => s.name)).toEqual(stages);
        expect([...diagram.html.matchAll(/data-stage="([^"]+)"/g)].map(m => m[1])).toEqual(stages);
        expect(diagram.html).toContain('客户开发 / Development');
        expect(diagram.style).toContain('svg.pipeline .card');
        expect(diagram.problems).toEqual([]);
    });

    it('says where the syntax errors are and draws what could be read', async () => {
        await write('playbook P {\n  stage A { probability 10% }\n  stage B { probability }\n}\n');
        const diagram = await ask<DiagramResult>('playbook/diagram', scratchUri);
        expect(diagram.problems.length).toBeGreaterThan(0);
        expect(diagram.problems[0].range.start.line).toBe(2);
        expect(diagram.html).toContain('data-stage="A"');
        expect(diagram.html).toContain('syntax error');
    });

    it('draws a file of deals as one without a playbook', async () => {
        const diagram = await ask<DiagramResult>('playbook/diagram', dealsUri);
        expect(diagram.playbooks).toEqual([]);
        expect(diagram.html).toContain('declares no playbook');
    });
});

describe('playbook/simulate', () => {
    it('replays the deals of a file as `playbook simulate` does, each with its place', async () => {
        const cli = spawnSync(process.execPath, [resolve(root, 'packages/cli/bin/playbook.cjs'), 'simulate', dealsFile, '--format', 'json'], { encoding: 'utf8' });
        const expected = (JSON.parse(cli.stdout) as { deals: Array<{ deal: string; summary: string; outcome: unknown; visits: unknown }> }).deals;
        const replayed = await ask<SimulateResult>('playbook/simulate', dealsUri);
        expect(replayed.deals.map(d => [d.deal, d.summary, d.outcome, d.visits])).toEqual(expected.map(d => [d.deal, d.summary, d.outcome, d.visits]));
        const lines = readFileSync(dealsFile, 'utf8').split('\n');
        for (const deal of replayed.deals) {
            const { line, character } = deal.range.start;
            expect(lines[line].slice(character, character + deal.deal.length)).toBe(deal.deal);
            expect(deal.playbook).toBe('BigAccount');
        }
    });

    it('places each violation on the event that caused it', async () => {
        await write([
            'playbook P {',
            '  field ok: bool',
            '  stage A { gate G { when ok } }',
            '  stage B { }',
            '}',
            'deal Rushed for P {',
            '  2026-06-01 enter A',
            '  2026-06-02 enter B',
            '}',
            ''
        ].join('\n'));
        const [deal] = (await ask<SimulateResult>('playbook/simulate', scratchUri)).deals;
        expect(deal.deal).toBe('Rushed');
        expect(deal.outcome).toEqual({ kind: 'open', stage: 'B' });
        expect(deal.violations.map(v => [v.code, v.date, v.range.start.line])).toEqual([['gate-not-met', '2026-06-02', 7]]);
    });

    it('says why a deal cannot be replayed', async () => {
        await write('deal Orphan for Missing {\n  2026-06-01 enter A\n}\n');
        const [deal] = (await ask<SimulateResult>('playbook/simulate', scratchUri)).deals;
        expect(deal).toMatchObject({ deal: 'Orphan', playbook: 'Missing', summary: "Cannot replay: playbook 'Missing' is missing or has errors", violations: [] });
        expect(deal.outcome).toBeUndefined();
    });
});

describe('playbook/export', () => {
    it.each(['json', 'mermaid', 'markdown'])('writes what `playbook export --format %s` writes', async format => {
        const exported = await ask<ExportResult>('playbook/export', playbookUri, { format });
        expect(exported).toMatchObject({ format, playbooks: ['BigAccount'], errors: [] });
        expect(exported.content).toBe(cli('export', 'examples/big-account.playbook', '--format', format));
        expect(exported.extension).toBe({ json: '.json', mermaid: '.mmd', markdown: '.md' }[format]);
    });

    it('exports JSON by default, and with the deals of the workspace as `--with-deals` does with those beside it', async () => {
        expect((await ask<ExportResult>('playbook/export', playbookUri)).format).toBe('json');
        const withDeals = await ask<ExportResult>('playbook/export', playbookUri, { withDeals: true });
        expect(withDeals.content).toBe(cli('export', 'examples/big-account.playbook', '--with-deals'));
        expect(JSON.parse(withDeals.content!).deals.length).toBeGreaterThan(0);
    });

    it('refuses a playbook with errors, naming each; a deal\'s violation never stops it', async () => {
        await write('playbook P {\n  stage A { gate G { requires Missing } }\n}\n');
        const refused = await ask<ExportResult>('playbook/export', scratchUri);
        expect(refused.content).toBeNull();
        expect(refused.errors).toEqual([expect.objectContaining({ uri: scratchUri, code: 'unresolved-reference', range: expect.objectContaining({ start: { line: 1, character: 30 } }) })]);
        await write('playbook P {\n  field ok: bool\n  stage A { gate G { when ok } }\n  stage B\n}\ndeal Rushed for P {\n  2026-06-01 enter A\n  2026-06-02 enter B\n}\n');
        const exported = await ask<ExportResult>('playbook/export', scratchUri);
        expect(exported.errors).toEqual([]);
        expect(JSON.parse(exported.content!).playbook.name).toBe('P');
    });

    it('exports nothing from a file without a playbook', async () => {
        expect(await ask<ExportResult>('playbook/export', dealsUri)).toMatchObject({ content: null, playbooks: [], errors: [] });
    });
});

describe('playbook/simulateDeals', () => {
    it('reports on a CRM export as `playbook simulate --deals` does: figures, problems, deals', async () => {
        const expected = JSON.parse(cli('simulate', 'examples/big-account.playbook', '--deals', crmExport, '--format', 'json')) as {
            reports: unknown[]; summary: { deals: number; dealsWithViolations: number }; problems: Array<{ code: string; subject?: string; rows: number; lines: number[] }>;
        };
        const answer = await ask<SimulateDealsResult>('playbook/simulateDeals', playbookUri, { deals: { uri: pathToFileURL(crmExport).toString() } });
        if (answer.kind !== 'report') throw new Error(JSON.stringify(answer));
        expect(answer.report.report).toEqual(expected.reports[0]);
        expect(answer.report.summary).toMatchObject({ deals: expected.summary.deals, dealsWithViolations: expected.summary.dealsWithViolations });
        expect(answer.report.problems.map(p => [p.code, p.subject, p.rows, p.lines])).toEqual(expected.problems.map(p => [p.code, p.subject, p.rows, p.lines]));
        expect(answer.report.playbook.stages.map(s => s.name)).toEqual(['Development', 'Initiation', 'Proposal', 'Bidding', 'Negotiation', 'Implementation']);
        expect(answer.text).toContain(`${crmExport}:18: `);
        expect(answer.text).toContain('BigAccount: 10 deals, as of 2026-04-25: 0 won, 2 ended (2 Lost), 8 open');
    });

    it('judges as of the given day and skips late starts as `--as-of` and `--late-start skip` do; counts incomplete deals as the CLI does', async () => {
        const expected = JSON.parse(cli('simulate', 'examples/big-account.playbook', '--deals', crmExport, '--format', 'json', '--as-of', '2026-06-30', '--late-start', 'skip')) as {
            reports: unknown[]; summary: { deals: number; dealsWithViolations: number }; input: unknown;
        };
        const answer = await ask<SimulateDealsResult>('playbook/simulateDeals', playbookUri, { deals: { uri: pathToFileURL(crmExport).toString() }, asOf: '2026-06-30', lateStart: 'skip' });
        if (answer.kind !== 'report') throw new Error(JSON.stringify(answer));
        expect(answer.report.report).toEqual(expected.reports[0]);
        expect(answer.report.report?.asOf).toBe('2026-06-30');
        expect(answer.report.summary).toMatchObject({ deals: expected.summary.deals, dealsWithViolations: expected.summary.dealsWithViolations });
        expect(answer.report.input).toEqual(expected.input);
    });

    it('takes the export\'s content as text or base64 (an editor\'s unsaved buffer, a virtual workspace)', async () => {
        const bytes = readFileSync(crmExport);
        const fromText = await ask<SimulateDealsResult>('playbook/simulateDeals', playbookUri, { deals: { name: 'history.csv', text: bytes.toString('utf8') } });
        const fromBytes = await ask<SimulateDealsResult>('playbook/simulateDeals', playbookUri, { deals: { name: 'history.csv', base64: bytes.toString('base64') } });
        expect(fromText.kind).toBe('report');
        expect(fromBytes).toEqual(fromText);
        if (fromText.kind === 'report') expect(fromText.report.dealsFile).toBe('history.csv');
    });

    it('asks which playbook when the document declares several, and says why it simulates nothing', async () => {
        await write('playbook P { stage A }\nplaybook Q { title "Second" stage B }\n');
        const deals = { name: 'h.csv', text: 'Opportunity,Stage,Date\nX,A,2026-01-01\n' };
        expect(await ask<SimulateDealsResult>('playbook/simulateDeals', scratchUri, { deals })).toEqual({
            kind: 'choosePlaybook', playbooks: [{ name: 'P' }, { name: 'Q', title: 'Second' }]
        });
        expect(await ask<SimulateDealsResult>('playbook/simulateDeals', scratchUri, { deals, playbook: 'Q' })).toMatchObject({ kind: 'report' });
        expect(await ask<SimulateDealsResult>('playbook/simulateDeals', scratchUri, { deals, playbook: 'R' })).toMatchObject({ kind: 'notSimulated', reason: 'no-playbook' });
        expect(await ask<SimulateDealsResult>('playbook/simulateDeals', dealsUri, { deals })).toMatchObject({ kind: 'notSimulated', reason: 'no-playbook' });
        expect(await ask<SimulateDealsResult>('playbook/simulateDeals', playbookUri, { deals: { uri: 'file:///no/such/export.csv' } })).toEqual({
            kind: 'notSimulated', reason: 'unreadable-deals', message: 'The deals file /no/such/export.csv could not be read: there is no such file.'
        });
        await write('playbook P {\n  stage A { gate G { requires Missing } }\n}\n');
        const refused = await ask<SimulateDealsResult>('playbook/simulateDeals', scratchUri, { deals });
        expect(refused).toMatchObject({ kind: 'notSimulated', reason: 'errors' });
        expect(refused.kind === 'notSimulated' && refused.message).toMatch(/^Fix the 1 error of requests\.playbook first \(line 2: /);
    });
});

describe('playbook/replay', () => {
    it('gives a deal\'s timeline through every stage of its playbook, its events and violations at their places', async () => {
        const replayed = await ask<SimulateResult>('playbook/simulate', dealsUri);
        const withViolation = replayed.deals.find(d => d.violations.length > 0) ?? replayed.deals[0];
        const answer = await ask<ReplayResult>('playbook/replay', dealsUri, { deal: withViolation.deal });
        expect(answer.replay).toEqual(withViolation);
        expect(answer.stages.map(s => s.name)).toEqual(['Development', 'Initiation', 'Proposal', 'Bidding', 'Negotiation', 'Implementation']);
        expect(answer.stages.flatMap(s => s.visits)).toEqual(expect.arrayContaining(withViolation.visits));
        const lines = readFileSync(dealsFile, 'utf8').split('\n');
        for (const event of answer.events) {
            expect(lines[event.range.start.line]).toContain(`${event.date} ${event.text.split(' ')[0]}`);
        }
        const development = answer.stages[0];
        expect(lines[development.entered[0]!.start.line]).toMatch(/enter Development/);
        expect(answer.text.split('\n')[0]).toBe(`${withViolation.deal}: ${withViolation.summary}`);
    });

    it('answers null for a deal the document does not have', async () => {
        expect(await ask<ReplayResult | null>('playbook/replay', dealsUri, { deal: 'Nobody' })).toBeNull();
    });
});

describe('playbook/aliasEdit', () => {
    it('gives the edit that adds a CRM\'s name to a stage, as the formatter lays it out', async () => {
        const answer = await ask<AliasEditResult>('playbook/aliasEdit', playbookUri, { playbook: 'BigAccount', stage: 'Proposal', alias: 'Perception Analysis' });
        if (answer.kind !== 'edit') throw new Error(answer.message);
        const lines = readFileSync(playbookFile, 'utf8').split('\n');
        const { start, end } = answer.edit.range;
        expect(start.line).toBe(end.line);
        const line = lines[start.line];
        expect(line.slice(0, start.character) + answer.edit.newText + line.slice(end.character)).toBe('    alias "Id. Decision Makers", "Proposal/Price Quote", "Perception Analysis"');
        expect(await ask<AliasEditResult>('playbook/aliasEdit', playbookUri, { playbook: 'BigAccount', stage: 'Proposal', alias: 'proposal/price quote' }))
            .toEqual({ kind: 'problem', message: '"proposal/price quote" already names stage Proposal.' });
    });
});

describe('playbook/newPlaybook', () => {
    const template = readFileSync(resolve(root, 'examples/seven-step-sales.playbook'), 'utf8');

    it('gives the template\'s stages under the new name, without its example deals', async () => {
        const answer = await server.request('playbook/newPlaybook', { template, name: 'MyProcess' });
        const created = answer.result as NewPlaybookResult;
        if (created.kind !== 'created') throw new Error(JSON.stringify(created));
        expect(created.playbook).toBe('SevenStepSales');
        expect(created.text).toMatch(/^playbook MyProcess \{$/m);
        expect(created.text).not.toMatch(/^\s*deal |SevenStepSales/m);
        expect(created.text).toContain('title "七步销售法 / Seven-step sales process"');
        const uri = 'file:///scratch/my-process.playbook';
        const checked = server.nextDiagnostics(uri);
        server.open(uri, created.text);
        expect((await checked).diagnostics.filter(d => d.severity === 1)).toEqual([]);
    });

    it.each([
        ['has space', "'has space' is not a valid name"],
        ['stage', "'stage' is a keyword"],
        ['BigAccount', 'A playbook named BigAccount already exists (in big-account.playbook): choose another name.'],
        ['CityMetro', 'A deal named CityMetro already exists (in big-account-deals.playbook)']
    ])('refuses the name %s', async (name, message) => {
        const answer = (await server.request('playbook/newPlaybook', { template, name })).result as NewPlaybookResult;
        expect(answer.kind).toBe('invalid-name');
        expect(answer.kind === 'invalid-name' && answer.message).toContain(message);
    });
});

describe('every request about a document', () => {
    it.each(['playbook/diagram', 'playbook/simulate', 'playbook/export', 'playbook/replay'])('%s answers null for a document the server never saw, and -32602 for malformed params', async method => {
        expect(await server.request(method, { textDocument: { uri: 'file:///never/opened.playbook' }, deal: 'X' })).toMatchObject({ result: null });
        const malformed = await server.request(method, { textDocument: {} });
        expect(malformed.error).toMatchObject({ code: -32602, message: `${method}: params.textDocument.uri is missing.` });
    });

    it.each([
        ['playbook/export', { format: 'pdf' }, 'params.format must be one of "json", "mermaid", "markdown", not "pdf"'],
        ['playbook/simulateDeals', { deals: {} }, 'params.deals must have a uri, a text or a base64'],
        ['playbook/simulateDeals', { deals: { uri: 'file:///x.csv' }, asOf: '25 April' }, 'params.asOf must be a date YYYY-MM-DD, not "25 April"'],
        ['playbook/replay', {}, 'params.deal is missing'],
        ['playbook/aliasEdit', { playbook: 'BigAccount', stage: 'Proposal' }, 'params.alias is missing']
    ])('%s refuses malformed params with -32602: %j', async (method, params, problem) => {
        const answer = await server.request(method, { textDocument: { uri: playbookUri }, ...params });
        expect(answer.error).toMatchObject({ code: -32602, message: `${method}: ${problem}.` });
    });
});
