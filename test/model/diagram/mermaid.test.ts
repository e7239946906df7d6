/** The pipeline as a Mermaid flowchart; no title can break the diagram. */
import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { playbookToMermaid, type PlaybookModel, type StageModel } from '@playbook/model';
import { examples, exportTexts } from '../../language/export/export-helpers.js';
import { title } from '../../language/import/playbook-arbitrary.js';

const stage = (name: string, extra: Partial<StageModel> = {}): StageModel => ({ name, optional: false, aliases: [], tasks: [], gates: [], ...extra });

const PIPELINE: PlaybookModel = {
    name: 'P', forbidRegressions: false,
    fields: [{ name: 'budget', type: 'money' }],
    stages: [
        stage('Lead', { title: '线索 / Lead', probability: 10, gates: [{ name: 'Qualified', title: 'Qualified', requires: [], when: [{ kind: 'binary', operator: '>', left: { kind: 'field', name: 'budget' }, right: { kind: 'number', value: 0 } }] }] }),
        stage('Demo', { optional: true }),
        stage('Close', { gates: [{ name: 'Signed', requires: [], when: [] }] })
    ],
    terminations: [
        { outcome: 'Lost', reason: 'No budget', when: { kind: 'not', operand: { kind: 'bool', value: true } }, from: [] },
        { outcome: 'Lost', reason: 'Competitor', from: ['Close'] }
    ]
};

