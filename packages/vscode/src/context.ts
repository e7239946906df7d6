/**
 * The extension's state in one object (as rust-analyzer's `Ctx`): the language client over
 * IPC to the bundled server (dist/language-server.cjs), the commands, and the diagram,
 * simulation and replay webviews. The extension is a thin client: it holds no language core;
 * every diagram, export, simulation and edit comes from the server, through the requests typed
 * in `@playbook/language/protocol` (`request` below).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { DiagramPanel } from './diagram/panel.js';
import type { SimulationPanel } from './simulation/panel.js';
import { ReplayPanel } from './replay/panel.js';
import {
    COMMANDS, PLAYBOOK_COMMANDS, REPLAY_REQUEST, type ExportCommandResult, type PlaybookCommands, type PlaybookInitializationOptions,
    type PlaybookRequestMethod, type PlaybookRequests, type ReplayShown, type SeverityOverrides, type SimulationSummary
} from './protocol.js';
import { exportAsCommand, exportJsonCommand } from './commands/export-json.js';
import { simulateCommand } from './commands/simulate.js';
import { newFromTemplateCommand, type NewFromTemplateOptions } from './commands/templates.js';

/** What `activate` returns: lets tests and benchmarks see when the server was ready. */
export interface PlaybookApi {
    /** Milliseconds from `activate` to the server's `initialize` answer. */
    activationMs: number;
    client: LanguageClient;
}

export class PlaybookContext {
    readonly output: vscode.OutputChannel;
    client!: LanguageClient;
    diagram?: DiagramPanel;
    simulation?: SimulationPanel;
    replay?: ReplayPanel;

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
            outputChannelName: 'Playbook Language Server',
            middleware: {
                // A deal's code lens runs the server's `playbook.replay`; VS Code shows the timeline in a view instead of a message.
                executeCommand: (command, args, next) => (command === PLAYBOOK_COMMANDS.replay
                    ? this.showReplay(args[0] as PlaybookCommands[typeof PLAYBOOK_COMMANDS.replay]['argument'])
                    : next(command, args))
            }
        };
        return new LanguageClient('playbook', 'Playbook Language Server', serverOptions, clientOptions);
    }

    initializationOptions(): PlaybookInitializationOptions {
        const overrides = vscode.workspace.getConfiguration('playbook').get<SeverityOverrides>('severityOverrides') ?? {};
        return { severityOverrides: overrides };
    }

    /** One of the server's own requests, typed by its method; `null` when the server does not know the document. */
    async request<M extends PlaybookRequestMethod>(method: M, params: PlaybookRequests[M]['params']): Promise<PlaybookRequests[M]['result']> {
        return this.client.sendRequest(method, params);
    }

    private registerCommands(): void {
        const register = (id: string, run: (...args: any[]) => unknown) =>
            this.extension.subscriptions.push(vscode.commands.registerCommand(id, run));
        register(COMMANDS.exportJson, (uri?: vscode.Uri): Promise<ExportCommandResult | undefined> => exportJsonCommand(this, uri));
        register(COMMANDS.exportAs, (uri?: vscode.Uri, format?: string): Promise<ExportCommandResult | undefined> => exportAsCommand(this, uri, format));
        register(COMMANDS.showDiagram, (uri?: vscode.Uri) => this.showDiagram(uri));
        register(COMMANDS.simulateCsv, (deals?: vscode.Uri, playbook?: vscode.Uri): Promise<SimulationSummary | undefined> => simulateCommand(this, deals, playbook));
        register(COMMANDS.newFromTemplate, (template?: string, options?: NewFromTemplateOptions) => newFromTemplateCommand(this, template, options));
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

    /** The replay view of one deal (what its code lens opens). */
    private async showReplay(argument: PlaybookCommands[typeof PLAYBOOK_COMMANDS.replay]['argument'] | undefined): Promise<ReplayShown | undefined> {
        const uri = argument && ('textDocument' in argument ? argument.textDocument.uri : argument.uri);
        if (!argument || typeof uri !== 'string') return undefined;
        const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
        const result = await this.request(REPLAY_REQUEST, { textDocument: { uri }, deal: argument.deal });
        if (!result) {
            void vscode.window.showWarningMessage(`${fileName(document.uri)} has no deal ${argument.deal} any more.`);
            return undefined;
        }
        this.replay ??= new ReplayPanel(this, () => (this.replay = undefined));
        await this.replay.show(document, argument.deal, result);
        return { result, view: this.replay };
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

    async dispose(): Promise<void> {
        this.diagram?.dispose();
        this.simulation?.dispose();
        this.replay?.dispose();
        await this.client?.stop();
    }
}

export function fileName(uri: vscode.Uri): string {
    return uri.path.split('/').pop() ?? uri.path;
}
