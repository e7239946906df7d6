/** `playbook import`: export JSON back to a formatted `.playbook`, with errors that point into the JSON. */
import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { importPlaybook } from '@playbook/language';
import { formatImportError, formatNumber, serializeDocuments, PLAYBOOK_SCHEMA_ID, type ImportError, type PlaybookDocument } from '@playbook/model';
import { examples, exportText, exportTexts } from '../export/export-helpers.js';

async function errorsOf(json: string): Promise<ImportError[]> {
    const result = await importPlaybook(json);
    if (result.ok) throw new Error(`expected errors, got:\n${result.text}`);
    return result.errors;
}

function document(playbook: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        $schema: PLAYBOOK_SCHEMA_ID, formatVersion: '1.0',
        playbook: { name: 'P', forbidRegressions: false, fields: [], stages: [{ name: 'S', optional: false, aliases: [], tasks: [], gates: [] }], terminations: [], ...playbook },
        ...extra
    };
}

const json = (value: unknown): string => `${JSON.stringify(value, undefined, 2)}\n`;

describe('round trip', async () => {
    it('export → import → export gives identical JSON for every example, and the imported text has no errors', async () => {
        const all = examples();
        const { documents } = await exportTexts(all.map(e => e.text));
        let count = 0;
        for (const [i, list] of documents.entries()) {
            if (list.length === 0) continue; // a file of deals only
            const exported = serializeDocuments(list);
            const imported = await importPlaybook(exported);
            expect(imported.ok, `${all[i].file}: ${JSON.stringify(!imported.ok && imported.errors)}`).toBe(true);
            if (!imported.ok) continue;
            const again = await exportText(imported.text);
            expect(again.errors, all[i].file).toEqual([]);
            expect(again.json, all[i].file).toBe(exported);
            // Importing is idempotent: the imported text is already in canonical form.
            const twice = await importPlaybook(again.json);
            expect(twice.ok && twice.text).toBe(imported.text);
            count++;
        }
        expect(count).toBeGreaterThanOrEqual(5);
    });

    it('prints the canonical layout', async () => {
        const { json: exported } = await exportText(`playbook Small { version "1.0.0" title "小 \\"S\\"" forbid regressions
  field d: date = 2026-01-31  field g: enum {A,B} = B  field t: text = "x\\ny"  field m: money = -5  field n: number
  optional stage Demo stage Dev "开发" { within 30 days probability 12.5% alias "a", "b"
    task C "Collect" owner "Sales" required gate G { when g in {A} and (m > 0 or not (n = 1)) requires C } gate Empty }
  terminate Lost "r" from Dev when m < 0  terminate Won2 "w" }
deal D for Small { 2026-01-01 set d = 2026-02-01 2026-01-02 set g = A 2026-01-03 set t = "hi" 2026-01-04 set m = -3 2026-01-05 terminate Lost }
deal E "Empty" for Small {}`);
        const imported = await importPlaybook(exported);
        expect(imported.ok && imported.text).toBe(`playbook Small {
  title "小 \\"S\\""
  version "1.0.0"
  forbid regressions

  field d: date = 2026-01-31
  field g: enum {A, B} = B
  field t: text = "x\\ny"
  field m: money = -5
  field n: number

  optional stage Demo

  stage Dev "开发" {
    alias "a", "b"
    probability 12.5%
    within 30 days
    task C "Collect" required owner "Sales"
    gate G {
      requires C
      when g in {A} and (m > 0 or not n == 1)
    }
    gate Empty
  }

  terminate Lost "r" when m < 0 from Dev
  terminate Won2 "w"
}

deal D for Small {
  2026-01-01 set d = 2026-02-01
  2026-01-02 set g = A
  2026-01-03 set t = "hi"
  2026-01-04 set m = -3
  2026-01-05 terminate Lost
}

deal E "Empty" for Small {}
`);
    });

    it('reads a 1.0 document, written before the forecast field and the CRM names of outcomes existed', async () => {
        const imported = await importPlaybook(json(document({ fields: [{ name: 'amount', type: 'money' }] })));
        expect(imported.ok && imported.text).toBe('playbook P {\n  field amount: money\n\n  stage S\n}\n');
    });

    it('reads a 1.1 document, written before activity kinds and cadences existed', async () => {
        const imported = await importPlaybook(json({ ...document({ forecastField: 'amount', fields: [{ name: 'amount', type: 'money' }], wonAliases: ['Won'] }), formatVersion: '1.1' }));
        expect(imported.ok && imported.text).toBe('playbook P {\n  forecast amount\n\n  field amount: money\n\n  stage S\n\n  won alias "Won"\n}\n');
    });

    it('writes the activity kinds after the fields and the cadences after the rules, and the deals\' activities with their notes', async () => {
        const { json: exported } = await exportText(`playbook P { cadence "Weekly" every 7 days when grade = A by visit field grade: enum {A, B}
  stage S stage T terminate Lost "r" activity visit "Customer visit" cadence every 1 day during T activity call }
deal D for P { 2026-01-01 enter S 2026-01-03 call }`, false);
        expect(JSON.parse(exported)).toMatchObject({
            formatVersion: '1.2',
            playbook: {
                activities: [{ name: 'visit', title: 'Customer visit' }, { name: 'call' }],
                cadences: [
                    { title: 'Weekly', everyDays: 7, when: { kind: 'binary', operator: '==' }, stages: [], kinds: ['visit'] },
                    { everyDays: 1, stages: ['T'], kinds: [] }
                ]
            }
        });
        const withDeals = await exportText(`playbook P { activity visit stage S }
deal D for P { 2026-01-01 enter S 2026-01-02 visit "Met the buyer" 2026-01-03 visit }`);
        expect(JSON.parse(withDeals.json).deals[0].events.slice(1)).toEqual([
            { date: '2026-01-02', kind: 'activity', activity: 'visit', note: 'Met the buyer' },
            { date: '2026-01-03', kind: 'activity', activity: 'visit' }
        ]);
        const imported = await importPlaybook(exported);
        expect(imported.ok && imported.text).toBe(`playbook P {
  field grade: enum {A, B}

  activity visit "Customer visit"
  activity call

  stage S

  stage T

  terminate Lost "r"

  cadence "Weekly" every 7 days when grade == A by visit
  cadence every 1 day during T
}
`);
        expect((await exportText(imported.ok ? imported.text : '', false)).json).toBe(exported);
        const importedDeals = await importPlaybook(withDeals.json);
        expect(importedDeals.ok && importedDeals.text).toContain('  2026-01-02 visit "Met the buyer"\n  2026-01-03 visit\n');
    });

    it('checks a cadence\'s stages and activity kinds, and a deal\'s activities', async () => {
        const errors = await errorsOf(json({ ...document({
            activities: [{ name: 'visit' }],
            cadences: [{ everyDays: 7, stages: ['Nowhere'], kinds: ['fax'] }]
        }, { deals: [{ name: 'D', playbook: 'P', events: [{ date: '2026-01-01', kind: 'activity', activity: 'call' }] }] }), formatVersion: '1.2' }));
        expect(errors.map(e => e.path)).toEqual(['/playbook/cadences/0/stages/0', '/playbook/cadences/0/kinds/0', '/deals/0/events/0/activity']);
    });

    it('writes the forecast field in the header and the CRM names of the ends after the rules, one line per outcome', async () => {
        const { json: exported } = await exportText(`playbook P { field amount: money stage S terminate Lost "r" terminate Gone "g"
  terminate Lost alias "Closed Lost" won alias "Closed Won" forecast amount terminate Lost alias "Perdida" won alias "Cerrada ganada" }`);
        expect(JSON.parse(exported).playbook).toMatchObject({
            forecastField: 'amount', wonAliases: ['Closed Won', 'Cerrada ganada'], outcomeAliases: [{ outcome: 'Lost', aliases: ['Closed Lost', 'Perdida'] }]
        });
        const imported = await importPlaybook(exported);
        expect(imported.ok && imported.text).toBe(`playbook P {
  forecast amount

  field amount: money

  stage S

  terminate Lost "r"
  terminate Gone "g"

  won alias "Closed Won", "Cerrada ganada"
  terminate Lost alias "Closed Lost", "Perdida"
}
`);
        expect((await exportText(imported.ok ? imported.text : '')).json).toBe(exported);
    });

    it.each([
        ['a default below 10^-6', 'field a: number = 0.0000001', 'field a: number = 0.0000001'],
        ['a negative default of many digits', 'field a: money = -123456789012345678901234567890', 'field a: money = -123456789012345680000000000000'],
        ['a condition number of 10^21', 'field a: number\n  stage S { gate G { when a < 1000000000000000000000 } }', 'when a < 1000000000000000000000'],
        ['a condition number below 10^-6', 'field a: number\n  stage S { gate G { when a > 0.000000123 } }', 'when a > 0.000000123']
    ])('imports what export writes for %s (JavaScript writes it in exponent notation)', async (_what, declaration, printed) => {
        const source = `playbook P {\n  ${declaration}\n  stage T\n}\n`;
        const exported = await exportText(source);
        expect(exported.errors).toEqual([]);
        expect(exported.json).toMatch(/\de[-+]\d/);
        const imported = await importPlaybook(exported.json);
        expect(imported.ok, JSON.stringify(!imported.ok && imported.errors)).toBe(true);
        if (!imported.ok) return;
        expect(imported.text).toContain(printed);
        expect((await exportText(imported.text)).json).toBe(exported.json);
    });

    it('imports an array of documents as one text, each playbook followed by its deals', async () => {
        const { json: exported } = await exportText('playbook P { stage S } playbook Q { stage T } deal D for Q { 2026-01-01 enter T }');
        const imported = await importPlaybook(exported);
        expect(imported.ok && imported.text).toBe('playbook P {\n  stage S\n}\n\nplaybook Q {\n  stage T\n}\n\ndeal D for Q {\n  2026-01-01 enter T\n}\n');
    });
});

