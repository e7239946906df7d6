/**
 * `day` is the singular of `days`: accepted wherever `days` is, the same fact in the model
 * and the export, and every printed form says `1 day`, never `1 days`.
 */
import { describe, expect, it } from 'vitest';
import { createPlaybookServices, exportPlaybooks, formatPlaybookText, importPlaybook, validateText, type ast } from '@playbook/language';
import {
    expressionToText, formatAggregateReport, layoutPipeline, playbookToMarkdown, playbookToMermaid, printPlaybook, serializeDocuments,
    DealAggregator, simulateDeal, compilePlaybook
} from '@playbook/model';
import { problems } from '../../helpers.js';

const services = createPlaybookServices();

const singular = `playbook Quick {
  field wait: days = 1 day
  field back: days = -1 day
  field signed: date
  stage Lead {
    within 1 day
    task Call required
    gate Called { requires Call when wait >= 1 day and signed + 1 day > 2026-01-01 and back < 0 }
  }
  stage Close { within 2 days }
  terminate Lost "Too slow" when wait > 1 day
}

deal D for Quick {
  2026-01-01 enter Lead
  2026-01-01 set wait = 1 day
  2026-01-01 set signed = 2026-01-01
  2026-01-01 done Call
  2026-01-02 enter Close
}
`;

async function modelOf(text: string) {
    const { document } = await validateText(services, text);
    return exportPlaybooks(document.parseResult.value as ast.Document, { withDeals: true })[0];
}

describe('`day`, the singular of `days`', () => {
    it.each([
        ['within', 'within 1 day'],
        ['a condition', 'within 5 days gate G { when wait > 1 day }'],
        ['a condition, plural spelling after 1', 'within 5 days gate G { when wait > 1 days }']
    ])('is accepted in %s', async (_, stageBody) => {
        const text = `playbook P {\n  field wait: days = 1 day\n  stage A { ${stageBody} }\n  stage B {}\n}\n`;
        expect((await problems(text)).filter(d => d.severity === 'error')).toEqual([]);
    });

    it('is accepted in a default, a negative default and a deal\'s value, with no finding', async () => {
        expect(await problems(singular)).toEqual([]);
    });

    it('means what `days` means: the model and the export do not record the spelling', async () => {
        const plural = singular.replace(/\b1 day\b/g, '1 days');
        expect(plural).not.toBe(singular);
        expect(serializeDocuments([await modelOf(singular)])).toBe(serializeDocuments([await modelOf(plural)]));
        const document = await modelOf(singular);
        expect(document.playbook.stages[0].withinDays).toBe(1);
        expect(document.playbook.terminations[0].when).toEqual({
            kind: 'binary', operator: '>', left: { kind: 'field', name: 'wait' }, right: { kind: 'number', value: 1, unit: 'days' }
        });
    });

    it('is what every printed form says for 1 (import, conditions, handbook, Mermaid, diagram)', async () => {
        const { playbook } = await modelOf(singular);
        const printed = printPlaybook(playbook);
        expect(printed).toContain('within 1 day\n');
        expect(printed).toContain('within 2 days\n');
        expect(printed).toContain('when wait > 1 day\n');
        expect(printed).not.toMatch(/\b1 days\b/);
        expect(expressionToText(playbook.terminations[0].when!)).toBe('wait > 1 day');
        const markdown = playbookToMarkdown(playbook);
        expect(markdown).toContain('1 day');
        expect(markdown).not.toMatch(/\b1 days\b/);
        expect(playbookToMermaid(playbook)).not.toMatch(/\b1 days\b/);
        const scene = JSON.stringify(layoutPipeline({ playbook }, 800));
        expect(scene).toContain('within 1 day');
        expect(scene).not.toMatch(/\b1 days\b/);
    });

    it('imports back to the same export', async () => {
        const document = await modelOf(singular);
        const json = serializeDocuments([document]);
        const imported = await importPlaybook(json);
        expect(imported.ok).toBe(true);
        if (!imported.ok) return;
        expect(serializeDocuments([await modelOf(imported.text)])).toBe(json);
    });

    it('is kept by the formatter as the author wrote it (it rewrites only whitespace)', () => {
        const text = 'playbook P {\n  stage A {\n    within 1  days\n  }\n  stage B {\n    within 2   day\n  }\n}\n';
        const result = formatPlaybookText(services, text);
        expect(result.ok && result.text).toBe('playbook P {\n  stage A {\n    within 1 days\n  }\n  stage B {\n    within 2 day\n  }\n}\n');
    });

    it('is what the simulation report says of a one-day cycle', async () => {
        const { playbook, deals } = await modelOf(singular.replace('2026-01-02 enter Close', '2026-01-02 enter Close\n  2026-01-02 won'));
        const aggregator = new DealAggregator(playbook);
        const result = simulateDeal(compilePlaybook(playbook), deals![0]);
        expect(result.outcome.kind).toBe('won');
        aggregator.add(result);
        const text = formatAggregateReport(aggregator.report());
        expect(text).toContain('median 1 day,');
        expect(text).not.toMatch(/\b1 days\b/);
    });
});
