/** Completion knows the context: which tasks a gate may require, what a deal may name, which reasons an outcome has. */
import { afterEach, describe, expect, it } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { clearDocuments, expectCompletion, parseHelper } from 'langium/test';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList, type TextEdit } from 'vscode-languageserver';
import { createPlaybookLspServices } from '../../../../packages/language/src/lsp/index.js';

const services = createPlaybookLspServices(EmptyFileSystem);
const completion = expectCompletion(services.Playbook);
const parse = parseHelper(services.Playbook);

afterEach(async () => {
    await clearDocuments(services.shared);
});

const playbook = `playbook Sales {
  field grade: enum {A, B, C}
  field ok: bool
  stage Lead "First contact" { task Call required owner "SDR" task Qualify gate Qualified { requires Call } }
  stage Demo "Show the product" { task ShowDemo gate Shown { requires @ } }
  optional stage Trial { task Install }
  stage Close { task Sign required }
  terminate Lost "Customer withdrew"
  terminate Lost "Budget cut" when not ok
  terminate Won2 "Signed elsewhere" from Close
}
`;

function at(text: string, marker = '@'): string {
    return text.replace(marker, '<|>');
}

async function itemsAt(text: string): Promise<CompletionItem[]> {
    let items: CompletionItem[] = [];
    await completion({ text: at(text), index: 0, assert: (list: CompletionList) => { items = list.items; }, disposeAfterCheck: true });
    return items;
}

describe('completion in a gate\'s requires', () => {
    it('offers the tasks of this stage and earlier ones, never a later stage\'s', async () => {
        await completion({ text: at(playbook), index: 0, expectedItems: ['Call', 'Qualify', 'ShowDemo'], disposeAfterCheck: true });
    });

    it('in the first stage offers only the first stage\'s tasks, not those already required', async () => {
        const text = playbook.replace('requires Call }', 'requires Call, @ }').replace('requires @ }', 'requires ShowDemo }');
        await completion({ text: at(text), index: 0, expectedItems: ['Qualify'], disposeAfterCheck: true });
    });

    it('narrows by what is typed and says where each task lives', async () => {
        const items = await itemsAt(playbook.replace('requires @', 'requires Qu@'));
        expect(items.map(i => [i.label, i.detail])).toEqual([['Qualify', 'Task of Lead (stage 1 of 4)']]);
        const all = await itemsAt(playbook);
        expect(all.find(i => i.label === 'Call')).toMatchObject({ kind: CompletionItemKind.Method, detail: 'Task of Lead (stage 1 of 4) · required' });
    });
});

describe('completion of the CRM names and the forecast field', () => {
    const complete = playbook.replace('requires @', 'requires Call');
    const inPlaybook = (line: string) => complete.replace('from Close\n}', `from Close\n  field budget: money\n  field seats: number\n  ${line}\n}`);

    it('offers only money and number fields after forecast', async () => {
        const items = await itemsAt(inPlaybook('forecast @'));
        expect(items.map(i => i.label)).toEqual(['budget', 'seats']);
    });

    it('offers the outcomes after terminate in a playbook, then alias', async () => {
        const outcomes = await itemsAt(inPlaybook('terminate @'));
        expect(outcomes.filter(i => i.kind === CompletionItemKind.Event).map(i => i.label)).toEqual(['Lost', 'Won2']);
        const keywords = await itemsAt(inPlaybook('terminate Lost @'));
        expect(keywords.map(i => i.label)).toContain('alias');
        const afterWon = await itemsAt(inPlaybook('won @'));
        expect(afterWon.map(i => i.label)).toEqual(['alias']);
    });
});

