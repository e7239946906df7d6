/**
 * An editor cancels the running build whenever a new change arrives, at any point of it:
 * while a file is parsed, linked (the linker checks every few hundred nodes), indexed or
 * validated. Whatever was cancelled where, once the next change is built every file must
 * show what a fresh check of all the texts shows. Random edits (names renamed or swapped
 * across a file, keystrokes) to a playbook, its deals in another file and a third playbook;
 * each edit's build is cancelled at a random point, and the next edit's build completes.
 * Some files are open in the editor, the others are read from disk (a build then takes the
 * open files first, see the Playbook document builder).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import * as fc from 'fast-check';
import { Cancellation, DocumentState, isOperationCancelled, URI, type LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createPlaybookServices, validateTexts } from '@playbook/language';
import { createPlaybookLspServices } from '../../../packages/language/src/lsp/index.js';
import { MemoryFileSystem } from './memory-file-system.js';

const example = (name: string) => readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8');
const FILES = ['big-account.playbook', 'big-account-deals.playbook', 'seven-step-sales.playbook'];
const TEXTS = FILES.map(example);
const NAMES = ['BigAccount', 'SevenStepSales', 'CityMetro', 'Northwind', 'FindGuide', 'CollectInfo', 'SubmitBid', 'Development', 'Initiation', 'budget', 'grade', 'decisionMaker', 'Awarded', 'Prospecting', 'CheckFit'];

const render = (diagnostics: NonNullable<LangiumDocument['diagnostics']>): string[] =>
    diagnostics.map(d => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`).sort();

type Edit =
    | { kind: 'rename'; file: number; from: string; to: string }
    | { kind: 'swap'; file: number; a: string; b: string }
    | { kind: 'keystroke'; file: number; where: number; remove: number; insert: string };

function applyEdit(texts: string[], edit: Edit): number {
    const file = edit.file % texts.length;
    const text = texts[file];
    const word = (name: string) => new RegExp(`(?<!\\w)${name}(?!\\w)`, 'g');
    switch (edit.kind) {
        case 'rename': texts[file] = text.replace(word(edit.from), edit.to); break;
        case 'swap': texts[file] = text.replace(new RegExp(`(?<!\\w)(${edit.a}|${edit.b})(?!\\w)`, 'g'), name => (name === edit.a ? edit.b : edit.a)); break;
        case 'keystroke': {
            const at = edit.where % (text.length + 1);
            texts[file] = text.slice(0, at) + edit.insert + text.slice(at + edit.remove);
        }
    }
    return file;
}

/** Where a build is cancelled: when a file reaches a state, or at the n-th reference the linker resolves. */
type CancelPoint = { kind: 'phase'; file: number; state: DocumentState } | { kind: 'reference'; count: number };

const name = fc.constantFrom(...NAMES);
const file = fc.nat({ max: FILES.length - 1 });
const edit: fc.Arbitrary<Edit> = fc.oneof(
    fc.record({ kind: fc.constant('rename' as const), file, from: name, to: fc.oneof(name, name.map(n => `${n}X`)) }),
    fc.record({ kind: fc.constant('swap' as const), file, a: name, b: name }),
    fc.record({ kind: fc.constant('keystroke' as const), file, where: fc.nat(), remove: fc.integer({ min: 0, max: 2 }), insert: fc.constantFrom('', 'a', ' ', '\n', '}', 'x ') })
);
const cancelPoint: fc.Arbitrary<CancelPoint> = fc.oneof(
    fc.record({ kind: fc.constant('phase' as const), file, state: fc.constantFrom(DocumentState.Parsed, DocumentState.IndexedContent, DocumentState.ComputedScopes, DocumentState.Linked, DocumentState.IndexedReferences) }),
    fc.record({ kind: fc.constant('reference' as const), count: fc.integer({ min: 1, max: 1500 }) })
);

describe('builds cancelled at any point', () => {
    it('leave, once the next change is built, the diagnostics of a fresh check', async () => {
        let workspace = 0;
        const sessions = fc.array(fc.record({ cancelled: edit, at: cancelPoint, next: edit }), { minLength: 1, maxLength: 4 });
        const open = fc.subarray([0, 1, 2]);   // the files open in the editor; the others are on disk
        await fc.assert(fc.asyncProperty(sessions, open, async (steps, open) => {
            const disk = new MemoryFileSystem();
            const services = createPlaybookLspServices({ fileSystemProvider: () => disk });
            const builder = services.shared.workspace.DocumentBuilder;
            const uris = FILES.map(f => `file:///cancelled-${workspace}/${f}`);
            workspace++;
            const texts = [...TEXTS];
            let version = 0;
            const update = async (files: number[], cancel?: CancelPoint): Promise<void> => {
                for (const i of files) {
                    if (open.includes(i)) services.shared.workspace.TextDocuments!.set(TextDocument.create(uris[i], 'playbook', ++version, texts[i]));
                    else disk.write(uris[i], texts[i]);
                }
                const source = new Cancellation.CancellationTokenSource();
                const disposables: Array<{ dispose(): void }> = [];
                if (cancel?.kind === 'phase') {
                    disposables.push(builder.onDocumentPhase(cancel.state, document => {
                        if (document.uri.toString() === uris[cancel.file]) source.cancel();
                    }));
                } else if (cancel?.kind === 'reference') {
                    const scopes = services.Playbook.references.ScopeProvider;
                    const getScope = scopes.getScope.bind(scopes);
                    let count = 0;
                    const spy = vi.spyOn(scopes, 'getScope').mockImplementation(context => {
                        if (++count === cancel.count) source.cancel();
                        return getScope(context);
                    });
                    disposables.push({ dispose: () => spy.mockRestore() });
                }
                try {
                    await builder.update(files.map(i => URI.parse(uris[i])), [], source.token);
                } catch (error) {
                    if (!isOperationCancelled(error)) throw error;
                } finally {
                    disposables.forEach(d => d.dispose());
                }
            };
            await update([0, 1, 2]);
            const log: string[] = [];
            for (const step of steps) {
                await update([applyEdit(texts, step.cancelled)], step.at);
                await update([applyEdit(texts, step.next)]);
                log.push(`${JSON.stringify(step)} (open: ${open.join(', ')})`);
                const results = await validateTexts(createPlaybookServices(), texts.map((text, i) => ({ uri: uris[i], text })));
                const shown = uris.map(uri => render(services.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri))!.diagnostics ?? []));
                expect(shown, log.join('\n')).toEqual(results.map(result => render(result.diagnostics)));
            }
        }), { numRuns: Number(process.env.PLAYBOOK_CANCEL_RUNS ?? 25), seed: Number(process.env.PLAYBOOK_CANCEL_SEED ?? 20261207) });
    }, 120_000);
});
