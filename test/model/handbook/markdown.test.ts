/** The handbook for salespeople: readable, complete, and no title can inject HTML or break the Markdown. */
import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { playbookToMarkdown, type PlaybookModel, type StageModel } from '@playbook/model';
import { examples, exportTexts } from '../../language/export/export-helpers.js';
import { title } from '../../language/import/playbook-arbitrary.js';

const stage = (name: string, extra: Partial<StageModel> = {}): StageModel => ({ name, optional: false, aliases: [], tasks: [], gates: [], ...extra });

const SMALL: PlaybookModel = {
    name: 'Small', title: '小店 / Small shop', version: '1.2.0', forbidRegressions: true,
    fields: [{ name: 'budget', type: 'money', default: 0 }, { name: 'grade', type: 'enum', values: ['A', 'B'] }],
    stages: [
        stage('Lead', {
            title: '线索 / Lead', probability: 10, withinDays: 1, aliases: ['Prospect'],
            tasks: [{ name: 'Call', title: 'Call the customer', required: true, owner: 'Sales' }, { name: 'Mail', required: false }],
            gates: [{ name: 'Qualified', title: 'Qualified', requires: ['Mail'], when: [{ kind: 'binary', operator: '>', left: { kind: 'field', name: 'budget' }, right: { kind: 'number', value: 0 } }] }]
        }),
        stage('Demo', { optional: true }),
        stage('Close')
    ],
    terminations: [
        { outcome: 'Lost', reason: 'No budget', when: { kind: 'in', operand: { kind: 'field', name: 'grade' }, values: ['B'] }, from: ['Lead'] },
        { outcome: 'Lost', reason: 'Went silent', from: [] }
    ]
};

