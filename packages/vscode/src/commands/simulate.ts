/**
 * "Playbook: Simulate Deals from CSV…": replays a CRM export (CSV, JSON, JSON Lines) against a
 * playbook of the active file and shows the aggregate report (funnel, conversion, win rate,
 * cycle times, violations, forecast) in a webview, with the deals that broke the process,
 * each linked to its row in the export.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlaybookContext } from '../context.js';
import type { SimulationOutcome } from '../core.js';
import { escapeHtml as e, makeNonce, webviewPage } from '../html.js';
import type { SimulationSummary } from '../protocol.js';

export async function simulateCommand(context: PlaybookContext, dealsArg?: vscode.Uri, playbookUri?: vscode.Uri): Promise<SimulationSummary | undefined> {
    const document = await context.playbookDocument(playbookUri);
    if (!document) return undefined;
    const deals = dealsArg instanceof vscode.Uri ? dealsArg : await chooseDeals(document);
    if (!deals) return undefined;
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
    const playbook = playbooks.length === 1 ? playbooks[0]
        : (await vscode.window.showQuickPick(playbooks.map(p => ({ label: p.name, description: p.title, playbook: p })), { title: 'Simulate against which playbook?' }))?.playbook;
    if (!playbook) return undefined;
    const bytes = await vscode.workspace.fs.readFile(deals);
    const name = deals.path.split('/').pop() ?? 'deals';
    const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Simulating ${name}…` },
        () => core.simulateExport(playbook, bytes, name));
    context.output.appendLine(`Simulation of ${deals.fsPath || deals.toString()} against ${playbook.name}`);
    context.output.appendLine(outcome.report.trimEnd());
    for (const d of outcome.withViolations) {
        context.output.appendLine(`${deals.fsPath}:${d.line}: ${d.deal}: ${d.violations.map(v => `${v.date} ${v.message}`).join('; ')}`);
    }
    showReport(context, deals, playbook.name, outcome);
    return { deals: outcome.deals, dealsWithViolations: outcome.withViolations.length, report: outcome.report };
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

let reportPanel: vscode.WebviewPanel | undefined;

function showReport(context: PlaybookContext, deals: vscode.Uri, playbook: string, outcome: SimulationOutcome): void {
    if (!reportPanel) {
        reportPanel = vscode.window.createWebviewPanel('playbook.simulation', 'Simulation', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
            { enableScripts: true, localResourceRoots: [] });
        reportPanel.onDidDispose(() => (reportPanel = undefined));
        reportPanel.webview.onDidReceiveMessage(async (message: { type: 'open'; line: number }) => {
            if (message.type !== 'open' || !reportPanel) return;
            const target = (reportPanel as vscode.WebviewPanel & { deals?: vscode.Uri }).deals;
            if (!target) return;
            const line = Math.max(0, message.line - 1);
            await vscode.window.showTextDocument(target, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(line, 0, line, 0) });
        }, undefined, context.extension.subscriptions);
    }
    (reportPanel as vscode.WebviewPanel & { deals?: vscode.Uri }).deals = deals;
    const name = deals.path.split('/').pop() ?? 'deals';
    reportPanel.title = `Simulation: ${name}`;
    const rows = outcome.withViolations.map(d => `<tr><td><a href="#" data-line="${d.line}">${e(name)}:${d.line}</a></td><td>${e(d.deal)}</td><td>${e(d.outcome)}</td>`
        + `<td><ul>${d.violations.map(v => `<li>${e(v.date)} <code>${e(v.code)}</code> ${e(v.message)}</li>`).join('')}</ul></td></tr>`).join('');
    const errors = outcome.inputErrors.map(err => `<li><a href="#" data-line="${err.line ?? 1}">${e(err.file)}${err.line ? `:${err.line}` : ''}</a> ${e(err.message)}</li>`).join('');
    const nonce = makeNonce();
    reportPanel.webview.html = webviewPage({
        nonce, cspSource: reportPanel.webview.cspSource, title: 'Simulation',
        style: `body{font-family:var(--vscode-font-family);color:var(--vscode-foreground);padding:0 12px}pre{font-family:var(--vscode-editor-font-family);white-space:pre-wrap}
table{border-collapse:collapse}td,th{border-bottom:1px solid var(--vscode-panel-border,#8884);padding:3px 10px 3px 0;text-align:left;vertical-align:top}ul{margin:0;padding-left:16px}a{color:var(--vscode-textLink-foreground)}`,
        body: `<h2>${e(playbook)} ← ${e(name)}</h2><pre>${e(outcome.report)}</pre>`
            + (errors ? `<h3>Rows skipped</h3><ul>${errors}</ul>` : '')
            + `<h3>Deals with violations (${outcome.withViolations.length} of ${outcome.deals})</h3>`
            + (rows ? `<table><thead><tr><th>Where</th><th>Deal</th><th>Outcome</th><th>Violations</th></tr></thead><tbody>${rows}</tbody></table>` : '<p>None: every deal followed the process.</p>'),
        script: `const vscode = acquireVsCodeApi();
document.addEventListener('click', event => {
  const link = event.target.closest('a[data-line]');
  if (link) { event.preventDefault(); vscode.postMessage({ type: 'open', line: Number(link.dataset.line) }); }
});`
    });
    reportPanel.reveal(vscode.ViewColumn.Beside, true);
}
