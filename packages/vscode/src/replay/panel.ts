/**
 * A deal's replay, opened by its code lens: one webview beside the editor with the deal's
 * timeline through the stages of its playbook, its violations and its events (the server's
 * `playbook/replay`), each linked to its line; redrawn as the deal's document changes. The
 * page has a strict CSP with a nonce and receives only HTML whose every text was escaped.
 */
import * as vscode from 'vscode';
import { fileName, type PlaybookContext } from '../context.js';
import { escapeHtml, makeNonce, webviewPage } from '../html.js';
import { REPLAY_REQUEST, type FromReplayWebview, type ReplayResult, type ReplayViewHandle, type ToReplayWebview } from '../protocol.js';
import { REPLAY_STYLE, renderReplay } from './render.js';

const REDRAW_DELAY_MS = 150;

const SCRIPT = `
const vscode = acquireVsCodeApi();
window.addEventListener('message', event => {
  const message = event.data;
  if (message && message.type === 'render') {
    document.getElementById('replay').innerHTML = message.html; // built by the extension, every text escaped
    document.title = message.title;
  }
});
document.addEventListener('click', event => {
  const link = event.target instanceof Element ? event.target.closest('a[data-range]') : null;
  if (!link) return;
  event.preventDefault();
  const [line, character, endLine, endCharacter] = link.getAttribute('data-range').split(',').map(Number);
  vscode.postMessage({ type: 'reveal', line, character, endLine, endCharacter });
});
vscode.postMessage({ type: 'ready' });
`;

export class ReplayPanel implements ReplayViewHandle {
    static readonly viewType = 'playbook.replay';
    readonly panel: vscode.WebviewPanel;
    document?: vscode.TextDocument;
    deal = '';
    html = '';
    renders = 0;
    private readonly disposables: vscode.Disposable[] = [];
    private timer?: NodeJS.Timeout;
    private ready = false;
    private pending?: ToReplayWebview;
    private version = 0;

    constructor(private readonly context: PlaybookContext, onDispose: () => void) {
        this.panel = vscode.window.createWebviewPanel(ReplayPanel.viewType, 'Replay', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
            enableScripts: true,
            localResourceRoots: []
        });
        this.panel.iconPath = vscode.Uri.joinPath(context.extension.extensionUri, 'images', 'icon.png');
        this.panel.webview.html = webviewPage({
            nonce: makeNonce(), cspSource: this.panel.webview.cspSource, title: 'Replay', style: REPLAY_STYLE,
            body: '<main id="replay"><p class="note">Replaying…</p></main>', script: SCRIPT
        });
        this.disposables.push(
            this.panel.webview.onDidReceiveMessage((message: FromReplayWebview) => this.receive(message)),
            vscode.workspace.onDidChangeTextDocument(event => {
                if (event.document === this.document) this.schedule();
            }),
            this.panel.onDidDispose(() => {
                clearTimeout(this.timer);
                for (const d of this.disposables.splice(0)) d.dispose();
                onDispose();
            })
        );
    }

    /** Shows `deal` of `document`, with the replay the server just gave. */
    async show(document: vscode.TextDocument, deal: string, result: ReplayResult): Promise<void> {
        this.document = document;
        this.deal = deal;
        this.version++;
        this.render(result);
        this.panel.reveal(undefined, true);
    }

    async receive(message: FromReplayWebview): Promise<void> {
        switch (message.type) {
            case 'ready':
                // Also when a hidden panel is shown again: the webview starts over.
                this.ready = true;
                if (this.pending) await this.panel.webview.postMessage(this.pending);
                return;
            case 'reveal': {
                if (!this.document) return;
                const range = new vscode.Range(message.line, message.character, message.endLine, message.endCharacter);
                const editor = await vscode.window.showTextDocument(this.document, { viewColumn: vscode.ViewColumn.One, selection: range });
                editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
                return;
            }
        }
    }

    private schedule(): void {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.redraw(), REDRAW_DELAY_MS);
    }

    /** The deal replayed again from the current text; a slower, older answer never overwrites a newer one. */
    private async redraw(): Promise<void> {
        const document = this.document;
        if (!document) return;
        const version = ++this.version;
        let result: ReplayResult | null = null;
        let failure: string | undefined;
        try {
            result = await this.context.request(REPLAY_REQUEST, { textDocument: { uri: document.uri.toString() }, deal: this.deal });
        } catch (error) {
            failure = error instanceof Error ? error.message : String(error);
        }
        if (version !== this.version) return;
        if (result) {
            this.render(result);
        } else {
            this.post(`<div class="banner error">${escapeHtml(failure ? `The deal could not be replayed: ${failure}` : `${fileName(document.uri)} has no deal ${this.deal} any more.`)}</div>`);
        }
    }

    private render(result: ReplayResult): void {
        this.post(renderReplay(result, this.document ? fileName(this.document.uri) : ''));
    }

    private post(html: string): void {
        this.html = html;
        this.renders++;
        this.panel.title = `Replay: ${this.deal}`;
        const message: ToReplayWebview = { type: 'render', title: this.panel.title, html };
        this.pending = message;
        if (this.ready) void this.panel.webview.postMessage(message);
    }

    /** A command's result may be sent on as JSON: the panel is its deal there. */
    toJSON(): { deal: string } {
        return { deal: this.deal };
    }

    dispose(): void {
        this.panel.dispose();
    }
}
