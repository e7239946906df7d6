/**
 * An attribute written twice (`title`, `version`, `forbid regressions`, `probability`,
 * `within`, `owner`, `required`, a rule's `when`): the grammar keeps every one written, the
 * later ones are `duplicate-attribute` errors, the model takes the first (the one the quick
 * fix keeps), and every value written is still checked, so that no mistake hides behind a
 * duplicate.
 */
import { describe, expect, it } from 'vitest';
import { playbookToModel, validateText, type ast } from '@playbook/language';
import type { PlaybookModel } from '@playbook/model';
import { problems, testServices } from '../../helpers.js';

function playbook(parts: { header?: string; lead?: string; task?: string; rule?: string } = {}): string {
    return `playbook Sales {
  field budget: money
  ${parts.header ?? ''}
  stage Lead { ${parts.lead ?? ''}
    task Call ${parts.task ?? ''}
    gate Qualified { requires Call when budget > 0 }
  }
  stage Close { task Sign required }
  terminate Lost "Cannot pay" ${parts.rule ?? ''}
}`;
}

async function modelOf(text: string): Promise<PlaybookModel> {
    const { document } = await validateText(testServices(), text);
    const model = playbookToModel(document.parseResult.value.elements[0] as ast.Playbook);
    await testServices().shared.workspace.DocumentBuilder.update([], [document.uri]);
    return model;
}

/** [what, the text, the model's value of it, the findings as `line:code`]. */
const cases: Array<[string, string, (model: PlaybookModel) => unknown, unknown, string[]]> = [
    ['title', playbook({ header: 'title "First"\n  title "Second"' }), m => m.title, 'First', ['4:duplicate-attribute']],
    ['version, each one checked', playbook({ header: 'version "1.0.0"\n  version "one"' }), m => m.version, '1.0.0',
        ['4:duplicate-attribute', '4:version-format']],
    ['forbid regressions', playbook({ header: 'forbid regressions forbid regressions' }), m => m.forbidRegressions, true, ['3:duplicate-attribute']],
    ['probability, each one checked', playbook({ lead: 'probability 150% probability 10%' }), m => m.stages[0].probability, 150,
        ['4:probability-range', '4:duplicate-attribute']],
    ['within, each one checked', playbook({ lead: 'within 30 days within 0 days' }), m => m.stages[0].withinDays, 30,
        ['4:duplicate-attribute', '4:within-range']],
    ['owner', playbook({ task: 'required owner "Sales" owner "Legal"' }), m => m.stages[0].tasks[0].owner, 'Sales', ['5:duplicate-attribute']],
    ['required', playbook({ task: 'required required' }), m => m.stages[0].tasks[0].required, true, ['5:duplicate-attribute']],
    ['a rule\'s when, each one checked', playbook({ rule: 'when budget < 0 when budget > "high"' }), m => m.terminations[0].when,
        { kind: 'binary', operator: '<', left: { kind: 'field', name: 'budget' }, right: { kind: 'number', value: 0 } },
        ['9:duplicate-attribute', '9:type-mismatch']]
];

describe('an attribute written twice', () => {
    it.each(cases)('%s: the first is kept, the later one reported', async (_what, text, value, expected, findings) => {
        expect(value(await modelOf(text))).toEqual(expected);
        const found = await problems(text);
        expect(found.map(d => `${d.line}:${d.code}`).sort()).toEqual([...findings].sort());
    });

    it('the finding is on the later keyword, the range finding on its own value', async () => {
        const found = await problems(playbook({ lead: 'probability 10% probability 150%' }));
        expect(found.map(d => [d.code, d.column, d.endColumn])).toEqual([
            ['duplicate-attribute', 32, 43],
            ['probability-range', 44, 47]
        ]);
    });
});
