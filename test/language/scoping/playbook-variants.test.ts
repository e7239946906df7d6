/**
 * A variant is its base with its changes applied (packages/language/src/scoping/playbook-variants.ts):
 * what it drops, replaces and adds, where new stages go, and that names, checks, the model,
 * deals and export all see the resolved playbook.
 */
import { describe, expect, it } from 'vitest';
import { importPlaybook, playbookToModel, validateTexts, ast } from '@playbook/language';
import { serializeDocuments } from '@playbook/model';
import { check, codes, problems, testServices } from '../../helpers.js';
import { exportTexts } from '../export/export-helpers.js';

const base = `playbook Base {
  title "The base"
  version "1.0.0"
  field budget: money
  field grade: enum {A, B}
  field note: text
  forecast budget

  stage Lead {
    probability 10%
    task Call required
    gate Qualified {
      when budget > 0
    }
  }
  stage Demo {
    probability 40%
    task Show required
  }
  optional stage Proposal {
    probability 60%
    task Send required
  }
  stage Close {
    probability 80%
    task Sign required
  }
  terminate Lost "Customer withdrew"
  terminate Lost "No budget" when budget = 0
  terminate Disqualified "Not our customer" from Lead
  terminate Lost alias "Closed Lost"
  terminate Disqualified alias "Junk"
}
`;

const BASE_URI = 'memory:///variants-base.playbook';

/** The findings of the variant's text only (the base above has unused fields of its own). */
async function variantFindings(variant: string, all = false): Promise<Awaited<ReturnType<typeof check>>> {
    const found = await (all ? check : problems)({ uri: BASE_URI, text: base }, { uri: 'memory:///variants-variant.playbook', text: variant });
    return found.filter(d => !d.file.includes('variants-base'));
}

async function resolved(variant: string): Promise<{ model: ReturnType<typeof playbookToModel>; errors: string[] }> {
    const results = await validateTexts(testServices(), [
        { uri: 'memory:///variants/base.playbook', text: base },
        { uri: 'memory:///variants/variant.playbook', text: variant }
    ]);
    try {
        const playbook = (results[1].document.parseResult.value as ast.Document).elements.find(ast.isPlaybook)!;
        const errors = results.flatMap(r => r.diagnostics.filter(d => d.severity === 1).map(d => `${d.code} ${d.message}`));
        return { model: playbookToModel(playbook), errors };
    } finally {
        await testServices().shared.workspace.DocumentBuilder.update([], results.map(r => r.document.uri));
    }
}

