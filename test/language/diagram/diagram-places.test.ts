/** Where each part of a playbook is written, for the diagram (packages/language/src/diagram/diagram-places.ts). */
import { describe, expect, it } from 'vitest';
import { drawingsOf, textAt } from '../../model/diagram/diagram-helpers.js';

const TEXT = `playbook Sales {
  field budget: money
  field grade: enum {A, B, C}
  stage Lead "线索 / Lead" {
    task Call "First call" required
    task Visit
    gate Qualified {
      requires Call, Visit
      when budget = 0 or (grade == A and budget > 10) // a comment
      when grade in {A,
        B}   /* over lines */ and budget>=5
    }
  }
  stage Won2
  terminate Lost "Bad grade" when grade = C from Lead, Won2
  terminate Lost "Withdrew"
}
`;

describe('playbook places', () => {
    it('points at each name: the playbook, stages, tasks, gates, required tasks and the stages of an end rule', async () => {
        const [{ places }] = await drawingsOf(TEXT);
        const at = (range: Parameters<typeof textAt>[1]) => textAt(TEXT, range);
        expect(at(places!.name)).toBe('Sales');
        expect(places!.stages.map(s => at(s.name))).toEqual(['Lead', 'Won2']);
        expect(places!.stages[0].tasks.map(at)).toEqual(['Call', 'Visit']);
        expect(at(places!.stages[0].gates[0].name)).toBe('Qualified');
        expect(places!.stages[0].gates[0].requires.map(at)).toEqual(['Call', 'Visit']);
        expect(places!.terminations[0].from.map(at)).toEqual(['Lead', 'Won2']);
        expect(at(places!.terminations[0].rule)).toBe('terminate Lost "Bad grade" when grade = C from Lead, Won2');
        expect(places!.terminations[1].when).toBeUndefined();
    });

    it('keeps each condition as written: `=` stays `=`, parentheses stay; comments and line breaks go', async () => {
        const [{ places, playbook }] = await drawingsOf(TEXT);
        const conditions = places!.stages[0].gates[0].when;
        expect(conditions.map(c => c.text)).toEqual(['budget = 0 or (grade == A and budget > 10)', 'grade in {A, B} and budget>=5']);
        expect(textAt(TEXT, conditions[0].range)).toBe('budget = 0 or (grade == A and budget > 10)');
        expect(places!.terminations[0].when?.text).toBe('grade = C');
        // The model keeps the meaning only: one equality operator.
        expect(playbook.terminations[0].when).toMatchObject({ kind: 'binary', operator: '==' });
    });
});

describe('the places of a variant', () => {
    it('are those of its resolved stages: its own where it writes them, its base name for what it inherits', async () => {
        const text = `${TEXT}
playbook Retail variant of Sales {
  stage Counter before Won2 {
    task Greet required
  }
  terminate Lost "Walked out" from Counter
}
`;
        const [, { places, playbook }] = await drawingsOf(text);
        const at = (range: Parameters<typeof textAt>[1]) => textAt(text, range);
        expect(playbook.stages.map(s => s.name)).toEqual(['Lead', 'Counter', 'Won2']);
        expect(places!.stages.map(s => at(s.name))).toEqual(['Sales', 'Counter', 'Sales']);
        expect(places!.stages[0].gates[0].requires.map(at)).toEqual(['Sales', 'Sales']);
        expect(places!.stages[0].gates[0].when.map(w => w.text)).toEqual(['budget = 0 or (grade == A and budget > 10)', 'grade in {A, B} and budget>=5']);
        expect(places!.terminations.map(t => at(t.rule))).toEqual(['Sales', 'Sales', 'terminate Lost "Walked out" from Counter']);
        expect(places!.terminations[2].from.map(at)).toEqual(['Counter']);
    });
});
