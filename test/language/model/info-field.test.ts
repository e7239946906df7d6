/**
 * `info field`: a field that records the customer's profile for people to read, not a
 * criterion. No unused-field warning; exported as `informational: true`, imported back,
 * hovered and listed in the handbook as the customer profile.
 */
import { describe, expect, it } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { createPlaybookServices, exportPlaybooks, importPlaybook, validateText, type ast } from '@playbook/language';
import { playbookToMarkdown, playbookSchema, serializeDocuments, validatePlaybookDocument } from '@playbook/model';
import { createPlaybookLspServices } from '../../../packages/language/src/lsp/index.js';
import { check } from '../../helpers.js';

const services = createPlaybookServices();

const text = `playbook Customers {
  info field relationship: enum {Transactional, Trusted, Partner} = Transactional
  info field lastPurchase: date
  field budget: money
  stage Lead {
    task Call required
    gate Qualified { when budget > 0 }
  }
  stage Close {}
}
`;

async function exported(source: string) {
    const { document } = await validateText(services, source);
    return exportPlaybooks(document.parseResult.value as ast.Document)[0];
}

describe('info fields', () => {
    it('get no unused-field warning, where a plain field does', async () => {
        expect((await check(text)).map(d => d.code)).toEqual([]);
        expect((await check(text.replace('info field lastPurchase', 'field lastPurchase'))).map(d => `${d.line}:${d.code}`)).toEqual(['3:unused-field']);
    });

    it('are exported as informational (only when true) and valid against the schema', async () => {
        const document = await exported(text);
        expect(document.formatVersion).toBe('1.2');
        expect(document.playbook.fields).toEqual([
            { name: 'relationship', type: 'enum', values: ['Transactional', 'Trusted', 'Partner'], default: 'Transactional', informational: true },
            { name: 'lastPurchase', type: 'date', informational: true },
            { name: 'budget', type: 'money' }
        ]);
        expect(serializeDocuments([document])).toContain('"type": "date",\n        "informational": true\n');
        expect(await validatePlaybookDocument(JSON.parse(serializeDocuments([document])))).toEqual([]);
        expect(JSON.stringify(playbookSchema())).toContain('"informational"');
    });

    it('are imported back as info fields, and the export is the same', async () => {
        const json = serializeDocuments([await exported(text)]);
        const imported = await importPlaybook(json);
        expect(imported.ok).toBe(true);
        if (!imported.ok) return;
        expect(imported.text).toContain('  info field lastPurchase: date\n');
        expect(imported.text).toContain('  field budget: money\n');
        expect(serializeDocuments([await exported(imported.text)])).toBe(json);
    });

    it('still import from a 1.1 document, which has no informational key', async () => {
        const json = serializeDocuments([await exported(text.replace(/info field/g, 'field'))]).replace('"formatVersion": "1.2"', '"formatVersion": "1.1"');
        const imported = await importPlaybook(json);
        expect(imported.ok).toBe(true);
        if (imported.ok) expect(imported.text).not.toContain('info');
    });

    it('are listed in the handbook as the customer profile, apart from what to record', async () => {
        const markdown = playbookToMarkdown((await exported(text)).playbook);
        expect(markdown).toContain('## What to record about each deal\n\n- **budget**: an amount of money\n\n## Customer profile (for information)\n\n- **relationship**: one of Transactional, Trusted, Partner; starts as Transactional\n- **lastPurchase**: a date\n');
    });

    it('say so on hover', async () => {
        const lsp = createPlaybookLspServices(EmptyFileSystem);
        const document = await parseHelper(lsp.Playbook)(text);
        const offset = text.indexOf('lastPurchase') + 2;
        const hover = await lsp.Playbook.lsp.HoverProvider!.getHoverContent(document, {
            textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset)
        });
        const value = (hover?.contents as { value: string }).value;
        expect(value).toContain('info field lastPurchase: date');
        expect(value).toContain('Customer profile (`info`)');
        expect(value).not.toContain('Not read by any condition');
    });
});
