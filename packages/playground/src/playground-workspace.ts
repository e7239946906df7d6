/**
 * The files the language server sees: one editor each, all open at once (a deal in one file
 * follows a playbook of another, so both must stay open while either is shown). Like the
 * client's default workspace, plus a way to bring a file to the front when the server
 * points elsewhere (go to definition in another file).
 */
import { LSPPlugin, Workspace, type LSPClient, type WorkspaceFile } from '@codemirror/lsp-client';
import type { Text } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';

type WorkspaceFileUpdate = ReturnType<Workspace['syncFiles']>[number];

class PlaygroundFile implements WorkspaceFile {
    constructor(readonly uri: string, readonly languageId: string, public version: number, public doc: Text, readonly view: EditorView) {}

    getView(): EditorView {
        return this.view;
    }
}

export class PlaygroundWorkspace extends Workspace {
    files: PlaygroundFile[] = [];
    private readonly versions = new Map<string, number>();

    constructor(client: LSPClient, private readonly bringToFront: (uri: string) => EditorView | null) {
        super(client);
    }

    syncFiles(): readonly WorkspaceFileUpdate[] {
        const updates: WorkspaceFileUpdate[] = [];
        for (const file of this.files) {
            const plugin = LSPPlugin.get(file.view);
            if (!plugin || plugin.unsyncedChanges.empty) continue;
            updates.push({ file, prevDoc: file.doc, changes: plugin.unsyncedChanges });
            file.doc = file.view.state.doc;
            file.version = this.nextVersion(file.uri);
            plugin.clear();
        }
        return updates;
    }

    openFile(uri: string, languageId: string, view: EditorView): void {
        if (this.getFile(uri)) {
            throw new Error(`${uri} is already open`);
        }
        const file = new PlaygroundFile(uri, languageId, this.nextVersion(uri), view.state.doc, view);
        this.files.push(file);
        this.client.didOpen(file);
    }

    closeFile(uri: string): void {
        if (this.getFile(uri)) {
            this.files = this.files.filter(file => file.uri !== uri);
            this.client.didClose(uri);
        }
    }

    override displayFile(uri: string): Promise<EditorView | null> {
        return Promise.resolve(this.bringToFront(uri));
    }

    private nextVersion(uri: string): number {
        const version = (this.versions.get(uri) ?? -1) + 1;
        this.versions.set(uri, version);
        return version;
    }
}
