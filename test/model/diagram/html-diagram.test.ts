/**
 * The pipeline diagram (packages/model/src/diagram/html-diagram.ts and the SVG it holds):
 * titles first, a legend, the end rules and the stages they leave from, the conditions as
 * their author wrote them, a source range on each element, every text escaped, an export
 * that is a well-formed SVG document of its own.
 */
import { readFileSync } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { layoutPipeline, pipelineSvg, type PlaybookDrawing } from '@playbook/model';
import { DIAGRAM_STYLE, renderDiagramHtml } from '@playbook/model';
import { escapeHtml } from '../../../packages/model/src/diagram/html-diagram.js';
import { drawingsOf, playbookOf, stage, textAt } from './diagram-helpers.js';

const BIG_ACCOUNT = readFileSync(new URL('../../../examples/big-account.playbook', import.meta.url), 'utf8');
const SEVEN_STEP = readFileSync(new URL('../../../examples/seven-step-sales.playbook', import.meta.url), 'utf8');

/** The interactive SVG a page draws, for a width. */
function drawn(drawing: PlaybookDrawing, width = 960): string {
    return pipelineSvg(layoutPipeline(drawing, width), { interactive: true });
}

/** The SVG as a tree of plain objects, attributes prefixed with `@`. */
function parse(svg: string): unknown {
    expect(XMLValidator.validate(svg)).toBe(true);
    return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', preserveOrder: true, trimValues: false }).parse(svg);
}

interface Element { tag: string; attributes: Record<string, string>; text: string; children: unknown[] }

/** Every element with its attributes and its whole text (tooltips left out), depth first; `elements(e.children)` for those inside `e`. */
function elements(tree: unknown): Element[] {
    const found: Element[] = [];
    const textOf = (nodes: unknown[]): string => nodes.map(node => {
        const entry = node as Record<string, unknown>;
        if ('#text' in entry) return String(entry['#text']);
        const tag = Object.keys(entry).find(k => k !== ':@')!;
        return tag === 'title' ? '' : textOf(entry[tag] as unknown[]);
    }).join('');
    const walk = (nodes: unknown[]) => {
        for (const node of nodes) {
            const entry = node as Record<string, unknown>;
            const tag = Object.keys(entry).find(k => k !== ':@' && k !== '#text');
            if (!tag) continue;
            const children = entry[tag] as unknown[];
            found.push({ tag, attributes: (entry[':@'] ?? {}) as Record<string, string>, text: textOf(children), children });
            walk(children);
        }
    };
    walk(tree as unknown[]);
    return found;
}

