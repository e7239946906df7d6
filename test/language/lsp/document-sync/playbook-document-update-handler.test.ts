/**
 * Closing a document in the editor drops its text, saved or not: the bundled server then
 * checks the file on disk again, or forgets a document that has no file (an untitled buffer).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StdioLanguageServer } from '../stdio-language-server.js';

const playbook = readFileSync(new URL('../../../../examples/big-account.playbook', import.meta.url), 'utf8');
let folder: string;
let server: StdioLanguageServer;
const errors = (uri: string) => (server.diagnostics(uri) ?? []).filter(d => d.severity === 1).map(d => d.message);

beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'playbook-close-'));
    writeFileSync(join(folder, 'big-account.playbook'), playbook);
    writeFileSync(join(folder, 'deals.playbook'), 'deal Acme for Untitled { 2026-01-01 enter Lead }\n');
    server = await StdioLanguageServer.start(folder);
}, 30_000);
afterAll(async () => {
    await server?.stop();
    rmSync(folder, { recursive: true, force: true });
});

describe('closing a document', () => {
    it('with unsaved changes: the diagnostics are those of the file on disk again', async () => {
        const uri = pathToFileURL(join(folder, 'big-account.playbook')).toString();
        await server.open(uri, playbook.replace('requires FindGuide', 'requires Nope'));
        await server.settle([uri]);
        expect(errors(uri)).toEqual(["Playbook BigAccount has no task named 'Nope'."]);
        await server.close(uri);
        await server.settle([uri]);
        expect(errors(uri)).toEqual([]);
    }, 30_000);

    it('that has no file on disk: it leaves the workspace, and so do its names', async () => {
        const untitled = pathToFileURL(join(folder, 'untitled.playbook')).toString();
        const deals = pathToFileURL(join(folder, 'deals.playbook')).toString();
        await server.open(untitled, 'playbook Untitled { stage Lead }');
        await server.settle([untitled, deals]);
        expect(errors(deals)).toEqual([]);
        await server.close(untitled);
        await server.settle([deals]);
        expect(server.diagnostics(untitled)).toEqual([]);
        expect(errors(deals)).toEqual(["No playbook named 'Untitled' in the workspace."]);
    }, 30_000);
});
