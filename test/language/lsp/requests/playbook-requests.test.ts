/**
 * The server's own requests over stdio, as any editor sends them: `playbook/diagram` draws the
 * pipelines of a document, `playbook/simulate` replays its deals as `playbook simulate` does;
 * both answer for the text last received, once it is checked.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiagramResult, SimulateResult } from '../../../../packages/language/src/lsp/protocol/playbook-requests.js';
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

async function ask<T>(method: string, uri: string): Promise<T> {
    const answer = await server.request(method, { textDocument: { uri } });
    expect(answer.error).toBeUndefined();
    return answer.result as T;
}

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

describe('both requests', () => {
    it.each(['playbook/diagram', 'playbook/simulate'])('%s answers null for a document the server never saw, and -32602 for malformed params', async method => {
        expect(await server.request(method, { textDocument: { uri: 'file:///never/opened.playbook' } })).toMatchObject({ result: null });
        const malformed = await server.request(method, { textDocument: {} });
        expect(malformed.error).toMatchObject({ code: -32602, message: `${method}: params.textDocument.uri is missing.` });
    });
});
