/**
 * What the diagram panel does for the reader: shows the place in the text of the element
 * they clicked, and saves an export of the drawing where they choose.
 */
import * as vscode from 'vscode';
import type { FromDiagramWebview } from '../protocol.js';

type RevealMessage = Extract<FromDiagramWebview, { type: 'reveal' }>;
type SaveMessage = Extract<FromDiagramWebview, { type: 'save' }>;

/** Selects the range in the document's editor (opened in the column it had, else the first), and focuses it. */
export async function revealInDocument(document: vscode.TextDocument, { range }: RevealMessage, panelColumn?: vscode.ViewColumn): Promise<vscode.TextEditor> {
    const selection = document.validateRange(new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character));
    const visible = vscode.window.visibleTextEditors.find(editor => editor.document === document);
    const column = visible?.viewColumn ?? (panelColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: column, selection, preserveFocus: false });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
}

/**
 * Asks where to save the export (beside the playbook, named after it) and writes it there.
 * `target` skips the dialog (for tests and scripts). The written file, or undefined when cancelled.
 */
export async function saveExport(document: vscode.TextDocument, message: SaveMessage, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const bytes = message.format === 'svg'
        ? new TextEncoder().encode(message.data)
        : Buffer.from(message.data.replace(/^data:image\/png;base64,/, ''), 'base64');
    const folder = document.isUntitled ? vscode.workspace.workspaceFolders?.[0]?.uri : vscode.Uri.joinPath(document.uri, '..');
    const fileName = message.fileName.replace(/[\\/:*?"<>|]/g, '_');
    const uri = target ?? await vscode.window.showSaveDialog({
        title: `Export the pipeline as ${message.format.toUpperCase()}`,
        saveLabel: 'Export',
        ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, fileName) } : {}),
        filters: message.format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] }
    });
    if (!uri) return undefined;
    await vscode.workspace.fs.writeFile(uri, bytes);
    void vscode.window.showInformationMessage(`Pipeline exported to ${vscode.workspace.asRelativePath(uri)}`);
    return uri;
}
