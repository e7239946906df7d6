/**
 * "Playbook: Export to JSON" and "Playbook: Export…" (JSON, Mermaid or Markdown): the
 * server's `playbook/export` of the file (`playbook export`), written beside it as
 * `<name>.json`, `.mmd` or `.md` (an untitled file asks where).
 */
import * as vscode from 'vscode';
import { fileName, type PlaybookContext } from '../context.js';
import { EXPORT_FORMATS, EXPORT_REQUEST, type ExportCommandResult, type ExportFormat } from '../protocol.js';

const FORMAT_CHOICES: ReadonlyArray<{ label: string; detail: string; format: ExportFormat }> = [
    { label: 'JSON', detail: 'The published format (docs/json-format.md), for other tools', format: 'json' },
    { label: 'Mermaid', detail: 'The pipeline as a flowchart, for Markdown pages and wikis', format: 'mermaid' },
    { label: 'Markdown', detail: 'A handbook for salespeople: stages, tasks, gates and end rules', format: 'markdown' }
];

export function exportJsonCommand(context: PlaybookContext, uri?: vscode.Uri): Promise<ExportCommandResult | undefined> {
    return exportCommand(context, 'json', uri);
}

export async function exportAsCommand(context: PlaybookContext, uri?: vscode.Uri, format?: string): Promise<ExportCommandResult | undefined> {
    const chosen = EXPORT_FORMATS.find(f => f === format)
        ?? (await vscode.window.showQuickPick(FORMAT_CHOICES, { title: 'Export playbook as', placeHolder: 'Which format?' }))?.format;
    return chosen ? exportCommand(context, chosen, uri) : undefined;
}

async function exportCommand(context: PlaybookContext, format: ExportFormat, uri?: vscode.Uri): Promise<ExportCommandResult | undefined> {
    const document = await context.playbookDocument(uri);
    if (!document) return undefined;
    const outcome = await context.request(EXPORT_REQUEST, { textDocument: { uri: document.uri.toString() }, format });
    if (!outcome) {
        void vscode.window.showErrorMessage(`The language server has not read ${fileName(document.uri)}: nothing was exported.`);
        return { written: [] };
    }
    if (outcome.errors.length > 0) {
        const first = outcome.errors[0];
        const where = first.uri === document.uri.toString() ? '' : `${fileName(vscode.Uri.parse(first.uri))} `;
        void vscode.window.showErrorMessage(`Not exported: ${outcome.errors.length} error${outcome.errors.length === 1 ? '' : 's'} in ${fileName(document.uri)} `
            + `(${where}line ${first.range.start.line + 1}: ${first.message}). Fix them first (see Problems).`);
        return { written: [] };
    }
    if (outcome.content === null) {
        void vscode.window.showWarningMessage(`${fileName(document.uri)} declares no playbook: nothing to export.`);
        return { written: [] };
    }
    let target: vscode.Uri | undefined;
    if (document.isUntitled) {
        const label = FORMAT_CHOICES.find(c => c.format === format)?.label ?? format;
        target = await vscode.window.showSaveDialog({ filters: { [label]: [outcome.extension.slice(1)] }, saveLabel: 'Export', title: `Export playbook to ${label}` });
        if (!target) return undefined;
    } else {
        target = document.uri.with({ path: document.uri.path.replace(/(\.playbook)?$/, outcome.extension) });
    }
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(outcome.content));
    void vscode.window.showInformationMessage(`Exported ${outcome.playbooks.join(', ')} to ${fileName(target)}.`, 'Open').then(choice => {
        if (choice === 'Open' && target) void vscode.window.showTextDocument(target, { viewColumn: vscode.ViewColumn.Beside });
    });
    return { written: [target.toString()] };
}
