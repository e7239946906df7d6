/**
 * "Playbook: Simulate Deals from CSV…": replays a CRM export (CSV, JSON, JSON Lines) against a
 * playbook of the active file and shows the report view beside it (funnel, conversion,
 * days in stage, the input's problems and the violations grouped by rule and stage, each
 * deal linked to its rows). "Run again" in the view replays with the playbook as it is now.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlaybookContext } from '../context.js';
import type { SimulationSummary } from '../protocol.js';
import { SimulationPanel, type SimulationShown } from '../simulation/panel.js';
import type { SimulationRequest, SimulationViewData } from '../simulation/view-data.js';

/** Deals with violations written to the output channel (the view has them all). */
const DEALS_LOGGED = 20;

/**
 * Where the view's data comes from: the language core in the extension host today. The one
 * place to change when the language server answers simulations.
 */
function simulationData(context: PlaybookContext, request: SimulationRequest): Promise<SimulationViewData> {
    return context.loadCore().simulationData(request);
}

export async function simulateCommand(context: PlaybookContext, dealsArg?: vscode.Uri, playbookUri?: vscode.Uri): Promise<SimulationSummary | undefined> {
    const document = await context.playbookDocument(playbookUri);
    if (!document) return undefined;
    const deals = dealsArg instanceof vscode.Uri ? dealsArg : await chooseDeals(document);
    if (!deals) return undefined;
    const shown = await simulate(context, document, deals);
    if (!shown) return undefined;
    const view = context.simulation ??= new SimulationPanel(context, again => rerun(context, again), () => (context.simulation = undefined));
    view.show(shown);
    const { data } = shown;
    return {
        deals: data.summary.deals, dealsWithViolations: data.summary.dealsWithViolations,
        report: data.report ? context.loadCore().reportText(data.report) : '', view
    };
}

/** Replays `deals` against a playbook of `document` (asking which one when it has several). */
async function simulate(context: PlaybookContext, document: vscode.TextDocument, deals: vscode.Uri, playbookName?: string): Promise<SimulationShown | undefined> {
    const core = context.loadCore();
    const { playbooks, errors } = await core.playbookModels(await context.sourcesFor(document));
    if (playbooks.length === 0) {
        void vscode.window.showWarningMessage('This file declares no playbook to simulate against.');
        return undefined;
    }
    if (errors.length > 0) {
        void vscode.window.showErrorMessage(`Fix the ${errors.length} error${errors.length === 1 ? '' : 's'} of this file first (line ${errors[0].line}: ${errors[0].message}).`);
        return undefined;
    }
    const playbook = playbooks.find(p => p.name === playbookName) ?? (playbooks.length === 1 ? playbooks[0]
        : (await vscode.window.showQuickPick(playbooks.map(p => ({ label: p.name, description: p.title, playbook: p })), { title: 'Simulate against which playbook?' }))?.playbook);
    if (!playbook) return undefined;
    const bytes = await vscode.workspace.fs.readFile(deals);
    const name = deals.path.split('/').pop() ?? 'deals';
    const data = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Simulating ${name}…` },
        () => simulationData(context, { playbook, deals: { name, bytes } }));
    log(context, deals, data);
    return { data, deals, playbook: { uri: document.uri, name: playbook.name } };
}

async function rerun(context: PlaybookContext, shown: SimulationShown): Promise<void> {
    const document = await vscode.workspace.openTextDocument(shown.playbook.uri);
    const again = await simulate(context, document, shown.deals, shown.playbook.name);
    if (again) context.simulation?.show(again);
}

function log(context: PlaybookContext, deals: vscode.Uri, data: SimulationViewData): void {
    const where = deals.scheme === 'file' ? deals.fsPath : deals.toString();
    const out = context.output;
    out.appendLine(`Simulation of ${where} against ${data.playbook.name}`);
    if (data.fatal) out.appendLine(`${where}${data.fatal.line !== undefined ? `:${data.fatal.line}` : ''}: ${data.fatal.message}`);
    for (const problem of data.problems) {
        out.appendLine(`${where}${problem.line !== undefined ? `:${problem.line}` : ''}: ${problem.message} (${problem.rows} row${problem.rows === 1 ? '' : 's'})${problem.fix ? `; fix: ${problem.fix}` : ''}`);
    }
    if (data.report) out.appendLine(context.loadCore().reportText(data.report).trimEnd());
    for (const deal of data.deals.slice(0, DEALS_LOGGED)) {
        out.appendLine(`${where}:${deal.source.line}: ${deal.deal}: ${deal.violations.map(v => `${v.date} ${v.message}`).join('; ')}`);
    }
    if (data.summary.dealsWithViolations > DEALS_LOGGED) {
        out.appendLine(`… and ${data.summary.dealsWithViolations - DEALS_LOGGED} more deals with violations (in the report view)`);
    }
}

async function chooseDeals(document: vscode.TextDocument): Promise<vscode.Uri | undefined> {
    const configured = vscode.workspace.getConfiguration('playbook', document.uri).get<string>('simulation.dealsFile')?.trim();
    if (configured) {
        if (path.isAbsolute(configured)) return vscode.Uri.file(configured);
        const folder = vscode.workspace.getWorkspaceFolder(document.uri) ?? vscode.workspace.workspaceFolders?.[0];
        if (folder) return vscode.Uri.joinPath(folder.uri, configured);
    }
    const picked = await vscode.window.showOpenDialog({
        title: 'Simulate deals from a CRM export', openLabel: 'Simulate', canSelectMany: false,
        filters: { 'CRM exports': ['csv', 'json', 'jsonl', 'ndjson'], 'All files': ['*'] }
    });
    return picked?.[0];
}
