/**
 * The pipeline diagram as a whole HTML page (its stylesheet inside, no script, nothing
 * remote): what `playbook.diagram` with `format: "html"` gives an editor without a webview,
 * to open in a browser.
 */
import { escapeHtml } from '@playbook/model';
import type { DiagramResult } from '../protocol/playbook-requests.js';

export function diagramPage(diagram: DiagramResult): string {
    const title = diagram.playbooks.length > 0 ? diagram.playbooks.map(p => p.title ?? p.name).join(', ') : 'Pipeline';
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(title)}</title>
<style>${diagram.style}</style>
</head>
<body>
<main id="diagram">
${diagram.html}
</main>
</body>
</html>
`;
}
