/**
 * "Playbook: Show Pipeline Diagram": one webview beside the editor that follows the active
 * playbook and redraws as the author types (debounced). The page has a strict CSP with a
 * nonce, loads nothing remote but the extension's script (dist/diagram-webview.js, which
 * fits the drawing to the panel's width), and receives only HTML whose every text was
 * escaped. A click on the drawing selects that place in the text; the export buttons save
 * the drawing as SVG or PNG.
 */
import * as vscode from 'vscode';
import type { PlaybookContext } from '../context.js';
import { escapeHtml, makeNonce, webviewPage } from '../html.js';
import type { FromDiagramWebview, ToDiagramWebview } from '../protocol.js';
import { DIAGRAM_STYLE } from '@playbook/model/diagram-html';
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
    private timer?: NodeJS.Timeout;
    private ready = false;
    private pending?: ToDiagramWebview;
    private version = 0;

    constructor(private readonly context: PlaybookContext, onDispose: () => void) {
        const scripts = vscode.Uri.joinPath(context.extension.extensionUri, 'dist');
        this.panel = vscode.window.createWebviewPanel(DiagramPanel.viewType, 'Pipeline', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
            enableScripts: true,
            localResourceRoots: [scripts],
            retainContextWhenHidden: false
        });
        this.panel.iconPath = vscode.Uri.joinPath(context.extension.extensionUri, 'images', 'icon.png');
        const nonce = makeNonce();
        this.panel.webview.html = webviewPage({
            nonce, cspSource: this.panel.webview.cspSource, title: 'Pipeline', style: DIAGRAM_STYLE,
            body: '<main id="diagram"><p class="empty">Drawing…</p></main>',
            scriptUri: this.panel.webview.asWebviewUri(vscode.Uri.joinPath(scripts, 'diagram-webview.js')).toString()
        });
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
