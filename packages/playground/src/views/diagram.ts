/**
 * The pipeline diagram the server drew (`playbook/diagram`), shown in a shadow root: its
 * stylesheet is the VS Code panel's, whose rules for `body`, `h2` or `code` must not restyle
 * the page. The HTML comes from the server with every playbook text escaped.
 */
/// <reference lib="dom" />
import type { DiagramResult } from '@playbook/language/protocol';

/** What the page adds to the panel's stylesheet: the text of the host, and room for the rows of stages. */
const HOST_STYLE = `
:host { display: block; font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); }
h2:first-child, .problems:first-child { margin-top: 0; }
`;

/** Until the new example's diagram is drawn. */
export function renderDiagramWaiting(host: HTMLElement): void {
    const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${HOST_STYLE} p { color: var(--vscode-descriptionForeground); margin: 0; }</style><p>Drawing…</p>`;
    delete host.dataset.stages;
}

export function renderDiagram(host: HTMLElement, drawn: ReadonlyArray<{ name: string; result: DiagramResult }>): void {
    const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    // A file of deals declares no playbook: only the files that do are drawn, unless none does.
    const withPlaybooks = drawn.filter(file => file.result.playbooks.length > 0);
    const shown = withPlaybooks.length > 0 ? withPlaybooks : drawn.slice(0, 1);
    const style = drawn[0]?.result.style ?? '';
    root.innerHTML = `<style>${style}${HOST_STYLE}</style>${shown.map(file => file.result.html).join('\n')}`;
    host.dataset.stages = String(withPlaybooks.reduce((sum, file) => sum + file.result.playbooks.reduce((n, p) => n + p.stages.length, 0), 0));
}
