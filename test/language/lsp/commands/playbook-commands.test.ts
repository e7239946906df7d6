/**
 * The server's commands over stdio, as Neovim, Emacs or Helix run them
 * (`workspace/executeCommand`): each answers with its request's answer, takes the request's
 * params (or a URI) as its one argument, and with `write: true` writes the result beside the
 * playbook and asks the editor to open it.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
    DiagramCommandResult, ExportResult, ReplayResult, SimulateDealsResult, SimulateResult, Written
} from '../../../../packages/language/src/lsp/protocol/playbook-requests.js';
import { StdioServer } from '../stdio-server.js';

const root = resolve(__dirname, '../../../..');
const folder = mkdtempSync(join(tmpdir(), 'playbook-commands-'));
for (const name of ['big-account.playbook', 'big-account-deals.playbook']) copyFileSync(resolve(root, 'examples', name), join(folder, name));
const playbookFile = join(folder, 'big-account.playbook');
const dealsFile = join(folder, 'big-account-deals.playbook');
const playbookUri = pathToFileURL(playbookFile).toString();
const dealsUri = pathToFileURL(dealsFile).toString();
const crmExport = resolve(root, 'test/fixtures/crm/big-account-history.csv');

/** One server that can open documents (`window/showDocument`), one that cannot. */
let showing: StdioServer;
let plain: StdioServer;

async function started(capabilities: Record<string, unknown>): Promise<StdioServer> {
    const server = await StdioServer.start({ capabilities: { textDocument: { publishDiagnostics: {} }, ...capabilities } });
    const checked = Promise.all([server.nextDiagnostics(playbookUri), server.nextDiagnostics(dealsUri)]);
    server.open(playbookUri, readFileSync(playbookFile, 'utf8'));
    server.open(dealsUri, readFileSync(dealsFile, 'utf8'));
    await checked;
    return server;
}

beforeAll(async () => {
    [showing, plain] = await Promise.all([started({ window: { showDocument: { support: true } } }), started({})]);
}, 60_000);

afterAll(() => {
    showing?.kill();
    plain?.kill();
    rmSync(folder, { recursive: true, force: true });
});

async function run<T>(server: StdioServer, command: string, argument: unknown): Promise<T> {
    const answer = await server.request('workspace/executeCommand', { command, arguments: [argument] });
    expect(answer.error).toBeUndefined();
    return answer.result as T;
}

function cli(...args: string[]): string {
    return spawnSync(process.execPath, [resolve(root, 'packages/cli/bin/playbook.cjs'), ...args], { cwd: root, encoding: 'utf8' }).stdout;
}

