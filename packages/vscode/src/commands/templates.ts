/** "Playbook: New Playbook from Template": one template per process of the domain, opened as an untitled file. */
import * as vscode from 'vscode';
import type { PlaybookContext } from '../context.js';

export interface Template { file: string; label: string; detail: string }

/** The processes sales-ops teams run (templates/ in the extension; most are the examples of the repository). */
export const TEMPLATES: readonly Template[] = [
    { file: 'relationship-lifecycle.playbook', label: 'Customer relationship lifecycle', detail: 'Five stages that cannot be skipped: Unfamiliar → Establishment → Inspection → Growth → Maturity' },
    { file: 'seven-step-sales.playbook', label: 'Seven-step sales process', detail: 'Prospecting → qualification (BANT) → needs → demo → optional proposal → close → follow-up' },
    { file: 'real-estate-reception.playbook', label: 'Real-estate reception', detail: 'Ten steps from welcome to contract signing, with deposits and refunds' },
    { file: 'jewellery-store.playbook', label: 'Jewellery store', detail: 'By customer state: browsing → curious → interested → weighs the price → purchase' },
    { file: 'customer-funnel.playbook', label: 'Customer funnel and visit discipline', detail: 'Target market → potential → target customers, triaged by purchasing power' },
    { file: 'big-account.playbook', label: 'Big-account (B2B) sales', detail: 'Six stages matched to the customer\'s buying steps, each closed by a key node' }
];

export async function newFromTemplateCommand(context: PlaybookContext, name?: string): Promise<vscode.TextDocument | undefined> {
    const template = name ? TEMPLATES.find(t => t.file === name || t.label === name) : await vscode.window.showQuickPick(
        TEMPLATES.map(t => ({ ...t, description: t.file })), { title: 'New Playbook from Template', placeHolder: 'Which sales process?', matchOnDetail: true });
    if (!template) return undefined;
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extension.extensionUri, 'templates', template.file));
    const document = await vscode.workspace.openTextDocument({ language: 'playbook', content: new TextDecoder().decode(bytes) });
    await vscode.window.showTextDocument(document);
    return document;
}