describe('malformed JSON', async () => {
    const cases: Array<[string, string, number, number, RegExp]> = [
        ['a trailing comma', '{\n  "a": 1,\n}', 3, 1, /Trailing comma/],
        ['a missing comma', '{\n  "a": 1\n  "b": 2\n}', 3, 3, /Expected ',' or '}' after the value of "a"/],
        ['a bare word', '{"a": tru}', 1, 7, /Expected a value, found 'tru'/],
        ['an unterminated string', '{\n  "a": "abc\n}', 2, 8, /Unterminated string/],
        ['an empty file', '', 1, 1, /empty/],
        ['a truncated file', '[1, 2', 1, 6, /Expected ',' or ']'/],
        ['text after the value', '{}\n{}', 2, 1, /after the end/],
        ['single quotes', "{'a': 1}", 1, 2, /property name in double quotes/],
        ['a leading zero', '{"a": 01}', 1, 7, /Invalid number/],
        ['a duplicate key', '{"a": 1,\r\n "a": 2}', 2, 2, /Duplicate property "a"/],
        ['a bad escape', '{"a": "\\x"}', 1, 8, /Invalid escape/]
    ];
    for (const [what, text, line, column, message] of cases) {
        it(`reports ${what} with its line and column`, async () => {
            const errors = await errorsOf(text);
            expect(errors).toHaveLength(1);
            expect(errors[0]).toMatchObject({ line, column });
            expect(errors[0].message).toMatch(message);
            expect(errors[0].path).toBeUndefined();
        });
    }

    it('tolerates a byte-order mark', async () => {
        expect((await importPlaybook(`\uFEFF${json(document({}))}`)).ok).toBe(true);
    });

    it('refuses absurd nesting without overflowing the stack', async () => {
        const errors = await errorsOf(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
        expect(errors[0].message).toMatch(/Nested more than/);
    });
});

describe('schema violations', async () => {
    it('names the JSON path, with the line and column of the value', async () => {
        const text = json(document({ stages: [0, 1, 2].map(i => ({ name: `S${i}`, optional: false, probability: i === 2 ? 150 : 10, aliases: [], tasks: [], gates: [] })) }));
        const errors = await errorsOf(text);
        expect(errors.map(e => `${e.path}: ${e.message}`)).toEqual(['/playbook/stages/2/probability: must be <= 100']);
        const lines = text.split('\n');
        expect(lines[errors[0].line! - 1].slice(errors[0].column! - 1)).toBe('150,');
    });

    const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
        ['a missing property', { playbook: { name: 'P' } }, '/playbook', /must have required property 'forbidRegressions'/],
        ['an unknown property', { colour: 'red' }, '', /unknown property "colour"/],
        ['a wrong $schema', { $schema: 'x' }, '/$schema', /must be "https:\/\/playbook.dev/],
        ['an unknown expression kind', { playbook: { ...(document({}).playbook as object), stages: [{ name: 'S', optional: false, aliases: [], tasks: [], gates: [{ name: 'G', requires: [], when: [{ kind: 'maybe' }] }] }] } },
            '/playbook/stages/0/gates/0/when/0/kind', /must be one of "binary"/],
        ['a bad operand inside a condition', { playbook: { ...(document({}).playbook as object), terminations: [{ outcome: 'L', reason: '', from: [], when: { kind: 'not', operand: { kind: 'number', value: -1 } } }] } },
            '/playbook/terminations/0/when/operand/value', /must be >= 0/],
        ['a name that is a keyword', { playbook: { ...(document({}).playbook as object), name: 'stage' } }, '/playbook/name', /keyword/],
        ['a name with a space', { playbook: { ...(document({}).playbook as object), name: 'Big deal' } }, '/playbook/name', /must be a name/],
        ['values on a field that is not an enum', { playbook: { ...(document({}).playbook as object), fields: [{ name: 'f', type: 'text', values: ['A'] }] } }, '/playbook/fields/0', /only enum fields have values/],
        ['a default of the wrong type', { playbook: { ...(document({}).playbook as object), fields: [{ name: 'f', type: 'bool', default: 'yes' }] } }, '/playbook/fields/0/default', /must be boolean/],
        ['a date that is not a calendar day', { deals: [{ name: 'D', playbook: 'P', events: [{ date: '2026-02-30', kind: 'won' }] }] }, '/deals/0/events/0/date', /calendar date/],
        ['a time limit that is not a whole number', { playbook: { ...(document({}).playbook as object), stages: [{ name: 'S', optional: false, withinDays: 1.5, aliases: [], tasks: [], gates: [] }] } }, '/playbook/stages/0/withinDays', /must be integer/],
        ['a playbook without stages', { playbook: { ...(document({}).playbook as object), stages: [] } }, '/playbook/stages', /must NOT have fewer than 1 items/]
    ];
    for (const [what, override, path, message] of cases) {
        it(`reports ${what}`, async () => {
            const errors = await errorsOf(json({ ...document({}), ...override }));
            const error = errors.find(e => e.path === path);
            expect(error, JSON.stringify(errors)).toBeDefined();
            expect(error!.message).toMatch(message);
        });
    }

    it('says when a document is of another major format version', async () => {
        const errors = await errorsOf(json({ ...document({}), formatVersion: '2.0', future: true }));
        expect(errors).toEqual([expect.objectContaining({ path: '/formatVersion', message: expect.stringMatching(/reads format 1\.x/) })]);
    });

    it('formats errors as lines for a terminal', async () => {
        expect(formatImportError({ path: '/playbook/stages/2/probability', line: 7, column: 24, message: 'must be <= 100' }))
            .toBe('7:24 /playbook/stages/2/probability: must be <= 100');
        expect(formatImportError({ path: '', line: 1, column: 1, message: 'has the unknown property "x"' })).toBe('1:1 /: has the unknown property "x"');
        expect(formatImportError({ line: 3, column: 1, message: 'Trailing comma' })).toBe('3:1 Trailing comma');
        expect(formatImportError({ message: 'x' })).toBe('x');
    });

    it('prefixes paths with the index of the document in an array', async () => {
        const errors = await errorsOf(json([document({}), document({ name: 'Q', version: 1 })]));
        expect(errors.map(e => e.path)).toEqual(['/1/playbook/version']);
    });

    it('refuses an empty array', async () => {
        expect((await errorsOf('[]'))[0].message).toMatch(/no playbook documents/);
    });
});

describe('names the schema cannot check', async () => {
    const stage = (extra: Record<string, unknown>): Record<string, unknown> => ({ name: 'S', optional: false, aliases: [], tasks: [], gates: [], ...extra });
    const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
        ['a gate requiring an unknown task', { stages: [stage({ gates: [{ name: 'G', requires: ['Nope'], when: [] }] })] }, '/playbook/stages/0/gates/0/requires/0', /no stage declares/],
        ['a gate requiring a task of a later stage', { stages: [stage({ gates: [{ name: 'G', requires: ['T'], when: [] }] }), stage({ name: 'S2', tasks: [{ name: 'T', required: false }] })] },
            '/playbook/stages/0/gates/0/requires/0', /later stage/],
        ['an unknown field in a condition', { terminations: [{ outcome: 'L', reason: '', from: [], when: { kind: 'field', name: 'x' } }] }, '/playbook/terminations/0/when/name', /field 'x'/],
        ['an unknown enum value', { stages: [stage({ gates: [{ name: 'G', requires: [], when: [{ kind: 'in', operand: { kind: 'field', name: 'g' }, values: ['Z'] }] }] })], fields: [{ name: 'g', type: 'enum', values: ['A'] }] },
            '/playbook/stages/0/gates/0/when/0/values/0', /enum value 'Z'/],
        ['an unknown stage in from', { terminations: [{ outcome: 'L', reason: '', from: ['Nope'] }] }, '/playbook/terminations/0/from/0', /stage 'Nope'/],
        ['a duplicate stage', { stages: [stage({}), stage({})] }, '/playbook/stages/1/name', /declared at \/playbook\/stages\/0\/name/],
        ['an enum default outside the enum', { fields: [{ name: 'g', type: 'enum', values: ['A'], default: 'B' }] }, '/playbook/fields/0/default', /one of the values of field 'g': A/],
        ['a forecast field that is not declared', { forecastField: 'value' }, '/playbook/forecastField', /field 'value', which the playbook does not declare/],
        ['a forecast field that is not a number', { forecastField: 'ok', fields: [{ name: 'ok', type: 'bool' }] }, '/playbook/forecastField', /type bool; the forecast weighs a money or number field/],
        ['aliases of an outcome no rule declares', { outcomeAliases: [{ outcome: 'Gone', aliases: ['Closed Lost'] }] }, '/playbook/outcomeAliases/0/outcome', /outcome 'Gone'/],
        ['two entries for one outcome', { terminations: [{ outcome: 'L', reason: '', from: [] }], outcomeAliases: [{ outcome: 'L', aliases: ['A'] }, { outcome: 'L', aliases: ['B'] }] },
            '/playbook/outcomeAliases/1/outcome', /aliases of outcome 'L' is declared at \/playbook\/outcomeAliases\/0\/outcome/],
        ['a won alias that is a stage\'s alias', { stages: [stage({ aliases: ['Closed Won'] })], wonAliases: ['closed  WON'] }, '/playbook/wonAliases/0', /is an alias of stage S/],
        ['an outcome alias that is a stage name', { terminations: [{ outcome: 'L', reason: '', from: [] }], outcomeAliases: [{ outcome: 'L', aliases: ['s'] }] },
            '/playbook/outcomeAliases/0/aliases/0', /the name of stage S/]
    ];
    for (const [what, playbook, path, message] of cases) {
        it(`reports ${what}`, async () => {
            const errors = await errorsOf(json(document(playbook)));
            const error = errors.find(e => e.path === path);
            expect(error, JSON.stringify(errors)).toBeDefined();
            expect(error!.message).toMatch(message);
            expect(error!.line).toBeGreaterThan(0);
        });
    }

    it('checks deals against the playbook they follow', async () => {
        const errors = await errorsOf(json(document({ fields: [{ name: 'b', type: 'bool' }] }, {
            deals: [
                { name: 'D', playbook: 'P', events: [
                    { date: '2026-01-01', kind: 'enter', stage: 'X' }, { date: '2026-01-01', kind: 'done', tasks: ['T'] },
                    { date: '2026-01-01', kind: 'set', field: 'b', value: 3 }, { date: '2026-01-01', kind: 'terminate', outcome: 'Gone' }
                ] },
                { name: 'D', playbook: 'Other', events: [] }
            ]
        })));
        expect(errors.map(e => e.path)).toEqual([
            '/deals/0/events/0/stage', '/deals/0/events/1/tasks/0', '/deals/0/events/2/value', '/deals/0/events/3/outcome', '/deals/1/name', '/deals/1/playbook'
        ]);
    });

    it('refuses conditions nested deeper than the parser reads', async () => {
        let condition: Record<string, unknown> = { kind: 'bool', value: true };
        for (let i = 0; i < 60; i++) condition = { kind: 'binary', operator: 'and', left: { kind: 'bool', value: true }, right: condition };
        const errors = await errorsOf(json(document({ terminations: [{ outcome: 'L', reason: '', from: [], when: condition }] })));
        expect(errors[0]).toMatchObject({ path: '/playbook/terminations/0/when', message: expect.stringMatching(/nested more than 40 levels deep when written/) });
        let nots: Record<string, unknown> = { kind: 'bool', value: true };
        for (let i = 0; i < 41; i++) nots = { kind: 'not', operand: nots };
        expect((await errorsOf(json(document({ terminations: [{ outcome: 'L', reason: '', from: [], when: nots }] }))))[0].message).toMatch(/nested more than 40 levels/);
        let deep: Record<string, unknown> = { kind: 'bool', value: true };
        for (let i = 0; i < 900; i++) deep = { kind: 'not', operand: deep };
        expect((await errorsOf(json(document({ terminations: [{ outcome: 'L', reason: '', from: [], when: deep }] }))))[0].message).toMatch(/nested more than 500 levels/);
    });
});