describe('a variant resolved', () => {
    it.each([
        ['nothing changed: the base', 'playbook V variant of Base {\n}\n', ['Lead', 'Demo', 'Proposal', 'Close']],
        ['stages dropped (Salesforce: a subset of one list of stages)', 'playbook V variant of Base {\n  drop stage Demo, Proposal\n}\n', ['Lead', 'Close']],
        ['a new stage without a place: at the end', 'playbook V variant of Base {\n  stage Onboard {\n    task Welcome required\n  }\n}\n', ['Lead', 'Demo', 'Proposal', 'Close', 'Onboard']],
        ['placed after and before', 'playbook V variant of Base {\n  stage Trial after Demo {\n    task Install required\n  }\n  stage Intro before Lead {\n    task Hello required\n  }\n}\n',
            ['Intro', 'Lead', 'Demo', 'Trial', 'Proposal', 'Close']],
        ['an unplaced stage follows the one written before it', 'playbook V variant of Base {\n  stage Trial after Demo {\n    task Install required\n  }\n  stage Pilot {\n    task Run required\n  }\n}\n',
            ['Lead', 'Demo', 'Trial', 'Pilot', 'Proposal', 'Close']],
        ['a replaced stage keeps its place', 'playbook V variant of Base {\n  stage Demo "Try it" {\n    task TryOn required\n  }\n}\n', ['Lead', 'Demo', 'Proposal', 'Close']],
        ['a replaced stage moved', 'playbook V variant of Base {\n  stage Demo after Close {\n    task Show required\n  }\n}\n', ['Lead', 'Proposal', 'Close', 'Demo']]
    ])('%s', async (_what, variant, stages) => {
        const { model, errors } = await resolved(variant);
        expect(errors).toEqual([]);
        expect(model.stages.map(s => s.name)).toEqual(stages);
        expect(model.variantOf).toBe('Base');
    });

    it('replaces a stage whole: its tasks and gate are the variant\'s only', async () => {
        const { model } = await resolved('playbook V variant of Base {\n  optional stage Demo "Try it" {\n    task TryOn required\n  }\n}\n');
        expect(model.stages[1]).toEqual({ name: 'Demo', title: 'Try it', optional: true, aliases: [], tasks: [{ name: 'TryOn', required: true }], gates: [] });
    });

    it('inherits the header unless given, drops fields, replaces a field and a rule, and keeps the CRM names of the outcomes it keeps', async () => {
        const { model, errors } = await resolved(`playbook V variant of Base {
  version "2.0.0"
  drop field note
  drop terminate Disqualified
  field grade: enum {A, B, C}
  field size: number
  terminate Lost "No budget" when budget < 100
}
`);
        expect(errors).toEqual([]);
        expect(model.title).toBe('The base');
        expect(model.version).toBe('2.0.0');
        expect(model.forecastField).toBe('budget');
        expect(model.fields.map(f => [f.name, f.values ?? f.type])).toEqual([['budget', 'money'], ['grade', ['A', 'B', 'C']], ['size', 'number']]);
        expect(model.terminations.map(t => `${t.outcome} ${t.reason}`)).toEqual(['Lost Customer withdrew', 'Lost No budget']);
        expect(model.terminations[1].when).toMatchObject({ kind: 'binary', operator: '<' });
        expect(model.outcomeAliases).toEqual([{ outcome: 'Lost', aliases: ['Closed Lost'] }]);
    });

    it('drops one rule of an outcome by its reason', async () => {
        const { model } = await resolved('playbook V variant of Base {\n  drop terminate Lost "No budget"\n}\n');
        expect(model.terminations.map(t => `${t.outcome} ${t.reason}`)).toEqual(['Lost Customer withdrew', 'Disqualified Not our customer']);
    });

    it('a variant of a variant takes the first variant resolved', async () => {
        const results = await validateTexts(testServices(), [
            { uri: 'memory:///chain/base.playbook', text: base },
            { uri: 'memory:///chain/a.playbook', text: 'playbook A variant of Base {\n  drop stage Proposal\n}\n' },
            { uri: 'memory:///chain/b.playbook', text: 'playbook B variant of A {\n  stage Demo2 after Demo {\n    task X required\n  }\n}\n' }
        ]);
        const b = (results[2].document.parseResult.value as ast.Document).elements.find(ast.isPlaybook)!;
        expect(playbookToModel(b).stages.map(s => s.name)).toEqual(['Lead', 'Demo', 'Demo2', 'Close']);
        expect(playbookToModel(b).variantOf).toBe('A');
        await testServices().shared.workspace.DocumentBuilder.update([], results.map(r => r.document.uri));
    });
});

