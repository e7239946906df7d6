/**
 * An edit that changes no token's kind is applied to the existing tree (the token-edit
 * reparser) instead of a parse; the diagnostics must still be those of the new text,
 * including everything computed from the playbook (symbols, the replay of its deals).
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as fc from 'fast-check';
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createPlaybookServices, validateTexts } from '@playbook/language';
import { createPlaybookLspServices } from '../../../packages/language/src/lsp/index.js';

const services = createPlaybookLspServices(EmptyFileSystem);
const reparse = vi.spyOn(services.Playbook.parser.TokenEditReparser, 'reparse');
const reparseMember = vi.spyOn(services.Playbook.parser.MemberReparser, 'reparse');
afterEach(() => { reparse.mockClear(); reparseMember.mockClear(); });

const text = (limit: string, stage = 'Lead', name = 'Typing') => `playbook ${name} {
  stage ${stage} { within ${limit} days task Call required gate G { requires Call } }
  stage Close { task Sign required }
  terminate Lost "Withdrew"
}
deal D${name} for ${name} {
  2026-01-01 enter Lead
  2026-01-02 done Call
  2026-01-11 enter Close
}`;

let version = 0;
/** As the language server does on an edit: the open text changes, the builder updates. */
async function type(uri: string, content: string): Promise<string[]> {
    services.shared.workspace.TextDocuments!.set(TextDocument.create(uri, 'playbook', ++version, content));
    await services.shared.workspace.DocumentBuilder.update([URI.parse(uri)], []);
    const document = services.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri))!;
    return (document.diagnostics ?? []).map(d => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`).sort();
}

const render = (diagnostics: NonNullable<LangiumDocument['diagnostics']>): string[] =>
    diagnostics.map(d => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`).sort();

/** The diagnostics of the same text checked from scratch. */
async function fromScratch(content: string): Promise<string[]> {
    const [result] = await validateTexts(createPlaybookServices(), [{ uri: `memory:///scratch-${version}.playbook`, text: content }]);
    return result.diagnostics.map(d => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`).sort();
}

describe('editing without parsing', () => {
    it('a shorter time limit shows up in the replay of the deal', async () => {
        const uri = 'file:///typing/limit.playbook';
        expect(await type(uri, text('30'))).toEqual(await fromScratch(text('30')));
        const after = await type(uri, text('3'));
        expect(reparse).toHaveReturnedWith(expect.objectContaining({ value: expect.anything() }));
        expect(after.some(d => d.includes('sla-exceeded'))).toBe(true);
        expect(after).toEqual(await fromScratch(text('3')));
    });

    it('a renamed stage leaves its uses unresolved, and renaming it back resolves them', async () => {
        const uri = 'file:///typing/rename.playbook';
        await type(uri, text('30', 'Lead', 'Renaming'));
        const renamed = await type(uri, text('30', 'Leads', 'Renaming'));
        expect(reparse).toHaveLastReturnedWith(expect.objectContaining({ value: expect.anything() }));
        expect(renamed.filter(d => d.includes('unresolved-reference'))).toEqual(["6:19 unresolved-reference Playbook Renaming has no stage named 'Lead'. Did you mean 'Leads'?"]);
        expect(renamed).toEqual(await fromScratch(text('30', 'Leads', 'Renaming')));
        expect(await type(uri, text('30', 'Lead', 'Renaming'))).toEqual(await fromScratch(text('30', 'Lead', 'Renaming')));
    });
});

describe('one change that touches several names (a rename, a multi-cursor edit, a paste)', () => {
    const example = (name: string) => readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8');
    const playbook = example('big-account.playbook');
    const deals = example('big-account-deals.playbook');
    const swap = (content: string, a: string, b: string) => content.replace(new RegExp(`\\b(${a}|${b})\\b`, 'g'), name => (name === a ? b : a));
    // The playbook and its deals in two files, as in the examples; each change is one update.
    const changes: Array<[string, string, string]> = [
        ['a task renamed with its use in a gate', playbook.replaceAll('FindGuide', 'FindMentor'), deals],
        ['a task renamed everywhere, deals included', playbook.replaceAll('FindGuide', 'FindMentor'), deals.replaceAll('FindGuide', 'FindMentor')],
        ['two tasks of different stages renamed', playbook.replace('task FindGuide', 'task FindMentor').replace('task SubmitBid', 'task SendBid'), deals],
        ['two uses in gates renamed', playbook.replace('requires FindGuide', 'requires FindGuid').replace('requires SubmitBid', 'requires SubmitBi'), deals],
        ['a field renamed with its uses', playbook.replaceAll('decisionMaker', 'sponsor'), deals],
        ['an enum value renamed with its uses', playbook.replaceAll('Shortlisted', 'Listed'), deals],
        ['two task names swapped', swap(playbook, 'FindGuide', 'CollectInfo'), deals]
    ];
    let workspace = 0;
    it.each(changes)('%s: the diagnostics of a fresh check, then of the text changed back', async (_what, changedPlaybook, changedDeals) => {
        const folder = `file:///several-names-${workspace++}`;
        const uris = [`${folder}/big-account.playbook`, `${folder}/deals.playbook`];
        const update = async (texts: string[]): Promise<string[][]> => {
            texts.forEach((content, i) => services.shared.workspace.TextDocuments!.set(TextDocument.create(uris[i], 'playbook', ++version, content)));
            await services.shared.workspace.DocumentBuilder.update(uris.map(uri => URI.parse(uri)), []);
            return uris.map(uri => render(services.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri))!.diagnostics ?? []));
        };
        const fresh = async (texts: string[]): Promise<string[][]> => {
            const results = await validateTexts(createPlaybookServices(), texts.map((content, i) => ({ uri: uris[i], text: content })));
            return results.map(result => render(result.diagnostics));
        };
        try {
            expect(await update([playbook, deals])).toEqual(await fresh([playbook, deals]));
            reparse.mockClear();
            expect(await update([changedPlaybook, changedDeals])).toEqual(await fresh([changedPlaybook, changedDeals]));
            expect(reparse).toHaveReturnedWith(expect.objectContaining({ value: expect.anything() }));
            expect(await update([playbook, deals])).toEqual(await fresh([playbook, deals]));
        } finally {
            await services.shared.workspace.DocumentBuilder.update([], uris.map(uri => URI.parse(uri)));
        }
    });
});

