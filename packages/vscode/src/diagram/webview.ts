/// <reference lib="dom" />
/**
 * The diagram panel's script in the webview (bundled on its own for the browser,
 * dist/diagram-webview.js): shows the HTML fragment it is posted, drawn for the panel's
 * width (and redrawn when the panel is resized), and sends the reader's actions to the
 * extension: a click on an element goes to its place in the text, an export is saved.
 */
import { showDiagrams } from '@playbook/model/diagram-view';
import type { FromDiagramWebview, ToDiagramWebview } from '../protocol.js';

interface WebviewApi {
    postMessage(message: FromDiagramWebview): void;
}

declare function acquireVsCodeApi(): WebviewApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('diagram')!;

window.addEventListener('message', (event: MessageEvent<ToDiagramWebview>) => {
    const message = event.data;
    if (message?.type !== 'render') return;
    root.innerHTML = message.html; // drawn by the language, every text escaped
    document.title = message.title;
    showDiagrams(root, {
        reveal: range => vscode.postMessage({ type: 'reveal', range }),
        save: (format, fileName, data) => vscode.postMessage({ type: 'save', format, fileName, data })
    });
});
vscode.postMessage({ type: 'ready' });
