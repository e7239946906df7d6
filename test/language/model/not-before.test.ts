/** `not before <stage>` on tasks and fields: parsed, checked, exported, imported, hovered and formatted. */
import { describe, expect, it } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { createPlaybookServices, exportPlaybooks, formatPlaybookText, importPlaybook, validateText, type ast } from '@playbook/language';
import { playbookToMarkdown, serializeDocuments, validatePlaybookDocument } from '@playbook/model';
import { createPlaybookLspServices } from '../../../packages/language/src/lsp/index.js';
import { check } from '../../helpers.js';

const services = createPlaybookServices();

const text = `playbook Jewellery {
  info field quotedPrice: money not before Consultation
  stage Browsing {
    task Greet required
  }
  stage Consultation {
    task TalkPrice "Price discussion" required owner "Sales" not before Consultation
  }
  stage Purchase {}
}
`;

async function exported(source: string) {
    const { document } = await validateText(services, source);
    return exportPlaybooks(document.parseResult.value as ast.Document)[0];
}

describe('not before', () => {
    it('is checked like any reference and attribute: an unknown stage, a second not before', async () => {
        expect(await check(text)).toEqual([]);
        const codes = (await check(text.replace('money not before Consultation', 'money not before Consult not before Purchase')))
            .map(d => `${d.line}:${d.code}`);
        expect(codes).toEqual(['2:unresolved-reference', '2:duplicate-attribute']);
    });

    it('is exported as notBefore on the field and the task, valid against the schema, and imported back', async () => {
        const document = await exported(text);
        expect(document.playbook.fields[0]).toEqual({ name: 'quotedPrice', type: 'money', informational: true, notBefore: 'Consultation' });
        expect(document.playbook.stages[1].tasks[0]).toEqual({ name: 'TalkPrice', title: 'Price discussion', required: true, owner: 'Sales', notBefore: 'Consultation' });
        const json = serializeDocuments([document]);
        expect(await validatePlaybookDocument(JSON.parse(json))).toEqual([]);
        const imported = await importPlaybook(json);
        expect(imported.ok).toBe(true);
        if (!imported.ok) return;
        expect(imported.text).toContain('    task TalkPrice "Price discussion" required owner "Sales" not before Consultation\n');
        expect(serializeDocuments([await exported(imported.text)])).toBe(json);
    });

    it('refuses, on import, a stage the playbook does not declare, at its JSON path', async () => {
        const json = serializeDocuments([await exported(text)]).replace('"notBefore": "Consultation"', '"notBefore": "Nowhere"');
        const imported = await importPlaybook(json);
        expect(imported.ok).toBe(false);
        if (!imported.ok) expect(imported.errors.map(e => `${e.path ?? ''} ${e.message}`).join('\n')).toContain("/playbook/fields/0/notBefore names the stage 'Nowhere'");
    });

    it('is said in the handbook, beside the task and the field', async () => {
        const markdown = playbookToMarkdown((await exported(text)).playbook);
        expect(markdown).toContain('- **quotedPrice**: an amount of money (not before stage Consultation)');
        expect(markdown).toContain('- [ ] Price discussion (**required**, owner: Sales, not before stage Consultation)');
    });

    it('is laid out by the formatter on one line with single spaces', () => {
        const result = formatPlaybookText(services, text.replace('required owner "Sales" not before Consultation', 'required owner "Sales"   not\n      before   Consultation'));
        expect(result.ok && result.text).toBe(text);
    });

    it('is said on hover of the task and the field', async () => {
        const lsp = createPlaybookLspServices(EmptyFileSystem);
        const document = await parseHelper(lsp.Playbook)(text);
        const hoverAt = async (word: string) => {
            const hover = await lsp.Playbook.lsp.HoverProvider!.getHoverContent(document, {
                textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(text.indexOf(word) + 1)
            });
            return (hover?.contents as { value: string }).value;
        };
        expect(await hoverAt('TalkPrice')).toContain('Not before `Consultation`: a deal that does it in an earlier stage is `done-too-early`');
        expect(await hoverAt('quotedPrice')).toContain('Not before `Consultation`: a deal that sets it in an earlier stage is `done-too-early`');
    });
});
