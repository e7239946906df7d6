/**
 * The files the language server reads from a workspace folder: every `.playbook` except under
 * the excluded folders (by default dependencies, build output and the VS Code extension's
 * templates, which repeat the examples' names), as set by `playbook.workspace.exclude`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { InitializeParams } from 'vscode-languageserver';
import { createPlaybookLspServices } from '../../../packages/language/src/lsp/index.js';
import { DEFAULT_WORKSPACE_EXCLUDE, type PlaybookWorkspaceManager } from '../../../packages/language/src/workspace/playbook-workspace-manager.js';

const roots: string[] = [];
afterAll(() => roots.forEach(root => rmSync(root, { recursive: true, force: true })));

/** A folder laid out like this repository after a build. */
function repository(): string {
    const root = mkdtempSync(join(tmpdir(), 'playbook-workspace-'));
    roots.push(root);
    const files: Record<string, string> = {
        'examples/big-account.playbook': 'playbook BigAccount { stage Lead }',
        'examples/big-account-deals.playbook': 'deal Acme for BigAccount { 2026-01-01 enter Lead }',
        'packages/vscode/templates/big-account.playbook': 'playbook BigAccount { stage Lead }',
        'packages/vscode/templates/customer-funnel.playbook': 'playbook Funnel { stage Lead }',
        'node_modules/some-package/copy.playbook': 'playbook BigAccount { stage Lead }',
        'packages/language/out/copy.playbook': 'playbook BigAccount { stage Lead }',
        'dist/copy.playbook': 'playbook BigAccount { stage Lead }',
        '.git/copy.playbook': 'playbook BigAccount { stage Lead }',
        'drafts/old.playbook': 'playbook Draft { stage Lead }',
        'templates/mine.playbook': 'playbook Mine { stage Lead }'
    };
    for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
    }
    return root;
}

async function openWorkspace(root: string, settings?: unknown) {
    const services = createPlaybookLspServices(NodeFileSystem);
    const shared = services.shared;
    const manager = shared.workspace.WorkspaceManager as PlaybookWorkspaceManager;
    if (settings !== undefined) {
        // As an editor answering the configuration request: the settings are there when the workspace is read.
        shared.workspace.ConfigurationProvider.updateConfiguration({ settings: { playbook: settings } });
    }
    manager.initialize({ workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'repo' }] } as InitializeParams);
    await shared.workspace.ConfigurationProvider.initialized({});
    await manager.initialized({});
    const loaded = (): string[] => shared.workspace.LangiumDocuments.all.map(d => d.uri.path.slice(URI.file(root).path.length + 1)).toArray().sort();
    const duplicates = (path: string): string[] => (shared.workspace.LangiumDocuments.getDocument(URI.file(join(root, path)))?.diagnostics ?? [])
        .filter(d => d.code === 'duplicate-name').map(d => (typeof d.message === 'string' ? d.message : d.message.value));
    return { shared, manager, loaded, duplicates };
}

describe('the workspace the server reads', () => {
    it('leaves out dependencies, build output and the extension\'s templates by default', async () => {
        const { loaded, duplicates, manager } = await openWorkspace(repository());
        expect(manager.exclude).toEqual(DEFAULT_WORKSPACE_EXCLUDE);
        expect(loaded()).toEqual([
            'drafts/old.playbook',
            'examples/big-account-deals.playbook',
            'examples/big-account.playbook',
            'templates/mine.playbook'
        ]);
        expect(duplicates('examples/big-account.playbook')).toEqual([]);
    });

    it('follows playbook.workspace.exclude from the start', async () => {
        const { loaded } = await openWorkspace(repository(), { workspace: { exclude: ['drafts', '**/templates'] } });
        expect(loaded()).toEqual([
            'dist/copy.playbook',
            'examples/big-account-deals.playbook',
            'examples/big-account.playbook',
            'node_modules/some-package/copy.playbook',
            'packages/language/out/copy.playbook'
        ]);
    });

    it('drops and reads files when the setting changes, and keeps a file open in the editor', async () => {
        const root = repository();
        const { shared, manager, loaded, duplicates } = await openWorkspace(root);
        const draft = URI.file(join(root, 'drafts/old.playbook'));
        shared.workspace.TextDocuments!.set(TextDocument.create(draft.toString(), 'playbook', 1, 'playbook Draft { stage Lead }'));

        await manager.setExclude(['drafts', 'examples/*-deals.playbook']);
        expect(loaded()).toEqual([
            'dist/copy.playbook',
            'drafts/old.playbook',
            'examples/big-account.playbook',
            'node_modules/some-package/copy.playbook',
            'packages/language/out/copy.playbook',
            'packages/vscode/templates/big-account.playbook',
            'packages/vscode/templates/customer-funnel.playbook',
            'templates/mine.playbook'
        ]);
        // Read again, the template's copy of the name is a duplicate, and says where it is.
        expect(duplicates('examples/big-account.playbook')).toContain("Another playbook named 'BigAccount' is declared in ../dist/copy.playbook (line 1).");

        await manager.setExclude(undefined);
        expect(manager.exclude).toEqual(DEFAULT_WORKSPACE_EXCLUDE);
        expect(loaded()).toEqual(['drafts/old.playbook', 'examples/big-account-deals.playbook', 'examples/big-account.playbook', 'templates/mine.playbook']);
        expect(duplicates('examples/big-account.playbook')).toEqual([]);
    });

    it.each([
        ['packages/vscode/templates/a.playbook', true],
        ['packages/vscode/templates', true],
        ['x/node_modules/y/a.playbook', true],
        ['examples/a.playbook', false],
        ['templates/a.playbook', false],
        ['outline/a.playbook', false]
    ])('excludes %s: %s', async (path, excluded) => {
        const root = repository();
        const { manager } = await openWorkspace(root);
        expect(manager.isExcluded(URI.file(join(root, path)))).toBe(excluded);
    });

    it('has the defaults the VS Code extension declares for the setting', () => {
        const manifest = JSON.parse(readFileSync(resolve(__dirname, '../../../packages/vscode/package.json'), 'utf8'));
        expect(manifest.contributes.configuration.properties['playbook.workspace.exclude'].default).toEqual(DEFAULT_WORKSPACE_EXCLUDE);
    });
});
