/**
 * A request waiting for a validated document (code actions, code lenses, the outline) is
 * answered once the document is validated, never refused because the workspace says it is
 * validated while the document is not. The server's first build reads the workspace without
 * validating it; an edit in the editor cancels it wherever it is, and the build of the edit
 * must then validate every file, the ones the cancelled build had begun too.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DocumentState, URI } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { InitializeParams } from 'vscode-languageserver';
import { createPlaybookLspServices } from '../../../packages/language/src/lsp/index.js';
import { MemoryFileSystem } from './memory-file-system.js';

const example = (name: string) => readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8');
const FOLDER = 'file:///workspace';
const FILES = ['big-account.playbook', 'big-account-deals.playbook', 'seven-step-sales.playbook'];

describe('a build cancelled by the first edit', () => {
    const cases = [DocumentState.Parsed, DocumentState.IndexedContent, DocumentState.ComputedScopes, DocumentState.Linked, DocumentState.IndexedReferences];
    it.each(cases.map(state => [DocumentState[state], state] as const))('at %s of the first file: every file is validated by the edit\'s build', async (_, state) => {
        const disk = new MemoryFileSystem();
        const uris = FILES.map(file => `${FOLDER}/${file}`);
        FILES.forEach((file, i) => disk.write(uris[i], example(file)));
        const { shared } = createPlaybookLspServices({ fileSystemProvider: () => disk });
        const builder = shared.workspace.DocumentBuilder;
        const opened = uris[0];
        let edited: Promise<void> | undefined;
        // The editor opens a file while the workspace is being read: the server's update cancels that build.
        const listener = builder.onDocumentPhase(state, document => {
            if (edited || document.uri.toString() !== uris[1]) return;
            shared.workspace.TextDocuments!.set(TextDocument.create(opened, 'playbook', 1, example(FILES[0])));
            edited = shared.workspace.WorkspaceLock.write(token => builder.update([URI.parse(opened)], [], token));
        });
        const manager = shared.workspace.WorkspaceManager;
        manager.initialize({ workspaceFolders: [{ uri: FOLDER, name: 'workspace' }] } as InitializeParams);
        await manager.initialized({});
        listener.dispose();
        expect(edited, 'the first build reached the point of the edit').toBeDefined();
        await edited;
        for (const uri of uris) {
            await expect(builder.waitUntil(DocumentState.Validated, URI.parse(uri)), uri).resolves.toBeDefined();
            expect(shared.workspace.LangiumDocuments.getDocument(URI.parse(uri))!.state, uri).toBe(DocumentState.Validated);
        }
    });
});
