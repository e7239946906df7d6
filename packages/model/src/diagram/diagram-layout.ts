/**
 * Lays a playbook out for a given width: a heading, a legend, the flow of stage cards in
 * reading order (as many to a row as the width holds, rows balanced; the "Won" end after the
 * last stage) with an arrow from each card to the next that follows the wrap, then the rules
 * by which a deal ends. Each card puts titles first (identifiers are secondary: small, or in
 * the tooltip), and lists its tasks, its gates with their conditions as the author wrote
 * them, and the end rules that a deal may leave it by. Pure: texts are measured by the
 * function it is given.
 */
import { stageFollowUpWords } from '../model/cadence-words.js';
import { daysText, expressionToText } from '../model/expression-text.js';
import type { PlaybookModel, StageModel } from '../model/playbook-model.js';
import type { PlaybookDrawing, SourceRange, StagePlaces } from './diagram-drawing.js';
import type { Connector, FlowNode, GroupShape, PipelineScene, Shape, TextShape } from './diagram-scene.js';
import { conditionSpans, estimateTextWidth, listSpans, TEXT, wrapText, type MeasureText, type Spans, type TextStyle } from './diagram-text.js';

/** Pixels. */
export const LAYOUT = {
    pad: 20,
    gapX: 44,
    gapY: 48,
    cardPad: 12,
    cardMin: 200,
    cardMax: 300,
    /** A card alone in its row (a narrow view): not wider than this. */
    cardMaxAlone: 460,
    wonWidth: 86,
    wonHeight: 32,
    arrowHead: 8,
    /** Left of a card's texts that follow a mark (bullet, diamond, cross). */
    markIndent: 14,
    /** Left of the stage's title, after its number. */
    titleIndent: 25,
    endGap: 16
} as const;

/** Below a card's top: the middle of its title's first line, where arrows come in and go out. */
export const ARROW_Y = LAYOUT.cardPad + TEXT.stageTitle.lineHeight / 2;

export function layoutPipeline(drawing: PlaybookDrawing, width: number, measure: MeasureText = estimateTextWidth): PipelineScene {
    const { playbook } = drawing;
    const available = Math.max(width - 2 * LAYOUT.pad, LAYOUT.cardMin);
    const shapes: Shape[] = [];
    let y: number = LAYOUT.pad;

    const heading = headingShapes(drawing, available, measure);
    shapes.push(heading.group);
    y += heading.height + 8;

    const legend = legendShapes(playbook, available, measure);
    if (legend) {
        legend.group.y = y;
        shapes.push(legend.group);
        y += legend.height + 14;
    }

    const flow = layoutFlow(drawing, available, y, measure);
    shapes.push(...flow.shapes);
    y = flow.bottom;

    const ends = endShapes(drawing, available, flow.cardWidth, y + 26, measure);
    if (ends) {
        shapes.push(...ends.shapes);
        y = ends.bottom;
    }

    const contentWidth = Math.max(available, ...flow.nodes.map(n => n.x + n.width - LAYOUT.pad));
    return {
        width: Math.ceil(contentWidth + 2 * LAYOUT.pad),
        height: Math.ceil(y + LAYOUT.pad),
        label: playbook.title ?? playbook.name,
        shapes,
        nodes: flow.nodes,
        connectors: flow.connectors,
        columns: flow.columns
    };
}

/** Widths an export may be laid out for, narrowest first. */
const SLIDE_WIDTHS = [960, 1280, 1600, 1920, 2400];

/**
 * The width an export is laid out for, whatever the width of the view: the narrowest that
 * gives a picture at least as wide as a slide is high (3:2), else the widest.
 */
export function slideWidth(drawing: PlaybookDrawing, measure: MeasureText = estimateTextWidth): number {
    for (const width of SLIDE_WIDTHS) {
        const scene = layoutPipeline(drawing, width, measure);
        if (scene.width / scene.height >= 1.5) return width;
    }
    return SLIDE_WIDTHS[SLIDE_WIDTHS.length - 1];
}

