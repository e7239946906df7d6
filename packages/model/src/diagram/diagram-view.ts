/**
 * The diagram in a page (the VS Code panel's webview, the playground): redraws each figure of
 * the HTML fragment (html-diagram.ts) for the width it has, with texts measured in the
 * page's own fonts, and again whenever that width changes; turns a click (or Enter) on an
 * element into the place it is written; exports a figure as a self-contained SVG, or as a
 * PNG at twice its size drawn through a canvas. Runs in a browser; it imports nothing of the
 * language at run time beyond the pure drawing modules.
 */
/// <reference lib="dom" />
import type { PlaybookDrawing, SourceRange } from './diagram-drawing.js';
import { layoutPipeline, slideWidth } from './diagram-layout.js';
import { EXPORT_MONO, EXPORT_SANS, parseRangeAttribute, pipelineSvg } from './diagram-svg.js';
import type { MeasureText } from './diagram-text.js';

export type ExportFormat = 'svg' | 'png';

export interface DiagramViewOptions {
    /** A click, or Enter, on an element of the drawing: where that element is written. */
    reveal?(range: SourceRange): void;
    /**
     * "Export SVG" or "Export PNG" was pressed: the SVG document's text, or the PNG as a
     * `data:image/png;base64,` URL, with a file name for it. Without it, no buttons.
     */
    save?(format: ExportFormat, fileName: string, data: string): void;
}

interface ViewState {
    options: DiagramViewOptions;
    observer?: ResizeObserver;
}

const views = new WeakMap<ParentNode, ViewState>();
const drawings = new WeakMap<Element, PlaybookDrawing>();

/**
 * Draws the figures now under `root` (just set from the fragment) for their widths, keeps
 * them fitted as the page is resized, and answers clicks. Call it after each new fragment.
 */
export function showDiagrams(root: ParentNode, options: DiagramViewOptions): void {
    let state = views.get(root);
    if (!state) {
        state = { options };
        views.set(root, state);
        listen(root, state);
    }
    state.options = options;
    state.observer?.disconnect();
    const figures = figuresIn(root);
    for (const figure of figures) {
        if (options.save) addActions(figure);
        redraw(figure);
    }
    state.observer = new ResizeObserver(entries => {
        for (const entry of entries) redraw(entry.target as HTMLElement);
    });
    for (const figure of figures) state.observer.observe(figure);
    // A font that was still loading (a CJK one is large) measures differently once there.
    void document.fonts?.ready.then(() => figures.forEach(figure => redraw(figure, true)));
}

function figuresIn(root: ParentNode): HTMLElement[] {
    return Array.from(root.querySelectorAll<HTMLElement>('figure.pipeline-figure[data-drawing]'));
}

function drawingOf(figure: Element): PlaybookDrawing {
    let drawing = drawings.get(figure);
    if (!drawing) {
        drawing = JSON.parse((figure as HTMLElement).dataset.drawing ?? '{}') as PlaybookDrawing;
        drawings.set(figure, drawing);
    }
    return drawing;
}

/** The figure's own width: what the drawing is laid out for. */
function widthOf(figure: HTMLElement): number {
    return Math.floor(figure.clientWidth);
}

function redraw(figure: HTMLElement, force = false): void {
    const width = widthOf(figure);
    if (width <= 0 || !figure.isConnected) return;
    if (!force && figure.dataset.width === String(width)) return;
    const fonts = pageFonts(figure);
    const scene = layoutPipeline(drawingOf(figure), width, canvasMeasure(fonts.sans, fonts.mono, 1.02));
    const svg = pipelineSvg(scene, { interactive: true });
    figure.querySelector(':scope > svg.pipeline')?.remove();
    figure.insertAdjacentHTML('beforeend', svg);
    figure.dataset.width = String(width);
    figure.dataset.columns = String(scene.columns);
}

/** The font families the page's stylesheet gives the drawing's texts. */
function pageFonts(figure: HTMLElement): { sans: string; mono: string } {
    const namespace = 'http://www.w3.org/2000/svg';
    const probe = document.createElementNS(namespace, 'svg');
    probe.setAttribute('class', 'pipeline');
    probe.setAttribute('aria-hidden', 'true');
    probe.style.position = 'absolute';
    probe.style.width = '0';
    probe.style.height = '0';
    const sans = document.createElementNS(namespace, 'text');
    const mono = document.createElementNS(namespace, 'text');
    mono.setAttribute('class', 'mono');
    probe.append(sans, mono);
    figure.append(probe);
    const fonts = { sans: getComputedStyle(sans).fontFamily || EXPORT_SANS, mono: getComputedStyle(mono).fontFamily || EXPORT_MONO };
    probe.remove();
    return fonts;
}

