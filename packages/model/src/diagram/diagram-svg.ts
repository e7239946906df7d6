/**
 * Prints a laid-out pipeline as SVG. In a page (the VS Code panel, the playground) the SVG
 * carries no style of its own: the page's stylesheet colours it with the editor's theme.
 * Exported, it is a document of its own: its styles inside, a light palette that suits a
 * slide, fonts named as a list of fallbacks (whatever the reader's machine has), and no
 * reference to anything outside it.
 */
import type { SourceRange } from './diagram-drawing.js';
import { escapeXml } from './diagram-escape.js';
import type { GroupShape, PipelineScene, Shape } from './diagram-scene.js';

export interface Palette {
    background: string;
    foreground: string;
    muted: string;
    card: string;
    optionalCard: string;
    accent: string;
    onAccent: string;
    border: string;
    line: string;
    gate: string;
    end: string;
    won: string;
    wonFill: string;
    sans: string;
    mono: string;
}

/** Fonts most machines have, Latin then Chinese, then the generic family. */
export const EXPORT_SANS = '-apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Roboto, "Helvetica Neue", Arial, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';
export const EXPORT_MONO = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", "Noto Sans Mono CJK SC", monospace';

/** For a slide or a document: white, dark text, the colours of the theme's charts. */
export const LIGHT_PALETTE: Palette = {
    background: '#ffffff', foreground: '#1f2328', muted: '#59636e', card: '#f6f8fa', optionalCard: '#ffffff',
    accent: '#0969da', onAccent: '#ffffff', border: '#d1d9e0', line: '#59636e', gate: '#8250df', end: '#cf222e',
    won: '#1a7f37', wonFill: '#dafbe1', sans: EXPORT_SANS, mono: EXPORT_MONO
};

/** In VS Code: the theme's colours (light, dark or high contrast); elsewhere the light palette. */
export const THEME_PALETTE: Palette = {
    background: 'var(--vscode-editor-background, #ffffff)',
    foreground: 'var(--vscode-foreground, #1f2328)',
    muted: 'var(--vscode-descriptionForeground, #59636e)',
    card: 'var(--vscode-editorWidget-background, #f6f8fa)',
    optionalCard: 'var(--vscode-editor-background, #ffffff)',
    accent: 'var(--vscode-charts-blue, #0969da)',
    onAccent: 'var(--vscode-editor-background, #ffffff)',
    border: 'var(--vscode-widget-border, var(--vscode-panel-border, #d1d9e0))',
    line: 'var(--vscode-descriptionForeground, #59636e)',
    gate: 'var(--vscode-charts-purple, #8250df)',
    end: 'var(--vscode-charts-red, #cf222e)',
    won: 'var(--vscode-charts-green, #1a7f37)',
    wonFill: 'var(--vscode-editor-background, #dafbe1)',
    sans: `var(--vscode-font-family, ${EXPORT_SANS})`,
    mono: `var(--vscode-editor-font-family, ${EXPORT_MONO})`
};

/** The rules that colour a drawing; `scope` prefixes each (the svg's class). `interactive`: links show as links. */
export function pipelineStyle(palette: Palette, interactive: boolean, scope = 'svg.pipeline'): string {
    const p = palette;
    const rules: Array<[string, string]> = [
        ['', `font-family: ${p.sans}`],
        [' text', `fill: ${p.foreground}; font-family: ${p.sans}`],
        [' .mono', `font-family: ${p.mono}`],
        [' .backdrop', `fill: ${p.background}`],
        [' .subheading, .legend-text, .name, .facts, .owner, .label, .reason, .from, .empty', `fill: ${p.muted}`],
        [' .card', `fill: ${p.card}; stroke: ${p.accent}; stroke-width: 1.5`],
        [' .card.optional', `fill: ${p.optionalCard}; stroke-dasharray: 6 4`],
        [' .index-dot', `fill: ${p.accent}`],
        [' .index', `fill: ${p.onAccent}`],
        [' .separator', `stroke: ${p.border}; stroke-width: 1; fill: none`],
        [' .exit-separator', `stroke: ${p.end}; stroke-dasharray: 3 3; opacity: .7`],
        [' .mark-required', `fill: ${p.foreground}`],
        [' .mark-optional', `fill: none; stroke: ${p.foreground}; stroke-width: 1.2`],
        [' .mark-item', `fill: ${p.muted}`],
        [' .mark-gate', `fill: ${p.gate}`],
        [' .mark-end', `fill: none; stroke: ${p.end}; stroke-width: 1.8; stroke-linecap: round`],
        [' .exit-text, .outcome', `fill: ${p.end}`],
        [' .connector', `fill: none; stroke: ${p.line}; stroke-width: 1.6; stroke-linejoin: round`],
        [' .arrowhead', `fill: ${p.line}`],
        [' .won-pill', `fill: ${p.wonFill}; stroke: ${p.won}; stroke-width: 1.5`],
        [' .won-text', `fill: ${p.won}`],
        [' .end-box', `fill: ${p.card}; stroke: ${p.border}`],
        [' .end-accent', `fill: ${p.end}`]
    ];
    const links: Array<[string, string]> = [
        [' [data-range]', 'cursor: pointer'],
        [' [data-range]:focus', 'outline: none'],
        [' [data-range]:hover > .primary, [data-range]:focus-visible > .primary', 'text-decoration: underline'],
        [' [data-range]:focus-visible > .card, [data-range]:focus-visible > .end-box', 'stroke-width: 3']
    ];
    return (interactive ? rules.concat(links) : rules).map(([selector, body]) => `${selector.split(', ').map(s => `${scope}${s}`).join(', ')} { ${body}; }`).join('\n');
}

