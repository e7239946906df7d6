/**
 * Playbook and deal names are workspace-wide: a deal in any file names its playbook, and a
 * name declared in two files is an error in both. An edit that adds or removes such a name
 * in one file changes what other files mean even when they have no reference into it;
 * after every edit each file must show what a fresh check of all the texts shows, whichever
 * files are open in the editor (the others are read from disk).
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

/** Each step replaces the text of some files; `[file index, find, replace]`. */
type Step = Array<[number, string, string]>;
const sessions: Array<[string, Step[]]> = [
    ['a playbook renamed to the name of a playbook in another file, and back', [
        [[0, 'playbook BigAccount', 'playbook SevenStepSales']],
        [[0, 'playbook SevenStepSales', 'playbook BigAccount']]
    ]],
    ['a deal renamed to the name of a deal in another file, and back', [
        [[2, 'deal Northwind', 'deal CityMetro']],
        [[2, 'deal CityMetro', 'deal Northwind']]
    ]],
    ['deals naming a playbook that another file then declares', [
        [[1, 'for BigAccount', 'for Fresh']],
        [[2, 'playbook SevenStepSales', 'playbook Fresh']],
        [[2, 'playbook Fresh', 'playbook SevenStepSales']]
    ]],
    ['a deal declared in two files, one of them edited above it: the other says on which line it now is', [
        [[2, 'deal Northwind', 'deal CityMetro']],
        [[2, 'playbook SevenStepSales', '// a line more\nplaybook SevenStepSales']]
    ]],
    ['deals whose playbook another file declares too, with an earlier name in the workspace order', [
        [[2, 'playbook SevenStepSales', 'playbook BigAccount']],
        [[0, 'playbook BigAccount', 'playbook Other']],
        [[0, 'playbook Other', 'playbook BigAccount']]
    ]]
];

describe('names shared by several files', () => {
    let workspace = 0;
    const openings: Array<[string, number[]]> = [['every file open', [0, 1, 2]], ['only the deals open', [1]], ['only the third file open', [2]]];
    const cases = sessions.flatMap(([what, steps]) => openings.map(([opened, open]) => [what, opened, steps, open] as const));
    it.each(cases)('%s (%s): every file shows what a fresh check shows', async (_what, _opened, steps, open) => {
        const disk = new MemoryFileSystem();
        const services = createPlaybookLspServices({ fileSystemProvider: () => disk });
        const folder = `file:///names-${workspace++}`;
        // In this order the deals' file sorts first, the playbook they name second.
        const uris = [`${folder}/big-account.playbook`, `${folder}/big-account-deals.playbook`, `${folder}/seven-step-sales.playbook`];
        const texts = [example('big-account.playbook'), example('big-account-deals.playbook'), example('seven-step-sales.playbook')];
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
        expect(await update([0, 1, 2])).toEqual(await fresh());
        for (const step of steps) {
            for (const [file, find, replace] of step) {
                expect(texts[file]).toContain(find);
                texts[file] = texts[file].replace(find, replace);
            }
            expect(await update(step.map(([file]) => file)), JSON.stringify(step)).toEqual(await fresh());
        }
    });

    it('a fresh check does not depend on the order the files are given in', async () => {
        const texts = [example('big-account.playbook').replace('playbook BigAccount', 'playbook SevenStepSales'), example('big-account-deals.playbook'), example('seven-step-sales.playbook')];
        const uris = ['file:///order/a.playbook', 'file:///order/b.playbook', 'file:///order/c.playbook'];
        const check = async (order: number[]): Promise<Record<string, string[]>> => {
            const results = await validateTexts(createPlaybookServices(), order.map(i => ({ uri: uris[i], text: texts[i] })));
            return Object.fromEntries(results.map(result => [result.document.uri.toString(), render(result.diagnostics)]));
        };
        expect(await check([2, 1, 0])).toEqual(await check([0, 1, 2]));
    });
});
