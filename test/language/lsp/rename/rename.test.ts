/**
 * Rename refuses a new name that is not a name, or that another declaration of the same kind
 * already has where the renamed one is visible, with a message that says why; anything else
 * renames the declaration and every reference to it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { LSPErrorCodes, ResponseError, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { createPlaybookLspServices } from '../../../../packages/language/src/lsp/index.js';

const services = createPlaybookLspServices(EmptyFileSystem);
const parse = parseHelper(services.Playbook);

afterEach(async () => {
    await clearDocuments(services.shared);
});

const sales = `playbook Sales {
  field grade: enum {A, B}
  field size: enum {Small, Large}
  field budget: money
  stage Lead {
    task CollectInfo required
    task Call
    gate Qualified { requires CollectInfo, Call when budget > 0 and grade = A and size = Small }
  }
  stage Close { task Sign required gate Signed { requires Sign } }
  terminate Lost "Withdrew"
  terminate Lost "No budget" when budget = 0
  terminate Paused "On hold"
}
deal Acme for Sales {
  2026-01-01 enter Lead
  2026-01-02 done Call
  2026-01-03 terminate Lost
}
`;

/** Renames the name right after `@` (the marker removed) in `text`; the edited text, or the refusal. */
async function renameAt(text: string, newName: string, others: Record<string, string> = {}): Promise<{ text?: string; refused?: string }> {
    for (const [uri, other] of Object.entries(others)) {
        await parse(other, { documentUri: uri });
    }
    const offset = text.indexOf('@');
    const document = await parse(text.replace('@', ''), { documentUri: 'file:///rename/sales.playbook' });
    try {
        const edit = await services.Playbook.lsp.RenameProvider!.rename(document, {
            textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset), newName
        });
        return { text: applied(document, edit) };
    } catch (error) {
        expect(error).toBeInstanceOf(ResponseError);
        expect((error as ResponseError<void>).code).toBe(LSPErrorCodes.RequestFailed);
        return { refused: (error as Error).message };
    }
}

function applied(document: LangiumDocument, edit: WorkspaceEdit | undefined): string {
    const edits: TextEdit[] = [...(edit?.changes?.[document.uri.toString()] ?? [])];
    const text = document.textDocument;
    return edits.sort((a, b) => text.offsetAt(b.range.start) - text.offsetAt(a.range.start))
        .reduce((result, e) => result.slice(0, text.offsetAt(e.range.start)) + e.newText + result.slice(text.offsetAt(e.range.end)), text.getText());
}

describe('rename refuses a new name that is not a name', () => {
    it.each([
        ['with a space', 'has space', "Cannot rename task 'Call' to 'has space': a name is one word, without spaces (write hasSpace or has_space)."],
        ['a keyword', 'stage', "Cannot rename task 'Call' to 'stage': 'stage' is a keyword of the language."],
        ['another keyword', 'true', "Cannot rename task 'Call' to 'true': 'true' is a keyword of the language."],
        ['empty', '', "Cannot rename task 'Call' to '': the new name is empty."],
        ['blank', '  ', "Cannot rename task 'Call' to '  ': the new name is empty."],
        ['starting with a digit', '2nd', "Cannot rename task 'Call' to '2nd': a name starts with a letter or _ and goes on with letters, digits and _."],
        ['with a sign', 'Call!', "Cannot rename task 'Call' to 'Call!': a name starts with a letter or _ and goes on with letters, digits and _."],
        ['with a comment', 'Call//x', "Cannot rename task 'Call' to 'Call//x': a name starts with a letter or _ and goes on with letters, digits and _."],
        ['a date', '2026-01-01', "Cannot rename task 'Call' to '2026-01-01': a name starts with a letter or _ and goes on with letters, digits and _."]
    ])('%s', async (_what, newName, message) => {
        expect(await renameAt(sales.replace('task Call', 'task @Call'), newName)).toEqual({ refused: message });
    });
});

