/**
 * "Playbook: Simulate Deals from CSV…": replays a CRM export (CSV, JSON, JSON Lines) against a
 * playbook of the active file (the language server's `playbook/simulateDeals`) and shows the
 * report view beside it (funnel, conversion, days in stage, the input's problems and the
 * violations grouped by rule and stage, each deal linked to its rows). "Run again" in the
 * view replays with the playbook as it is now. `playbook.simulation.asOf` and `.lateStart`
 * are the CLI's `--as-of` and `--late-start`.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fileName, type PlaybookContext } from '../context.js';
import { SIMULATE_DEALS_REQUEST, type DealsSource, type SimulateDealsParams, type SimulateDealsResult, type SimulationSummary } from '../protocol.js';
import { SimulationPanel, type SimulationShown } from '../simulation/panel.js';

export async function simulateCommand(context: PlaybookContext, dealsArg?: vscode.Uri, playbookUri?: vscode.Uri): Promise<SimulationSummary | undefined> {
    const document = await context.playbookDocument(playbookUri);
    if (!document) return undefined;
    const deals = dealsArg instanceof vscode.Uri ? dealsArg : await chooseDeals(document);
    if (!deals) return undefined;
    const simulated = await simulate(context, document, deals);
    if (!simulated) return undefined;
    const view = context.simulation ??= new SimulationPanel(context, again => rerun(context, again), () => (context.simulation = undefined));
    view.show(simulated.shown);
    const { data } = simulated.shown;
    return { deals: data.summary.deals, dealsWithViolations: data.summary.dealsWithViolations, report: simulated.text, view };
}

/**
 * The server's `playbook/simulateDeals` of `deals` against a playbook of `document` (asking
 * which one when it has several); the report in words goes to the output channel.
 */
async function simulate(context: PlaybookContext, document: vscode.TextDocument, deals: vscode.Uri, playbookName?: string, inView = false): Promise<{ shown: SimulationShown; text: string } | undefined> {
    const name = fileName(deals);
    const source = await dealsSource(deals);
    const options = simulationOptions(document);
    const request = (playbook: string | undefined) =>
        context.request(SIMULATE_DEALS_REQUEST, { textDocument: { uri: document.uri.toString() }, deals: source, ...options, ...(playbook !== undefined ? { playbook } : {}) });
    // Run again from the report view: the view says it is replaying, no notification covers the editor.
    const ask = (playbook: string | undefined) => (inView ? request(playbook)
        : vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Simulating ${name}…` }, () => request(playbook)));
    let answer: SimulateDealsResult | null;
    try {
        answer = await ask(playbookName);
        if (answer?.kind === 'choosePlaybook') {
            const picked = await vscode.window.showQuickPick(answer.playbooks.map(p => ({ label: p.name, description: p.title, name: p.name })), { title: 'Simulate against which playbook?' });
            if (!picked) return undefined;
            answer = await ask(picked.name);
        }
    } catch (error) {
        // The server refuses what it cannot use (a playbook.simulation.asOf that is no date): its message says which.
        void vscode.window.showErrorMessage(`Nothing was simulated: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
    }
    if (!answer) {
        void vscode.window.showErrorMessage(`The language server has not read ${fileName(document.uri)}: nothing was simulated.`);
        return undefined;
    }
    if (answer.kind === 'notSimulated') {
        if (answer.reason === 'errors') void vscode.window.showErrorMessage(answer.message);
        else void vscode.window.showWarningMessage(answer.message);
        return undefined;
    }
    if (answer.kind !== 'report') return undefined;
    context.output.appendLine(answer.text.trimEnd());
    return { shown: { data: answer.report, deals, playbook: { uri: document.uri, name: answer.report.playbook.name } }, text: answer.text };
}

/** `playbook.simulation.asOf` and `.lateStart`: what `--as-of` and `--late-start` give the CLI. */
function simulationOptions(document: vscode.TextDocument): Pick<SimulateDealsParams, 'asOf' | 'lateStart'> {
    const settings = vscode.workspace.getConfiguration('playbook.simulation', document.uri);
    const asOf = settings.get<string>('asOf')?.trim();
    const lateStart = settings.get<string>('lateStart');
    return { ...(asOf ? { asOf } : {}), ...(lateStart === 'allow' || lateStart === 'skip' ? { lateStart } : {}) };
}

/** A file the server reads itself; from elsewhere (a virtual workspace), the bytes the editor read. */
async function dealsSource(deals: vscode.Uri): Promise<DealsSource> {
    if (deals.scheme === 'file') return { uri: deals.toString() };
    const bytes = await vscode.workspace.fs.readFile(deals);
    return { name: fileName(deals), base64: Buffer.from(bytes).toString('base64') };
}

async function rerun(context: PlaybookContext, shown: SimulationShown): Promise<void> {
    const document = await vscode.workspace.openTextDocument(shown.playbook.uri);
    const again = await simulate(context, document, shown.deals, shown.playbook.name, true);
    if (again) context.simulation?.show(again.shown);
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
