/**
 * "Playbook: Show Pipeline Diagram": one webview beside the editor that follows the active
 * playbook and redraws as the author types (debounced). The page has a strict CSP with a
 * nonce, loads nothing remote, and receives only HTML whose every text was escaped.
 */
import * as vscode from 'vscode';
import type { PlaybookContext } from '../context.js';
import { escapeHtml, makeNonce, webviewPage } from '../html.js';
import type { FromDiagramWebview, ToDiagramWebview } from '../protocol.js';
import { DIAGRAM_STYLE } from '@playbook/language/diagram-html';

const REDRAW_DELAY_MS = 150;

const SCRIPT = `
const vscode = acquireVsCodeApi();
window.addEventListener('message', event => {
  const message = event.data;
  if (message && message.type === 'render') {
    document.getElementById('diagram').innerHTML = message.html; // built by the extension, every text escaped
    document.title = message.title;
  }
});
vscode.postMessage({ type: 'ready' });
`;

export class DiagramPanel {
    static readonly viewType = 'playbook.diagram';
    readonly panel: vscode.WebviewPanel;
    document?: vscode.TextDocument;
    /** The stage names last drawn: what tests check. */
    stages: string[] = [];
    renders = 0;
    private readonly disposables: vscode.Disposable[] = [];
    private timer?: NodeJS.Timeout;
    private ready = false;
    private pending?: ToDiagramWebview;
    private version = 0;

    constructor(private readonly context: PlaybookContext, onDispose: () => void) {
        this.panel = vscode.window.createWebviewPanel(DiagramPanel.viewType, 'Pipeline', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
            enableScripts: true,
            localResourceRoots: [],
            retainContextWhenHidden: false
        });
        this.panel.iconPath = vscode.Uri.joinPath(context.extension.extensionUri, 'images', 'icon.png');
        const nonce = makeNonce();
        this.panel.webview.html = webviewPage({
            nonce, cspSource: this.panel.webview.cspSource, title: 'Pipeline', style: DIAGRAM_STYLE,
            body: '<main id="diagram"><p class="empty">Drawing…</p></main>', script: SCRIPT
        });
        this.disposables.push(
            this.panel.webview.onDidReceiveMessage((message: FromDiagramWebview) => {
                if (message.type === 'ready') {
                    this.ready = true;
                    if (this.pending) void this.panel.webview.postMessage(this.pending);
                }
            }),
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

    async show(document: vscode.TextDocument, reveal = true): Promise<void> {
        this.document = document;
        if (reveal) this.panel.reveal(vscode.ViewColumn.Beside, true);
        await this.redraw();
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
        try {
            const drawn = await this.context.loadCore().diagramHtml(document.getText());
            html = drawn.html;
            stages = drawn.stages;
        } catch (error) {
            html = `<p class="problems">The diagram could not be drawn: ${escapeHtml(String(error instanceof Error ? error.message : error))}</p>`;
        }
        if (version !== this.version) return;
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
