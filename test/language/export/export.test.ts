/** `playbook export`: every fact, valid against the published schema, same input same bytes. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { canonicalDocument, serializeDocument, serializeDocuments, PLAYBOOK_FORMAT_VERSION, PLAYBOOK_SCHEMA_ID, type PlaybookDocument } from '@playbook/model';
import { examples, exportText, exportTexts } from './export-helpers.js';

// Validated with the published file, independently of the library's own validator.
const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../../../packages/model/schema/playbook.schema.json', import.meta.url)), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, discriminator: true });
// ajv-formats is CommonJS: the plugin is the module and also its `default`.
type FormatsPlugin = (ajv: Ajv2020) => Ajv2020;
const formatsPlugin = addFormats as unknown as FormatsPlugin & { default?: FormatsPlugin };
(formatsPlugin.default ?? formatsPlugin)(ajv);
const validate = ajv.compile(schema);

const SMALL = `playbook Small {
  title "小 / Small"
  version "1.0.0"
  forbid regressions
  field budget: money = 10
  field grade: enum {A, B} = B
  field start: date = 2026-01-31
  stage Dev "开发" {
    alias "Prospecting"
    probability 10%
    within 30 days
    task Collect "Collect info" required owner "Sales"
    gate Info { requires Collect when budget >= 5 * 2 + 1 when grade = A }
  }
  optional stage Demo
  stage Close { probability 90% }
  terminate Lost "Cannot pay" when not (budget > 0) from Dev, Demo
  terminate Lost "Withdrew"
}
deal D1 "Acme" for Small { 2026-02-01 enter Dev 2026-02-02 set grade = A 2026-02-03 set start = 2026-03-01 }
`;

describe('exportPlaybook', () => {
    it('writes every declared fact, with its $schema and format version', async () => {
        const { json, errors } = await exportText(SMALL);
        expect(errors).toEqual([]);
        const document = JSON.parse(json) as PlaybookDocument;
        expect(document.$schema).toBe(PLAYBOOK_SCHEMA_ID);
        expect(document.formatVersion).toBe(PLAYBOOK_FORMAT_VERSION);
        expect(Object.keys(document)).toEqual(['$schema', 'formatVersion', 'playbook', 'deals']);
        const playbook = document.playbook;
        expect(playbook).toMatchObject({ name: 'Small', title: '小 / Small', version: '1.0.0', forbidRegressions: true });
        expect(playbook.fields).toEqual([
            { name: 'budget', type: 'money', default: 10 },
            { name: 'grade', type: 'enum', values: ['A', 'B'], default: 'B' },
            { name: 'start', type: 'date', default: '2026-01-31' }
        ]);
        expect(playbook.stages.map(s => [s.name, s.optional])).toEqual([['Dev', false], ['Demo', true], ['Close', false]]);
        expect(playbook.stages[0]).toMatchObject({ title: '开发', probability: 10, withinDays: 30, aliases: ['Prospecting'] });
        expect(playbook.stages[0].tasks).toEqual([{ name: 'Collect', title: 'Collect info', required: true, owner: 'Sales' }]);
        // Conditions are trees, not strings; `=` is written `==`.
        expect(playbook.stages[0].gates[0].when[1]).toEqual({
            kind: 'binary', operator: '==', left: { kind: 'field', name: 'grade' }, right: { kind: 'enumValue', name: 'A' }
        });
        expect(playbook.terminations[1]).toEqual({ outcome: 'Lost', reason: 'Withdrew', from: [] });
        expect(document.deals?.[0].events[2]).toEqual({ date: '2026-02-03', kind: 'set', field: 'start', value: '2026-03-01' });
        expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    });

    it('writes keys in the declared order, absent facts left out', async () => {
        const { json } = await exportText(SMALL);
        const document = JSON.parse(json) as PlaybookDocument;
        expect(Object.keys(document.playbook)).toEqual(['name', 'title', 'version', 'forbidRegressions', 'fields', 'stages', 'terminations']);
        expect(Object.keys(document.playbook.stages[0])).toEqual(['name', 'title', 'optional', 'probability', 'withinDays', 'aliases', 'tasks', 'gates']);
        expect(Object.keys(document.playbook.stages[1])).toEqual(['name', 'optional', 'aliases', 'tasks', 'gates']);
        expect(Object.keys(document.playbook.terminations[0])).toEqual(['outcome', 'reason', 'when', 'from']);
        expect(json.startsWith('{\n  "$schema": ')).toBe(true);
        expect(json.endsWith('}\n')).toBe(true);
    });

    it('leaves deals out unless asked, and writes an empty list when asked and there are none', async () => {
        expect(JSON.parse((await exportText(SMALL, false)).json)).not.toHaveProperty('deals');
        const { json } = await exportText('playbook P { stage S }');
        expect(JSON.parse(json).deals).toEqual([]);
    });

    it('takes the deals of other files that follow the playbook, and only those', async () => {
        const { documents } = await exportTexts([
            'playbook P { stage S } playbook Q { stage T }',
            'deal A for P { 2026-01-01 enter S } deal B for Q { 2026-01-01 enter T } deal C for P { 2026-01-02 won }'
        ]);
        expect(documents[0].map(d => d.deals?.map(deal => deal.name))).toEqual([['A', 'C'], ['B']]);
        expect(documents[1]).toEqual([]);
    });

    it('writes a file of several playbooks as an array of documents, in file order', async () => {
        const { json } = await exportText('playbook P { stage S } playbook Q { stage T }', false);
        const parsed = JSON.parse(json) as PlaybookDocument[];
        expect(Array.isArray(parsed)).toBe(true);
        expect(parsed.map(d => d.playbook.name)).toEqual(['P', 'Q']);
        expect(parsed.every(d => validate(d))).toBe(true);
    });
});

describe('every example', () => {
    const all = examples();

    it('exports without errors to JSON that is valid against the published schema', async () => {
        const { documents, errors } = await exportTexts(all.map(e => e.text));
        expect(errors).toEqual([]);
        const exported = documents.flat();
        expect(exported.length).toBeGreaterThanOrEqual(5);
        for (const document of exported) {
            const parsed = JSON.parse(serializeDocument(document)) as unknown;
            expect(validate(parsed), `${document.playbook.name}: ${JSON.stringify(validate.errors, undefined, 2)}`).toBe(true);
        }
        // The deals of big-account-deals.playbook follow BigAccount from another file.
        const bigAccount = exported.find(d => d.playbook.name === 'BigAccount');
        expect(bigAccount?.deals?.length).toBeGreaterThan(0);
    });

    it('exports byte for byte the same twice, and the same from a parse of its own output', async () => {
        const first = await exportTexts(all.map(e => e.text));
        const second = await exportTexts(all.map(e => e.text));
        const bytes = (documents: PlaybookDocument[][]): string[] => documents.map(list => serializeDocuments(list));
        expect(bytes(second.documents)).toEqual(bytes(first.documents));
        for (const list of first.documents) {
            for (const document of list) {
                const text = serializeDocument(document);
                expect(serializeDocument(JSON.parse(text) as PlaybookDocument)).toBe(text);
            }
        }
    });
});

describe('serializeDocument', () => {
    it('does not depend on the key order of the objects it is given', () => {
        const ordered: PlaybookDocument = {
            $schema: PLAYBOOK_SCHEMA_ID, formatVersion: '1.0',
            playbook: {
                name: 'P', title: 'T', forbidRegressions: false, fields: [{ name: 'f', type: 'number', default: 1 }],
                stages: [{ name: 'S', optional: false, probability: 5, aliases: [], tasks: [{ name: 'T', required: true }], gates: [
                    { name: 'G', requires: ['T'], when: [{ kind: 'binary', operator: '>', left: { kind: 'field', name: 'f' }, right: { kind: 'number', value: 0, unit: '%' } }] }
                ] }],
                terminations: [{ outcome: 'Lost', reason: 'r', from: [] }]
            }
        };
        const reversed = reverseKeys(ordered) as PlaybookDocument;
        expect(JSON.stringify(reversed)).not.toBe(JSON.stringify(ordered));
        expect(serializeDocument(reversed)).toBe(serializeDocument(ordered));
        expect(canonicalDocument(reversed)).toEqual(ordered);
    });

    it('drops keys the format does not know', () => {
        const document = {
            $schema: PLAYBOOK_SCHEMA_ID, formatVersion: '1.0', extra: 1,
            playbook: { name: 'P', forbidRegressions: false, fields: [], stages: [], terminations: [], $container: {} }
        } as unknown as PlaybookDocument;
        expect(JSON.parse(serializeDocument(document))).toEqual({
            $schema: PLAYBOOK_SCHEMA_ID, formatVersion: '1.0', playbook: { name: 'P', forbidRegressions: false, fields: [], stages: [], terminations: [] }
        });
    });
});

function reverseKeys(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(reverseKeys);
    if (value && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
    }
    return value;
}
