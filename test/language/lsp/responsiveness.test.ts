/**
 * The language server stays responsive while it works on a large text: what the author asks
 * for is answered while the text is checked, the editor's background requests wait for the
 * check instead of delaying its diagnostics, long answers give way to other requests and stop
 * when cancelled, and a newer version of the text cancels the check of the older one.
 * Everything here is asserted by the order of the server's messages, never by their timing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StdioServer } from './stdio-server.js';

const REQUEST_CANCELLED = -32800;

/** A playbook of about a megabyte: thousands of stages, a check of a few seconds on a busy machine. */
function largePlaybook(name: string, stages = 10_000): string {
    const stage = (i: number) => `  stage S${i} "Stage ${i}" {\n    probability ${Math.min(100, i)}%\n    task T${i} required\n    gate G${i} { requires T${i} }\n  }\n`;
    return `playbook ${name} {\n  field budget: money\n${Array.from({ length: stages }, (_, i) => stage(i)).join('')}}\n`;
}

const document = (uri: string) => ({ textDocument: { uri } });

let server: StdioServer;
const small = 'file:///tmp/responsive-small.playbook';

beforeAll(async () => {
    server = await StdioServer.start();
    const checked = server.nextDiagnostics(small);
    server.open(small, 'playbook Small {\n  stage A\n  stage B\n}\n');
    await checked;
}, 30_000);

afterAll(() => server?.kill());

describe('a large text being checked', () => {
    it('answers a hover at once, and the outline, folds and colours after publishing the diagnostics', async () => {
        const uri = 'file:///tmp/responsive-open.playbook';
        const checked = server.nextDiagnostics(uri);
        server.open(uri, largePlaybook('Opened'));
        // What an editor sends with a newly opened text, then the author's hover.
        const background = ['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/semanticTokens/full', 'textDocument/codeLens']
            .map(method => ({ method, id: server.takeId() }));
        const answers = background.map(({ method, id }) => server.request(method, document(uri), id));
        const hoverId = server.takeId();
        const hover = await server.request('textDocument/hover', { ...document(uri), position: { line: 0, character: 10 } }, hoverId);
        expect(JSON.stringify(hover.result)).toContain('Opened');
        expect((await checked).diagnostics.filter(d => d.severity === 1)).toEqual([]);
        for (const answer of await Promise.all(answers)) {
            expect(answer.error).toBeUndefined();
        }
        const order = server.arrivals.filter(a => a === `answer ${hoverId}` || a === `diagnostics ${uri}` || background.some(b => a === `answer ${b.id}`));
        expect(order.slice(0, 2)).toEqual([`answer ${hoverId}`, `diagnostics ${uri}`]);
        expect(order).toHaveLength(2 + background.length);
    }, 120_000);

    it('gives way to a hover on another document while it computes the outline and folds', async () => {
        const uri = 'file:///tmp/responsive-outline.playbook';
        const checked = server.nextDiagnostics(uri);
        server.open(uri, largePlaybook('Outlined'));
        await checked;
        const symbolsId = server.takeId(), foldsId = server.takeId(), hoverId = server.takeId();
        const symbols = server.request('textDocument/documentSymbol', document(uri), symbolsId);
        const folds = server.request('textDocument/foldingRange', document(uri), foldsId);
        const hover = await server.request('textDocument/hover', { ...document(small), position: { line: 0, character: 10 } }, hoverId);
        expect(JSON.stringify(hover.result)).toContain('Small');
        expect(((await symbols).result as Array<{ children: unknown[] }>)[0].children.length).toBeGreaterThan(10_000);
        expect(((await folds).result as unknown[]).length).toBeGreaterThan(10_000);
        const order = server.arrivals.filter(a => [symbolsId, foldsId, hoverId].some(id => a === `answer ${id}`));
        expect(order[0]).toBe(`answer ${hoverId}`);
    }, 120_000);

    it('stops computing an outline the editor cancels, and says so', async () => {
        const uri = 'file:///tmp/responsive-outline.playbook';
        const id = server.takeId();
        const answer = server.request('textDocument/documentSymbol', document(uri), id);
        server.cancel(id);
        const cancelled = await answer;
        expect(cancelled).not.toHaveProperty('result');
        expect(cancelled.error?.code).toBe(REQUEST_CANCELLED);
    }, 60_000);

    it('is not checked to the end once a newer version arrives: only the newer one gets diagnostics', async () => {
        const uri = 'file:///tmp/responsive-replaced.playbook';
        const newer = server.nextDiagnostics(uri);
        server.open(uri, largePlaybook('Replaced'));
        server.change(uri, 'playbook Replaced {\n  stage A { task T required gate G { requires Missing } }\n}\n', 2);
        const published = await newer;
        expect(published.diagnostics.map(d => d.message)).toEqual([expect.stringContaining("'Missing'")]);
        const hover = await server.request('textDocument/hover', { ...document(small), position: { line: 0, character: 10 } });
        expect(hover.result).toBeTruthy();
        expect(server.notifications.filter(n => n.method === 'textDocument/publishDiagnostics' && (n.params as { uri: string }).uri === uri)).toHaveLength(1);
    }, 120_000);
});

describe('a 10 MB single-line title', () => {
    it('is reported in words at its opening quote, and the next request is answered', async () => {
        const uri = 'file:///tmp/responsive-title.playbook';
        const checked = server.nextDiagnostics(uri);
        server.open(uri, `playbook Huge {\n  title "${'x'.repeat(10 * 1024 * 1024)}"\n  stage A\n}\n`);
        const { diagnostics } = await checked;
        expect(diagnostics.map(d => [d.range.start.line, d.range.start.character, d.message])).toEqual([
            [1, 8, 'This text in quotes has 10,485,760 characters; a text in quotes holds at most 1,000,000. Shorten it.']
        ]);
        const hover = await server.request('textDocument/hover', { ...document(small), position: { line: 0, character: 10 } });
        expect(hover.result).toBeTruthy();
    }, 60_000);
});

describe('after all of that', () => {
    it('nothing in the log carries a stack trace, and the server shuts down cleanly', async () => {
        expect(server.logMessages.filter(m => /\n\s+at /.test(m))).toEqual([]);
        expect(await server.stop()).toBe(0);
    }, 30_000);
});
