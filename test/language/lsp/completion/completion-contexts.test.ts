/**
 * What completion offers at each kind of place, as an editor asks for it: typed by hand
 * (invoked) or opened by a trigger character (a space, `{`, `,`). Each row: a text with the
 * cursor at `<|>`, how completion was asked for, labels that must be offered and labels that
 * must not. A snippet's label is written `label…`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { CompletionItemKind, CompletionTriggerKind, type CompletionContext, type CompletionItem } from 'vscode-languageserver';
import { createPlaybookLspServices } from '../../../../packages/language/src/lsp/index.js';

const services = createPlaybookLspServices(EmptyFileSystem);
const parse = parseHelper(services.Playbook);

afterEach(async () => {
    await clearDocuments(services.shared);
});

/** A playbook with the cursor somewhere in `body` (a member of stage Demo) or replaced elsewhere. */
function sales(demo = '', replace: [string, string] = ['', '']): string {
    return `playbook Sales {
  field grade: enum {A, B, C}
  field size: enum {Small, Large}
  field ok: bool
  field paid: bool
  field budget: money
  field cost: money
  field seats: number
  field signed: date
  stage Lead { task Call required task Qualify gate Qualified { requires Call } }
  stage Demo { probability 20% task ShowDemo ${demo} }
  stage Close { task Sign required }
  terminate Lost "Customer withdrew"
}
deal Acme for Sales {
  2026-01-01 enter Lead
  2026-01-02 done Call
}
`.replace(replace[0], replace[1]);
}

type Asked = 'invoked' | ' ' | '{' | ',';

async function labelsAt(text: string, asked: Asked): Promise<string[]> {
    const offset = text.indexOf('<|>');
    const document = await parse(text.replace('<|>', ''));
    const context: CompletionContext = asked === 'invoked'
        ? { triggerKind: CompletionTriggerKind.Invoked }
        : { triggerKind: CompletionTriggerKind.TriggerCharacter, triggerCharacter: asked };
    const list = await services.Playbook.lsp.CompletionProvider!.getCompletion(document, {
        textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset), context
    });
    return (list?.items ?? []).map(label);
}

function label(item: CompletionItem): string {
    return item.kind === CompletionItemKind.Snippet ? `${item.label}…` : item.label;
}

const STATEMENTS = ['playbook', 'deal', 'stage', 'task', 'gate', 'terminate', 'alias', 'probability', 'within', 'when', 'requires'];
const SNIPPETS = ['playbook…', 'deal…', 'stage…', 'optional stage…', 'task…', 'gate…', 'terminate…', 'terminate when…', 'enter…'];
const ENUM_VALUES = ['A', 'B', 'C', 'Small', 'Large'];
const FIELDS = ['grade', 'size', 'ok', 'paid', 'budget', 'cost', 'seats', 'signed'];

type Row = [string, string, Asked, string[], string[]];