// ---------------------------------------------------------------------------------------
// Texts

/** A text block whose top is at `top`: its first baseline sits inside the first line box. */
function text(x: number, top: number, lines: string[], style: TextStyle, className: string, anchor?: 'middle'): TextShape {
    const baseline = top + (style.lineHeight - style.size) / 2 + style.size * 0.8;
    return { kind: 'text', x, y: round(baseline), lines, style, className, ...(anchor ? { anchor } : {}) };
}

function height(lines: readonly string[], style: TextStyle): number {
    return lines.length * style.lineHeight;
}

function round(value: number): number {
    return Math.round(value * 10) / 10;
}

function group(className: string, x: number, y: number, children: Shape[], extra: Partial<GroupShape> = {}): GroupShape {
    return { kind: 'group', className, x: round(x), y: round(y), children, ...extra };
}

/** `range` when the drawing knows where the text is. */
function at(range: SourceRange | undefined): { range?: SourceRange } {
    return range ? { range } : {};
}

// ---------------------------------------------------------------------------------------
// Heading and legend

function headingShapes(drawing: PlaybookDrawing, available: number, measure: MeasureText): { group: GroupShape; height: number } {
    const { playbook } = drawing;
    const titleLines = wrapText(playbook.title ?? playbook.name, available, TEXT.heading, measure);
    const facts = [
        ...(playbook.title ? [playbook.name] : []),
        ...(playbook.variantOf !== undefined ? [`a variant of ${playbook.variantOf}`] : []),
        ...(playbook.version ? [`version ${playbook.version}`] : []),
        `${playbook.stages.length} stage${playbook.stages.length === 1 ? '' : 's'}`,
        ...(playbook.forbidRegressions ? ['a deal never moves back'] : [])
    ].join(' · ');
    const factLines = wrapText(facts, available, TEXT.subheading, measure);
    const titleHeight = height(titleLines, TEXT.heading);
    const children: Shape[] = [
        text(0, 0, titleLines, TEXT.heading, 'heading primary'),
        text(0, titleHeight + 2, factLines, TEXT.subheading, 'subheading')
    ];
    return {
        group: group('playbook-heading', LAYOUT.pad, LAYOUT.pad, children, { ...at(drawing.places?.name), tooltip: `playbook ${playbook.name}`, data: { playbook: playbook.name } }),
        height: titleHeight + 2 + height(factLines, TEXT.subheading)
    };
}

type LegendMark = 'optional-stage' | 'required' | 'optional' | 'gate' | 'end';

function legendShapes(playbook: PlaybookModel, available: number, measure: MeasureText): { group: GroupShape; height: number } | undefined {
    const tasks = playbook.stages.flatMap(s => s.tasks);
    const items: Array<[LegendMark, string]> = [
        ...(tasks.some(t => t.required) ? [['required', 'required task'] as [LegendMark, string]] : []),
        ...(tasks.some(t => !t.required) ? [['optional', 'optional task'] as [LegendMark, string]] : []),
        ...(playbook.stages.some(s => s.optional) ? [['optional-stage', 'optional stage'] as [LegendMark, string]] : []),
        ...(playbook.stages.some(s => s.gates.length > 0) ? [['gate', 'gate: what must be true to move on'] as [LegendMark, string]] : []),
        ...(playbook.terminations.length > 0 ? [['end', 'how a deal ends'] as [LegendMark, string]] : [])
    ];
    if (items.length === 0) return undefined;
    const style = TEXT.legend;
    const children: Shape[] = [];
    let x = 0;
    let top = 0;
    for (const [mark, label] of items) {
        const markWidth = mark === 'optional-stage' ? 20 : 10;
        const itemWidth = markWidth + 5 + measure(label, style);
        if (x > 0 && x + itemWidth > available) {
            x = 0;
            top += style.lineHeight + 2;
        }
        const middle = top + style.lineHeight / 2;
        children.push(group(`legend-item legend-${mark}`, x, 0, [
            ...legendMark(mark, middle),
            text(markWidth + 5, top, [label], style, 'legend-text')
        ]));
        x += itemWidth + 16;
    }
    return { group: group('legend', LAYOUT.pad, 0, children), height: top + style.lineHeight };
}

