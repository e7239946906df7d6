/** The pipeline diagram's HTML (packages/language/src/diagram/html-diagram.ts): drawn from the model, every text escaped. */
import { createPlaybookServices, expressionToText, playbookToModel, renderDiagramHtml, validateText, ast } from '@playbook/language';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../packages/language/src/diagram/html-diagram.js';

async function models(text: string) {
    const { document } = await validateText(createPlaybookServices(), text);
    return document.parseResult.value.elements.filter(ast.isPlaybook).map(p => playbookToModel(p));
}

describe('pipeline diagram', () => {
    it('draws the stages of an example in order, optional stages marked, gates and terminations', async () => {
        const text = readFileSync(new URL('../../../examples/seven-step-sales.playbook', import.meta.url), 'utf8');
        const playbooks = await models(text);
        const html = renderDiagramHtml(playbooks, expressionToText);
        const stageNames = [...html.matchAll(/data-stage="([^"]+)"/g)].map(m => m[1]);
        expect(stageNames).toEqual(playbooks[0].stages.map(s => escapeHtml(s.name)));
        const optional = playbooks[0].stages.filter(s => s.optional);
        expect(optional.length).toBeGreaterThan(0);
        for (const stage of optional) {
            expect(html).toContain(`class="stage optional" data-stage="${escapeHtml(stage.name)}"`);
        }
        expect(html).toContain('class="gate"');
        expect(html).toContain('<h3>Ends</h3>');
    });

    it('escapes every text of the playbook', async () => {
        const playbooks = await models(`playbook P {
  title "<img src=x onerror=alert(1)>"
  field ok: bool
  stage A "<script>alert('a')</script>" {
    task T "x" required owner "\\"><b>"
    gate G "<i>g</i>" { requires T when ok }
  }
  stage B { probability 50% }
  terminate Lost "</td><script>" when not ok
}`);
        const html = renderDiagramHtml(playbooks, expressionToText, [{ line: 1, message: '<bad>' }]);
        expect(html).not.toMatch(/<script|<img|<i>|<b>|<bad>|<\/td><script/);
        expect(html).toContain('&#60;script&#62;');
    });

    it('says so when a file has no playbook', () => {
        expect(renderDiagramHtml([], expressionToText)).toContain('declares no playbook');
    });
});
