/**
 * A condition's compiled form is kept per condition model object, with the fields it was
 * compiled against (a compiled condition reads fields by their place): the language server
 * makes a new playbook model on every keystroke but keeps the models of the members it did
 * not change. A playbook whose fields are others, or in another order, must compile the same
 * condition object again.
 */
import { describe, expect, it } from 'vitest';
import { compilePlaybook, type ExpressionModel, type PlaybookModel } from '@playbook/model';

const budgetOverTen: ExpressionModel = { kind: 'binary', operator: '>', left: { kind: 'field', name: 'budget' }, right: { kind: 'number', value: 10 } };

function playbook(fields: string[]): PlaybookModel {
    return {
        name: 'P',
        forbidRegressions: false,
        fields: fields.map(name => ({ name, type: 'number' as const })),
        stages: [{ name: 'A', optional: false, aliases: [], tasks: [], gates: [{ name: 'G', requires: [], when: [budgetOverTen] }] }],
        terminations: []
    };
}

const gateCondition = (model: PlaybookModel) => compilePlaybook(model).stages[0].gates[0].conditions[0];

describe('compiled conditions kept across playbook models', () => {
    it('are shared by models with the same fields', () => {
        expect(gateCondition(playbook(['budget', 'seats']))).toBe(gateCondition(playbook(['budget', 'seats'])));
    });

    it('are compiled again when the fields are in another order, and read the right one', () => {
        const first = gateCondition(playbook(['budget', 'seats']));
        const moved = gateCondition(playbook(['seats', 'budget']));
        expect(moved).not.toBe(first);
        // budget is the second value now (the last slot is today's).
        expect(moved.evaluate([1, 11, undefined])).toBe(true);
        expect(moved.evaluate([11, 1, undefined])).toBe(false);
        expect(moved.fields).toEqual([1]);
    });
});
