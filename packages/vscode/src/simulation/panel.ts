/**
 * The simulation report panel: one webview beside the editor that shows the last
 * simulation. The page has a strict CSP with a nonce and runs one script of the extension
 * (dist/simulation-webview.js), which renders the plain data it is posted; the panel turns
 * the reader's actions into editor actions: a deal's rows selected in the export, an alias
 * added to the playbook (the server's `playbook/aliasEdit`, laid out by the formatter,
 * applied as a WorkspaceEdit), the simulation run again.
 */
import * as vscode from 'vscode';
import type { PlaybookContext } from '../context.js';
import { makeNonce, webviewPage } from '../html.js';
import { ALIAS_EDIT_REQUEST, type FromSimulationWebview, type RenderedReport, type SimulationViewHandle, type ToSimulationWebview } from '../protocol.js';
import { SIMULATION_STYLE } from './style.js';
import type { SimulationViewData } from './view-data.js';

/** What the panel shows and acts on. */
export interface SimulationShown {
    data: SimulationViewData;
    /** The CRM export the deals were read from. */
    deals: vscode.Uri;
    /** The playbook's document and name: where "add alias" writes. */
    playbook: { uri: vscode.Uri; name: string };
}

export class SimulationPanel implements SimulationViewHandle {
    static readonly viewType = 'playbook.simulation';
    readonly panel: vscode.WebviewPanel;
    run = 0;
    private shown?: SimulationShown;
    private ready = false;
    private last?: RenderedReport;
    private readonly waiting: Array<{ run: number; resolve: (info: RenderedReport) => void }> = [];
    private readonly disposables: vscode.Disposable[] = [];

    constructor(private readonly context: PlaybookContext, private readonly rerun: (shown: SimulationShown) => Promise<unknown>, onDispose: () => void) {
        const scripts = vscode.Uri.joinPath(context.extension.extensionUri, 'dist');
        this.panel = vscode.window.createWebviewPanel(SimulationPanel.viewType, 'Simulation', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
            enableScripts: true,
            localResourceRoots: [scripts]
        });
        this.panel.iconPath = vscode.Uri.joinPath(context.extension.extensionUri, 'images', 'icon.png');
        const nonce = makeNonce();
        this.panel.webview.html = webviewPage({
            nonce, cspSource: this.panel.webview.cspSource, title: 'Simulation', style: SIMULATION_STYLE,
            body: '<main id="app"><p class="note">Simulating…</p></main>',
            scriptUri: this.panel.webview.asWebviewUri(vscode.Uri.joinPath(scripts, 'simulation-webview.js')).toString()
        });
        this.disposables.push(
            this.panel.webview.onDidReceiveMessage((message: FromSimulationWebview) => this.receive(message)),
            this.panel.onDidDispose(() => {
                for (const d of this.disposables.splice(0)) d.dispose();
                onDispose();
            })
        );
    }

    show(shown: SimulationShown): void {
        this.shown = shown;
        this.run++;
        this.panel.title = `Simulation: ${shown.data.dealsFile}`;
        this.post({ type: 'show', run: this.run, data: shown.data });
        // Where it is: "Beside" the active group would open a third group when the report itself is active.
        this.panel.reveal(undefined, true);
    }

    rendered(run = this.run): Promise<RenderedReport> {
        if (this.last && this.last.run >= run) return Promise.resolve(this.last);
        return new Promise(resolve => this.waiting.push({ run, resolve }));
    }

    async receive(message: FromSimulationWebview): Promise<void> {
        switch (message.type) {
            case 'ready':
                // Also when a hidden panel is shown again: the webview starts over.
                this.ready = true;
                if (this.shown) this.post({ type: 'show', run: this.run, data: this.shown.data });
                return;
            case 'rendered':
                this.last = message.info;
                for (const waiter of this.waiting.filter(w => w.run <= message.info.run)) {
                    this.waiting.splice(this.waiting.indexOf(waiter), 1);
                    waiter.resolve(message.info);
                }
                return;
            case 'openRows':
                return this.openRows(message.lines);
            case 'addAlias':
                return this.addAlias(message.name, message.stage);
            case 'rerun':
                if (!this.shown) return;
                this.post({ type: 'running', running: true });
                try {
                    await this.rerun(this.shown);
                } finally {
                    this.post({ type: 'running', running: false });
                }
                return;
        }
    }

    /** The export beside the report, with every given row selected. */
    private async openRows(lines: readonly number[]): Promise<void> {
        if (!this.shown || lines.length === 0) return;
        const editor = await vscode.window.showTextDocument(this.shown.deals, { viewColumn: vscode.ViewColumn.One, preview: true });
        const last = editor.document.lineCount - 1;
        const selections = lines.map(line => Math.min(Math.max(0, line - 1), last))
            .map(line => new vscode.Selection(line, 0, line, editor.document.lineAt(line).text.length));
        editor.selections = selections;
        editor.revealRange(selections[0], vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }

    /** `alias "name"` added to a stage (the one chosen in the view, or one picked now). */
    private async addAlias(name: string, chosen?: string): Promise<void> {
        const shown = this.shown;
        if (!shown) return;
        const stages = shown.data.playbook.stages;
        const stage = chosen ?? (await vscode.window.showQuickPick(
            stages.map(s => ({ label: s.name, description: s.title, detail: s.aliases.length ? `alias ${s.aliases.map(a => `"${a}"`).join(', ')}` : undefined, stage: s.name })),
            { title: `Add alias "${name}" to which stage of ${shown.playbook.name}?`, matchOnDescription: true, matchOnDetail: true }
        ))?.stage;
        if (!stage) return;
        const document = await vscode.workspace.openTextDocument(shown.playbook.uri);
        const version = document.version;
        const result = await this.context.request(ALIAS_EDIT_REQUEST, { textDocument: { uri: document.uri.toString() }, playbook: shown.playbook.name, stage, alias: name });
        if (!result || result.kind === 'problem') {
            void vscode.window.showWarningMessage(result?.message ?? `The language server has not read ${document.uri.path.split('/').pop()}.`);
            return;
        }
        if (document.version !== version) {
            void vscode.window.showWarningMessage(`${document.uri.path.split('/').pop()} changed meanwhile: click "Add alias" again.`);
            return;
        }
        const range = new vscode.Range(result.edit.range.start.line, result.edit.range.start.character, result.edit.range.end.line, result.edit.range.end.character);
        const edit = new vscode.WorkspaceEdit();
        edit.replace(document.uri, range, result.edit.newText, { label: `Add alias "${name}" to ${stage}`, needsConfirmation: false });
        if (!(await vscode.workspace.applyEdit(edit))) {
            void vscode.window.showWarningMessage(`The alias could not be added to ${document.uri.path.split('/').pop()}.`);
            return;
        }
        // The alias selected, in view (the edit is not saved: the author reviews it).
        const quoted = `"${name.replace(/["\\]/g, '\\$&')}"`;
        const written = document.getText().indexOf(quoted, document.offsetAt(range.start));
        const selection = written >= 0 ? new vscode.Range(document.positionAt(written), document.positionAt(written + quoted.length)) : range.with({ end: range.start });
        await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preserveFocus: true, selection });
        this.post({ type: 'aliasAdded', name, stage });
    }

    private post(message: ToSimulationWebview): void {
        // Before the script is ready a message could be lost: `ready` (re)sends what is shown.
        if (this.ready) void this.panel.webview.postMessage(message);
    }

    /** A command's result may be logged or sent on as JSON: the panel is its run number there. */
    toJSON(): { run: number } {
        return { run: this.run };
    }

    dispose(): void {
        this.panel.dispose();
    }
}
