/**
 * An author typing into one open file through the language server's services, and the
 * truth to compare with: the same text checked from scratch. Diagnostics are compared
 * whole: range (start and end), severity, code, message, and where related information
 * points.
 */
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createPlaybookServices, validateTexts } from '@playbook/language';
import { createPlaybookLspServices } from '../../../packages/language/src/lsp/index.js';

export const render = (diagnostics: readonly Diagnostic[]): string[] => diagnostics.map(d => {
    const at = (r: Diagnostic['range']) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
    const related = (d.relatedInformation ?? []).map(r => ` [${at(r.location.range)} ${r.message}]`).join('');
    return `${at(d.range)} ${d.severity} ${d.code} ${d.message}${related}`;
}).sort();

export type Services = ReturnType<typeof createPlaybookLspServices>;

export function createTypingServices(): Services {
    return createPlaybookLspServices(EmptyFileSystem);
}

let version = 0;

/**
 * As the language server does on an edit: the open text changes, the builder updates; the
 * file's diagnostics. Each edit is a task of its own, as each message is in the server: the
 * targets of weak references are kept until the task ends, and a long run of edits in one
 * task (a property test's hundreds of sessions) kept every tree it made, up to running out
 * of memory.
 */
export async function typeInto(services: Services, uri: string, content: string): Promise<string[]> {
    await new Promise(resolve => setImmediate(resolve));
    services.shared.workspace.TextDocuments!.set(TextDocument.create(uri, 'playbook', ++version, content));
    await services.shared.workspace.DocumentBuilder.update([URI.parse(uri)], []);
    return render(documentOf(services, uri).diagnostics ?? []);
}

export function documentOf(services: Services, uri: string): LangiumDocument {
    return services.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri))!;
}

/** The diagnostics of the same text checked from scratch, under the same file name. */
export async function fromScratch(uri: string, content: string): Promise<string[]> {
    const [result] = await validateTexts(createPlaybookServices(), [{ uri, text: content }]);
    return render(result.diagnostics);
}

/**
 * Turns `content` into `to` in place of its first `from`, one keystroke at a time as an
 * author does (the differing part deleted with backspace, then typed), calling `after`
 * with each text.
 */
export async function retype(content: string, from: string, to: string, after: (text: string) => Promise<void>): Promise<string> {
    const at = content.indexOf(from);
    if (at < 0) throw new Error(`'${from}' is not in the text`);
    let common = 0;
    while (common < from.length && common < to.length && from[common] === to[common]) common++;
    for (let cut = from.length; cut > common; cut--) {
        content = content.slice(0, at + cut - 1) + content.slice(at + cut);
        await after(content);
    }
    for (let typed = common; typed < to.length; typed++) {
        content = content.slice(0, at + typed) + to[typed] + content.slice(at + typed);
        await after(content);
    }
    return content;
}

/** A keystroke at the end of the n-th occurrence of a name (typing into it or deleting its last letter), or anywhere. */
export type Keystroke =
    | { kind: 'name'; name: string; occurrence: number; insert: string; remove: number }
    | { kind: 'anywhere'; where: number; insert: string; remove: number };

/** The text after the keystroke (a name not in the text: unchanged). */
export function applyKeystroke(text: string, keystroke: Keystroke): string {
    let at: number;
    if (keystroke.kind === 'name') {
        const found = [...text.matchAll(new RegExp(`(?<![\\w])${keystroke.name}(?![\\w])`, 'g'))];
        if (found.length === 0) return text;
        const match = found[keystroke.occurrence % found.length];
        at = match.index + match[0].length - keystroke.remove;
    } else {
        at = keystroke.where % (text.length + 1);
    }
    return text.slice(0, at) + keystroke.insert + text.slice(at + keystroke.remove);
}