function legendMark(mark: LegendMark, middle: number): Shape[] {
    switch (mark) {
        case 'optional-stage': return [{ kind: 'rect', x: 0, y: middle - 6, width: 20, height: 12, radius: 3, className: 'card optional' }];
        case 'required': return [bullet(true, 4, middle)];
        case 'optional': return [bullet(false, 4, middle)];
        case 'gate': return [diamond(4, middle)];
        case 'end': return [cross(4, middle)];
    }
}

function bullet(required: boolean, cx: number, cy: number): Shape {
    return { kind: 'circle', cx, cy: round(cy), r: 3.5, className: required ? 'mark-required' : 'mark-optional' };
}

function diamond(cx: number, cy: number): Shape {
    const r = 4.5;
    return { kind: 'path', d: `M${cx} ${round(cy - r)}L${cx + r} ${round(cy)}L${cx} ${round(cy + r)}L${cx - r} ${round(cy)}Z`, className: 'mark-gate' };
}

function cross(cx: number, cy: number): Shape {
    const r = 3.5;
    return { kind: 'path', d: `M${cx - r} ${round(cy - r)}L${cx + r} ${round(cy + r)}M${cx + r} ${round(cy - r)}L${cx - r} ${round(cy + r)}`, className: 'mark-end' };
}

// ---------------------------------------------------------------------------------------
// The flow

interface Card { group: GroupShape; height: number }

/**
 * How wide the cards are and how many go in a row: all in one row (with the "Won" end) when
 * they fit at the narrowest; otherwise as many as fit, in rows as even as possible.
 */
export function flowColumns(stages: number, available: number): { columns: number; cardWidth: number } {
    const { cardMin, cardMax, cardMaxAlone, gapX, wonWidth } = LAYOUT;
    if (stages === 0) return { columns: 1, cardWidth: Math.floor(Math.min(available, cardMax)) };
    const oneRow = (available - stages * gapX - wonWidth) / stages;
    if (oneRow >= cardMin) return { columns: stages, cardWidth: Math.floor(Math.min(cardMax, oneRow)) };
    const fit = Math.max(1, Math.floor((available + gapX) / (cardMin + gapX)));
    if (fit === 1) return { columns: 1, cardWidth: Math.floor(Math.min(available, cardMaxAlone)) };
    const columns = Math.ceil(stages / Math.ceil(stages / fit));
    return { columns, cardWidth: Math.floor(Math.min(cardMax, (available - (columns - 1) * gapX) / columns)) };
}

