/**
 * `playbook calibrate --write`'s edits (packages/language/src/formatting/calibration-edits.ts):
 * small changes of the text, the stages edited laid out by the formatter, every comment kept.
 */
import { applyCalibrationEdits, createPlaybookServices, formatPlaybookText, playbookToModel, validateText, ast } from '@playbook/language';
import type { CalibrationSuggestion } from '@playbook/model';
import { describe, expect, it } from 'vitest';

const services = createPlaybookServices();
const share = { count: 8, of: 10, share: 0.8, low: 0.49, high: 0.94 };

const text = `// The pipeline, as sales ops wrote it.
playbook P {
  stage Lead "线索" {
    alias "Prospecting" // the CRM's name
    probability 10%     /* a guess */
    within 14 days
  }
  stage Demo { probability 20% }   // one line
  /* closing */
  stage Close
}
`;

function edit(suggestions: CalibrationSuggestion[], source = text): string {
    const result = applyCalibrationEdits(services, source, 'P', suggestions);
    if (result.kind !== 'edited') throw new Error(result.message);
    expect(result.skipped).toEqual([]);
    return result.text;
}

async function modelOf(source: string) {
    const { document, diagnostics } = await validateText(createPlaybookServices(), source);
    expect(diagnostics.filter(d => d.severity === 1)).toEqual([]);
    return playbookToModel(document.parseResult.value.elements.filter(ast.isPlaybook)[0]);
}

const comments = (source: string): string[] => source.match(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g) ?? [];

describe('calibration edits of a playbook text', () => {
    const cases: Array<{ name: string; suggestions: CalibrationSuggestion[]; expected: string }> = [
        {
            name: 'a probability: its number replaced, its comment where it was',
            suggestions: [{ kind: 'set-probability', stage: 'Lead', from: 10, to: 23, evidence: share }],
            expected: '    probability 23%     /* a guess */\n'
        },
        {
            name: 'a within limit: its number replaced',
            suggestions: [{ kind: 'set-within', stage: 'Lead', from: 14, to: 71, evidence: { stays: 10, median: 30, p90: 71, withinShare: share } }],
            expected: '    within 71 days\n'
        },
        {
            name: 'optional: inserted before stage, the stage laid out as the formatter lays it out',
            suggestions: [{ kind: 'make-optional', stage: 'Demo', evidence: share }],
            expected: '  }\n  optional stage Demo {\n    probability 20%\n  }   // one line\n  /* closing */\n'
        },
        {
            name: 'an alias: joins the alias list',
            suggestions: [{ kind: 'add-alias', stage: 'Lead', alias: 'Lead In', evidence: { count: 3, basis: 'similar-name', similarTo: 'Lead' } }],
            expected: '    alias "Prospecting", "Lead In" // the CRM\'s name\n'
        },
        {
            name: 'an alias of a one-line stage: the stage becomes a block',
            suggestions: [{ kind: 'add-alias', stage: 'Demo', alias: 'Demo Scheduled', evidence: { count: 3, basis: 'similar-name', similarTo: 'Demo' } }],
            expected: '  stage Demo {\n    alias "Demo Scheduled"\n    probability 20%\n  }   // one line\n'
        },
        {
            name: 'a new probability and an alias in a stage without a body',
            suggestions: [
                { kind: 'set-probability', stage: 'Close', from: null, to: 64, evidence: share },
                { kind: 'add-alias', stage: 'Close', alias: 'Contract "Signed"', evidence: { count: 3, basis: 'similar-name', similarTo: 'Close' } }
            ],
            expected: '  /* closing */\n  stage Close {\n    alias "Contract \\"Signed\\""\n    probability 64%\n  }\n'
        }
    ];

    it.each(cases)('$name', async ({ suggestions, expected }) => {
        const edited = edit(suggestions);
        expect(edited).toContain(expected);
        expect(comments(edited)).toEqual(comments(text));
        // Only the stages edited are laid out; the rest is as it was, so a formatted file stays formatted.
        expect(formatPlaybookText(services, edited)).toMatchObject({ ok: true });
        await modelOf(edited);
    });

    it('applies every kind at once, each where it belongs', async () => {
        const edited = edit([
            { kind: 'set-probability', stage: 'Lead', from: 10, to: 12, evidence: share },
            { kind: 'set-within', stage: 'Lead', from: 14, to: 20, evidence: { stays: 10, median: 9, p90: 20, withinShare: share } },
            { kind: 'add-alias', stage: 'Lead', alias: 'Qualification', evidence: { count: 3, basis: 'similar-name', similarTo: 'Lead' } },
            { kind: 'make-optional', stage: 'Demo', evidence: share },
            { kind: 'set-probability', stage: 'Demo', from: 20, to: 35, evidence: share },
            { kind: 'set-probability', stage: 'Close', from: null, to: 70, evidence: share }
        ]);
        const model = await modelOf(edited);
        expect(model.stages.map(s => [s.name, s.optional, s.probability, s.withinDays, s.aliases])).toEqual([
            ['Lead', false, 12, 20, ['Prospecting', 'Qualification']],
            ['Demo', true, 35, undefined, []],
            ['Close', false, 70, undefined, []]
        ]);
        expect(comments(edited)).toEqual(comments(text));
        expect(edited.startsWith('// The pipeline, as sales ops wrote it.\nplaybook P {\n')).toBe(true);
    });

    it('says which suggestions it cannot apply, and why', () => {
        const result = applyCalibrationEdits(services, text, 'P', [
            { kind: 'set-within', stage: 'Demo', from: 5, to: 9, evidence: { stays: 10, median: 3, p90: 9, withinShare: share } },
            { kind: 'make-optional', stage: 'Nowhere', evidence: share }
        ]);
        expect(result).toMatchObject({ kind: 'edited', text, applied: [] });
        expect(result.kind === 'edited' && result.skipped.map(s => s.why)).toEqual(['stage Demo declares no within limit', 'playbook P has no stage Nowhere']);
    });

    it('refuses a text with syntax errors', () => {
        expect(applyCalibrationEdits(services, 'playbook P { stage }', 'P', [])).toEqual({ kind: 'problem', message: 'the playbook has syntax errors: fix them first' });
    });
});