describe('a variant checked as a whole', () => {
    it('its deals replay against the resolved stages: a dropped stage is unknown, skipping it is no skip', async () => {
        const diagnostics = await variantFindings(`playbook V variant of Base {
  drop stage Demo
}

deal D for V {
  2026-01-01 enter Lead
  2026-01-01 done Call
  2026-01-01 set budget = 10
  2026-01-02 enter Close
  2026-01-03 enter Demo
}
`);
        expect(diagnostics.map(d => `${d.line} ${d.code} ${d.message}`)).toEqual([
            "10 unresolved-reference Playbook V has no stage named 'Demo'. V drops it: drop stage Demo."
        ]);
    });

    it('a variant that only drops replays its deals too (it declares no stage itself)', async () => {
        const diagnostics = await variantFindings(`playbook V variant of Base {
  drop stage Demo
}

deal D for V {
  2026-01-01 enter Lead
  2026-01-02 enter Proposal
}
`);
        expect(diagnostics.map(d => `${d.line} ${d.code}`)).toEqual(['7 gate-not-met']);
    });

    it('a variant\'s own gate requiring a task of a dropped stage is unresolved on its line', async () => {
        const diagnostics = await variantFindings(`playbook V variant of Base {
  drop stage Demo

  stage Close {
    task Sign required
    gate Signed {
      requires Show, Sign
    }
  }
}
`);
        expect(diagnostics.map(d => `${d.line}:${d.column} ${d.code}`)).toEqual(['7:16 unresolved-reference']);
        expect(diagnostics[0].message).toContain('V drops it: drop stage Demo, which holds it.');
    });

    it('a gate requiring a task of a stage placed after it is a later task', async () => {
        const diagnostics = await variantFindings(`playbook V variant of Base {
  stage Lead {
    task Call required
    gate G {
      requires Install
    }
  }
  stage Trial after Demo {
    task Install required
  }
}
`);
        expect(codes(diagnostics)).toEqual(['gate-requires-later-task']);
    });

    it('reports a probability that falls because of a stage it adds, on that stage', async () => {
        const diagnostics = await variantFindings(`playbook V variant of Base {
  stage Trial after Lead {
    probability 50%
    task Install required
  }
}
`);
        expect(diagnostics.map(d => `${d.line} ${d.code}`)).toEqual(['3 probability-decreasing']);
        expect(diagnostics[0].message).toContain('to 40% in Demo (from Base)');
    });

    it.each([
        ['a replaced field of another type that an inherited gate reads', '  field budget: text\n', ['2 type-mismatch']],
        ['a replaced enum that nothing inherited reads: any values', '  field grade: enum {B, C}\n', ['2 unused-field']],
        ['money replaced by a plain number: they compare alike', '  field budget: number\n', []],
        ['a task with the name of an inherited task of another stage', '  stage Trial after Lead {\n    task Show required\n  }\n', ['3 duplicate-name']],
        ['a stage alias that is an inherited stage\'s name', '  stage Trial after Lead {\n    alias "Demo"\n    task Install required\n  }\n', ['3 duplicate-alias']],
        ['an alias that is an inherited outcome\'s CRM name', '  stage Trial after Lead {\n    alias "closed lost"\n    task Install required\n  }\n', ['3 duplicate-alias']]
    ])('%s', async (_what, body, expected) => {
        const diagnostics = await variantFindings(`playbook V variant of Base {\n${body}}\n`);
        expect(diagnostics.map(d => `${d.line} ${d.code}`)).toEqual(expected);
    });

    it('a replaced enum keeps the values inherited conditions name', async () => {
        const withGrade = base.replace('when budget > 0', 'when budget > 0 and grade in {A}');
        const found = await check({ uri: BASE_URI, text: withGrade }, { uri: 'memory:///variants-variant.playbook', text: 'playbook V variant of Base {\n  field grade: enum {B, C}\n}\n' });
        const own = found.filter(d => !d.file.includes('variants-base'));
        expect(own.map(d => `${d.line} ${d.code}`)).toEqual(['2 type-mismatch']);
        expect(own[0].message).toBe('Field grade no longer has the value A, which gate Qualified of stage Lead (from Base) names. Keep it, or replace what names it too.');
    });

    it('a field of the variant read only by an inherited gate is used', async () => {
        const diagnostics = await variantFindings('playbook V variant of Base {\n  field budget: number\n}\n', true);
        expect(codes(diagnostics)).toEqual([]);
    });
});

describe('a variant exported', () => {
    it('writes the resolved playbook and names the base; import keeps the lineage; export again gives the same bytes', async () => {
        const { documents, errors } = await exportTexts([base, 'playbook V variant of Base {\n  drop stage Demo\n}\n'], false);
        expect(errors).toEqual([]);
        const document = documents[1][0];
        expect(document.formatVersion).toBe('1.2');
        expect(document.playbook.variantOf).toBe('Base');
        expect(document.playbook.stages.map(s => s.name)).toEqual(['Lead', 'Proposal', 'Close']);
        const json = serializeDocuments([document]);
        const imported = await importPlaybook(json);
        if (!imported.ok) throw new Error(JSON.stringify(imported));
        expect(imported.text).toMatch(/^playbook V \{\n {2}resolved from "Base"\n {2}title "The base"\n/);
        const again = await exportTexts([imported.text], false);
        expect(again.errors).toEqual([]);
        expect(serializeDocuments(again.documents[0])).toBe(json);
    });

    it('imports documents of format 1.0 and 1.1 as before', async () => {
        for (const formatVersion of ['1.0', '1.1']) {
            const json = JSON.stringify({
                $schema: 'https://playbook.dev/schema/playbook-1.json', formatVersion,
                playbook: { name: 'Old', forbidRegressions: false, fields: [], stages: [{ name: 'Only', optional: false, aliases: [], tasks: [], gates: [] }], terminations: [] }
            });
            const imported = await importPlaybook(json);
            expect(imported.ok && imported.text).toBe('playbook Old {\n  stage Only\n}\n');
        }
    });
});