describe('types, as playbook check checks them', async () => {
    const money = [{ name: 'budget', type: 'money' }];
    const gate = (condition: unknown): Record<string, unknown> => ({ stages: [{ name: 'S', optional: false, aliases: [], tasks: [], gates: [{ name: 'G', requires: [], when: [condition] }] }], fields: money });
    const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
        ['money compared with text', gate({ kind: 'binary', operator: '>', left: { kind: 'field', name: 'budget' }, right: { kind: 'text', value: 'abc' } }),
            '/playbook/stages/0/gates/0/when/0', /Cannot use '>' on money and text/],
        ['a condition that is not yes or no', { fields: money, terminations: [{ outcome: 'L', reason: 'r', from: [], when: { kind: 'field', name: 'budget' } }] },
            '/playbook/terminations/0/when', /./],
        ['arithmetic on a yes/no value, inside a condition', gate({ kind: 'binary', operator: '>', left: { kind: 'binary', operator: '+', left: { kind: 'bool', value: true }, right: { kind: 'number', value: 1 } }, right: { kind: 'number', value: 0 } }),
            '/playbook/stages/0/gates/0/when/0/left', /./]
    ];
    for (const [what, playbook, path, message] of cases) {
        it(`refuses ${what}, at its JSON path`, async () => {
            const errors = await errorsOf(json(document(playbook)));
            expect(errors.map(e => e.path), JSON.stringify(errors)).toEqual([path]);
            expect(errors[0].message).toMatch(message);
            expect(errors[0].line).toBeGreaterThan(0);
        });
    }

    it('a deal that broke a rule is a record: it imports', async () => {
        const result = await importPlaybook(json(document({ stages: [
            { name: 'A', optional: false, aliases: [], tasks: [{ name: 'T', required: true }], gates: [] },
            { name: 'B', optional: false, aliases: [], tasks: [], gates: [] }
        ] }, { deals: [{ name: 'D', playbook: 'P', events: [{ date: '2026-01-01', kind: 'enter', stage: 'A' }, { date: '2026-01-02', kind: 'enter', stage: 'B' }] }] })));
        expect(result.ok, JSON.stringify(!result.ok && result.errors)).toBe(true);
    });
});

