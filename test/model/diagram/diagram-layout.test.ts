/**
 * The diagram's layout (packages/language/src/diagram/diagram-layout.ts) at any width: the
 * cards in reading order, an arrow from each to the next that ends on it (none into empty
 * space, none left over at the end of a row), nothing overlapping, nothing outside.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ARROW_Y, estimateTextWidth, flowColumns, layoutPipeline, pipelineSvg, slideWidth, type PipelineScene, type PlaybookDrawing, type Shape, type TextShape } from '@playbook/model';
import { examples } from '../../language/export/export-helpers.js';
import { drawingsOf, playbookOf, stage } from './diagram-helpers.js';

/** What is wrong with the flow of a scene, in words (empty: nothing). */
function flowProblems(scene: PipelineScene): string[] {
    const problems: string[] = [];
    const { nodes, connectors } = scene;
    if (connectors.length !== nodes.length - 1) problems.push(`${connectors.length} connectors for ${nodes.length} cards`);
    connectors.forEach((connector, i) => {
        if (connector.from !== i || connector.to !== i + 1) problems.push(`connector ${i} joins ${connector.from} → ${connector.to}`);
        const from = nodes[connector.from];
        const to = nodes[connector.to];
        const [startX, startY] = connector.points[0];
        const [tipX, tipY] = connector.points[connector.points.length - 1];
        const [beforeX, beforeY] = connector.points[connector.points.length - 2];
        if (from.row === to.row) {
            // Across: from the right edge of one card to the left edge of the next, level.
            if (startX !== from.x + from.width || tipX !== to.x || startY !== tipY) problems.push(`connector ${i} is not a level arrow from ${from.name} to ${to.name}`);
            if (tipY < to.y || tipY > to.y + to.height || startY < from.y || startY > from.y + from.height) problems.push(`connector ${i} misses a card's side`);
            if (to.x <= from.x + from.width) problems.push(`${to.name} is not right of ${from.name}`);
        } else {
            // Down into the next row, ending on the top of the next card, pointing down.
            if (to.row !== from.row + 1) problems.push(`${to.name} skips a row after ${from.name}`);
            if (startY !== from.y + from.height || startX < from.x || startX > from.x + from.width) problems.push(`connector ${i} does not leave ${from.name} from its bottom`);
            if (tipY !== to.y || tipX < to.x || tipX > to.x + to.width) problems.push(`connector ${i} does not end on the top of ${to.name}`);
            if (beforeX !== tipX || beforeY >= tipY) problems.push(`connector ${i} does not come down into ${to.name}`);
            // Back along the gap between the rows, under every card of the row it leaves.
            const rowBottom = Math.max(...nodes.filter(n => n.row === from.row).map(n => n.y + n.height));
            for (const [, y] of connector.points.slice(1, -1)) {
                if (y <= rowBottom || y >= to.y) problems.push(`connector ${i} runs across a card between rows ${from.row} and ${to.row}`);
            }
        }
    });
    nodes.forEach((a, i) => nodes.slice(i + 1).forEach(b => {
        if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) problems.push(`${a.name} overlaps ${b.name}`);
    }));
    for (const node of nodes) {
        if (node.x < 0 || node.x + node.width > scene.width || node.y + node.height > scene.height) problems.push(`${node.name} is outside the drawing`);
    }
    return problems;
}