describe('a typing session through the language server services', () => {
    it('gives after every keystroke the diagnostics a fresh check of the same text gives', async () => {
        const uri = 'file:///typing/session.playbook';
        // A playbook and its deals in one file: edits of the playbook change the replays.
        let content = text('30', 'Lead', 'Session');
        await type(uri, content);
        reparse.mockClear();
        reparseMember.mockClear();
        const edits: Array<[string, string]> = [
            ['within 30', 'within 3'],                   // a shorter limit: the deal now exceeds it
            ['within 3 ', 'within 30 '],
            ['task Call', 'task Calls'],                  // the task renamed: requires and done unresolved
            ['requires Call', 'requires Calls'],
            ['done Call', 'done Calls'],
            ['"Withdrew"', '"Withdrew "'],
            ['stage Close', '\n  stage Close'],
            ['2026-01-11', '2026-01-19'],
            // New tokens, and syntax errors until they are complete: the stage or deal alone is parsed again.
            ['task Calls required', 'task Calls required task Extra "Extra" owner "Ops"'],
            ['2026-01-02 done Calls', '2026-01-02 done Calls\n  2026-01-03 done Extra'],
            ['task Extra "Extra" owner "Ops"', 'task Extra "Extra" required owner "Ops"']
        ];
        for (const [from, to] of edits) {
            expect(content).toContain(from);
            // Character by character, as an author types: delete the old text, then type the new.
            const at = content.indexOf(from);
            let common = 0;
            while (common < from.length && common < to.length && from[common] === to[common]) common++;
            for (let cut = from.length; cut > common; cut--) {
                content = content.slice(0, at + cut - 1) + content.slice(at + cut);
                expect(await type(uri, content)).toEqual(await fromScratch(content));
            }
            for (let typed = common; typed < to.length; typed++) {
                content = content.slice(0, at + typed) + to[typed] + content.slice(at + typed);
                expect(await type(uri, content)).toEqual(await fromScratch(content));
            }
        }
        // Most keystrokes re-used the tree (the comparison above is then the point of the test).
        expect(reparse.mock.results.filter(r => r.value !== undefined).length).toBeGreaterThan(10);
        expect(reparseMember.mock.results.filter(r => r.value !== undefined).length).toBeGreaterThan(30);
    });
});

describe('random typing sessions through the language server services', () => {
    it('give after every edit the diagnostics of a fresh check of the same text', async () => {
        const example = readFileSync(new URL('../../../examples/seven-step-sales.playbook', import.meta.url), 'utf8');
        const pieces = ['a', ' ', '\n', '"', '{', '}', '1', '%', 'task X ', 'gate ', 'when ', 'required ', 'done ', '2026-02-01 '];
        let session = 0;
        await fc.assert(fc.asyncProperty(
            fc.array(fc.record({ where: fc.noBias(fc.integer({ min: 0, max: 1_000_000 })), remove: fc.integer({ min: 0, max: 2 }), insert: fc.constantFrom(...pieces) }), { minLength: 1, maxLength: 6 }),
            async edits => {
                // Each session in its own file, with its own playbook name (names are workspace-wide).
                const uri = `file:///typing/random-${session++}.playbook`;
                let content = example.replace(/\bSevenStepSales\b/g, `Random${session}`);
                await type(uri, content);
                for (const { where, remove, insert } of edits) {
                    const position = where % (content.length + 1);
                    content = content.slice(0, position) + insert + content.slice(position + remove);
                    expect(await type(uri, content)).toEqual(await fromScratch(content));
                }
                await services.shared.workspace.DocumentBuilder.update([], [URI.parse(uri)]);
            }
        ), { numRuns: 20, seed: 20261124 });
    });
});
