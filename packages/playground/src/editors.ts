/**
 * One CodeMirror editor per file of the example, behind tabs; only the front one is shown.
 * `reveal` takes the reader to a place the server named (a diagnostic, a deal, a violation).
 */
/// <reference lib="dom" />
import { LSPPlugin } from '@codemirror/lsp-client';
import { EditorSelection, EditorState, type Extension, type Text } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import type { Position, Range } from 'vscode-languageserver-types';

export interface EditorFile {
    name: string;
    uri: string;
    view: EditorView;
    tab: HTMLButtonElement;
}

export class PlaygroundEditors {
    readonly files: EditorFile[] = [];
    private front: EditorFile | undefined;

    constructor(private readonly tabs: HTMLElement, private readonly host: HTMLElement) {}

    open(name: string, uri: string, text: string, extensions: Extension): EditorFile {
        const tab = document.createElement('button');
        tab.type = 'button';
        tab.className = 'tab';
        tab.setAttribute('role', 'tab');
        tab.textContent = name;
        tab.dataset.uri = uri;
        const container = document.createElement('div');
        container.className = 'editor';
        container.hidden = true;
        this.host.append(container);
        this.tabs.append(tab);
        const view = new EditorView({ parent: container, state: EditorState.create({ doc: text, extensions }) });
        const file = { name, uri, view, tab };
        tab.addEventListener('click', () => this.show(uri));
        this.files.push(file);
        if (!this.front) this.show(uri);
        return file;
    }

    nameOf(uri: string): string {
        return this.files.find(file => file.uri === uri)?.name ?? uri;
    }

    /** Brings a file's editor to the front. */
    show(uri: string): EditorView | null {
        const file = this.files.find(f => f.uri === uri);
        if (!file) return null;
        for (const other of this.files) {
            const isFront = other === file;
            other.view.dom.parentElement!.hidden = !isFront;
            other.tab.classList.toggle('active', isFront);
            other.tab.setAttribute('aria-selected', String(isFront));
        }
        this.front = file;
        file.view.requestMeasure();
        return file.view;
    }

    /** Shows a range the server named (in the text it last received) and selects it. */
    reveal(uri: string, range: Range): void {
        const view = this.show(uri);
        if (!view) return;
        const from = toOffset(view, range.start);
        const to = toOffset(view, range.end);
        view.dispatch({
            selection: EditorSelection.range(from, Math.max(from, to)),
            effects: EditorView.scrollIntoView(from, { y: 'center' })
        });
        view.focus();
    }

    destroy(): void {
        for (const file of this.files) {
            file.view.destroy();
            file.view.dom.parentElement?.remove();
            file.tab.remove();
        }
        this.files.length = 0;
        this.front = undefined;
    }
}

/** An LSP position in the server's text, as an offset in the editor's text, past the edits the server has not seen yet. */
function toOffset(view: EditorView, position: Position): number {
    const plugin = LSPPlugin.get(view);
    if (!plugin) return clamp(view.state.doc, position);
    return plugin.unsyncedChanges.mapPos(clamp(plugin.syncedDoc, position));
}

function clamp(doc: Text, position: Position): number {
    const line = doc.line(Math.min(Math.max(position.line + 1, 1), doc.lines));
    return line.from + Math.min(Math.max(position.character, 0), line.length);
}
