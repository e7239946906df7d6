/**
 * "Playbook: New Playbook from Template": asks which process, a name for the new playbook
 * (a name of the language, not already a playbook's or a deal's in the workspace: the
 * server checks as it is typed) and where to save it (`<name>.playbook` in the workspace
 * folder), then writes the template's stages under that name, without its example deals
 * (the server's `playbook/newPlaybook`), and opens the file.
 */
import * as vscode from 'vscode';
import type { PlaybookContext } from '../context.js';
import { NEW_PLAYBOOK_REQUEST, type NewPlaybookResult } from '../protocol.js';

export interface Template { file: string; label: string; detail: string }

/** A generic pipeline first, then one per process of the domain (templates/ in the extension; most are the examples of the repository). */
export const TEMPLATES: readonly Template[] = [
    { file: 'b2b-pipeline.playbook', label: 'B2B sales pipeline', detail: 'A short generic pipeline: Lead → Discovery → Proposal → Negotiation → Contract' },
    { file: 'seven-step-sales.playbook', label: 'Seven-step sales process', detail: 'Prospecting → qualification (BANT) → needs → demo → optional proposal → close → follow-up' },
    { file: 'big-account.playbook', label: 'Big-account (B2B) sales', detail: 'Six stages matched to the customer\'s buying steps, each closed by a key node' },
    { file: 'relationship-lifecycle.playbook', label: 'Customer relationship lifecycle', detail: 'Five stages that cannot be skipped: Unfamiliar → Establishment → Inspection → Growth → Maturity' },
    { file: 'customer-operation.playbook', label: 'Customer operation', detail: 'Database → analysis → target customers → grades → targeted selling, followed up by grade (A weekly, B every two weeks, C monthly)' },
    { file: 'customer-funnel.playbook', label: 'Customer funnel and visit discipline', detail: 'Target market → potential → target customers, triaged by purchasing power' },
    { file: 'real-estate-reception.playbook', label: 'Real-estate reception', detail: 'Ten steps from welcome to contract signing, with deposits and refunds' },
    { file: 'jewellery-store.playbook', label: 'Jewellery store', detail: 'By customer state: browsing → curious → interested → weighs the price → purchase' }
];

/** What a caller (a test, another extension) may give instead of answering the prompts. */
export interface NewFromTemplateOptions {
    name?: string;
    target?: vscode.Uri;
}

export async function newFromTemplateCommand(context: PlaybookContext, wanted?: string, options: NewFromTemplateOptions = {}): Promise<vscode.TextDocument | undefined> {
    const template = wanted ? TEMPLATES.find(t => t.file === wanted || t.label === wanted) : await vscode.window.showQuickPick(
        TEMPLATES.map(t => ({ ...t, description: t.file })), { title: 'New Playbook from Template', placeHolder: 'Which sales process?', matchOnDetail: true });
    if (!template) return undefined;
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extension.extensionUri, 'templates', template.file));
    const text = new TextDecoder().decode(bytes);
    const create = (name: string): Promise<NewPlaybookResult> => context.request(NEW_PLAYBOOK_REQUEST, { template: text, name });

    const name = options.name ?? await vscode.window.showInputBox({
        title: `New playbook from "${template.label}"`,
        prompt: 'The playbook\'s name: letters, digits and _, starting with a letter; not the name of another playbook or deal of the workspace',
        value: suggestedName(text),
        validateInput: async value => {
            const answer = await create(value.trim());
            return answer.kind === 'created' ? undefined : answer.message;
        }
    });
    if (name === undefined) return undefined;
    const created = await create(name.trim());
    if (created.kind !== 'created') {
        void vscode.window.showErrorMessage(created.message);
        return undefined;
    }
    const target = options.target ?? await vscode.window.showSaveDialog({
        title: 'Save the new playbook', saveLabel: 'Create',
        defaultUri: defaultLocation(`${name.trim()}.playbook`),
        filters: { Playbook: ['playbook'] }
    });
    if (!target) return undefined;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(created.text));
    const document = await vscode.workspace.openTextDocument(target);
    // The new file, open: feedback enough (a notification would only cover the editor).
    await vscode.window.showTextDocument(document);
    return document;
}

/** The template's own name for its playbook, to start from. */
function suggestedName(template: string): string {
    return /^\s*playbook\s+([^\s{]+)/m.exec(template)?.[1] ?? 'NewPlaybook';
}

/** In the workspace folder (of the active file when there are several). */
function defaultLocation(file: string): vscode.Uri | undefined {
    const active = vscode.window.activeTextEditor?.document.uri;
    const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
    return folder ? vscode.Uri.joinPath(folder.uri, file) : undefined;
}