function layoutFlow(drawing: PlaybookDrawing, available: number, top: number, measure: MeasureText) {
    const { playbook, places } = drawing;
    const { columns, cardWidth } = flowColumns(playbook.stages.length, available);
    const shapes: Shape[] = [];
    const nodes: FlowNode[] = [];
    const connectors: Connector[] = [];
    if (playbook.stages.length === 0) {
        shapes.push(text(LAYOUT.pad, top, ['No stages yet.'], TEXT.empty, 'empty'));
        return { shapes, nodes, connectors, columns, cardWidth, bottom: top + TEXT.empty.lineHeight };
    }
    const cards = playbook.stages.map((stage, index) => stageCard(playbook, stage, index, places?.stages[index], drawing, cardWidth, measure));

    // Rows: `columns` cards each; "Won" after the last card, in its row if there is room.
    const slots = cards.map((card, index) => ({ row: Math.floor(index / columns), column: index % columns, width: cardWidth, height: card.height }));
    const last = slots[slots.length - 1];
    const wonFits = (last.column + 1) * (cardWidth + LAYOUT.gapX) + LAYOUT.wonWidth <= available + 0.5;
    const wonRow = wonFits ? last.row : last.row + 1;
    const wonAlone = !wonFits;
    const rowCount = wonRow + 1;
    const rowHeights = Array.from({ length: rowCount }, (_, row) => Math.max(
        ...slots.filter(s => s.row === row).map(s => s.height),
        row === wonRow ? (wonAlone ? LAYOUT.wonHeight : ARROW_Y + LAYOUT.wonHeight / 2) : 0));
    const rowTops: number[] = [];
    let y = top;
    for (const rowHeight of rowHeights) {
        rowTops.push(y);
        y += rowHeight + LAYOUT.gapY;
    }
    const bottom = y - LAYOUT.gapY;

    slots.forEach((slot, index) => {
        const x = LAYOUT.pad + slot.column * (cardWidth + LAYOUT.gapX);
        const card = cards[index].group;
        card.x = round(x);
        card.y = round(rowTops[slot.row]);
        nodes.push({ kind: 'stage', name: playbook.stages[index].name, row: slot.row, x: card.x, y: card.y, width: cardWidth, height: slot.height });
    });
    // Below the last card when the row has no room for it: the arrow goes straight down.
    const lastNode = nodes[nodes.length - 1];
    const wonX = wonAlone ? lastNode.x + (cardWidth - LAYOUT.wonWidth) / 2 : lastNode.x + cardWidth + LAYOUT.gapX;
    const wonY = wonAlone ? rowTops[wonRow] : rowTops[wonRow] + ARROW_Y - LAYOUT.wonHeight / 2;
    nodes.push({ kind: 'won', name: 'Won', row: wonRow, x: round(wonX), y: round(wonY), width: LAYOUT.wonWidth, height: LAYOUT.wonHeight });

    for (let i = 0; i + 1 < nodes.length; i++) {
        connectors.push(connect(i, nodes[i], nodes[i + 1], rowTops[nodes[i].row] + rowHeights[nodes[i].row]));
    }
    // Connectors first: a card is drawn over the end of a line, never the line over a card.
    for (const connector of connectors) shapes.push(...connectorShapes(connector));
    shapes.push(...cards.map(c => c.group), wonShape(nodes[nodes.length - 1], playbook.wonAliases ?? []));
    return { shapes, nodes, connectors, columns, cardWidth, bottom };
}

/** From a card to the next: straight across a row, or down, back along the gap and down into the next row. */
function connect(index: number, from: FlowNode, to: FlowNode, rowBottom: number): Connector {
    const points: Array<[number, number]> = [];
    if (from.row === to.row) {
        const y = round(from.y + ARROW_Y);
        points.push([round(from.x + from.width), y], [to.x, y]);
    } else {
        const fromX = round(from.x + from.width / 2);
        const toX = round(to.x + to.width / 2);
        const gapY = round(rowBottom + LAYOUT.gapY / 2);
        points.push([fromX, round(from.y + from.height)]);
        if (fromX !== toX) points.push([fromX, gapY], [toX, gapY]);
        points.push([toX, to.y]);
    }
    return { from: index, to: index + 1, points };
}

