/**
 * The pipeline diagram as an HTML fragment, drawn from the plain model: one figure per
 * playbook, each an SVG drawn for a default width, carrying its drawing input (the model and
 * where each part is written) so that a page redraws it for its own width with the fonts it
 * has (diagram-view.ts does, in the VS Code panel and in the playground). A client without a
 * script shows the SVG as it is. Pure (it imports nothing at run time), so that a client
 * bundles it without the language; every playbook text is escaped. The stylesheet reads VS
 * Code's theme variables, each with a fallback for other pages.
 */
import type { PlaybookDrawing } from './diagram-drawing.js';
import { escapeHtml } from './diagram-escape.js';
import { layoutPipeline } from './diagram-layout.js';
import { pipelineStyle, pipelineSvg, THEME_PALETTE } from './diagram-svg.js';
import { estimateTextWidth } from './diagram-text.js';

export { escapeHtml } from './diagram-escape.js';
export type { PlaybookDrawing } from './diagram-drawing.js';

/** The width the fragment is drawn for; a page redraws it for its own. */
export const DEFAULT_DIAGRAM_WIDTH = 960;

export interface DiagramProblem { line: number; message: string }

export function renderDiagramHtml(drawings: readonly PlaybookDrawing[], problems: readonly DiagramProblem[] = []): string {
    const parts: string[] = [];
    if (problems.length > 0) {
        parts.push(`<div class="problems" role="status">${problems.length} syntax error${problems.length === 1 ? '' : 's'}: the diagram shows what could be read.`
            + `<ul>${problems.slice(0, 5).map(p => `<li>line ${p.line}: ${escapeHtml(p.message)}</li>`).join('')}</ul></div>`);
    }
    if (drawings.length === 0) {
        parts.push('<p class="empty">This file declares no playbook.</p>');
    }
    for (const drawing of drawings) {
        parts.push(renderFigure(drawing));
    }
    return parts.join('\n');
}

function renderFigure(drawing: PlaybookDrawing): string {
    const svg = pipelineSvg(layoutPipeline(drawing, DEFAULT_DIAGRAM_WIDTH, estimateTextWidth));
    return `<figure class="pipeline-figure" data-playbook="${escapeHtml(drawing.playbook.name)}" data-drawing="${escapeHtml(JSON.stringify(drawing))}">${svg}</figure>`;
}

export const DIAGRAM_STYLE = `
html { scrollbar-gutter: stable; } /* a scroll bar that comes and goes would change the width the drawing is fitted to */
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 8px 24px; }
.pipeline-figure { margin: 0 0 16px; min-width: 0; }
.pipeline-figure svg.pipeline { display: block; max-width: 100%; height: auto; }
.pipeline-actions { display: flex; justify-content: flex-end; gap: 6px; padding: 8px 8px 0; }
.pipeline-actions button { font: inherit; font-size: 12px; padding: 3px 10px; border-radius: 3px; cursor: pointer;
  color: var(--vscode-button-secondaryForeground, #1f2328); background: var(--vscode-button-secondaryBackground, #eef1f4);
  border: 1px solid var(--vscode-button-border, var(--vscode-contrastBorder, #d1d9e0)); }
.pipeline-actions button:hover { background: var(--vscode-button-secondaryHoverBackground, #e2e6ea); }
.pipeline-actions button:focus-visible { outline: 1px solid var(--vscode-focusBorder, #0969da); outline-offset: 1px; }
.pipeline-actions .status { align-self: center; font-size: 12px; color: var(--vscode-descriptionForeground, #59636e); }
.problems { border-left: 3px solid var(--vscode-editorError-foreground, #f14c4c); padding: 4px 8px; margin: 10px 0; }
.problems ul { margin: 4px 0 0; padding-left: 18px; }
.empty { color: var(--vscode-descriptionForeground); }
${pipelineStyle(THEME_PALETTE, true)}
`;
