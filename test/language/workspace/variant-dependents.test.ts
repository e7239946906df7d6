/**
 * A variant's names are its base's: an edit to the base, in another file, changes what the
 * variant and the deals that follow it mean, though neither changed. After every edit each
 * file must show what a fresh check of all the texts shows, whichever files are open in the
 * editor (the others are read from disk), along a chain base → variant → deals in three files.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { URI, type LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createPlaybookServices, validateTexts } from '@playbook/language';
import { createPlaybookLspServices } from '../../../packages/language/src/lsp/index.js';
import { MemoryFileSystem } from './memory-file-system.js';

const example = (name: string) => readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8');
const render = (diagnostics: NonNullable<LangiumDocument['diagnostics']>): string[] =>
    diagnostics.map(d => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`).sort();

// The variant's deals move to a file of their own: the base is then two links away from them.
const counter = example('jewellery-counter.playbook');
const dealsAt = counter.indexOf('// Won on the first visit');
const texts0 = [example('seven-step-sales.playbook'), counter.slice(0, dealsAt), counter.slice(dealsAt)];

/** Each step replaces the text of some files; `[file index, find, replace]`. */
type Step = Array<[number, string, string]>;
const sessions: Array<[string, Step[]]> = [
    ['a task of an inherited stage renamed in the base, and back', [
        [[0, 'task SignOrder', 'task Signature']],
        [[0, 'task Signature', 'task SignOrder']]
    ]],
    ['the base drops a stage the variant drops too, and gets it back', [
        [[0, 'stage Presentation "', 'stage Pitch "']],
        [[0, 'stage Pitch "', 'stage Presentation "']]
    ]],
    ['the base renamed, then the variant follows it', [
        [[0, 'playbook SevenStepSales', 'playbook SevenSteps']],
        [[1, 'variant of SevenStepSales', 'variant of SevenSteps']],
        [[0, 'playbook SevenSteps', 'playbook SevenStepSales'], [1, 'variant of SevenSteps', 'variant of SevenStepSales']]
    ]],
    ['the base made a variant of its variant, and back', [
        [[0, 'playbook SevenStepSales {', 'playbook SevenStepSales variant of JewelleryCounter {']],
        [[0, 'playbook SevenStepSales variant of JewelleryCounter {', 'playbook SevenStepSales {']]
    ]]
];

describe('a variant and its base in other files', () => {
    let workspace = 0;
    const openings: Array<[string, number[]]> = [['every file open', [0, 1, 2]], ['only the variant open', [1]], ['only its deals open', [2]], ['only the base open', [0]]];
    const cases = sessions.flatMap(([what, steps]) => openings.map(([opened, open]) => [what, opened, steps, open] as const));
    it.each(cases)('%s (%s): every file shows what a fresh check shows', async (_what, _opened, steps, open) => {
        const disk = new MemoryFileSystem();
        const services = createPlaybookLspServices({ fileSystemProvider: () => disk });
        const folder = `file:///variants-${workspace++}`;
        const uris = [`${folder}/seven-step-sales.playbook`, `${folder}/jewellery-counter.playbook`, `${folder}/counter-deals.playbook`];
        const texts = [...texts0];
        let version = 0;
        const update = async (changed: number[]): Promise<string[][]> => {
            for (const i of changed) {
                if (open.includes(i)) services.shared.workspace.TextDocuments!.set(TextDocument.create(uris[i], 'playbook', ++version, texts[i]));
                else disk.write(uris[i], texts[i]);
            }
            await services.shared.workspace.DocumentBuilder.update(changed.map(i => URI.parse(uris[i])), []);
            return uris.map(uri => render(services.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri))!.diagnostics ?? []));
        };
        const fresh = async (): Promise<string[][]> => {
            const results = await validateTexts(createPlaybookServices(), texts.map((text, i) => ({ uri: uris[i], text })));
            return results.map(result => render(result.diagnostics));
        };
        const first = await update([0, 1, 2]);
        expect(first).toEqual(await fresh());
        expect(first.flat().filter(line => !line.includes(' unused-')), 'the example checks clean').toEqual([]);
        for (const step of steps) {
            for (const [file, find, replace] of step) {
                expect(texts[file]).toContain(find);
                texts[file] = texts[file].replace(find, replace);
            }
            const now = await update(step.map(([file]) => file));
            expect(now, JSON.stringify(step)).toEqual(await fresh());
        }
    });

    it('an edit to the base reaches the deals of the variant: a renamed task is unknown there', async () => {
        const texts = [texts0[0].replace('task SignOrder', 'task Signature').replace('requires SignOrder', 'requires Signature'), texts0[1], texts0[2]];
        const results = await validateTexts(createPlaybookServices(), texts.map((text, i) => ({ uri: `file:///chain/${i}.playbook`, text })));
        const codes = results.map(result => result.diagnostics.map(d => `${d.range.start.line + 1} ${d.code}`));
        expect(codes[1]).toEqual([]);
        const signOrderLines = texts[2].split('\n').flatMap((line, i) => (line.includes('SignOrder') ? [`${i + 1} unresolved-reference`] : []));
        expect(signOrderLines.length).toBeGreaterThan(0);
        expect(codes[2].filter(line => line.endsWith('unresolved-reference'))).toEqual(signOrderLines);
    });
});
