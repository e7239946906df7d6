/**
 * "Playbook: Show Pipeline Diagram": one webview beside the editor that follows the active
 * playbook and redraws as the author types (debounced). The drawing and its stylesheet are
 * the language server's answer to `playbook/diagram`. The page has a strict CSP with a
 * nonce, loads nothing remote but the extension's script (dist/diagram-webview.js, which
 * fits the drawing to the panel's width), and receives only HTML whose every text was
 * escaped. A click on the drawing selects that place in the text; the export buttons save
 * the drawing as SVG or PNG.
 */
import * as vscode from 'vscode';
import type { PlaybookContext } from '../context.js';
import { escapeHtml, makeNonce, webviewPage } from '../html.js';
import { DIAGRAM_REQUEST, type DiagramResult, type FromDiagramWebview, type ToDiagramWebview } from '../protocol.js';
import { revealInDocument, saveExport } from './diagram-actions.js';

const REDRAW_DELAY_MS = 150;

export class DiagramPanel {
    static readonly viewType = 'playbook.diagram';
    readonly panel: vscode.WebviewPanel;
    document?: vscode.TextDocument;
    /** The stage names last drawn: what tests check. */
    stages: string[] = [];
    renders = 0;
    /** Where the last export was saved: what tests check. */
    lastExport?: vscode.Uri;
    private readonly disposables: vscode.Disposable[] = [];
    private readonly scripts: vscode.Uri;
    private timer?: NodeJS.Timeout;
    private ready = false;
    private style = '';
    private pending?: ToDiagramWebview;
    private version = 0;

    constructor(private readonly context: PlaybookContext, onDispose: () => void) {
        this.scripts = vscode.Uri.joinPath(context.extension.extensionUri, 'dist');
        this.panel = vscode.window.createWebviewPanel(DiagramPanel.viewType, 'Pipeline', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
            enableScripts: true,
            localResourceRoots: [this.scripts],
            retainContextWhenHidden: false
        });
        this.panel.iconPath = vscode.Uri.joinPath(context.extension.extensionUri, 'images', 'icon.png');
        this.setPage('', '<p class="empty">Drawing…</p>');
        this.disposables.push(
            this.panel.webview.onDidReceiveMessage((message: FromDiagramWebview) => void this.receive(message)),
            vscode.workspace.onDidChangeTextDocument(event => {
                if (event.document === this.document) this.schedule();
            }),
            vscode.window.onDidChangeActiveTextEditor(editor => {
                if (editor && editor.document.languageId === 'playbook' && editor.document !== this.document) {
                    void this.show(editor.document, false);
                }
            }),
            this.panel.onDidDispose(() => {
                this.disposeListeners();
                onDispose();
            })
        );
    }

    /** The page with the server's stylesheet (set again only when the server's changes, e.g. after a restart). */
    private setPage(style: string, body: string): void {
        this.style = style;
        this.ready = false;
        this.panel.webview.html = webviewPage({
            nonce: makeNonce(), cspSource: this.panel.webview.cspSource, title: 'Pipeline', style,
            body: `<main id="diagram">${body}</main>`,
            scriptUri: this.panel.webview.asWebviewUri(vscode.Uri.joinPath(this.scripts, 'diagram-webview.js')).toString()
        });
    }

    async show(document: vscode.TextDocument, reveal = true): Promise<void> {
        this.document = document;
        if (reveal) this.panel.reveal(vscode.ViewColumn.Beside, true);
        await this.redraw();
    }

    /** Handles a message of the webview (what its clicks and buttons send); tests call it too, `target` skipping the save dialog. */
    async receive(message: FromDiagramWebview, target?: vscode.Uri): Promise<unknown> {
        if (message.type === 'ready') {
            this.ready = true;
            if (this.pending) void this.panel.webview.postMessage(this.pending);
        } else if (message.type === 'reveal' && this.document) {
            return revealInDocument(this.document, message, this.panel.viewColumn);
        } else if (message.type === 'save' && this.document) {
            this.lastExport = await saveExport(this.document, message, target) ?? this.lastExport;
            return this.lastExport;
        }
        return undefined;
    }

    private schedule(): void {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.redraw(), REDRAW_DELAY_MS);
    }

    /** Draws the current text; a slower, older draw never overwrites a newer one. */
    async redraw(): Promise<void> {
        const document = this.document;
        if (!document) return;
        const version = ++this.version;
        let html: string;
        let stages: string[] = [];
        let style = this.style;
        try {
            const drawn: DiagramResult | null = await this.context.request(DIAGRAM_REQUEST, { textDocument: { uri: document.uri.toString() } });
            html = drawn?.html ?? '<p class="problems">The language server has not read this file.</p>';
            stages = drawn?.playbooks.flatMap(playbook => playbook.stages.map(stage => stage.name)) ?? [];
            style = drawn?.style ?? style;
        } catch (error) {
            html = `<p class="problems">The diagram could not be drawn: ${escapeHtml(String(error instanceof Error ? error.message : error))}</p>`;
        }
        if (version !== this.version) return;
        if (style !== this.style) this.setPage(style, html);
        const name = document.uri.path.split('/').pop() ?? 'playbook';
        this.panel.title = `Pipeline: ${name}`;
        this.stages = stages;
        this.renders++;
        const message: ToDiagramWebview = { type: 'render', title: this.panel.title, html };
        this.pending = message;
        if (this.ready) await this.panel.webview.postMessage(message);
    }

    private disposeListeners(): void {
        clearTimeout(this.timer);
        for (const d of this.disposables.splice(0)) d.dispose();
    }

    dispose(): void {
        this.panel.dispose();
    }
}