describe('the commands a generic editor runs', () => {
    it('are advertised in the capabilities', () => {
        expect(plain.capabilities.executeCommandProvider).toEqual({
            commands: ['playbook.export', 'playbook.diagram', 'playbook.simulate', 'playbook.simulateDeals', 'playbook.replay']
        });
    });

    it('playbook.export answers as playbook/export, the document named by its URI alone', async () => {
        const exported = await run<ExportResult>(plain, 'playbook.export', { uri: playbookUri, format: 'mermaid' });
        expect(exported.content).toBe(cli('export', 'examples/big-account.playbook', '--format', 'mermaid'));
        const request = await plain.request('playbook/export', { textDocument: { uri: playbookUri }, format: 'mermaid' });
        expect(exported).toEqual(request.result);
        expect(await run<ExportResult>(plain, 'playbook.export', playbookUri)).toMatchObject({ format: 'json', playbooks: ['BigAccount'] });
        expect(await run<ExportResult>(plain, 'playbook.export', { uri: playbookFile })).toMatchObject({ format: 'json', playbooks: ['BigAccount'] });
    });

    it('playbook.diagram gives the Mermaid text, or a whole HTML page with its stylesheet and no script', async () => {
        const mermaid = await run<DiagramCommandResult>(plain, 'playbook.diagram', { textDocument: { uri: playbookUri } });
        expect(mermaid).toMatchObject({ format: 'mermaid', playbooks: ['BigAccount'], problems: [] });
        expect(mermaid.content).toBe(cli('export', 'examples/big-account.playbook', '--format', 'mermaid'));
        const page = await run<DiagramCommandResult>(plain, 'playbook.diagram', { uri: playbookUri, format: 'html' });
        expect(page.content).toMatch(/^<!DOCTYPE html>/);
        expect(page.content).toContain('<title>大客户销售 / Big-account sales</title>');
        expect([...page.content.matchAll(/data-stage="([^"]+)"/g)].map(m => m[1])).toEqual(['Development', 'Initiation', 'Proposal', 'Bidding', 'Negotiation', 'Implementation']);
        expect(page.content).toContain('<style>');
        expect(page.content).not.toMatch(/<script|https?:\/\//);
    });

    it('playbook.simulate and playbook.simulateDeals replay the deals of a file, or of a CRM export with its report in words', async () => {
        const written = await run<SimulateResult>(plain, 'playbook.simulate', { uri: dealsUri });
        expect(written.deals.map(d => d.deal)).toEqual([...readFileSync(dealsFile, 'utf8').matchAll(/^deal (\S+)/gm)].map(m => m[1]));
        const report = await run<SimulateDealsResult>(plain, 'playbook.simulateDeals', { uri: playbookUri, deals: { uri: pathToFileURL(crmExport).toString() } });
        expect(report.kind).toBe('report');
        expect(report.kind === 'report' && report.text).toContain('BigAccount: 10 deals, as of 2026-04-25');
    });

    it('playbook.replay, as a code lens runs it, also shows the timeline as a message', async () => {
        const lenses = (await plain.request('textDocument/codeLens', { textDocument: { uri: dealsUri } })).result as Array<{ command: { command: string; arguments: unknown[] } }>;
        const lens = lenses[0].command;
        expect(lens.command).toBe('playbook.replay');
        const seen = plain.notifications.length;
        const replay = await run<ReplayResult>(plain, lens.command, lens.arguments[0]);
        expect(replay.replay.deal).toBe('CityMetro');
        const message = await plain.waitFor(() => plain.notifications.slice(seen).find(n => n.method === 'window/showMessage')?.params as { message: string } | undefined, 'the timeline message');
        expect(message.message).toBe(replay.text);
        expect(message.message).toMatch(/^CityMetro: Won in \d+ days\n {2}Development +2026-01-05 → 2026-01-26 {2}21 days/);
    });
});

describe('write: true', () => {
    it('writes the export beside the playbook and asks the editor to open it', async () => {
        const exported = await run<ExportResult & Written>(showing, 'playbook.export', { uri: playbookUri, format: 'markdown', write: true });
        const target = join(folder, 'big-account.md');
        expect(exported.written).toBe(pathToFileURL(target).toString());
        expect(readFileSync(target, 'utf8')).toBe(exported.content);
        const shown = await showing.waitFor(() => showing.serverRequests.find(r => r.method === 'window/showDocument' && (r.params as { uri: string }).uri === exported.written), 'window/showDocument');
        expect(shown.params).toEqual({ uri: exported.written, takeFocus: true });
    });

    it('asks for a diagram page to be opened in a browser', async () => {
        const page = await run<DiagramCommandResult & Written>(showing, 'playbook.diagram', { uri: playbookUri, format: 'html', write: true });
        const shown = await showing.waitFor(() => showing.serverRequests.find(r => r.method === 'window/showDocument' && (r.params as { uri: string }).uri === page.written), 'window/showDocument');
        expect(shown.params).toEqual({ uri: pathToFileURL(join(folder, 'big-account.html')).toString(), takeFocus: true, external: true });
    });

    it('tells an editor that cannot open documents where the file is', async () => {
        const seen = plain.notifications.length;
        const page = await run<DiagramCommandResult & Written>(plain, 'playbook.diagram', { uri: playbookUri, format: 'html', write: true });
        const target = join(folder, 'big-account.html');
        expect(readFileSync(target, 'utf8')).toBe(page.content);
        const message = await plain.waitFor(() => plain.notifications.slice(seen).find(n => n.method === 'window/showMessage')?.params as { message: string } | undefined, 'a message');
        expect(message.message).toBe(`Wrote ${target}`);
        expect(plain.serverRequests.some(r => r.method === 'window/showDocument')).toBe(false);
    });

    it('writes a simulation\'s report as <name>.simulation.txt, and nothing when nothing was exported', async () => {
        await run(plain, 'playbook.simulateDeals', { uri: playbookUri, deals: { uri: pathToFileURL(crmExport).toString() }, write: true });
        expect(readFileSync(join(folder, 'big-account.simulation.txt'), 'utf8')).toContain('Simulation of');
        const nothing = await run<ExportResult & Written>(plain, 'playbook.export', { uri: dealsUri, write: true });
        expect(nothing).toMatchObject({ content: null });
        expect(nothing.written).toBeUndefined();
        expect(existsSync(join(folder, 'big-account-deals.json'))).toBe(false);
    });
});

describe('a command that cannot run', () => {
    it.each([
        ['playbook.export', undefined, 'playbook.export: the argument is missing.'],
        ['playbook.export', { uri: playbookUri, format: 'pdf' }, 'playbook.export: the argument.format must be one of "json", "mermaid", "markdown", not "pdf".'],
        ['playbook.diagram', { uri: playbookUri, format: 'svg' }, 'playbook.diagram: the argument.format must be "mermaid" or "html".'],
        ['playbook.export', { uri: playbookUri, write: 'yes' }, 'playbook.export: the argument.write must be true or false.'],
        ['playbook.replay', { uri: dealsUri }, 'playbook.replay: the argument.deal is missing.'],
        ['playbook.replay', { uri: dealsUri, deal: 'Nobody' }, `playbook.replay: ${dealsUri} has no deal Nobody.`],
        ['playbook.export', { uri: 'file:///never/opened.playbook' },
            'playbook.export: the server has not read file:///never/opened.playbook; open it in the editor, or open the folder that holds it.']
    ])('%s %j is refused with -32602 and a sentence', async (command, argument, message) => {
        const answer = await plain.request('workspace/executeCommand', { command, arguments: argument === undefined ? [] : [argument] });
        expect(answer.error).toMatchObject({ code: -32602, message });
    });
});