describe('completion in deals', () => {
    const deal = (events: string) => `${playbook.replace('requires @', 'requires Call')}deal Acme for Sales {\n${events}\n}`;

    it('offers the event keywords after a date', async () => {
        await completion({ text: at(deal('  2026-01-01 @')), index: 0, expectedItems: ['enter', 'done', 'set', 'terminate', 'won'], disposeAfterCheck: true });
    });

    it('offers stages in process order, with their position and title', async () => {
        const items = await itemsAt(deal('  2026-01-01 enter @'));
        expect(items.map(i => [i.label, i.detail])).toEqual([
            ['Lead', 'Stage 1 of 4 · "First contact"'],
            ['Demo', 'Stage 2 of 4 · "Show the product"'],
            ['Trial', 'Stage 3 of 4 · optional'],
            ['Close', 'Stage 4 of 4']
        ]);
        expect(items[0].kind).toBe(CompletionItemKind.Class);
    });

    it('offers every task after done (but those already listed), and fields after set', async () => {
        await completion({ text: at(deal('  2026-01-01 done Call, @')), index: 0, expectedItems: ['Qualify', 'ShowDemo', 'Install', 'Sign'], disposeAfterCheck: true });
        const fields = await itemsAt(deal('  2026-01-01 set @'));
        expect(fields.map(i => [i.label, i.detail])).toEqual([['grade', 'Field: enum {A, B, C}'], ['ok', 'Field: bool']]);
    });

    it('after `set grade =` offers only the values of grade', async () => {
        const items = await itemsAt(deal('  2026-01-01 set grade = @'));
        expect(items.map(i => [i.label, i.kind])).toEqual([['A', CompletionItemKind.EnumMember], ['B', CompletionItemKind.EnumMember], ['C', CompletionItemKind.EnumMember]]);
    });

    it('after `set ok =` offers true and false, not enum values', async () => {
        await completion({ text: at(deal('  2026-01-01 set ok = @')), index: 0, expectedItems: ['true', 'false'], disposeAfterCheck: true });
    });

    it('offers the outcomes after terminate, and then the declared reasons of that outcome, quoted', async () => {
        const outcomes = await itemsAt(deal('  2026-01-01 terminate @'));
        expect(outcomes.map(i => [i.label, i.detail, i.kind])).toEqual([
            ['Lost', 'Outcome · 2 declared reasons', CompletionItemKind.Event],
            ['Won2', 'Outcome · 1 declared reason', CompletionItemKind.Event]
        ]);
        const reasons = await itemsAt(deal('  2026-01-01 terminate Lost @'));
        expect(reasons.map(i => [i.label, i.detail])).toEqual([
            ['"Customer withdrew"', 'Reason for Lost · by hand'],
            ['"Budget cut"', 'Reason for Lost · also automatic']
        ]);
        const other = await itemsAt(deal('  2026-01-01 terminate Won2 @'));
        expect(other.map(i => i.label)).toEqual(['"Signed elsewhere"']);
    });

    it('completes a reason being typed, replacing the whole string', async () => {
        const text = deal('  2026-01-01 terminate Lost "Bu@');
        const items = await itemsAt(text);
        expect(items.map(i => i.label)).toEqual(['"Budget cut"']);
        const edit = items[0].textEdit as TextEdit;
        const line = text.split('\n').findIndex(l => l.includes('"Bu@'));
        const quote = text.split('\n')[line].indexOf('"');
        expect(edit).toEqual({ newText: '"Budget cut"', range: { start: { line, character: quote }, end: { line, character: quote + '"Bu'.length } } });
        const closed = await itemsAt(deal('  2026-01-01 terminate Lost "Cu@stomer"'));
        expect(closed.map(i => i.label)).toEqual(['"Customer withdrew"']);
        expect((closed[0].textEdit as TextEdit).range.end.character - (closed[0].textEdit as TextEdit).range.start.character).toBe('"Customer"'.length);
    });

    it('completes names of a playbook declared in another file', async () => {
        await parse(playbook.replace('requires @', 'requires Call'), { documentUri: 'file:///ws/sales.playbook' });
        await completion({ text: 'deal Remote for <|>', index: 0, expectedItems: ['Sales'], disposeAfterCheck: true });
        await completion({ text: 'deal Remote for Sales {\n  2026-01-01 enter <|>\n}', index: 0, expectedItems: ['Lead', 'Demo', 'Trial', 'Close'], disposeAfterCheck: true });
    });
});

describe('keywords and snippets', () => {
    it('offers only the keywords valid inside a gate', async () => {
        await completion({ text: at(playbook.replace('requires @', '@')), index: 0, expectedItems: ['requires', 'when'], disposeAfterCheck: true });
    });

    it('offers the top-level keywords and a playbook and a deal snippet in an empty file', async () => {
        const items = await itemsAt('@');
        expect(items.map(i => `${i.label}:${i.kind}`)).toEqual([
            `playbook:${CompletionItemKind.Keyword}`, `playbook:${CompletionItemKind.Snippet}`, `deal:${CompletionItemKind.Keyword}`, `deal:${CompletionItemKind.Snippet}`
        ]);
    });

    it('offers a stage snippet with a gate, and a terminate snippet, inside a playbook', async () => {
        const items = await itemsAt(playbook.replace('requires @', 'requires Call').replace('  stage Close', '  @\n  stage Close'));
        const stage = items.find(i => i.label === 'stage' && i.kind === CompletionItemKind.Snippet)!;
        expect(stage.insertTextFormat).toBe(InsertTextFormat.Snippet);
        expect(stage.detail).toBe('New stage with a task and a gate');
        expect((stage.textEdit as TextEdit).newText).toBe([
            'stage ${1:Name} "${2:Title}" {',
            '  probability ${3:50}%',
            '  within ${4:30} days',
            '  task ${5:Task} "${6:What must be done}" required',
            '  gate ${1}Done {',
            '    requires ${5}',
            '  }',
            '}$0'
        ].join('\n'));
        const terminate = items.find(i => i.label === 'terminate' && i.kind === CompletionItemKind.Snippet)!;
        expect(terminate.insertTextFormat).toBe(InsertTextFormat.Snippet);
        expect((terminate.textEdit as TextEdit).newText).toBe('terminate ${1|Lost,Won2|} "${2:Reason}"$0');
        // The keywords are still there.
        expect(items.filter(i => i.kind === CompletionItemKind.Keyword).map(i => i.label)).toEqual(['title', 'version', 'forbid', 'forecast', 'info', 'field', 'optional', 'stage', 'terminate', 'won', 'activity', 'cadence']);
        const info = items.find(i => i.label === 'info field' && i.kind === CompletionItemKind.Snippet)!;
        expect((info.textEdit as TextEdit).newText).toBe('info field ${1:lastPurchase}: ${2|date,text,money,number,bool,days|}$0');
    });

    it('offers a gate snippet requiring a task of this stage or an earlier one', async () => {
        const items = await itemsAt(playbook.replace('requires @', 'requires Call').replace('{ task Install }', '{ task Install @ }'));
        const gate = items.find(i => i.label === 'gate' && i.kind === CompletionItemKind.Snippet)!;
        expect(gate.insertTextFormat).toBe(InsertTextFormat.Snippet);
        expect((gate.textEdit as TextEdit).newText).toBe([
            'gate ${1:Name} "${2:What must be true to move on}" {',
            '  requires ${3|Install,ShowDemo,Qualify,Call|}',
            '  when ${4:condition}',
            '}$0'
        ].join('\n'));
    });

    it('offers a deal snippet for a playbook of the workspace, starting in its first stage', async () => {
        const items = await itemsAt(`${playbook.replace('requires @', 'requires Call')}@`);
        const deal = items.find(i => i.label === 'deal' && i.kind === CompletionItemKind.Snippet)!;
        expect(deal.insertTextFormat).toBe(InsertTextFormat.Snippet);
        expect((deal.textEdit as TextEdit).newText).toMatch(/^deal \$\{1:Name\} for \$\{2\|Sales\|\} \{\n {2}\$\{3:\d{4}-\d{2}-\d{2}\} enter \$\{4:Lead\}\n {2}\$0\n\}$/);
    });
});