const widthCache = new Map<string, number>();

/** Widths as a canvas measures them in these fonts, a little widened (`slack`) for rounding and hinting. */
function canvasMeasure(sans: string, mono: string, slack: number): MeasureText {
    const context = document.createElement('canvas').getContext('2d');
    return (text, style) => {
        const font = `${style.weight} ${style.size}px ${style.mono ? mono : sans}`;
        const key = `${font}\u0000${text}`;
        let width = widthCache.get(key);
        if (width === undefined) {
            if (!context) return text.length * style.size;
            context.font = font;
            width = context.measureText(text).width;
            if (widthCache.size > 20000) widthCache.clear();
            widthCache.set(key, width);
        }
        return width * slack;
    };
}

function listen(root: ParentNode, state: ViewState): void {
    const target = (event: Event) => (event.target instanceof Element ? event.target.closest('[data-range]') : null);
    const reveal = (element: Element | null) => {
        const range = element ? parseRangeAttribute(element.getAttribute('data-range') ?? '') : undefined;
        if (range && state.options.reveal) state.options.reveal(range);
        return range !== undefined;
    };
    root.addEventListener('click', event => {
        const button = event.target instanceof Element ? event.target.closest<HTMLButtonElement>('button[data-export]') : null;
        if (button) {
            void exportFigure(button.closest('figure') as HTMLElement, button.dataset.export as ExportFormat, state);
            return;
        }
        reveal(target(event));
    });
    root.addEventListener('keydown', event => {
        const key = (event as KeyboardEvent).key;
        if ((key === 'Enter' || key === ' ') && reveal(target(event))) event.preventDefault();
    });
}

function addActions(figure: HTMLElement): void {
    if (figure.querySelector(':scope > .pipeline-actions')) return;
    const actions = document.createElement('div');
    actions.className = 'pipeline-actions';
    const status = document.createElement('span');
    status.className = 'status';
    status.setAttribute('role', 'status');
    actions.append(status);
    for (const format of ['svg', 'png'] as const) {
        const button = document.createElement('button');
        button.type = 'button';
        button.dataset.export = format;
        button.textContent = `Export ${format.toUpperCase()}`;
        button.title = format === 'svg' ? 'Save the diagram as an SVG image laid out for a slide' : 'Save the diagram as a PNG image laid out for a slide, at twice its size';
        actions.append(button);
    }
    figure.prepend(actions);
}

async function exportFigure(figure: HTMLElement | null, format: ExportFormat, state: ViewState): Promise<void> {
    if (!figure || !state.options.save) return;
    const status = figure.querySelector(':scope > .pipeline-actions .status');
    if (status) status.textContent = '';
    try {
        const name = drawingOf(figure).playbook.name || 'pipeline';
        const svg = exportSvg(figure);
        state.options.save(format, `${name}.${format}`, format === 'svg' ? svg : await svgToPng(svg, 2));
    } catch (error) {
        // Said beside the buttons: an export that fails must not fail silently.
        if (status) status.textContent = `The ${format.toUpperCase()} could not be made: ${error instanceof Error ? error.message : String(error)}`;
    }
}

/**
 * The figure as an SVG document of its own, laid out for a slide (landscape, whatever the
 * width of the view), in the light palette and with the fonts of the export (measured here,
 * a little generously: the reader's machine may have other ones).
 */
export function exportSvg(figure: HTMLElement): string {
    const drawing = drawingOf(figure);
    const measure = canvasMeasure(EXPORT_SANS, EXPORT_MONO, 1.06);
    const scene = layoutPipeline(drawing, slideWidth(drawing, measure), measure);
    return `<?xml version="1.0" encoding="UTF-8"?>\n${pipelineSvg(scene, { standalone: true })}\n`;
}

/** An SVG document drawn on a canvas `scale` times its size: a PNG `data:` URL. */
export async function svgToPng(svg: string, scale: number): Promise<string> {
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(image.naturalWidth * scale);
    canvas.height = Math.ceil(image.naturalHeight * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This page cannot draw on a canvas');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0);
    return canvas.toDataURL('image/png');
}
