/**
 * The diagnostics of every file of the example, errors first, each a link to its place.
 * Says "Checking…" until the server has published for every file.
 */
/// <reference lib="dom" />
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { h, linkButton, plural } from './dom.js';

export interface FileDiagnostics {
    uri: string;
    name: string;
    /** Undefined until the server published them. */
    diagnostics: Diagnostic[] | undefined;
}

const SEVERITY = ['error', 'error', 'warning', 'info', 'hint'] as const;

export function renderProblems(panel: HTMLElement, files: readonly FileDiagnostics[], reveal: (uri: string, range: Range) => void): void {
    const list = panel.querySelector('ul')!;
    const count = panel.querySelector('.count')!;
    const checked = files.every(file => file.diagnostics !== undefined);
    const all = files.flatMap(file => (file.diagnostics ?? []).map(diagnostic => ({ file, diagnostic })));
    all.sort((a, b) => (a.diagnostic.severity ?? 1) - (b.diagnostic.severity ?? 1)
        || files.indexOf(a.file) - files.indexOf(b.file)
        || a.diagnostic.range.start.line - b.diagnostic.range.start.line
        || a.diagnostic.range.start.character - b.diagnostic.range.start.character);
    const counted = (severity: number) => all.filter(p => (p.diagnostic.severity ?? 1) === severity).length;
    const errors = counted(1);
    panel.dataset.state = checked ? 'checked' : 'checking';
    panel.dataset.errors = String(errors);
    count.textContent = checked ? summary(errors, counted(2), counted(3) + counted(4)) : 'checking…';
    list.replaceChildren(...all.map(({ file, diagnostic }) => {
        const severity = SEVERITY[diagnostic.severity ?? 1];
        const at = `${file.name}:${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1}`;
        const message = typeof diagnostic.message === 'string' ? diagnostic.message : (diagnostic.message as { value: string }).value;
        return h('li', { class: `problem ${severity}`, 'data-code': diagnostic.code === undefined ? undefined : String(diagnostic.code) },
            h('span', { class: 'severity', title: severity, 'aria-label': severity }, severity === 'error' ? '✖' : severity === 'warning' ? '▲' : 'ℹ'),
            linkButton(message, () => reveal(file.uri, diagnostic.range), { class: 'link message', title: `Go to ${at}` }),
            h('span', { class: 'where' }, at),
            diagnostic.code !== undefined && h('code', {}, String(diagnostic.code)));
    }));
    if (checked && all.length === 0) {
        list.append(h('li', { class: 'none' }, `No problems in ${files.length === 1 ? 'this file' : `these ${files.length} files`}.`));
    }
}

function summary(errors: number, warnings: number, notes: number): string {
    const parts = [errors && plural(errors, 'error'), warnings && plural(warnings, 'warning'), notes && plural(notes, 'note')].filter(Boolean);
    return parts.join(', ');
}