describe('completion documentation', () => {
    it('is the same Markdown as the hover of the declaration', async () => {
        const items = await itemsAt(`${playbook.replace('requires @', 'requires Call')}deal D for Sales {\n  2026-01-01 enter @\n}`);
        const lead = items.find(i => i.label === 'Lead')!;
        expect(lead.documentation).toEqual({ kind: 'markdown', value: expect.stringContaining('Stage 1 of 4 · no probability · no time limit · not optional') });
        expect((lead.documentation as { value: string }).value).toContain('- `Call` (**required**, owner SDR)');
    });
});

describe('deal snippet in a file of deals', () => {
    it('names a playbook of another file and starts in its first stage', async () => {
        await parse(playbook.replace('requires @', 'requires Call'), { documentUri: 'file:///ws/sales.playbook' });
        const items = await itemsAt('@');
        const deal = items.find(i => i.label === 'deal' && i.kind === CompletionItemKind.Snippet)!;
        expect((deal.textEdit as TextEdit).newText).toMatch(/^deal \$\{1:Name\} for \$\{2\|Sales\|\} \{\n {2}\$\{3:\d{4}-\d{2}-\d{2}\} enter \$\{4:Lead\}\n/);
    });
});

describe('completion in a variant', () => {
    const base = `playbook Base {
  field budget: money
  stage Lead { task Call required }
  stage Demo { task Show required }
  stage Close { task Sign required }
  terminate Lost "Gone"
}
`;

    it('offers the playbooks after variant of', async () => {
        const items = await itemsAt(`${base}\nplaybook Retail variant of @ {\n}\n`);
        expect(items.map(i => i.label)).toContain('Base');
    });

    it('offers the base\'s stages, fields and outcomes to drop', async () => {
        expect((await itemsAt(`${base}\nplaybook Retail variant of Base {\n  drop stage @\n}\n`)).map(i => i.label)).toEqual(['Lead', 'Demo', 'Close']);
        expect((await itemsAt(`${base}\nplaybook Retail variant of Base {\n  drop field @\n}\n`)).map(i => i.label)).toEqual(['budget']);
        expect((await itemsAt(`${base}\nplaybook Retail variant of Base {\n  drop terminate @\n}\n`)).map(i => i.label)).toEqual(['Lost']);
    });

    it('offers drop in a variant only, and resolved from never', async () => {
        const keywords = async (text: string): Promise<string[]> => (await itemsAt(text)).filter(i => i.kind === CompletionItemKind.Keyword).map(i => i.label);
        expect(await keywords(`${base}\nplaybook Retail variant of Base {\n  @\n}\n`)).toContain('drop');
        expect(await keywords(`${base}\nplaybook Retail {\n  @\n}\n`)).not.toContain('drop');
        expect(await keywords(`${base}\nplaybook Retail variant of Base {\n  @\n}\n`)).not.toContain('resolved');
    });

    it('a gate of the variant may require the inherited tasks of earlier stages', async () => {
        const items = await itemsAt(`${base}\nplaybook Retail variant of Base {\n  stage Trial after Lead {\n    task Install\n    gate G { requires @ }\n  }\n}\n`);
        expect(items.map(i => i.label)).toEqual(['Call', 'Install']);
    });
});