describe('playbookToMarkdown', () => {
    it('names the base of a variant under the title', () => {
        const text = playbookToMarkdown({ ...SMALL, variantOf: 'Seven_Step' });
        expect(text.split('\n').slice(0, 3)).toEqual(['# 小店 / Small shop', '', 'Playbook Small · a variant of Seven\\_Step · version 1.2.0']);
    });

    it('says which field is a deal\'s value and what the CRM calls the ends', () => {
        const text = playbookToMarkdown({ ...SMALL, forecastField: 'budget', wonAliases: ['Closed Won'], outcomeAliases: [{ outcome: 'Lost', aliases: ['Closed Lost', 'Perdida'] }] });
        expect(text).toContain('- **budget**: an amount of money; starts as 0 (the deal\'s value: the forecast weighs it)\n');
        expect(text.endsWith('**In the CRM:**\n\n- **Won** is Closed Won\n- **Lost** is Closed Lost, Perdida\n')).toBe(true);
    });

    it('tells salespeople what to record and how often to follow up, in general and in each stage', () => {
        const grade = (value: string) => ({ kind: 'binary' as const, operator: '==' as const, left: { kind: 'field' as const, name: 'grade' }, right: { kind: 'enumValue' as const, name: value } });
        const text = playbookToMarkdown({
            ...SMALL,
            activities: [{ name: 'visit', title: '拜访 / Customer visit' }, { name: 'call' }],
            cadences: [
                { title: 'A customers: weekly', everyDays: 7, when: grade('A'), stages: [], kinds: [] },
                { everyDays: 30, stages: ['Close'], kinds: ['visit'] }
            ]
        });
        expect(text).toContain([
            '## Following up',
            '',
            'Record every contact with the customer on the deal, with its date: visit (拜访 / Customer visit), call.',
            '',
            '- **A customers: weekly**: a contact at least every 7 days while grade == A',
            '- a visit at least every 30 days in Close'
        ].join('\n'));
        const close = text.slice(text.indexOf('## Stage 3'));
        expect(close).toContain('### Follow-up\n\n- **A customers: weekly**: a contact at least every 7 days while grade == A\n- a visit at least every 30 days in Close');
        const lead = text.slice(text.indexOf('## Stage 1'), text.indexOf('## Stage 2'));
        expect(lead).not.toContain('a visit at least');
    });

    it('writes the title, version, and per stage its facts, tasks, gate and endings', () => {
        expect(playbookToMarkdown(SMALL)).toBe(`# 小店 / Small shop

Playbook Small · version 1.2.0

A deal never moves back to an earlier stage.

## The stages

1. 线索 / Lead (10% chance to win, at most 1 day)
2. Demo (optional)
3. Close

## What to record about each deal

- **budget**: an amount of money; starts as 0
- **grade**: one of A, B

## Stage 1: 线索 / Lead

- **Chance to win:** 10%
- **Time limit:** 1 day in this stage
- **In the CRM:** Prospect

### Tasks

- [ ] Call the customer (**required**, owner: Sales)
- [ ] Mail

### Before the deal moves on

- [ ] Call the customer is done
- [ ] Mail is done (Qualified)
- [ ] budget &gt; 0 (Qualified)

### How a deal can end here

- **Lost**: No budget, automatically when grade in {B}
- **Lost**: Went silent, recorded by the salesperson

## Stage 2: Demo

*Optional: a deal may skip this stage.*

### Before the deal moves on

Nothing is checked: the deal may move on at any time.

### How a deal can end here

- **Lost**: Went silent, recorded by the salesperson

## Stage 3: Close

### Before the deal moves on

Nothing is checked: passing this stage wins the deal.

### How a deal can end here

- **Lost**: Went silent, recorded by the salesperson

## How deals end

- **Won**: by passing the last stage (Close).
- **Lost**: No budget, automatically when grade in {B}; from 线索 / Lead.
- **Lost**: Went silent, recorded by the salesperson; from any stage.
`);
    });

    it('keeps the Chinese titles of the examples intact', async () => {
        const { documents } = await exportTexts(examples().map(e => e.text), false);
        const big = documents.flat().find(d => d.playbook.name === 'BigAccount')!;
        const handbook = playbookToMarkdown(big.playbook);
        expect(handbook.startsWith('# 大客户销售 / Big-account sales\n')).toBe(true);
        expect(handbook).toContain('## Stage 4: 招投标 / Bidding');
        expect(handbook).toContain('- [ ] bidResult in {Shortlisted, Awarded} (投标或议标完成 / Bid submitted or negotiated)');
        expect(handbook).toContain('- **Time limit:** 120 days in this stage');
    });

    it('escapes hostile titles: markup, Markdown syntax and line breaks', () => {
        const hostile = '<script>alert(1)</script> *bold* _em_ [link](javascript:x) | # h\n## Injected `code` & &lt;';
        const handbook = playbookToMarkdown({
            ...SMALL, title: hostile,
            stages: [stage('S', { title: hostile, tasks: [{ name: 'T', title: hostile, required: true, owner: hostile }] }), stage('E', { title: '- 1. nested' })],
            terminations: [{ outcome: 'Lost', reason: hostile, from: [] }]
        });
        expect(handbook).not.toMatch(/<script|<\/script/);
        expect(handbook).toContain('# &lt;script&gt;alert(1)&lt;/script&gt; \\*bold\\* \\_em\\_ \\[link\\](javascript:x) \\| \\# h \\#\\# Injected \\`code\\` &amp; &amp;lt;\n');
        // The line break became a space: no line of the handbook starts with the injected heading.
        expect(handbook.split('\n').filter(line => line.startsWith('## Injected'))).toEqual([]);
        // A title that starts like a list stays text in the numbered overview.
        expect(handbook).toContain('2. \\- 1. nested');
    });

    it('never lets a title add a line, a heading or a tag (property)', () => {
        fc.assert(fc.property(title, title, (stageTitle, reason) => {
            const handbook = playbookToMarkdown({
                ...SMALL, title: stageTitle,
                stages: [stage('S', { title: stageTitle, aliases: [reason], tasks: [{ name: 'T', title: reason, required: false, owner: stageTitle }] })],
                terminations: [{ outcome: 'Lost', reason, from: [] }]
            });
            const plain = playbookToMarkdown({
                ...SMALL, title: 'x',
                stages: [stage('S', { title: 'x', aliases: ['x'], tasks: [{ name: 'T', title: 'x', required: false, owner: 'x' }] })],
                terminations: [{ outcome: 'Lost', reason: 'x', from: [] }]
            });
            expect(handbook.split('\n').length).toBe(plain.split('\n').length);
            expect(handbook.split('\n').filter(l => l.startsWith('#')).length).toBe(plain.split('\n').filter(l => l.startsWith('#')).length);
            expect(handbook).not.toMatch(/[<>]/);
        }), { numRuns: 300 });
    });
});
