/**
 * Entry point, kept thin: everything the extension owns (the language client, the commands,
 * the webviews) lives in one `PlaybookContext`, disposed with the extension.
 */
import type * as vscode from 'vscode';
import { PlaybookContext, type PlaybookApi } from './context.js';

let context: PlaybookContext | undefined;

export async function activate(extensionContext: vscode.ExtensionContext): Promise<PlaybookApi> {
    context = new PlaybookContext(extensionContext);
    return context.activate();
}

export async function deactivate(): Promise<void> {
    await context?.dispose();
    context = undefined;
}