describe('playbookToMermaid', () => {
    it('names the base of a variant in a comment, escaped as a label: no line Mermaid\'s preprocessing would cut', () => {
        const lines = playbookToMermaid({ ...PIPELINE, variantOf: 'style x:#y;\nB' }).split('\n');
        expect(lines[1]).toBe('  %% P, a variant of style x#58;#35;y; B, drawn resolved');
        expect(lines.filter(line => /style.*:\S*#.*;/.test(line))).toEqual([]);
        expect(lines.slice(0, 1).concat(lines.slice(2)).join('\n')).toBe(playbookToMermaid(PIPELINE));
    });

    it('draws stages in order, gates on the edges, skips past optional stages, Won and the terminations', () => {
        expect(playbookToMermaid(PIPELINE)).toBe(`flowchart LR
  s0["线索 / Lead · 10#37;"]
  s1["Demo #40;optional#41;"]
  s2["Close"]
  won((("Won")))
  o0(["Lost"])
  s0 -->|"Qualified"| s1
  s0 -.->|"Qualified"| s2
  s1 --> s2
  s2 -->|"Signed"| won
  s0 --x|"No budget #40;automatic#41;"| o0
  s1 --x|"No budget #40;automatic#41;"| o0
  s2 --x|"No budget #40;automatic#41;; Competitor"| o0
  classDef optional stroke-dasharray: 5 5
  classDef won fill:#d4edda,stroke:#2e7d32
  classDef ended fill:#eeeeee,stroke:#757575
  class s1 optional
  class won won
  class o0 ended
`);
    });

    it('says how often a stage\'s deals are followed up: one gap, or the range of its rules', async () => {
        const { documents } = await exportTexts([`playbook P { field grade: enum {A, B} activity visit
  stage Lead { gate G { when grade in {A, B} } } stage Close
  cadence every 7 days when grade = A  cadence every 14 days when grade = B during Close  cadence every 1 day during Lead by visit }`]);
        const chart = playbookToMermaid(documents[0][0].playbook);
        expect(chart).toContain('s0["Lead · follow-up every 1–7 days"]');
        expect(chart).toContain('s1["Close · follow-up every 7–14 days"]');
    });

    it('writes the gate conditions when asked', () => {
        expect(playbookToMermaid(PIPELINE, { conditions: true })).toContain('s0 -->|"Qualified#58; budget #gt; 0"| s1');
    });

    it('reaches Won past trailing optional stages', () => {
        const diagram = playbookToMermaid({ ...PIPELINE, terminations: [], stages: [stage('A'), stage('B', { optional: true })] });
        expect(diagram).toContain('  s0 --> s1\n');
        expect(diagram).toContain('s0 -.-> won');
        expect(diagram).toContain('s1 --> won');
    });

    it('keeps Chinese titles intact', async () => {
        const { documents } = await exportTexts(examples().map(e => e.text), false);
        const big = documents.flat().find(d => d.playbook.name === 'BigAccount')!;
        const diagram = playbookToMermaid(big.playbook);
        expect(diagram).toContain('s0["客户开发 / Development · 10#37;"]');
        expect(diagram).toContain('"投标或议标完成 / Bid submitted or negotiated"');
    });

    it('escapes hostile titles: quotes, brackets, arrows, pipes, newlines, markup and entity codes', () => {
        const hostile = 'A "quoted" ] [x] --> B | C\nD <script>alert(1)</script> #quot; `md` %% {c} (d)';
        const diagram = playbookToMermaid({
            ...PIPELINE,
            stages: [
                stage('S', { title: hostile, gates: [{ name: 'G', title: hostile, requires: [], when: [{ kind: 'binary', operator: '!=', left: { kind: 'field', name: 't' }, right: { kind: 'text', value: hostile } }] }] }),
                stage('T')
            ],
            terminations: [{ outcome: 'Lost', reason: hostile, from: [] }]
        }, { conditions: true });
        expect(diagram).not.toContain('<script>');
        expect(diagram).not.toContain('#quot; `');
        expect(diagram).toContain('#35;quot;'); // the user's "#quot;" stays literal text
        expect(diagram).toContain('A #quot;quoted#quot; #93; #91;x#93; --#gt; B #124; C D #lt;script#gt;');
        assertWellFormed(diagram, 2);
    });

    it.each([
        'style x:#y;',
        'style x:#y; 50%',
        'classDef a fill:#f00;',
        'Discount: 50%; style: #1;',
        'a:b #quot; c;'
    ])('shows %s as written, after Mermaid\'s own preprocessing of style lines', titleText => {
        const diagram = playbookToMermaid({
            ...PIPELINE,
            stages: [stage('S', { title: titleText, gates: [{ name: 'G', title: titleText, requires: [], when: [] }] }), stage('T')],
            terminations: [{ outcome: 'Lost', reason: titleText, from: [] }]
        });
        const shown = labelsAsMermaidShowsThem(diagram);
        expect(shown).toContain(titleText);
        // The stage, its gate on the edge to the next stage, and the reason on the edges of both stages.
        expect(shown.filter(label => label === titleText)).toHaveLength(4);
    });

    it('keeps any title as written through Mermaid\'s preprocessing (property)', () => {
        fc.assert(fc.property(fc.array(title, { minLength: 1, maxLength: 3 }), titles => {
            const stages = titles.map((t, i) => stage(`S${i}`, { title: t }));
            const shown = labelsAsMermaidShowsThem(playbookToMermaid({ ...PIPELINE, stages, terminations: [] }));
            titles.forEach((t, i) => expect(shown[i]).toBe(t.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ')));
        }), { numRuns: 300 });
    });

    it('keeps any title inside its label (property)', () => {
        fc.assert(fc.property(fc.array(title, { minLength: 1, maxLength: 4 }), fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), (titles, optional) => {
            const stages = titles.map((t, i) => stage(`S${i}`, { title: t, optional: optional[i], gates: [{ name: `G${i}`, title: t, requires: [], when: [] }] }));
            const diagram = playbookToMermaid({ ...PIPELINE, stages, terminations: titles.map(t => ({ outcome: 'Lost', reason: t, from: [] })) });
            assertWellFormed(diagram, stages.length);
        }), { numRuns: 300 });
    });
});

/**
 * The text of each label as a browser shows it after Mermaid has read the diagram: first its
 * preprocessing (`encodeEntities` in mermaidAPI: the last `;` of a line matching its style
 * patterns is dropped, then `#name;` and `#123;` codes are set aside), then the label's
 * entities decoded as HTML. In the order the labels appear.
 */
function labelsAsMermaidShowsThem(diagram: string): string[] {
    let text = diagram
        .replace(/style.*:\S*#.*;/g, s => s.substring(0, s.length - 1))
        .replace(/classDef.*:\S*#.*;/g, s => s.substring(0, s.length - 1))
        .replace(/#\w+;/g, s => {
            const inner = s.substring(1, s.length - 1);
            return /^\+?\d+$/.test(inner) ? `ﬂ°°${inner}¶ß` : `ﬂ°${inner}¶ß`;
        });
    text = text.replace(/ﬂ°°/g, '&#').replace(/ﬂ°/g, '&').replace(/¶ß/g, ';');
    const named: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>' };
    return [...text.matchAll(/"([^"\n]*)"/g)].map(match => match[1]
        .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
        .replace(/&(quot|amp|lt|gt);/g, (_, name: string) => named[name]));
}

/**
 * Every line is one statement of a known shape, every label a quoted string with nothing
 * inside that Mermaid or HTML reads as syntax, and every node id a generated one.
 */
function assertWellFormed(diagram: string, stageCount: number): void {
    const label = '"[^"\\[\\]{}()|<>`%#\\n]*(?:#(?:\\d+|quot|amp|lt|gt);[^"\\[\\]{}()|<>`%#\\n]*)*"';
    const id = '(?:s\\d+|won|o\\d+)';
    const shapes = [
        new RegExp(`^  s\\d+\\[${label}\\]$`),
        new RegExp(`^  won\\(\\(\\(${label}\\)\\)\\)$`),
        new RegExp(`^  o\\d+\\(\\[${label}\\]\\)$`),
        new RegExp(`^  ${id} (?:-->|-\\.->|--x)(?:\\|${label}\\|)? ${id}$`),
        /^ {2}classDef \w+ [\w:#,\- ]+$/,
        new RegExp(`^  class ${id}(?:,${id})* \\w+$`)
    ];
    const lines = diagram.trimEnd().split('\n');
    expect(lines[0]).toBe('flowchart LR');
    for (const line of lines.slice(1)) {
        expect(shapes.some(shape => shape.test(line)), line).toBe(true);
    }
    expect(lines.filter(line => /^ {2}s\d+\[/.test(line))).toHaveLength(stageCount);
}