describe('never throws', async () => {
    it('on arbitrary text', async () => {
        await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), async text => {
            const result = await importPlaybook(text);
            expect(typeof result.ok).toBe('boolean');
        }), { numRuns: 500 });
    });

    it('on arbitrary JSON values, and on near-misses of a valid document', async () => {
        await fc.assert(fc.asyncProperty(fc.jsonValue(), async value => {
            const result = await importPlaybook(JSON.stringify(value));
            expect(result.ok).toBe(false);
        }), { numRuns: 300 });
        const valid = document({}) as PlaybookDocument & Record<string, unknown>;
        await fc.assert(fc.asyncProperty(fc.constantFrom('$schema', 'formatVersion', 'playbook', 'deals'), fc.jsonValue(), async (key, value) => {
            const result = await importPlaybook(JSON.stringify({ ...valid, [key]: value }));
            expect(typeof result.ok).toBe('boolean');
        }), { numRuns: 300 });
    });

    it('keeps "__proto__" as plain data', async () => {
        const errors = await errorsOf('{"__proto__": {"polluted": true}, "$schema": "x"}');
        expect(errors.some(e => /unknown property "__proto__"/.test(e.message))).toBe(true);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
});

describe('formatNumber', async () => {
    it('never writes exponent notation, which the grammar does not read', async () => {
        expect(formatNumber(1e21)).toBe('1000000000000000000000');
        expect(formatNumber(1.5e-7)).toBe('0.00000015');
        expect(formatNumber(-2.5e22)).toBe('-25000000000000000000000');
        expect(formatNumber(12.5)).toBe('12.5');
        fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), value => {
            const text = formatNumber(value);
            expect(text).toMatch(/^-?[0-9]+(\.[0-9]+)?$/);
            expect(Number(text)).toBe(value === 0 ? 0 : value);
        }), { numRuns: 1000 });
    });
});
