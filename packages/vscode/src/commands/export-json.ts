/** "Playbook: Export to JSON": `playbook export` of the file, written beside it as `<name>.json`. */
import * as vscode from 'vscode';
import type { PlaybookContext } from '../context.js';
import type { ExportResult } from '../protocol.js';

export async function exportJsonCommand(context: PlaybookContext, uri?: vscode.Uri): Promise<ExportResult | undefined> {
    const document = await context.playbookDocument(uri);
    if (!document) return undefined;
    const outcome = await context.loadCore().exportJson(await context.sourcesFor(document));
    if (outcome.kind === 'errors') {
        const first = outcome.errors[0];
        void vscode.window.showErrorMessage(`Not exported: ${outcome.errors.length} error${outcome.errors.length === 1 ? '' : 's'} in ${fileName(document.uri)} `
            + `(line ${first.line}: ${first.message}). Fix them first (see Problems).`);
        return { written: [] };
    }
    if (outcome.kind === 'no-playbook') {
        void vscode.window.showWarningMessage(`${fileName(document.uri)} declares no playbook: nothing to export.`);
        return { written: [] };
    }
    let target: vscode.Uri | undefined;
    if (document.isUntitled) {
        target = await vscode.window.showSaveDialog({ filters: { JSON: ['json'] }, saveLabel: 'Export', title: 'Export playbook to JSON' });
        if (!target) return undefined;
    } else {
        target = document.uri.with({ path: document.uri.path.replace(/(\.playbook)?$/, '.json') });
    }
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(outcome.json));
    void vscode.window.showInformationMessage(`Exported ${outcome.playbooks.join(', ')} to ${fileName(target)}.`, 'Open').then(choice => {
        if (choice === 'Open' && target) void vscode.window.showTextDocument(target, { viewColumn: vscode.ViewColumn.Beside });
    });
    return { written: [target.toString()] };
}

function fileName(uri: vscode.Uri): string {
    return uri.path.split('/').pop() ?? uri.path;
}