describe('rename refuses a name already taken where the declaration is visible', () => {
    it.each([
        ['a task of the playbook', sales.replace('task Call', 'task @Call'), 'CollectInfo',
            "Cannot rename task 'Call' to 'CollectInfo': playbook Sales already has a task named 'CollectInfo' (in stage Lead, line 6). Choose another name."],
        ['a task of another stage, from a reference', sales.replace('requires Sign', 'requires @Sign'), 'Call',
            "Cannot rename task 'Sign' to 'Call': playbook Sales already has a task named 'Call' (in stage Lead, line 7). Choose another name."],
        ['a stage', sales.replace('stage Close', 'stage @Close'), 'Lead',
            "Cannot rename stage 'Close' to 'Lead': playbook Sales already has a stage named 'Lead' (line 5). Choose another name."],
        ['a gate', sales.replace('gate Signed', 'gate @Signed'), 'Qualified',
            "Cannot rename gate 'Signed' to 'Qualified': playbook Sales already has a gate named 'Qualified' (in stage Lead, line 8). Choose another name."],
        ['a field', sales.replace('field budget', 'field @budget'), 'grade',
            "Cannot rename field 'budget' to 'grade': playbook Sales already has a field named 'grade' (line 2). Choose another name."],
        ['a value of the same enum', sales.replace('{A, B}', '{A, @B}'), 'A',
            "Cannot rename enum value 'B' to 'A': playbook Sales already has an enum value named 'A' (of field grade, line 2). Choose another name."],
        ['an enum value, for a field', sales.replace('field budget', 'field @budget'), 'Small',
            "Cannot rename field 'budget' to 'Small': playbook Sales already has an enum value named 'Small' (of field size, line 3), and a condition naming it would then mean the field. Choose another name."],
        ['a field, for an enum value', sales.replace('{A, B}', '{A, @B}'), 'budget',
            "Cannot rename enum value 'B' to 'budget': playbook Sales already has a field named 'budget' (line 4). Choose another name."],
        ['an outcome', sales.replace('terminate Paused', 'terminate @Paused'), 'Lost',
            "Cannot rename outcome 'Paused' to 'Lost': playbook Sales already has an outcome named 'Lost' (line 11): the two outcomes would merge. Choose another name."]
    ])('%s', async (_what, text, newName, message) => {
        expect(await renameAt(text, newName)).toEqual({ refused: message });
    });

    it('a playbook of another file', async () => {
        expect(await renameAt(sales.replace('playbook Sales', 'playbook @Sales'), 'Other', { 'file:///rename/other.playbook': 'playbook Other { stage S }' }))
            .toEqual({ refused: "Cannot rename playbook 'Sales' to 'Other': a playbook named 'Other' already exists in other.playbook. Choose another name." });
    });
});

describe('rename renames what it may', () => {
    it.each([
        ['a task to a new name, and its references', sales.replace('task Call', 'task @Call'), 'CallBack', /task CallBack\n[\s\S]*requires CollectInfo, CallBack [\s\S]*done CallBack/],
        ['a task to the name of a stage (another kind)', sales.replace('task Call', 'task @Call'), 'Close', /task Close\n[\s\S]*requires CollectInfo, Close /],
        ['an enum value to a value of another enum', sales.replace('{A, B}', '{A, @B}'), 'Large', /enum \{A, Large\}/],
        ['a name in Chinese', sales.replace('task Call', 'task @Call'), '电话联系', /task 电话联系\n/],
        ['a name to itself', sales.replace('task Call', 'task @Call'), 'Call', /task Call\n/],
        ['an outcome, with every rule and event of it', sales.replace('terminate Lost "Withdrew"', 'terminate @Lost "Withdrew"'), 'ClosedLost',
            /terminate ClosedLost "Withdrew"\n {2}terminate ClosedLost "No budget"[\s\S]*2026-01-03 terminate ClosedLost\n/]
    ])('%s', async (_what, text, newName, expected) => {
        const result = await renameAt(text, newName);
        expect(result.refused).toBeUndefined();
        expect(result.text).toMatch(expected);
    });
});
