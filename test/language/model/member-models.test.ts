/**
 * The model of a playbook's member (a stage, field or termination rule) is kept while the
 * member is the same node (ast-to-model.ts), so that a keystroke converts only what it
 * changed. One thing a member's model reads from outside it is whether a name in a
 * condition resolves to a field or to an enum value: an edit elsewhere can change that,
 * and the kept model must then be made again. After an edit the model must be the one of
 * the same text parsed from scratch.
 */
import { URI } from 'langium';
import { describe, expect, it } from 'vitest';
import * as ast from '../../../packages/language/src/generated/ast.js';
import { createPlaybookServices, playbookToModel } from '../../../packages/language/src/index.js';
import { createTypingServices, documentOf, typeInto } from '../workspace/typing-session.js';

const services = createTypingServices();
let file = 0;

function playbookIn(root: ast.Document): ast.Playbook {
    return root.elements.find(ast.isPlaybook)!;
}

async function freshModel(uri: string, text: string): Promise<unknown> {
    const fresh = createPlaybookServices();
    const document = fresh.shared.workspace.LangiumDocumentFactory.fromString<ast.Document>(text, URI.parse(uri));
    await fresh.shared.workspace.DocumentBuilder.build([document]);
    return playbookToModel(playbookIn(document.parseResult.value));
}

/**
 * Opens `text`, then changes its `from` into `to` in one edit (a paste, which the member
 * reparser applies to the tree as a keystroke): the typed file's model must be the fresh one.
 */
async function editing(text: string, from: string, to: string): Promise<{ before: ast.Playbook; after: ast.Playbook }> {
    const uri = `file:///model/member-models-${file++}.playbook`;
    await typeInto(services, uri, text);
    const before = playbookIn(documentOf(services, uri).parseResult.value as ast.Document);
    expect(playbookToModel(before)).toEqual(await freshModel(uri, text));
    const edited = text.replace(from, to);
    await typeInto(services, uri, edited);
    const after = playbookIn(documentOf(services, uri).parseResult.value as ast.Document);
    expect(after).not.toBe(before);
    expect(playbookToModel(after)).toEqual(await freshModel(uri, edited));
    return { before, after };
}

const TEXT = `playbook Tiers {
  field level: text
  field tier: enum {Gold, Silver}
  stage Lead {
    task Call
    gate Qualified { requires Call when level == Gold }
  }
  stage Won
  terminate Lost "Lost" when level == Silver
}
`;

const rightOf = (condition: unknown): unknown => (condition as { right: unknown }).right;

describe('the models of members kept across keystrokes', () => {
    it('a name in a kept stage\'s condition becomes a field when a field of that name is declared elsewhere', async () => {
        const { before, after } = await editing(TEXT, '  field level: text\n', '  field level: text\n  field Gold: text\n');
        // The stage was never edited: it is the same node, and its kept model was not enough.
        expect(after.stages[0]).toBe(before.stages[0]);
        expect(rightOf(playbookToModel(before).stages[0].gates[0].when[0])).toEqual({ kind: 'enumValue', name: 'Gold' });
        expect(rightOf(playbookToModel(after).stages[0].gates[0].when[0])).toEqual({ kind: 'field', name: 'Gold' });
    });

    it('so does a name in a kept termination rule\'s condition', async () => {
        const { before, after } = await editing(TEXT, '  field level: text\n', '  field level: text\n  field Silver: text\n');
        expect(after.terminations[0]).toBe(before.terminations[0]);
        expect(rightOf(playbookToModel(before).terminations[0].when)).toEqual({ kind: 'enumValue', name: 'Silver' });
        expect(rightOf(playbookToModel(after).terminations[0].when)).toEqual({ kind: 'field', name: 'Silver' });
    });

    it('an edited stage gets a new model, the others keep theirs', async () => {
        const { before, after } = await editing(TEXT, 'task Call', 'task Call\n    task Mail');
        const stagesBefore = playbookToModel(before).stages;
        const stagesAfter = playbookToModel(after).stages;
        expect(after.stages[1]).toBe(before.stages[1]);
        expect(stagesAfter[1]).toBe(stagesBefore[1]);
        expect(stagesAfter[0].tasks.map(t => t.name)).toEqual(['Call', 'Mail']);
    });
});