function connectorShapes(connector: Connector): Shape[] {
    const { points } = connector;
    const [tipX, tipY] = points[points.length - 1];
    const [prevX, prevY] = points[points.length - 2];
    const length = Math.hypot(tipX - prevX, tipY - prevY) || 1;
    const dx = (tipX - prevX) / length;
    const dy = (tipY - prevY) / length;
    const head = LAYOUT.arrowHead;
    // The line stops where the head begins.
    const line = points.slice(0, -1).concat([[round(tipX - dx * head * 0.9), round(tipY - dy * head * 0.9)]]);
    const baseX = tipX - dx * head;
    const baseY = tipY - dy * head;
    const side = head * 0.55;
    return [
        { kind: 'path', d: line.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x} ${y}`).join(''), className: 'connector' },
        {
            kind: 'path', className: 'arrowhead',
            d: `M${tipX} ${tipY}L${round(baseX - dy * side)} ${round(baseY + dx * side)}L${round(baseX + dy * side)} ${round(baseY - dx * side)}Z`
        }
    ];
}

/** The names a CRM export gives an end (`won alias`, `terminate … alias`): in the tooltips, as a stage's aliases are. */
function alsoCalled(aliases: readonly string[]): string {
    return aliases.length > 0 ? `\nalso called ${aliases.join(', ')}` : '';
}

function outcomeAliases(playbook: PlaybookModel, outcome: string): string[] {
    return playbook.outcomeAliases?.find(entry => entry.outcome === outcome)?.aliases ?? [];
}

function wonShape(node: FlowNode, aliases: readonly string[]): GroupShape {
    return group('won', node.x, node.y, [
        { kind: 'rect', x: 0, y: 0, width: node.width, height: node.height, radius: node.height / 2, className: 'won-pill' },
        text(node.width / 2, (node.height - TEXT.won.lineHeight) / 2, ['✓ Won'], TEXT.won, 'won-text', 'middle')
    ], { tooltip: `A deal is won once it has passed the last stage${alsoCalled(aliases)}`, data: { end: 'won' } });
}

// ---------------------------------------------------------------------------------------
// A stage's card

function stageCard(playbook: PlaybookModel, stage: StageModel, index: number, places: StagePlaces | undefined,
    drawing: PlaybookDrawing, width: number, measure: MeasureText): Card {
    const { cardPad, titleIndent, markIndent } = LAYOUT;
    const inner = width - 2 * cardPad;
    const children: Shape[] = [];
    let y: number = cardPad;

    // The number and the title (the name when there is no title).
    const titleLines = wrapText(stage.title ?? stage.name, inner - titleIndent, TEXT.stageTitle, measure);
    children.push(
        { kind: 'circle', cx: cardPad + 9, cy: round(y + TEXT.stageTitle.lineHeight / 2), r: 9, className: 'index-dot' },
        text(cardPad + 9, y + (TEXT.stageTitle.lineHeight - TEXT.stageIndex.lineHeight) / 2, [String(index + 1)], TEXT.stageIndex, 'index', 'middle'),
        text(cardPad + titleIndent, y, titleLines, TEXT.stageTitle, 'title primary'));
    y += height(titleLines, TEXT.stageTitle) + 2;

    // Its name (when it has a title) and its facts, on one line when they fit.
    const facts = [
        ...(stage.optional ? ['optional'] : []),
        ...(stage.probability !== undefined ? [`${stage.probability}%`] : []),
        ...(stage.withinDays !== undefined ? [`within ${daysText(stage.withinDays)}`] : []),
        ...optionalFact(stageFollowUpWords(playbook, stage))
    ].join(' · ');
    const subWidth = inner - titleIndent;
    const name = stage.title ? stage.name : '';
    const nameWidth = name ? measure(name, TEXT.stageName) : 0;
    if (name && facts && nameWidth + 10 + measure(facts, TEXT.facts) <= subWidth) {
        children.push(text(cardPad + titleIndent, y, [name], TEXT.stageName, 'name mono'),
            text(cardPad + titleIndent + nameWidth + 10, y + (TEXT.stageName.lineHeight - TEXT.facts.lineHeight) / 2, [facts], TEXT.facts, 'facts'));
        y += TEXT.stageName.lineHeight;
    } else {
        if (name) {
            const lines = wrapText(name, subWidth, TEXT.stageName, measure);
            children.push(text(cardPad + titleIndent, y, lines, TEXT.stageName, 'name mono'));
            y += height(lines, TEXT.stageName);
        }
        if (facts) {
            const lines = wrapText(facts, subWidth, TEXT.facts, measure);
            children.push(text(cardPad + titleIndent, y, lines, TEXT.facts, 'facts'));
            y += height(lines, TEXT.facts);
        }
    }

    if (stage.tasks.length > 0) {
        y = separator(children, y, inner, 'separator');
        stage.tasks.forEach((task, t) => {
            const lines = wrapText(task.title ?? task.name, inner - markIndent, TEXT.task, measure);
            const taskChildren: Shape[] = [bullet(task.required, 4, TEXT.task.lineHeight / 2), text(markIndent, 0, lines, TEXT.task, 'task primary')];
            let taskHeight = height(lines, TEXT.task);
            if (task.owner) {
                const lastWidth = measure(lines[lines.length - 1].trimEnd(), TEXT.task);
                const ownerWidth = measure(task.owner, TEXT.owner);
                const shift = (TEXT.task.lineHeight - TEXT.owner.lineHeight) / 2;
                if (markIndent + lastWidth + 6 + ownerWidth <= inner) {
                    taskChildren.push(text(markIndent + lastWidth + 6, taskHeight - TEXT.task.lineHeight + shift, [task.owner], TEXT.owner, 'owner'));
                } else {
                    const ownerLines = wrapText(task.owner, inner - markIndent, TEXT.owner, measure);
                    taskChildren.push(text(markIndent, taskHeight, ownerLines, TEXT.owner, 'owner'));
                    taskHeight += height(ownerLines, TEXT.owner);
                }
            }
            children.push(group(`task${task.required ? ' required' : ' optional'}`, cardPad, y, taskChildren, {
                ...at(places?.tasks[t]),
                tooltip: `task ${task.name} (${task.required ? 'required' : 'optional'})${task.owner ? `, owner ${task.owner}` : ''}`,
                data: { task: task.name }
            }));
            y += taskHeight + 3;
        });
        y -= 3;
    }

    const taskTitles = new Map(playbook.stages.flatMap(s => s.tasks).map(t => [t.name, t.title ?? t.name]));
    stage.gates.forEach((gate, g) => {
        y = separator(children, y, inner, 'separator');
        const gatePlaces = places?.gates[g];
        const titleLines = wrapText(gate.title ?? gate.name, inner - markIndent, TEXT.gateTitle, measure);
        const gateChildren: Shape[] = [diamond(4, TEXT.gateTitle.lineHeight / 2), text(markIndent, 0, titleLines, TEXT.gateTitle, 'gate-title primary')];
        let gateHeight = height(titleLines, TEXT.gateTitle) + 1;
        const rows = [
            ...gate.requires.map((task, r): LabelledText & { range?: SourceRange; tooltip: string } => ({
                label: r === 0 ? 'requires' : '', text: taskTitles.get(task) ?? task, style: TEXT.task, className: 'requirement',
                // Two tasks or more: each marked, so that where one title ends and the next begins shows.
                listed: gate.requires.length > 1,
                range: gatePlaces?.requires[r], tooltip: `requires task ${task}`
            })),
            ...gate.when.map((condition, c): LabelledText & { range?: SourceRange; tooltip: string } => ({
                label: c === 0 ? 'when' : '', text: gatePlaces?.when[c]?.text || expressionToText(condition), style: TEXT.code, className: 'condition mono',
                together: conditionSpans, range: gatePlaces?.when[c]?.range, tooltip: 'condition'
            }))
        ];
        const labelWidth = Math.max(measure('requires', TEXT.label), measure('when', TEXT.label)) + 6;
        for (const row of rows) {
            const labelled = labelledRow(row, inner - markIndent, labelWidth, measure);
            gateChildren.push(group(row.className.split(' ')[0], markIndent, gateHeight, labelled.shapes, { ...at(row.range), tooltip: row.tooltip }));
            gateHeight += labelled.height + 3;
        }
        children.push(group('gate', cardPad, y, gateChildren, { ...at(gatePlaces?.name), tooltip: `gate ${gate.name}`, data: { gate: gate.name } }));
        y += gateHeight - 3;
    });

    // The end rules a deal may leave this stage by (those that name it in `from`).
    const exits = playbook.terminations.flatMap((rule, r) => (rule.from.includes(stage.name) ? [{ rule, r }] : []));
    if (exits.length > 0) {
        y = separator(children, y, inner, 'separator exit-separator');
        for (const { rule, r } of exits) {
            const lines = wrapText(`${rule.outcome}: ${rule.reason}`, inner - markIndent, TEXT.exit, measure);
            const rulePlaces = drawing.places?.terminations[r];
            children.push(group('exit', cardPad, y, [cross(4, TEXT.exit.lineHeight / 2), text(markIndent, 0, lines, TEXT.exit, 'exit-text primary')], {
                ...at(rulePlaces?.from[rule.from.indexOf(stage.name)] ?? rulePlaces?.rule),
                tooltip: `terminate ${rule.outcome} "${rule.reason}"${rule.when ? ` when ${rulePlaces?.when?.text || expressionToText(rule.when)}` : ''}${alsoCalled(outcomeAliases(playbook, rule.outcome))}`,
                data: { termination: String(r) }
            }));
            y += height(lines, TEXT.exit) + 2;
        }
        y -= 2;
    }
    y += cardPad;

    const tooltip = [`stage ${stage.name}${stage.optional ? ' (optional)' : ''}`, ...(stage.aliases.length ? [`also called ${stage.aliases.join(', ')}`] : [])].join('\n');
    const cardGroup = group(`stage${stage.optional ? ' optional' : ''}`, 0, 0, [
        { kind: 'rect', x: 0, y: 0, width, height: y, radius: 8, className: `card${stage.optional ? ' optional' : ''}` },
        ...children
    ], { ...at(places?.name), tooltip, data: { stage: stage.name } });
    return { group: cardGroup, height: y };
}

interface LabelledText {
    label: string; text: string; style: TextStyle; className: string;
    /** Parts of the text kept on one line when a line holds them. */
    together?: Spans;
    /** One of several items: a dot before it, its lines indented after the dot. */
    listed?: boolean;
}

/** Left of an item's text, after its dot. */
const ITEM_INDENT = 8;

/**
 * A text after a label (`requires`, `when`, `from`) in a column of its own; under the label
 * when a word of it is wider than that column (an identifier is not cut if it can be helped).
 */
function labelledRow(row: LabelledText, width: number, labelWidth: number, measure: MeasureText): { shapes: Shape[]; height: number } {
    const shift = (row.style.lineHeight - TEXT.label.lineHeight) / 2;
    const label = row.label ? [text(0, shift, [row.label], TEXT.label, 'label')] : [];
    const indent = row.listed ? ITEM_INDENT : 0;
    const item = (x: number, top: number, lines: string[]): Shape[] => [
        ...(row.listed ? [{ kind: 'circle', cx: x + 2, cy: round(top + row.style.lineHeight / 2), r: 1.6, className: 'mark-item' } satisfies Shape] : []),
        text(x + indent, top, lines, row.style, `${row.className} primary`)
    ];
    const column = width - labelWidth - indent;
    const widestWord = Math.max(...row.text.split(/\s+/).map(word => measure(word, row.style)));
    if (widestWord <= column) {
        const lines = wrapText(row.text, column, row.style, measure, row.together);
        return { shapes: [...label, ...item(labelWidth, 0, lines)], height: Math.max(height(lines, row.style), TEXT.label.lineHeight) };
    }
    const lines = wrapText(row.text, width - 8 - indent, row.style, measure, row.together);
    const top = row.label ? TEXT.label.lineHeight : 0;
    return { shapes: [...label, ...item(8, top, lines)], height: top + height(lines, row.style) };
}

function separator(children: Shape[], y: number, inner: number, className: string): number {
    const lineY = round(y + 6);
    children.push({ kind: 'path', d: `M${LAYOUT.cardPad} ${lineY}H${round(LAYOUT.cardPad + inner)}`, className });
    return y + 12;
}

// ---------------------------------------------------------------------------------------
// How a deal ends

function endShapes(drawing: PlaybookDrawing, available: number, cardWidth: number, top: number, measure: MeasureText) {
    const { playbook, places } = drawing;
    if (playbook.terminations.length === 0) return undefined;
    const shapes: Shape[] = [text(LAYOUT.pad, top, ['How a deal ends'], TEXT.section, 'section')];
    const { endGap, cardPad, markIndent } = LAYOUT;
    const columns = Math.max(1, Math.min(playbook.terminations.length, Math.floor((available + endGap) / (Math.min(cardWidth, available) + endGap))));
    const boxWidth = Math.min(columns === 1 ? LAYOUT.cardMaxAlone : LAYOUT.cardMax + 60, (available - (columns - 1) * endGap) / columns);
    const inner = boxWidth - 2 * cardPad;
    const stageTitles = new Map(playbook.stages.map(s => [s.name, s.title ?? s.name]));
    const labelWidth = Math.max(measure('when', TEXT.label), measure('from', TEXT.label)) + 6;

    const boxes = playbook.terminations.map((rule, r) => {
        const rulePlaces = places?.terminations[r];
        const children: Shape[] = [];
        let y: number = cardPad;
        children.push(cross(cardPad + 4, y + TEXT.outcome.lineHeight / 2), text(cardPad + markIndent, y, [rule.outcome], TEXT.outcome, 'outcome primary'));
        y += TEXT.outcome.lineHeight;
        if (rule.reason) {
            const lines = wrapText(rule.reason, inner - markIndent, TEXT.reason, measure);
            children.push(text(cardPad + markIndent, y, lines, TEXT.reason, 'reason'));
            y += height(lines, TEXT.reason);
        }
        const rows: Array<LabelledText & { range?: SourceRange }> = [];
        if (rule.when) {
            rows.push({ label: 'when', text: rulePlaces?.when?.text || expressionToText(rule.when), style: TEXT.code, className: 'condition mono', together: conditionSpans, range: rulePlaces?.when?.range });
        }
        const fromTitles = rule.from.map(name => stageTitles.get(name) ?? name);
        rows.push(rule.from.length > 0
            // A line breaks between two stages rather than inside a title, when a line holds the title.
            ? { label: 'from', text: fromTitles.join(', '), style: TEXT.reason, className: 'from', together: listSpans(fromTitles, ', ') }
            : { label: 'from', text: 'any stage', style: TEXT.reason, className: 'from any' });
        y += 2;
        for (const row of rows) {
            const labelled = labelledRow(row, inner - markIndent, labelWidth, measure);
            children.push(group(row.className.split(' ')[0], cardPad + markIndent, y, labelled.shapes, { ...at(row.range) }));
            y += labelled.height + 1;
        }
        y += cardPad - 1;
        const box = group('end-rule', 0, 0, [
            { kind: 'rect', x: 0, y: 0, width: boxWidth, height: y, radius: 6, className: 'end-box' },
            // The box's left edge, rounded as the box is, in the colour of the ends.
            { kind: 'path', d: `M6 0A6 6 0 0 0 0 6V${round(y - 6)}A6 6 0 0 0 6 ${round(y)}Z`, className: 'end-accent' },
            ...children
        ], {
            ...at(rulePlaces?.rule),
            tooltip: `terminate ${rule.outcome} "${rule.reason}"${alsoCalled(outcomeAliases(playbook, rule.outcome))}`,
            data: { termination: String(r), outcome: rule.outcome, from: rule.from.join(',') }
        });
        return { box, height: y };
    });

    let y = top + TEXT.section.lineHeight + 8;
    for (let start = 0; start < boxes.length; start += columns) {
        const row = boxes.slice(start, start + columns);
        row.forEach((item, column) => {
            item.box.x = round(LAYOUT.pad + column * (boxWidth + endGap));
            item.box.y = round(y);
            shapes.push(item.box);
        });
        y += Math.max(...row.map(item => item.height)) + endGap;
    }
    return { shapes, bottom: y - endGap };
}

function optionalFact(fact: string | undefined): string[] {
    return fact === undefined ? [] : [fact];
}
