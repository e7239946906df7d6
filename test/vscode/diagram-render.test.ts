/** The diagram webview's page (the drawing itself: test/language/diagram/html-diagram.test.ts; its request: test/language/lsp/requests). */
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
