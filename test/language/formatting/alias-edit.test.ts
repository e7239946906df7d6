/**
 * "Add this alias" in the simulation report (packages/language/src/formatting/alias-edit.ts, the
 * server's `playbook/aliasEdit`):
 * one edit that adds the CRM's name to a stage, laid out as the formatter would.
 */
import { createPlaybookServices, formatPlaybookText, playbookToModel, validateText, ast } from '@playbook/language';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aliasEdit, type AliasEdit } from '../../../packages/language/src/formatting/alias-edit.js';

const services = createPlaybookServices();
const bigAccount = readFileSync(new URL('../../../examples/big-account.playbook', import.meta.url), 'utf8');

function apply(text: string, edit: AliasEdit): string {
    if (edit.kind !== 'edit') throw new Error(edit.message);
    return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}

async function aliasesOf(text: string, stage: string): Promise<string[]> {
    const { document, diagnostics } = await validateText(createPlaybookServices(), text);
    expect(diagnostics.filter(d => d.severity === 1)).toEqual([]);
    const playbook = playbookToModel(document.parseResult.value.elements.filter(ast.isPlaybook)[0]);
    return playbook.stages.find(s => s.name === stage)!.aliases;
}

const small = `playbook P {
  stage Lead "线索" {
    probability 10%
  }
  stage Demo { probability 40% }   // one line
  stage Close
}
`;

describe('adding an alias to a stage', () => {
    it('joins the stage\'s alias list, and touches nothing else of the example', async () => {
        const edit = aliasEdit(services, bigAccount, 'BigAccount', 'Proposal', 'Perception Analysis');
        expect(edit).toMatchObject({ kind: 'edit', newText: ', "Perception Analysis"' });
        const text = apply(bigAccount, edit);
        expect(text).toContain('    alias "Id. Decision Makers", "Proposal/Price Quote", "Perception Analysis"\n');
        expect(await aliasesOf(text, 'Proposal')).toEqual(['Id. Decision Makers', 'Proposal/Price Quote', 'Perception Analysis']);
        // The example is formatted; so is the result.
        expect(formatPlaybookText(services, bigAccount)).toMatchObject({ ok: true, changed: false });
        expect(formatPlaybookText(services, text)).toMatchObject({ ok: true, changed: false });
    });

    const cases = [
        { name: 'a stage without aliases gets an alias line first in its body', stage: 'Lead', expected: '  stage Lead "线索" {\n    alias "Discovery"\n    probability 10%\n  }\n' },
        { name: 'a one-line stage becomes a block, its comment kept', stage: 'Demo', expected: '  stage Demo {\n    alias "Discovery"\n    probability 40%\n  }   // one line\n' },
        { name: 'a stage without a body gets one', stage: 'Close', expected: '  stage Close {\n    alias "Discovery"\n  }\n' }
    ];
    it.each(cases)('$name', async ({ stage, expected }) => {
        const text = apply(small, aliasEdit(services, small, 'P', stage, 'Discovery'));
        expect(text).toContain(expected);
        expect(await aliasesOf(text, stage)).toEqual(['Discovery']);
        // Only the stage's own lines changed.
        const others = (t: string) => t.split('\n').filter(line => !line.includes(stage) && !line.includes('Discovery') && !/^\s*(probability|\})/.test(line));
        expect(others(text)).toEqual(others(small));
    });

    it('writes quotes and backslashes of the name so that the alias reads back as the name', async () => {
        const name = 'Closed "Lost" \\ Other';
        const text = apply(small, aliasEdit(services, small, 'P', 'Lead', name));
        expect(await aliasesOf(text, 'Lead')).toEqual([name]);
    });

    it('keeps CRLF line breaks', () => {
        const crlf = small.replace(/\n/g, '\r\n');
        const text = apply(crlf, aliasEdit(services, crlf, 'P', 'Demo', 'Discovery'));
        expect(text).toContain('  stage Demo {\r\n    alias "Discovery"\r\n    probability 40%\r\n  }');
        expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    });

    const refused = [
        { name: 'a name some stage already has (ignoring case and accents)', playbook: 'BigAccount', stage: 'Proposal', alias: 'negociacion', message: 'already names stage Negotiation' },
        { name: 'a stage the playbook does not have', playbook: 'BigAccount', stage: 'Nowhere', alias: 'X', message: 'has no stage Nowhere' },
        { name: 'a playbook the file does not have', playbook: 'Other', stage: 'Proposal', alias: 'X', message: 'no playbook Other' },
        { name: 'a name over two lines', playbook: 'BigAccount', stage: 'Proposal', alias: 'a\nb', message: 'spans lines' }
    ];
    it.each(refused)('refuses $name', ({ playbook, stage, alias, message }) => {
        const edit = aliasEdit(services, bigAccount, playbook, stage, alias);
        expect(edit.kind).toBe('problem');
        expect(edit.kind === 'problem' && edit.message).toContain(message);
    });

    it('refuses a text with syntax errors rather than guess where the stage is', () => {
        const edit = aliasEdit(services, 'playbook P {\n  stage Lead {\n', 'P', 'Lead', 'X');
        expect(edit).toEqual({ kind: 'problem', message: 'The playbook has syntax errors: fix them first.' });
    });
});