const rows: Row[] = [
    // Names after a space: the editor opens completion by itself, with names and nothing else.
    ['requires ', sales('gate G { requires <|> }'), ' ', ['Call', 'Qualify', 'ShowDemo'], ['Sign', ...STATEMENTS, ...SNIPPETS]],
    ['enter ', sales('', ['enter Lead', 'enter <|>']), ' ', ['Lead', 'Demo', 'Close'], [...STATEMENTS, ...SNIPPETS]],
    ['done ', sales('', ['done Call', 'done <|>']), ' ', ['Call', 'Qualify', 'ShowDemo', 'Sign'], [...STATEMENTS, ...SNIPPETS]],
    ['from ', sales('', ['"Customer withdrew"', '"Customer withdrew" from <|>']), ' ', ['Lead', 'Demo', 'Close'], [...STATEMENTS, ...SNIPPETS]],
    ['for ', sales('', ['deal Acme for Sales', 'deal Acme for <|>']), ' ', ['Sales'], [...STATEMENTS, ...SNIPPETS]],
    ['set ', sales('', ['done Call', 'set <|>']), ' ', FIELDS, [...ENUM_VALUES, ...STATEMENTS, ...SNIPPETS]],
    ['when ', sales('gate G { when <|> }'), ' ', [...FIELDS, 'not'], [...ENUM_VALUES, ...STATEMENTS, ...SNIPPETS]],
    ['an event after a date', sales('', ['done Call', '<|>']), ' ', ['enter', 'done', 'set', 'terminate', 'won'], SNIPPETS],
    // `{` and `,` open it where a list of names goes on.
    ['in {', sales('gate G { when grade in {<|> }'), '{', ['A', 'B', 'C'], ['Small', 'Large', ...FIELDS]],
    ['in {A, ', sales('gate G { when grade in {A, <|> }'), ' ', ['B', 'C'], ['A', 'Small']],
    ['requires A,', sales('gate G { requires ShowDemo,<|> }'), ',', ['Call', 'Qualify'], ['ShowDemo']],
    ['requires A, B, ', sales('gate G { requires ShowDemo, Call, <|> }'), ' ', ['Qualify'], ['ShowDemo', 'Call']],
    ['done A, ', sales('', ['done Call', 'done Call, <|>']), ' ', ['Qualify', 'ShowDemo', 'Sign'], ['Call']],
    ['from A, ', sales('', ['"Customer withdrew"', '"Customer withdrew" from Lead, <|>']), ',', ['Demo', 'Close'], ['Lead']],
    ['a name being typed among others', sales('gate G { requires ShowDemo, Ca<|> }'), 'invoked', ['Call'], ['ShowDemo']],
    // Elsewhere a space, `{` or `,` opens nothing.
    ['after a probability', sales('<|>', ['probability 20% task ShowDemo ', 'probability 20% ']), ' ', [], [...STATEMENTS, ...SNIPPETS]],
    ['a stage\'s name', sales('', ['stage Close', 'stage <|>']), ' ', [], [...STATEMENTS, ...SNIPPETS]],
    ['after a task', sales('', ['task Sign required', 'task Sign <|>']), ' ', [], ['required', 'owner', ...SNIPPETS]],
    ['a stage\'s {', sales('', ['stage Close { task Sign required }', 'stage Close {<|>']), '{', [], [...STATEMENTS, ...SNIPPETS]],
    ['an alias\'s comma', sales('', ['probability 20%', 'alias "Demo",<|>']), ',', [], [...STATEMENTS, ...SNIPPETS]],
    ['at the start of a line of a deal', sales('', ['  2026-01-02 done Call', '  <|>']), ' ', [], SNIPPETS],
    // Yes/no positions: true and false, nothing else.
    ['a bool compared with =', sales('gate G { when ok = <|> }'), ' ', ['true', 'false'], [...ENUM_VALUES, ...FIELDS, 'not']],
    ['a bool compared with !=', sales('gate G { when budget > 0 and ok != <|> }'), 'invoked', ['true', 'false'], [...ENUM_VALUES, ...FIELDS]],
    ['a bool set in a deal', sales('', ['done Call', 'set ok = <|>']), ' ', ['true', 'false'], [...ENUM_VALUES, ...FIELDS]],
    ['a bool\'s default', sales('', ['field ok: bool', 'field ok: bool = <|>']), ' ', ['true', 'false'], [...ENUM_VALUES, ...FIELDS]],
    // Enum positions: that enum's values only.
    ['an enum compared with =', sales('gate G { when grade = <|> }'), ' ', ['A', 'B', 'C'], ['Small', 'Large', 'true', 'false', ...FIELDS]],
    ['an enum compared with ==, being typed', sales('gate G { when size == L<|> }'), 'invoked', ['Large'], ['A', 'true', ...FIELDS]],
    ['an enum set in a deal', sales('', ['done Call', 'set size = <|>']), ' ', ['Small', 'Large'], ['A', 'true', 'false']],
    // Other comparisons: fields that compare with it.
    ['an amount compared', sales('gate G { when budget > <|> }'), ' ', ['cost', 'seats'], ['budget', 'ok', 'grade', 'signed', ...ENUM_VALUES, 'true', 'false', 'today']],
    ['a date compared', sales('gate G { when signed < <|> }'), ' ', ['today'], ['budget', 'ok', ...ENUM_VALUES, 'true', 'false']],
    // Snippets where their statement may start, never where a name goes.
    ['statements of a playbook', sales('', ['  stage Close', '  <|>\n  stage Close']), 'invoked', ['stage', 'stage…', 'optional stage…', 'terminate…', 'terminate when…'], ['task…', 'gate…', 'deal…']],
    ['statements of a stage', sales('<|>'), 'invoked', ['task', 'task…', 'gate', 'gate…'], ['stage…', 'deal…']],
    ['statements of a file', sales('', ['deal Acme', '<|>\ndeal Acme']), 'invoked', ['playbook…', 'deal…'], ['stage…', 'task…']],
    ['an event of a deal', sales('', ['  2026-01-02 done Call', '  <|>']), 'invoked', ['enter…'], ['stage…', 'deal…']],
    ['a name after requires, invoked', sales('gate G { requires <|> }'), 'invoked', ['Call'], SNIPPETS],
    ['a name after enter, invoked', sales('', ['enter Lead', 'enter <|>']), 'invoked', ['Lead'], SNIPPETS]
];

describe('completion at each kind of place', () => {
    it.each(rows.map(([place, text, asked, present, absent]) => [place, asked, text, present, absent] as const))('%s (%j)', async (_place, asked, text, present, absent) => {
        const labels = await labelsAt(text, asked);
        expect(labels).toEqual(expect.arrayContaining(present));
        expect(labels.filter(l => absent.includes(l))).toEqual([]);
        if (present.length === 0) {
            expect(labels).toEqual([]);
        }
    });
});

describe('the event snippet', () => {
    it('enters, today, the stage after the last one entered', async () => {
        const document = await parse(sales('', ['  2026-01-02 done Call', '  2026-01-02 done Call\n  ']));
        const text = document.textDocument.getText();
        const offset = text.indexOf('done Call\n  ') + 'done Call\n  '.length;
        const list = await services.Playbook.lsp.CompletionProvider!.getCompletion(document, { textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset) });
        const snippet = list!.items.find(i => i.label === 'enter' && i.kind === CompletionItemKind.Snippet)!;
        expect(snippet.insertText ?? (snippet.textEdit as { newText: string }).newText).toMatch(/^\$\{1:\d{4}-\d{2}-\d{2}\} enter \$\{2:Demo\}\$0$/);
    });
});

describe('trigger characters', () => {
    it('are a space, { and ,', () => {
        expect(services.Playbook.lsp.CompletionProvider!.completionOptions?.triggerCharacters).toEqual([' ', '{', ',']);
    });
});

describe('in VS Code', () => {
    it('the extension contributes no snippets of its own: VS Code would add them to every list, after `requires ` too', () => {
        const manifest = JSON.parse(readFileSync(resolve(__dirname, '../../../../packages/vscode/package.json'), 'utf8'));
        expect(manifest.contributes.snippets).toBeUndefined();
    });
});
