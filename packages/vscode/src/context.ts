/**
 * The extension's state in one object (as rust-analyzer's `Ctx`): the language client over
 * IPC to the bundled server (dist/language-server.cjs), the commands, and the diagram and
 * simulation webviews. The language core for the commands is loaded on first use.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type * as Core from './core.js';
import { DiagramPanel } from './diagram/panel.js';
import type { SimulationPanel } from './simulation/panel.js';
import { COMMANDS, type ExportResult, type PlaybookInitializationOptions, type SeverityOverrides, type SimulationSummary } from './protocol.js';
import { exportJsonCommand } from './commands/export-json.js';
import { simulateCommand } from './commands/simulate.js';
import { newFromTemplateCommand } from './commands/templates.js';

/** What `activate` returns: lets tests and benchmarks see when the server was ready. */
export interface PlaybookApi {
    /** Milliseconds from `activate` to the server's `initialize` answer. */
    activationMs: number;
    client: LanguageClient;
}

export class PlaybookContext {
    readonly output: vscode.OutputChannel;
    client!: LanguageClient;
    private core?: typeof Core;
    diagram?: DiagramPanel;
    simulation?: SimulationPanel;

    constructor(readonly extension: vscode.ExtensionContext) {
        this.output = vscode.window.createOutputChannel('Playbook');
        extension.subscriptions.push(this.output);
    }

    async activate(): Promise<PlaybookApi> {
        const started = performance.now();
        this.registerCommands();
        this.client = this.createClient();
        await this.client.start();
        const activationMs = Math.round(performance.now() - started);
        this.output.appendLine(`Playbook language server ready in ${activationMs} ms`);
        return { activationMs, client: this.client };
    }

    private createClient(): LanguageClient {
        const module = this.extension.asAbsolutePath(path.join('dist', 'language-server.cjs'));
        const serverOptions: ServerOptions = {
            run: { module, transport: TransportKind.ipc },
            debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } }
        };
        const clientOptions: LanguageClientOptions = {
            // Untitled and virtual documents too: the server only reads the text it is sent.
            documentSelector: [{ language: 'playbook' }],
            initializationOptions: this.initializationOptions(),
            synchronize: {
                // Sends the `playbook` section on every change (workspace/didChangeConfiguration).
                configurationSection: 'playbook',
                fileEvents: vscode.workspace.createFileSystemWatcher('**/*.playbook')
            },
            outputChannelName: 'Playbook Language Server'
        };
        return new LanguageClient('playbook', 'Playbook Language Server', serverOptions, clientOptions);
    }

    initializationOptions(): PlaybookInitializationOptions {
        const overrides = vscode.workspace.getConfiguration('playbook').get<SeverityOverrides>('severityOverrides') ?? {};
        return { severityOverrides: overrides };
    }

    private registerCommands(): void {
        const register = (id: string, run: (...args: any[]) => unknown) =>
            this.extension.subscriptions.push(vscode.commands.registerCommand(id, run));
        register(COMMANDS.exportJson, (uri?: vscode.Uri): Promise<ExportResult | undefined> => exportJsonCommand(this, uri));
        register(COMMANDS.showDiagram, (uri?: vscode.Uri) => this.showDiagram(uri));
        register(COMMANDS.simulateCsv, (deals?: vscode.Uri, playbook?: vscode.Uri): Promise<SimulationSummary | undefined> => simulateCommand(this, deals, playbook));
        register(COMMANDS.newFromTemplate, (name?: string) => newFromTemplateCommand(this, name));
        register(COMMANDS.restartServer, async () => {
            await this.client.restart();
        });
    }

    private async showDiagram(uri?: vscode.Uri): Promise<DiagramPanel | undefined> {
        const document = await this.playbookDocument(uri);
        if (!document) return undefined;
        if (!this.diagram) {
            this.diagram = new DiagramPanel(this, () => (this.diagram = undefined));
        }
        await this.diagram.show(document);
        return this.diagram;
    }

    /** The language core, loaded on the first command that needs it. */
    loadCore(): typeof Core {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        this.core ??= require(this.extension.asAbsolutePath(path.join('dist', 'core.cjs'))) as typeof Core;
        return this.core;
    }

    /** The playbook document a command is about: the URI it was given, else the active editor's. */
    async playbookDocument(uri?: vscode.Uri): Promise<vscode.TextDocument | undefined> {
        if (uri instanceof vscode.Uri) {
            return vscode.workspace.openTextDocument(uri);
        }
        const editor = vscode.window.activeTextEditor;
        if (editor && editor.document.languageId === 'playbook') {
            return editor.document;
        }
        const visible = vscode.window.visibleTextEditors.find(e => e.document.languageId === 'playbook');
        if (visible) return visible.document;
        const fromDiagram = this.diagram?.document;
        if (fromDiagram) return fromDiagram;
        void vscode.window.showWarningMessage('Open a .playbook file first.');
        return undefined;
    }

    /** The text of the document and of the .playbook files beside it (a deal may follow a playbook of a sibling file). */
    async sourcesFor(document: vscode.TextDocument): Promise<{ uri: string; text: string }[]> {
        const sources = [{ uri: document.uri.toString(), text: document.getText() }];
        if (document.isUntitled) return sources;
        const folder = vscode.Uri.joinPath(document.uri, '..');
        try {
            for (const [name, type] of await vscode.workspace.fs.readDirectory(folder)) {
                if (type !== vscode.FileType.File || !name.endsWith('.playbook')) continue;
                const uri = vscode.Uri.joinPath(folder, name);
                if (uri.toString() === document.uri.toString()) continue;
                const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
                const text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
                sources.push({ uri: uri.toString(), text });
            }
        } catch {
            // A folder that cannot be listed: the document alone.
        }
        return sources;
    }

    async dispose(): Promise<void> {
        this.diagram?.dispose();
        this.simulation?.dispose();
        await this.client?.stop();
    }
}
