/** The pipeline diagram's HTML (packages/vscode/src/diagram/render.ts): drawn from the model, every text escaped. */
import { createPlaybookServices, expressionToText, playbookToModel, validateText, ast } from '@playbook/language';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderDiagram } from '../../packages/vscode/src/diagram/render.js';
import { escapeHtml, webviewPage } from '../../packages/vscode/src/html.js';

async function models(text: string) {
    const { document } = await validateText(createPlaybookServices(), text);
    return document.parseResult.value.elements.filter(ast.isPlaybook).map(p => playbookToModel(p));
}

describe('pipeline diagram', () => {
    it('draws the stages of an example in order, optional stages marked, gates and terminations', async () => {
        const text = readFileSync(new URL('../../examples/seven-step-sales.playbook', import.meta.url), 'utf8');
        const playbooks = await models(text);
        const html = renderDiagram(playbooks, expressionToText);
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
        const html = renderDiagram(playbooks, expressionToText, [{ line: 1, message: '<bad>' }]);
        expect(html).not.toMatch(/<script|<img|<i>|<b>|<bad>|<\/td><script/);
        expect(html).toContain('&#60;script&#62;');
    });

    it('says so when a file has no playbook', () => {
        expect(renderDiagram([], expressionToText)).toContain('declares no playbook');
    });

    it('puts a strict CSP with a nonce on the page', () => {
        const page = webviewPage({ nonce: 'abc', cspSource: 'vscode-webview:', title: '<t>', style: '', body: '', script: '' });
        expect(page).toContain("default-src 'none'");
        expect(page).toContain("script-src 'nonce-abc'");
        expect(page).toContain('<script nonce="abc">');
        expect(page).not.toContain('<title><t>');
        expect(page).not.toMatch(/https?:\/\//);
    });
});

describe('the core of the extension host (packages/vscode/src/core.ts)', () => {
    it('forgets the texts it built: drawing a playbook twice, then exporting it, reports no duplicate', async () => {
        const core = await import('../../packages/vscode/src/core.js');
        const text = readFileSync(new URL('../../examples/big-account.playbook', import.meta.url), 'utf8');
        const first = await core.diagramHtml(text);
        const second = await core.diagramHtml(text);
        expect(second.stages).toEqual(first.stages);
        const exported = await core.exportJson([{ uri: 'file:///ws/big-account.playbook', text }]);
        expect(exported.kind).toBe('json');
        const models = await core.playbookModels([{ uri: 'file:///ws/big-account.playbook', text }]);
        expect(models.errors).toEqual([]);
    });
});
