/**
 * The pipeline diagram the server drew (`playbook/diagram`), shown in a shadow root: its
 * stylesheet is the VS Code panel's, whose rules for `body` or `.empty` must not restyle
 * the page. The HTML comes from the server with every playbook text escaped; the drawing is
 * fitted to the panel's width, a click on it selects that place in the editor, and its
 * export buttons download it as SVG or PNG.
 */
/// <reference lib="dom" />
import { showDiagrams } from '@playbook/model/diagram-view';
import type { DiagramResult } from '@playbook/language/protocol';
import type { Range } from 'vscode-languageserver-types';

/** What the page adds to the panel's stylesheet: the text of the host. */
const HOST_STYLE = `
:host { display: block; font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); }
.problems:first-child { margin-top: 0; }
`;

/** Until the new example's diagram is drawn. */
export function renderDiagramWaiting(host: HTMLElement): void {
    const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${HOST_STYLE} p { color: var(--vscode-descriptionForeground); margin: 0; }</style><p>Drawing…</p>`;
    delete host.dataset.stages;
}

export function renderDiagram(host: HTMLElement, drawn: ReadonlyArray<{ name: string; uri: string; result: DiagramResult }>,
    reveal: (uri: string, range: Range) => void): void {
    const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    // A file of deals declares no playbook: only the files that do are drawn, unless none does.
    const withPlaybooks = drawn.filter(file => file.result.playbooks.length > 0);
    const shown = withPlaybooks.length > 0 ? withPlaybooks : drawn.slice(0, 1);
    const style = drawn[0]?.result.style ?? '';
    root.innerHTML = `<style>${style}${HOST_STYLE}</style>`;
    for (const file of shown) {
        const container = document.createElement('div');
        container.className = 'file';
        container.innerHTML = file.result.html;
        root.append(container);
        showDiagrams(container, { reveal: range => reveal(file.uri, range), save: download });
    }
    host.dataset.stages = String(withPlaybooks.reduce((sum, file) => sum + file.result.playbooks.reduce((n, p) => n + p.stages.length, 0), 0));
}

/** An export, downloaded by the browser. */
function download(format: 'svg' | 'png', fileName: string, data: string): void {
    const url = format === 'svg' ? URL.createObjectURL(new Blob([data], { type: 'image/svg+xml' })) : data;
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
    if (format === 'svg') setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
