/**
 * Every diagnostic links to its rule's page (LSP `codeDescription.href`): the copy of
 * docs/rules beside the server when there is one (a file URL), the web address otherwise.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { afterAll, describe, expect, it } from 'vitest';
import { RULES_DOCUMENTATION_URL, type ast } from '@playbook/language';
import { createPlaybookLspServices } from '../../../../packages/language/src/lsp/index.js';
import { rulesDocumentationBase } from '../../../../packages/language/src/lsp/configuration/rules-documentation-base.js';
import { StdioServer } from '../stdio-server.js';

const root = resolve(__dirname, '../../../..');

/** A playbook and a deal with findings of many codes. */
const TEXT = `playbook Links {
  version "1.0"
  field unused: money
  stage A {
    probability 120%
    task T required
  }
  stage B
  stage C {
    task U required
  }
}

deal D for Links {
  2026-01-01 enter A
  2026-01-02 enter C
  2026-02-30 done Nope
}
`;

async function diagnosticsWith(options?: { rulesDocumentationBase?: string }) {
    const services = createPlaybookLspServices(EmptyFileSystem, options);
    const document = await parseHelper<ast.Document>(services.Playbook)(TEXT, { documentUri: 'file:///links/a.playbook', validation: true });
    return document.diagnostics!;
}

describe('codeDescription', () => {
    it('links every diagnostic to its page on the web by default', async () => {
        const diagnostics = await diagnosticsWith();
        expect(new Set(diagnostics.map(d => d.code))).toEqual(new Set([
            'version-format', 'unused-field', 'probability-range', 'missing-gate', 'stage-skip', 'gate-not-met', 'invalid-date', 'unresolved-reference'
        ]));
        for (const diagnostic of diagnostics) {
            expect(diagnostic.codeDescription).toEqual({ href: `${RULES_DOCUMENTATION_URL}${diagnostic.code}.md` });
        }
    });

    it('links to the pages the server was started with', async () => {
        const base = pathToFileURL(join(root, 'docs/rules')).href + '/';
        for (const diagnostic of await diagnosticsWith({ rulesDocumentationBase: base })) {
            const href = diagnostic.codeDescription!.href;
            expect(href).toBe(`${base}${diagnostic.code}.md`);
            expect(existsSync(fileURLToPath(href))).toBe(true);
        }
    });
});

describe('rulesDocumentationBase', () => {
    const dir = mkdtempSync(join(tmpdir(), 'playbook-rules-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('is the nearest docs/rules holding an index, beside the server or above it', () => {
        mkdirSync(join(dir, 'ext/dist/docs/rules'), { recursive: true });
        writeFileSync(join(dir, 'ext/dist/docs/rules/README.md'), '# Rules\n');
        writeFileSync(join(dir, 'ext/dist/server.cjs'), '');
        mkdirSync(join(dir, 'repo/docs/rules'), { recursive: true });
        mkdirSync(join(dir, 'repo/packages/x/bin'), { recursive: true });
        writeFileSync(join(dir, 'repo/docs/rules/README.md'), '# Rules\n');
        writeFileSync(join(dir, 'repo/packages/x/bin/server.cjs'), '');
        mkdirSync(join(dir, 'bare/docs/rules'), { recursive: true });
        writeFileSync(join(dir, 'bare/server.cjs'), '');
        expect(rulesDocumentationBase(join(dir, 'ext/dist/server.cjs'))).toBe(`${pathToFileURL(join(dir, 'ext/dist/docs/rules')).href}/`);
        expect(rulesDocumentationBase(join(dir, 'repo/packages/x/bin/server.cjs'))).toBe(`${pathToFileURL(join(dir, 'repo/docs/rules')).href}/`);
    });

    it('is the web address when there is no copy, or no file to start from', () => {
        expect(rulesDocumentationBase(join(dir, 'bare/server.cjs'))).toBe(RULES_DOCUMENTATION_URL);
        expect(rulesDocumentationBase(join(dir, 'no-such-file.cjs'))).toBe(RULES_DOCUMENTATION_URL);
        expect(rulesDocumentationBase(undefined)).toBe(RULES_DOCUMENTATION_URL);
    });
});

describe('the bundled server', () => {
    it('publishes diagnostics linked to the pages shipped beside it, with the data the quick fixes read', async () => {
        const server = await StdioServer.start();
        try {
            const uri = 'file:///links/b.playbook';
            server.open(uri, TEXT);
            const published = await server.nextDiagnostics(uri, p => p.diagnostics.length > 0);
            const pages = pathToFileURL(join(root, 'packages/language/dist/docs/rules')).href;
            for (const diagnostic of published.diagnostics as Array<{ code: string; codeDescription?: { href: string } }>) {
                expect(diagnostic.codeDescription?.href).toBe(`${pages}/${diagnostic.code}.md`);
                expect(existsSync(fileURLToPath(diagnostic.codeDescription!.href)), diagnostic.code).toBe(true);
            }
            const decreasing = 'playbook P {\n  stage A {\n    probability 50%\n    task T required\n  }\n  stage B {\n    probability 20%\n  }\n}\n';
            const other = 'file:///links/c.playbook';
            server.open(other, decreasing);
            const [diagnostic] = (await server.nextDiagnostics(other, p => p.diagnostics.length > 0)).diagnostics as Array<Record<string, unknown>>;
            expect(diagnostic).toMatchObject({ code: 'probability-decreasing', data: { previousStage: 'A', previousProbability: 50 } });
            const answer = await server.request('textDocument/codeAction', {
                textDocument: { uri: other }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
            });
            expect((answer.result as Array<{ title: string }>).map(a => a.title)).toEqual(['Raise to 50% (as in A)', "Lower A's probability to 20%"]);
        } finally {
            await server.stop();
        }
    });
});
