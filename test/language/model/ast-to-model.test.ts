/** The AST becomes the plain model once; conditions print back to text that parses to the same model. */
import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { createPlaybookServices, dealToModel, playbookToModel, validateText, type ast } from '@playbook/language';
import { expressionToText, type ExpressionModel } from '@playbook/model';

const services = createPlaybookServices();

async function parsePlaybook(text: string): Promise<ast.Playbook> {
    const { document } = await validateText(services, text);
    return document.parseResult.value.elements[0] as ast.Playbook;
}

describe('playbookToModel', () => {
    it('keeps every declared fact, in order, with the names the author wrote', async () => {
        const playbook = await parsePlaybook(`playbook Big {
  title "大客户 / Big"
  version "1.2.0"
  forbid regressions
  field budget: money = 10
  field grade: enum {A, B} = B
  stage Dev "开发" { alias "Prospecting", "Qualification" probability 10% within 30 days
    task Collect "Collect info" required owner "Sales"
    gate Info { requires Collect when budget > 0 and grade in {A} } }
  optional stage Proposal
  terminate Lost "Cannot pay" when not (budget >= 0) from Dev
}`);
        expect(playbookToModel(playbook)).toEqual({
            name: 'Big', title: '大客户 / Big', version: '1.2.0', forbidRegressions: true,
            fields: [
                { name: 'budget', type: 'money', default: 10 },
                { name: 'grade', type: 'enum', values: ['A', 'B'], default: 'B' }
            ],
            stages: [
                {
                    name: 'Dev', title: '开发', optional: false, probability: 10, withinDays: 30, aliases: ['Prospecting', 'Qualification'],
                    tasks: [{ name: 'Collect', title: 'Collect info', required: true, owner: 'Sales' }],
                    gates: [{
                        name: 'Info', requires: ['Collect'], when: [{
                            kind: 'binary', operator: 'and',
                            left: { kind: 'binary', operator: '>', left: { kind: 'field', name: 'budget' }, right: { kind: 'number', value: 0 } },
                            right: { kind: 'in', operand: { kind: 'field', name: 'grade' }, values: ['A'] }
                        }]
                    }]
                },
                { name: 'Proposal', optional: true, aliases: [], tasks: [], gates: [] }
            ],
            terminations: [{
                outcome: 'Lost', reason: 'Cannot pay', from: ['Dev'],
                when: { kind: 'not', operand: { kind: 'binary', operator: '>=', left: { kind: 'field', name: 'budget' }, right: { kind: 'number', value: 0 } } }
            }]
        });
    });

    it('keeps the forecast field, and the CRM names of the ends: won in one list, each outcome in one entry', async () => {
        const playbook = await parsePlaybook(`playbook P {
  field amount: money
  stage S
  won alias "Closed Won"
  terminate Lost alias "Closed Lost"
  terminate Lost "r"
  terminate Gone "g"
  terminate Gone alias "Closed - No Decision"
  forecast amount
  won alias "Signed", "Cerrada ganada"
  terminate Lost alias "Perdida"
}`);
        expect(playbookToModel(playbook)).toMatchObject({
            forecastField: 'amount',
            wonAliases: ['Closed Won', 'Signed', 'Cerrada ganada'],
            outcomeAliases: [{ outcome: 'Lost', aliases: ['Closed Lost', 'Perdida'] }, { outcome: 'Gone', aliases: ['Closed - No Decision'] }]
        });
        // None declared: the keys are absent, as in a 1.0 export.
        const plain = playbookToModel(await parsePlaybook('playbook Q { stage S }'));
        expect(Object.keys(plain)).toEqual(['name', 'forbidRegressions', 'fields', 'stages', 'terminations']);
    });

    it('turns a deal into dated events', async () => {
        const { document } = await validateText(services, `playbook P { field b: money field d: date stage S { task T } }
deal D "Acme" for P { 2026-01-01 enter S 2026-01-02 done T 2026-01-03 set b = -5 2026-01-03 set d = 2026-02-01 2026-01-04 terminate Lost "x" 2026-01-05 won }`);
        const deal = document.parseResult.value.elements[1] as ast.Deal;
        expect(dealToModel(deal).model).toEqual({
            name: 'D', title: 'Acme', playbook: 'P', events: [
                { date: '2026-01-01', kind: 'enter', stage: 'S' },
                { date: '2026-01-02', kind: 'done', tasks: ['T'] },
                { date: '2026-01-03', kind: 'set', field: 'b', value: -5 },
                { date: '2026-01-03', kind: 'set', field: 'd', value: '2026-02-01' },
                { date: '2026-01-04', kind: 'terminate', outcome: 'Lost', reason: 'x' },
                { date: '2026-01-05', kind: 'won' }
            ]
        });
    });
});

describe('expressionToText', () => {
    const fields = ['a', 'b'];
    const leaf: fc.Arbitrary<ExpressionModel> = fc.oneof(
        fc.constantFrom(...fields).map(name => ({ kind: 'field' as const, name })),
        fc.nat(1000).map(value => ({ kind: 'number' as const, value })),
        fc.boolean().map(value => ({ kind: 'bool' as const, value }))
    );
    const expression: fc.Arbitrary<ExpressionModel> = fc.letrec<{ e: ExpressionModel }>(tie => ({
        e: fc.oneof({ depthSize: 'small', withCrossShrink: true },
            leaf,
            fc.record({ kind: fc.constant('not' as const), operand: tie('e') }),
            fc.record({
                kind: fc.constant('binary' as const),
                operator: fc.constantFrom('and', 'or', '<', '==', '+', '-', '*', '/') as fc.Arbitrary<'and'>,
                left: tie('e'), right: tie('e')
            }))
    })).e;

    it('prints conditions that parse back to the same tree (precedence and associativity kept)', async () => {
        await fc.assert(fc.asyncProperty(expression, async condition => {
            const text = expressionToText(condition);
            const playbook = await parsePlaybook(`playbook P { field a: number field b: number stage S { gate G { when ${text} } } }`);
            expect(playbookToModel(playbook).stages[0].gates[0].when[0]).toEqual(condition);
        }), { numRuns: 300 });
    });
});
