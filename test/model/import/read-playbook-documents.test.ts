/**
 * Reading an export without a parser: readPlaybookDocuments gives the checked documents, or
 * each problem at its JSON path with its line and column. (The import back to `.playbook`
 * text, which also parses the printed text, is tested in test/language/import.)
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLAYBOOK_SCHEMA_ID, readPlaybookDocuments, type ImportError, type ReadDocumentsResult } from '@playbook/model';

function document(playbook: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        $schema: PLAYBOOK_SCHEMA_ID, formatVersion: '1.1',
        playbook: { name: 'P', forbidRegressions: false, fields: [], stages: [{ name: 'S', optional: false, aliases: [], tasks: [], gates: [] }], terminations: [], ...playbook },
        ...extra
    };
}

const json = (value: unknown): string => `${JSON.stringify(value, undefined, 2)}\n`;

async function read(text: string): Promise<Extract<ReadDocumentsResult, { ok: true }>> {
    const result = await readPlaybookDocuments(text);
    if (!result.ok) throw new Error(`expected documents, got ${JSON.stringify(result.errors)}`);
    return result;
}

async function errorsOf(text: string): Promise<ImportError[]> {
    const result = await readPlaybookDocuments(text);
    if (result.ok) throw new Error('expected errors, got documents');
    return result.errors;
}

describe('readPlaybookDocuments', () => {
    it('gives the documents of a lone export and of an array, with their JSON paths', async () => {
        const one = await read(json(document()));
        expect(one.documents).toEqual([document()]);
        expect(one.paths).toEqual(['']);
        const two = await read(json([document(), document({ name: 'Q' })]));
        expect(two.documents.map(d => d.playbook.name)).toEqual(['P', 'Q']);
        expect(two.paths).toEqual(['/0', '/1']);
    });

    const problems: Array<[string, string, string, RegExp]> = [
        ['text that is not JSON', '{ "playbook": ', '', /JSON|end/i],
        ['a schema violation', json(document({ stages: [{ name: 'S', optional: false, probability: 150, aliases: [], tasks: [], gates: [] }] })), '/playbook/stages/0/probability', /must be <= 100/],
        ['a reference to an undeclared stage', json(document({}, { deals: [{ name: 'D', playbook: 'P', events: [{ date: '2026-01-01', kind: 'enter', stage: 'X' }] }] })), '/deals/0/events/0/stage', /'X'/],
        ['another major format version', json({ ...document(), formatVersion: '2.0' }), '/formatVersion', /reads format 1\.x/],
        ['an empty array', '[]', '', /no playbook documents/]
    ];
    it.each(problems)('reports %s, at its path', async (_what, text, path, message) => {
        const errors = await errorsOf(text);
        const error = errors.find(e => (e.path ?? '') === path);
        expect(error, JSON.stringify(errors)).toBeDefined();
        expect(error!.message).toMatch(message);
        expect(error!.line).toBeGreaterThan(0);
    });

    it('places problems found later (by a parser of the printed text) in the JSON text', async () => {
        const text = json(document({ stages: [{ name: 'S', optional: false, aliases: [], tasks: [], gates: [] }, { name: 'T', optional: false, aliases: [], tasks: [], gates: [] }] }));
        const result = await read(text);
        const [error] = result.locate([{ path: '/playbook/stages/1/name', message: 'is wrong' }]);
        expect(error).toMatchObject({ path: '/playbook/stages/1/name', message: 'is wrong' });
        expect(text.split('\n')[error.line! - 1].slice(error.column! - 1)).toBe('"T",');
    });

    it('never rejects, whatever the text', async () => {
        await fc.assert(fc.asyncProperty(fc.oneof(fc.string(), fc.json()), async text => {
            const result = await readPlaybookDocuments(text);
            expect(typeof result.ok).toBe('boolean');
        }), { numRuns: 200 });
    });
});
