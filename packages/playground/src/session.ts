/**
 * One example open in the page: a language server in its own web worker, an LSP client, an
 * editor per file, and the panels drawn from what the server says. After each publication of
 * diagnostics (the text was checked), the diagram and the deals are asked for again; an answer
 * that a newer one overtook is dropped. Another example gets a new session (a new worker),
 * so that no name of the previous one lingers in the server's index.
 */
/// <reference lib="dom" />
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, lintKeymap } from '@codemirror/lint';
import { languageServerExtensions, LSPClient } from '@codemirror/lsp-client';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import type { Extension } from '@codemirror/state';
import { drawSelection, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import {
    DIAGRAM_REQUEST, SIMULATE_REQUEST, type DiagramParams, type DiagramResult, type SimulateParams, type SimulateResult
} from '@playbook/language/protocol';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { keywords, workerSource, type Example } from './build-inputs.js';
import { PlaygroundEditors } from './editors.js';
import { playbookLanguage } from './playbook-highlighting.js';
import { PlaygroundWorkspace } from './playground-workspace.js';
import { renderDeals, renderDealsWaiting } from './views/deals.js';
import { renderDiagram, renderDiagramWaiting } from './views/diagram.js';
import { renderProblems } from './views/problems.js';
import { startServerWorker, workerTransport } from './worker-transport.js';

export interface PlaygroundElements {
    tabs: HTMLElement;
    editors: HTMLElement;
    problems: HTMLElement;
    diagram: HTMLElement;
    deals: HTMLElement;
    status: HTMLElement;
}

/**
 * A guard against a server that never answers, not a speed limit: the first answer waits
 * for the worker to start and check the files, which on a busy machine takes seconds.
 */
const REQUEST_TIMEOUT_MS = 120_000;

interface PublishDiagnosticsParams {
    uri: string;
    diagnostics: Diagnostic[];
}

const language = playbookLanguage(keywords);

function editorExtensions(): Extension {
    return [
        lineNumbers(), highlightActiveLineGutter(), lintGutter(), history(), drawSelection(), indentOnInput(), bracketMatching(),
        closeBrackets(), autocompletion(), highlightActiveLine(), highlightSelectionMatches(),
        language, syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap, indentWithTab])
    ];
}

export class PlaygroundSession {
    private readonly worker: Worker;
    private readonly client: LSPClient;
    private readonly editors: PlaygroundEditors;
    private readonly diagnostics = new Map<string, Diagnostic[]>();
    private refreshTimer: ReturnType<typeof setTimeout> | undefined;
    private generation = 0;
    private disposed = false;

    constructor(example: Example, private readonly elements: PlaygroundElements) {
        this.setStatus('starting', 'Starting the language server…');
        renderDiagramWaiting(elements.diagram);
        renderDealsWaiting(elements.deals);
        this.worker = startServerWorker(workerSource);
        this.worker.addEventListener('error', event => this.setStatus('failed', `The language server stopped: ${event.message}`));
        this.editors = new PlaygroundEditors(elements.tabs, elements.editors);
        this.client = new LSPClient({
            timeout: REQUEST_TIMEOUT_MS,
            workspace: client => new PlaygroundWorkspace(client, uri => this.editors.show(uri)),
            notificationHandlers: {
                // Recorded for the list, then left to the client's own handler (the squiggles).
                'textDocument/publishDiagnostics': (_client, params: PublishDiagnosticsParams) => {
                    this.received(params);
                    return false;
                }
            },
            extensions: languageServerExtensions()
        }).connect(workerTransport(this.worker));
        const base = editorExtensions();
        for (const file of example.files) {
            const uri = `file:///playground/${example.id}/${file.name}`;
            this.editors.open(file.name, uri, file.text, [base, this.client.plugin(uri, 'playbook')]);
        }
        this.client.initializing.then(
            () => this.setStatus('checking', 'Checking…'),
            error => this.setStatus('failed', `The language server did not start: ${describe(error)}`));
        this.showProblems();
    }

    dispose(): void {
        this.disposed = true;
        clearTimeout(this.refreshTimer);
        this.client.disconnect();
        this.worker.terminate();
        this.editors.destroy();
    }

    private readonly reveal = (uri: string, range: Range): void => this.editors.reveal(uri, range);

    private received(params: PublishDiagnosticsParams): void {
        if (this.disposed || !this.editors.files.some(file => file.uri === params.uri)) return;
        this.diagnostics.set(params.uri, params.diagnostics);
        this.showProblems();
        clearTimeout(this.refreshTimer);
        // Diagnostics of several files come one after the other: one refresh for the lot.
        this.refreshTimer = setTimeout(() => void this.refresh(), 50);
    }

    private showProblems(): void {
        const files = this.editors.files.map(file => ({ uri: file.uri, name: file.name, diagnostics: this.diagnostics.get(file.uri) }));
        renderProblems(this.elements.problems, files, this.reveal);
        if (files.every(file => file.diagnostics !== undefined)) {
            const errors = files.reduce((sum, file) => sum + file.diagnostics!.filter(d => (d.severity ?? 1) === 1).length, 0);
            this.setStatus('ready', errors === 0 ? 'Checked: no errors' : `Checked: ${errors} error${errors === 1 ? '' : 's'}`);
        }
    }

    /** Asks for the diagram and the deals of every file, and shows them unless newer answers were asked for meanwhile. */
    private async refresh(): Promise<void> {
        const generation = ++this.generation;
        const files = this.editors.files.map(file => ({ uri: file.uri, name: file.name }));
        try {
            const [diagrams, replays] = await Promise.all([
                Promise.all(files.map(file => this.client.request<DiagramParams, DiagramResult | null>(DIAGRAM_REQUEST, { textDocument: { uri: file.uri } }))),
                Promise.all(files.map(file => this.client.request<SimulateParams, SimulateResult | null>(SIMULATE_REQUEST, { textDocument: { uri: file.uri } })))
            ]);
            if (this.disposed || generation !== this.generation) return;
            renderDiagram(this.elements.diagram, files.flatMap((file, i) => (diagrams[i] ? [{ ...file, result: diagrams[i] }] : [])), this.reveal);
            renderDeals(this.elements.deals, files.flatMap((file, i) => (replays[i] ? [{ ...file, result: replays[i] }] : [])), this.reveal);
        } catch (error) {
            if (this.disposed || generation !== this.generation) return;
            this.setStatus('failed', `The diagram and the deals could not be updated: ${describe(error)}`);
        }
    }

    private setStatus(state: string, text: string): void {
        if (this.disposed) return;
        this.elements.status.dataset.state = state;
        this.elements.status.textContent = text;
    }
}

function describe(error: unknown): string {
    if (error instanceof Error) return error.message;
    if (typeof error === 'object' && error !== null && 'message' in error) return String((error as { message: unknown }).message);
    return String(error);
}
