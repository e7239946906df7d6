/**
 * The standalone server with this repository's layout as its workspace root, as an editor
 * opens it: the VS Code extension's templates (copies of the examples, with the same names)
 * are not workspace files, so the examples report no duplicates; with a list of exclusions
 * that reads them, each duplicate says where the other declaration is and links to it.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { StdioServer, type Diagnostics } from '../lsp/stdio-server.js';
import { StdioLanguageServer } from '../lsp/stdio-language-server.js';

const examples = resolve(__dirname, '../../../examples');
const folders: string[] = [];
const servers: StdioServer[] = [];

afterEach(async () => {
    await Promise.all(servers.splice(0).map(server => server.stop()));
});
afterAll(() => folders.forEach(folder => rmSync(folder, { recursive: true, force: true })));

/** The examples, and the extension's templates made from them by the build. */
function repository(): string {
    const root = mkdtempSync(join(tmpdir(), 'playbook-roots-'));
    folders.push(root);
    for (const [path, name] of [
        ['examples/big-account.playbook', 'big-account.playbook'],
        ['examples/big-account-deals.playbook', 'big-account-deals.playbook'],
        ['packages/vscode/templates/big-account.playbook', 'big-account.playbook']
    ]) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), readFileSync(join(examples, name)));
    }
    return root;
}

async function start(root: string, settings?: unknown): Promise<StdioServer> {
    const server = await StdioServer.start(
        {
            rootUri: pathToFileURL(root).href,
            workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'playbook' }],
            capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true } }, workspace: { configuration: settings !== undefined } }
        },
        { 'workspace/configuration': params => (params as { items: Array<{ section?: string }> }).items.map(item => (item.section === 'playbook' ? settings : null)) }
    );
    servers.push(server);
    return server;
}

/** Opens a file of the workspace as an editor does; resolves with its diagnostics. */
async function openAndCheck(server: StdioServer, root: string, path: string): Promise<Diagnostics> {
    const uri = pathToFileURL(join(root, path)).href;
    const published = server.nextDiagnostics(uri);
    server.open(uri, readFileSync(join(root, path), 'utf8'));
    return published;
}

describe('a workspace root that holds the extension\'s templates', () => {
    it('reports no duplicates in the examples: the templates are not read', async () => {
        const root = repository();
        const server = await start(root);
        const published = await openAndCheck(server, root, 'examples/big-account.playbook');
        expect(published.diagnostics.filter(d => d.code === 'duplicate-name')).toEqual([]);
        // The deals of the other file still find their playbook.
        const deals = await openAndCheck(server, root, 'examples/big-account-deals.playbook');
        expect(deals.diagnostics.filter(d => d.severity === 1 && d.code !== 'gate-not-met')).toEqual([]);
    });

    it('with playbook.workspace.exclude emptied, names the template beside each duplicate and links it', async () => {
        const root = repository();
        const server = await start(root, { workspace: { exclude: [] } });
        const published = await openAndCheck(server, root, 'examples/big-account.playbook');
        const duplicate = published.diagnostics.find(d => d.code === 'duplicate-name')!;
        expect(duplicate.message).toMatch(/^Another playbook named 'BigAccount' is declared in \.\.\/packages\/vscode\/templates\/big-account\.playbook \(line \d+\)\.$/);
        expect(duplicate.relatedInformation).toEqual([{
            location: { uri: pathToFileURL(join(root, 'packages/vscode/templates/big-account.playbook')).href, range: expect.objectContaining({ start: expect.objectContaining({ character: 9 }) }) },
            message: "'BigAccount' is also declared here"
        }]);
    });

    it('checks a template opened in the editor, and forgets it when it is closed', async () => {
        const root = repository();
        const server = await StdioLanguageServer.start(root);
        try {
            const example = pathToFileURL(join(root, 'examples/big-account.playbook')).href;
            const template = pathToFileURL(join(root, 'packages/vscode/templates/big-account.playbook')).href;
            const duplicates = (uri: string) => (server.diagnostics(uri) ?? []).filter(d => d.code === 'duplicate-name').map(d => d.message);
            await server.open(example, readFileSync(join(root, 'examples/big-account.playbook'), 'utf8'));
            await server.open(template, readFileSync(join(root, 'packages/vscode/templates/big-account.playbook'), 'utf8'));
            await server.settle([example, template]);
            expect(duplicates(template)).toEqual(["Another playbook named 'BigAccount' is declared in ../../../examples/big-account.playbook (line 12)."]);
            await server.close(template);
            await server.settle([example]);
            expect(server.diagnostics(template)).toEqual([]);
            expect(duplicates(example)).toEqual([]);
        } finally {
            await server.stop();
        }
    });
});
