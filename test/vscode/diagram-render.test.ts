/** The diagram webview's page and the extension host's core that draws it (the drawing itself: test/language/diagram/html-diagram.test.ts). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { webviewPage } from '../../packages/vscode/src/html.js';

describe('diagram webview page', () => {
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