/** The arrowheads drawn, each as its tip. */
function arrowTips(svg: string): string[] {
    return [...svg.matchAll(/class="arrowhead" d="M([\d.]+) ([\d.]+)L/g)].map(m => `${Number(m[1])},${Number(m[2])}`);
}

const WIDTHS = [240, 360, 480, 640, 760, 1000, 1280, 1500, 2400];

describe('the pipeline layout', async () => {
    const drawings = (await Promise.all(examples().filter(e => !e.file.endsWith('-deals.playbook')).map(e => drawingsOf(e.text)))).flat();

    it.each(WIDTHS)('lays every example out at %i px: cards in reading order, each arrow from a card to the next', width => {
        for (const drawing of drawings) {
            const scene = layoutPipeline(drawing, width);
            expect(scene.nodes.map(n => n.name)).toEqual([...drawing.playbook.stages.map(s => s.name), 'Won']);
            expect(flowProblems(scene), `${drawing.playbook.name} at ${width} px`).toEqual([]);
            // One arrowhead per connector, at its tip: none points into empty space.
            const tips = arrowTips(pipelineSvg(scene));
            expect(tips).toEqual(scene.connectors.map(c => c.points[c.points.length - 1].join(',')));
        }
    });

    it('at a narrow width, stacks the cards in one column joined by straight arrows down', () => {
        for (const drawing of drawings) {
            const scene = layoutPipeline(drawing, 480);
            expect(scene.columns).toBe(1);
            expect(new Set(scene.nodes.map(n => n.row)).size).toBe(scene.nodes.length);
            for (const connector of scene.connectors) {
                expect(new Set(connector.points.map(([x]) => x)).size).toBe(1);
            }
        }
    });

    it('at a wide width, puts a six-stage pipeline in one row, arrows level with the titles', () => {
        const bigAccount = drawings.find(d => d.playbook.name === 'BigAccount')!;
        const scene = layoutPipeline(bigAccount, 1500);
        const stages = scene.nodes.filter(n => n.kind === 'stage');
        expect(new Set(stages.map(n => n.row))).toEqual(new Set([0]));
        for (const connector of scene.connectors.slice(0, stages.length - 1)) {
            expect(connector.points.map(([, y]) => y)).toEqual([stages[0].y + ARROW_Y, stages[0].y + ARROW_Y]);
        }
    });

    it('in between, wraps into even rows, each row ending where the arrow turns down to the next', () => {
        const seven = { playbook: playbookOf(['A', 'B', 'C', 'D', 'E', 'F', 'G'].map(n => stage(n))) };
        const scene = layoutPipeline(seven, 1000);
        const rows = scene.nodes.filter(n => n.kind === 'stage').map(n => n.row);
        expect(rows).toEqual([0, 0, 0, 0, 1, 1, 1]);
        expect(flowProblems(scene)).toEqual([]);
        const turn = scene.connectors[3];
        expect(turn.points).toHaveLength(4);
        expect(turn.points[0][0]).toBeGreaterThan(turn.points[3][0]);
    });

    it('keeps its invariants for any number of stages, any titles and any width', () => {
        const title = fc.oneof(fc.constant(undefined), fc.string({ maxLength: 60 }), fc.constantFrom('客户开发 / Development', 'W'.repeat(80), '很长的阶段名称'.repeat(6)));
        fc.assert(fc.property(
            fc.array(fc.record({ title, tasks: fc.nat(4), optional: fc.boolean() }), { minLength: 1, maxLength: 14 }),
            fc.integer({ min: 120, max: 2600 }),
            (stages, width) => {
                const drawing: PlaybookDrawing = {
                    playbook: playbookOf(stages.map((s, i) => stage(`S${i}`, {
                        ...(s.title === undefined ? {} : { title: s.title }), optional: s.optional,
                        tasks: Array.from({ length: s.tasks }, (_, t) => ({ name: `T${i}_${t}`, required: t % 2 === 0, title: s.title ?? 'Call' }))
                    })))
                };
                const scene = layoutPipeline(drawing, width);
                expect(flowProblems(scene)).toEqual([]);
                expect(arrowTips(pipelineSvg(scene))).toHaveLength(scene.connectors.length);
            }), { numRuns: 200 });
    });

    it('chooses as many columns as the width holds, never fewer than one', () => {
        expect(flowColumns(6, 300).columns).toBe(1);
        expect(flowColumns(6, 2000).columns).toBe(6);
        expect(flowColumns(7, 960).columns).toBe(4);
        expect(flowColumns(0, 960).columns).toBe(1);
        for (let width = 100; width < 3000; width += 37) {
            const { columns, cardWidth } = flowColumns(9, width);
            expect(columns).toBeGreaterThanOrEqual(1);
            if (columns > 1) expect(columns * cardWidth + (columns - 1) * 44).toBeLessThanOrEqual(width + 0.01);
        }
    });

    it('lays an export out for a slide: landscape, the narrowest width that gives it', () => {
        const widths = [960, 1280, 1600, 1920, 2400];
        for (const drawing of drawings) {
            const width = slideWidth(drawing);
            const scene = layoutPipeline(drawing, width);
            expect(widths).toContain(width);
            expect(scene.width / scene.height, drawing.playbook.name).toBeGreaterThanOrEqual(1.5);
            for (const narrower of widths.filter(w => w < width)) {
                const other = layoutPipeline(drawing, narrower);
                expect(other.width / other.height).toBeLessThan(1.5);
            }
        }
        const bigAccount = drawings.find(d => d.playbook.name === 'BigAccount')!;
        expect(new Set(layoutPipeline(bigAccount, slideWidth(bigAccount)).nodes.map(n => n.row)).size).toBe(1);
    });

    it('puts a condition under its label rather than cut an identifier in two', () => {
        const identifier = 'presalesApprovedByDirector';
        const gate = { name: 'G', requires: [], when: [{ kind: 'field' as const, name: identifier }] };
        const drawing = { playbook: playbookOf([stage('A', { gates: [gate] })]) };
        const texts = (shapes: Shape[]): TextShape[] => shapes.flatMap(s => (s.kind === 'text' ? [s] : s.kind === 'group' ? texts(s.children) : []));
        for (const width of [300, 480, 960]) {
            const condition = texts(layoutPipeline(drawing, width).shapes).find(t => t.className.startsWith('condition'))!;
            expect(condition.lines, `at ${width} px`).toEqual([identifier]);
        }
    });

    it('marks each required task of a gate that requires several, so that one title is not read as the next', () => {
        const tasks = [{ name: 'Map', required: true, title: 'Map the buying centre' }, { name: 'Review', required: true, title: 'Pre-sales review' }];
        const marks = (requires: string[]) => {
            const gate = { name: 'G', requires, when: [] };
            const svg = pipelineSvg(layoutPipeline({ playbook: playbookOf([stage('A', { tasks, gates: [gate] })]) }, 480));
            return [...svg.matchAll(/<g class="requirement"[^>]*>(?:<title>[^<]*<\/title>)?(?:<text[^>]*>.*?<\/text>)?(<circle class="mark-item")?/g)].map(m => Boolean(m[1]));
        };
        expect(marks(['Map', 'Review'])).toEqual([true, true]);
        expect(marks(['Map'])).toEqual([false]);
    });

    it('breaks the stages an end rule applies from between two titles, not inside one', () => {
        const titles = ['提案 / Proposal', '招投标 / Bidding', '商务谈判 / Negotiation'];
        const stages = titles.map((title, i) => stage(`S${i}`, { title }));
        const drawing = { playbook: playbookOf(stages, { terminations: [{ outcome: 'Lost', reason: 'Competitor selected', from: stages.map(s => s.name) }] }) };
        const texts = (shapes: Shape[]): TextShape[] => shapes.flatMap(s => (s.kind === 'text' ? [s] : s.kind === 'group' ? texts(s.children) : []));
        const lineCounts = [300, 360, 480].map(width => {
            const from = texts(layoutPipeline(drawing, width).shapes).find(t => t.className.startsWith('from'))!;
            for (const line of from.lines) {
                expect(line.trim().replace(/,$/, '').split(', ').every(part => titles.includes(part)), `${JSON.stringify(line)} at ${width} px`).toBe(true);
            }
            return from.lines.length;
        });
        expect(Math.max(...lineCounts)).toBeGreaterThan(1);
    });

    it('measures with the function it is given', () => {
        const drawing = { playbook: playbookOf([stage('A', { title: 'A title that is long enough to wrap in a narrow card' })]) };
        const wide = layoutPipeline(drawing, 480, (text, style) => estimateTextWidth(text, style) * 3);
        const narrow = layoutPipeline(drawing, 480, () => 1);
        expect(wide.nodes[0].height).toBeGreaterThan(narrow.nodes[0].height);
    });
});