describe('pipeline diagram', () => {
    it('draws each stage by its title first, its name second, in order, optional stages marked', async () => {
        const [drawing] = await drawingsOf(SEVEN_STEP);
        const all = elements(parse(drawn(drawing)));
        const stages = all.filter(e => e.tag === 'g' && e.attributes['@data-stage']);
        expect(stages.map(s => s.attributes['@data-stage'])).toEqual(drawing.playbook.stages.map(s => s.name));
        for (const [i, model] of drawing.playbook.stages.entries()) {
            const texts = elements(stages[i].children).filter(e => e.tag === 'text');
            // The number, the title, then the name in small type (when the stage has a title).
            expect(texts.slice(0, 3).map(t => [t.attributes['@class'], t.text])).toEqual([
                ['index', String(i + 1)], ['title primary', model.title ?? model.name], ...(model.title ? [['name mono', model.name]] : [[texts[2].attributes['@class'], texts[2].text]])
            ]);
            expect(stages[i].attributes['@class']).toBe(model.optional ? 'stage optional' : 'stage');
            expect(elements(stages[i].children).find(e => e.tag === 'rect')!.attributes['@class']).toBe(model.optional ? 'card optional' : 'card');
        }
        expect(drawing.playbook.stages.some(s => s.optional)).toBe(true);
    });

    it('names tasks and gates by their titles; identifiers are only in the tooltips', async () => {
        const [drawing] = await drawingsOf(BIG_ACCOUNT);
        const all = elements(parse(drawn(drawing)));
        const tasks = all.filter(e => e.tag === 'g' && e.attributes['@data-task']);
        expect(tasks.map(t => t.text)).toContain('Collect and evaluate customer informationSales');
        const models = drawing.playbook.stages.flatMap(s => s.tasks);
        expect(tasks.map(t => elements(t.children).find(e => e.tag === 'text')!.text)).toEqual(models.map(t => t.title));
        const texts = all.filter(e => e.tag === 'text').map(e => e.text);
        for (const model of models) expect(texts).not.toContain(model.name);
        const svg = drawn(drawing);
        expect(svg).toContain('<title>task CollectInfo (required), owner Sales</title>');
        const gate = all.find(e => e.tag === 'g' && e.attributes['@data-gate'] === 'AccurateInfo')!;
        expect(gate.text).toContain('准确的项目信息 / Accurate project information');
        // A gate's required task by its title too.
        expect(gate.text).toContain('requiresFind an internal guide');
    });

    it('shows each condition as its author wrote it, not as the model normalises it', async () => {
        const [drawing] = await drawingsOf(BIG_ACCOUNT);
        const svg = drawn(drawing);
        expect(BIG_ACCOUNT).toContain('when bidResult = Rejected from Bidding');
        expect(svg).toContain('bidResult = Rejected');
        expect(svg).not.toContain('bidResult == Rejected');
        const [written] = await drawingsOf('playbook P {\n  field a: number\n  stage S { gate G { when (a = 1) or a > 2 } }\n}\n');
        expect(drawn(written)).toContain('>(a = 1) or a &#62; 2<');
        // Without a text (a model imported from JSON), the condition is printed in the language's syntax.
        expect(drawn({ playbook: written.playbook })).toContain('>a == 1 or a &#62; 2<');
    });

    it('has a legend of what it uses: required and optional tasks, optional stages, gates, end rules', async () => {
        const [drawing] = await drawingsOf(SEVEN_STEP);
        const legend = elements(parse(drawn(drawing))).find(e => e.attributes['@class'] === 'legend')!;
        expect(legend.text).toBe(['required task', 'optional task', 'optional stage', 'gate: what must be true to move on', 'how a deal ends'].join(''));
        const bare = { playbook: playbookOf([stage('A', { tasks: [{ name: 'T', required: true }] })]) };
        expect(elements(parse(drawn(bare))).find(e => e.attributes['@class'] === 'legend')!.text).toBe('required task');
    });

    it('draws every end rule with its stages, and in each stage card the rules a deal may leave it by', async () => {
        const [drawing] = await drawingsOf(BIG_ACCOUNT);
        const all = elements(parse(drawn(drawing)));
        const rules = all.filter(e => e.tag === 'g' && e.attributes['@class'] === 'end-rule');
        expect(rules).toHaveLength(drawing.playbook.terminations.length);
        expect(rules[0].text).toBe('LostCustomer cannot paywhennot canPayfromany stage');
        expect(rules[3].text).toBe('LostCompetitor selectedfrom提案 / Proposal, 招投标 / Bidding, 商务谈判 / Negotiation');
        for (const stageElement of all.filter(e => e.tag === 'g' && e.attributes['@data-stage'])) {
            const name = stageElement.attributes['@data-stage'];
            const expected = drawing.playbook.terminations.filter(rule => rule.from.includes(name)).map(rule => `${rule.outcome}: ${rule.reason}`);
            const exits = elements(stageElement.children).filter(e => e.tag === 'g' && e.attributes['@class'] === 'exit').map(e => e.text);
            expect(exits, name).toEqual(expected);
        }
        expect(drawing.playbook.terminations.some(rule => rule.from.length === 0)).toBe(true);
    });

    it('names in the tooltips of the ends what a CRM export calls them (`won alias`, `terminate … alias`)', async () => {
        const [drawing] = await drawingsOf(`playbook P {
  stage A { }
  terminate Lost "Went elsewhere" from A
  won alias "Closed Won"
  terminate Lost alias "Closed Lost", "Lost to Competitor"
}`);
        const svg = drawn(drawing);
        expect(svg).toContain('<title>A deal is won once it has passed the last stage\nalso called Closed Won</title>');
        // The rule's box, and the exit line on the card of the stage it leaves from.
        expect(svg.split('<title>terminate Lost &#34;Went elsewhere&#34;\nalso called Closed Lost, Lost to Competitor</title>')).toHaveLength(3);
        const [plain] = await drawingsOf('playbook Q {\n  stage A { }\n  terminate Lost "Went elsewhere"\n}');
        expect(drawn(plain)).not.toContain('also called');
    });

    it('puts on each element where it is written, for a click to go there', async () => {
        const [drawing] = await drawingsOf(BIG_ACCOUNT);
        const all = elements(parse(drawn(drawing)));
        const place = (attributes: Record<string, string>) => {
            const [start, end] = attributes['@data-range'].split('-').map(p => p.split(':').map(Number));
            return textAt(BIG_ACCOUNT, { start: { line: start[0], character: start[1] }, end: { line: end[0], character: end[1] } });
        };
        const ranged = all.filter(e => e.attributes['@data-range']);
        expect(ranged.every(e => e.attributes['@tabindex'] === '0' && e.attributes['@role'] === 'link')).toBe(true);
        expect(all.filter(e => e.attributes['@data-stage']).map(e => place(e.attributes))).toEqual(drawing.playbook.stages.map(s => s.name));
        expect(all.filter(e => e.attributes['@data-task']).map(e => place(e.attributes))).toEqual(drawing.playbook.stages.flatMap(s => s.tasks.map(t => t.name)));
        expect(all.filter(e => e.attributes['@data-gate']).map(e => place(e.attributes))).toEqual(drawing.playbook.stages.flatMap(s => s.gates.map(g => g.name)));
        expect(all.filter(e => e.attributes['@class'] === 'condition').map(e => place(e.attributes))).toContain('contractValue > 0 and contractValue <= budget * 1.1');
        expect(place(all.find(e => e.attributes['@data-playbook'])!.attributes)).toBe('BigAccount');
        expect(all.filter(e => e.attributes['@class'] === 'end-rule').map(e => place(e.attributes).split(' ').slice(0, 2).join(' '))).toEqual(drawing.playbook.terminations.map(r => `terminate ${r.outcome}`));
        // Not in an export: it is no link there.
        expect(pipelineSvg(layoutPipeline(drawing, 960), { standalone: true })).not.toMatch(/data-range|tabindex|cursor/);
    });

    it('escapes every text of the playbook, in the HTML, in the drawing and in its data', async () => {
        const playbooks = await drawingsOf(`playbook P {
  title "<img src=x onerror=alert(1)>"
  field ok: bool
  stage A "<script>alert('a')</script>" {
    task T "x" required owner "\\"><b>"
    gate G "<i>g</i>" { requires T when ok }
  }
  stage B { probability 50% }
  terminate Lost "</td><script>" when not ok
}`);
        const html = renderDiagramHtml(playbooks, [{ line: 1, message: '<bad>' }]);
        expect(html).not.toMatch(/<script|<img|<i>|<b>|<bad>|<\/td><script/);
        expect(html).toContain('&#60;script&#62;');
        const data = /data-drawing="([^"]*)"/.exec(html)![1];
        expect(JSON.parse(data.replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code))))).toEqual(playbooks[0]);
    });

    it('exports a well-formed SVG document of its own: styles inside, fonts as fallbacks, a light background', async () => {
        const [drawing] = await drawingsOf(BIG_ACCOUNT);
        const hostile = { playbook: playbookOf([stage('A', { title: 'bell \u0007 and <tag> & "quotes" \ud800 lone' })]) };
        for (const input of [drawing, hostile]) {
            const svg = pipelineSvg(layoutPipeline(input, 1200), { standalone: true });
            expect(XMLValidator.validate(svg)).toBe(true);
            expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
            expect(svg).toContain('<style>');
            expect(svg).toMatch(/font-family: -apple-system, [^;]*"Noto Sans CJK SC", sans-serif/);
            expect(svg).toContain('class="backdrop"');
            expect(svg).not.toMatch(/var\(--|href=|url\(/);
        }
        const text = elements(parse(pipelineSvg(layoutPipeline(drawing, 1200), { standalone: true }))).map(e => e.text).join(' ');
        for (const model of drawing.playbook.stages) expect(text).toContain(model.title);
    });

    it('says so when a file has no playbook, and when a playbook has no stage', async () => {
        expect(renderDiagramHtml([])).toContain('declares no playbook');
        expect(renderDiagramHtml([{ playbook: playbookOf([]) }])).toContain('No stages yet.');
    });

    it('has a stylesheet that reads VS Code\'s theme with a fallback for each colour', () => {
        const uses = [...DIAGRAM_STYLE.matchAll(/var\(--vscode-[\w-]+(,?)/g)];
        expect(uses.length).toBeGreaterThan(10);
        expect(DIAGRAM_STYLE).toContain('var(--vscode-charts-red, #cf222e)');
        expect(escapeHtml('<"\'>')).toBe('&#60;&#34;&#39;&#62;');
    });
});