export interface SvgOptions {
    /** A document of its own (an export): the namespace, the styles and a background inside, the light palette. */
    standalone?: boolean;
    /** Elements say where they are written (`data-range`) and take the keyboard focus. */
    interactive?: boolean;
}

export function pipelineSvg(scene: PipelineScene, options: SvgOptions = {}): string {
    const { width, height } = scene;
    const head = options.standalone
        ? `<svg xmlns="http://www.w3.org/2000/svg" class="pipeline" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">`
        + `<title>${escapeXml(scene.label)}</title><style>${pipelineStyle(LIGHT_PALETTE, false)}</style>`
        + `<rect class="backdrop" x="0" y="0" width="${width}" height="${height}"/>`
        : `<svg class="pipeline" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="group" aria-label="${escapeXml(scene.label)}">`;
    return `${head}${scene.shapes.map(shape => printShape(shape, options)).join('')}</svg>`;
}

function printShape(shape: Shape, options: SvgOptions): string {
    switch (shape.kind) {
        case 'rect':
            return `<rect class="${shape.className}" x="${shape.x}" y="${shape.y}" width="${num(shape.width)}" height="${num(shape.height)}"${shape.radius ? ` rx="${shape.radius}"` : ''}/>`;
        case 'circle':
            return `<circle class="${shape.className}" cx="${shape.cx}" cy="${shape.cy}" r="${shape.r}"/>`;
        case 'path':
            return `<path class="${shape.className}" d="${shape.d}"/>`;
        case 'text': {
            const { style } = shape;
            const attributes = `class="${shape.className}" font-size="${style.size}"${style.weight === 600 ? ' font-weight="600"' : ''}${shape.anchor ? ' text-anchor="middle"' : ''}`;
            const lines = shape.lines.map((line, i) => `<tspan x="${num(shape.x)}" y="${num(shape.y + i * style.lineHeight)}">${escapeXml(line)}</tspan>`).join('');
            return `<text ${attributes}>${lines}</text>`;
        }
        case 'group':
            return printGroup(shape, options);
    }
}

function printGroup(group: GroupShape, options: SvgOptions): string {
    const attributes = [`class="${group.className}"`];
    if (group.x !== 0 || group.y !== 0) attributes.push(`transform="translate(${group.x} ${group.y})"`);
    for (const [key, value] of Object.entries(group.data ?? {})) attributes.push(`data-${key}="${escapeXml(value)}"`);
    if (options.interactive && group.range) {
        attributes.push(`data-range="${rangeAttribute(group.range)}"`, 'tabindex="0"', 'role="link"');
    }
    const tooltip = group.tooltip ? `<title>${escapeXml(group.tooltip)}</title>` : '';
    return `<g ${attributes.join(' ')}>${tooltip}${group.children.map(child => printShape(child, options)).join('')}</g>`;
}

function num(value: number): number {
    return Math.round(value * 10) / 10;
}

/** `line:character-line:character`, 0-based as in LSP. */
export function rangeAttribute(range: SourceRange): string {
    return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

export function parseRangeAttribute(value: string): SourceRange | undefined {
    const match = /^(\d+):(\d+)-(\d+):(\d+)$/.exec(value);
    if (!match) return undefined;
    const [line, character, endLine, endCharacter] = match.slice(1).map(Number);
    return { start: { line, character }, end: { line: endLine, character: endCharacter } };
}
