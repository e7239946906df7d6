/**
 * The reparsers replace an edited node and its ancestors by copies. An old node may stay
 * held somewhere for a while (the parser keeps its last stand-in parse, an editor request
 * may be in flight): it must never keep the later copies alive, or every keystroke adds a
 * generation of the playbook, with its symbol tables and models, to the heap until the
 * language server dies.
 */
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { EmptyFileSystem, URI, type AstNode } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createPlaybookServices } from '@playbook/language';
import { AstNodeCopier } from '../../../packages/language/src/parser/ast-node-copier.js';
import { createPlaybookLspServices } from '../../../packages/language/src/lsp/index.js';
import type * as ast from '../../../packages/language/src/generated/ast.js';

const example = readFileSync(new URL('../../../examples/big-account.playbook', import.meta.url), 'utf8');

/** A full garbage collection, whatever flags the test process was started with. */
function collectGarbage(): void {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
}

describe('the AST node copier', () => {
    it('leaves a replaced node with its old parent, and the kept children with the copy', () => {
        const services = createPlaybookServices().Playbook;
        const document = services.parser.LangiumParser.parse<ast.Document>(example).value;
        const playbook = document.elements[0] as ast.Playbook;
        const stage = playbook.stages[1];
        const task = stage.tasks[0];
        const copies = new Map<AstNode, AstNode>();
        const taskCopy = new AstNodeCopier(services.references.Linker).copyUpToRoot(task, copies) as ast.Task;
        const stageCopy = copies.get(stage) as ast.Stage;
        expect(taskCopy.$container).toBe(stageCopy);
        expect(stageCopy.tasks[0]).toBe(taskCopy);
        expect(stageCopy.tasks.slice(1).every(kept => kept.$container === stageCopy)).toBe(true);
        expect(task.$container).toBe(stage);
        expect(stage.$container).toBe(playbook);
        expect(playbook.$container).toBe(document);
        expect(copies.get(document)).toBeDefined();
    });
});

describe('memory over a typing session through the language server services', () => {
    /** One document of the example typed into through the services, as the language server does. */
    async function session() {
        const services = createPlaybookLspServices(EmptyFileSystem);
        const { TextDocuments, DocumentBuilder, LangiumDocuments } = services.shared.workspace;
        const uri = 'file:///memory/typing.playbook';
        let text = example;
        let version = 0;
        const set = async (next: string): Promise<AstNode> => {
            text = next;
            TextDocuments!.set(TextDocument.create(uri, 'playbook', ++version, text));
            await DocumentBuilder.update([URI.parse(uri)], []);
            return LangiumDocuments.getDocument(URI.parse(uri))!.parseResult.value;
        };
        const root = await set(text);
        return {
            services, root, set,
            /**
             * Types `keystrokes` characters into the titles of two tasks of the example's first
             * stage (each keystroke copies the task, its stage, the playbook and the document);
             * returns how many of the trees typed are still alive after a full collection.
             */
            async typeInTitles(keystrokes: number): Promise<number> {
                const tokenEdits = vi.spyOn(services.Playbook.parser.TokenEditReparser, 'reparse');
                const generations: Array<WeakRef<AstNode>> = [];
                for (const title of ['"Collect and evaluate customer information', '"Find an internal guide']) {
                    let at = text.indexOf(title) + title.length;
                    for (let k = 0; k < keystrokes / 2; k++) {
                        generations.push(new WeakRef(await set(text.slice(0, at) + 'x' + text.slice(at))));
                        at++;
                    }
                }
                expect(tokenEdits.mock.results.filter(result => result.value !== undefined)).toHaveLength(keystrokes);
                tokenEdits.mockRestore();                                // a spy holds every tree it saw
                // WeakRefs read in this job would keep their targets, and work the last update
                // left queued (a yield of the build on a busy machine) may still hold a tree for a
                // few turns of the event loop: collect over several turns, not once.
                for (let round = 0; round < 5; round++) {
                    await new Promise(resolve => setTimeout(resolve, 20));
                    collectGarbage();
                }
                return generations.filter(generation => generation.deref() !== undefined).length;
            }
        };
    }

    it('lets every earlier tree be collected after a line was typed into a stage and deleted', async () => {
        const { services, set, typeInTitles } = await session();
        const memberEdits = vi.spyOn(services.Playbook.parser.MemberReparser, 'reparse');
        // A task line typed into the stage, syntax errors on the way, then deleted: the stage
        // is parsed alone in a stand-in document, which the parser holds until its next parse.
        const line = '\n    task Extra "Extra task" owner "Sales"';
        const lineAt = example.indexOf('"Find an internal guide" owner "Sales"') + '"Find an internal guide" owner "Sales"'.length;
        for (let k = 1; k <= line.length; k++) await set(example.slice(0, lineAt) + line.slice(0, k) + example.slice(lineAt));
        for (let k = line.length - 1; k >= 0; k--) await set(example.slice(0, lineAt) + line.slice(0, k) + example.slice(lineAt));
        expect(memberEdits).toHaveReturnedWith(expect.objectContaining({ value: expect.anything() }));
        memberEdits.mockRestore();
        expect(await typeInTitles(40)).toBe(1);                        // the current tree
    });

    it('lets every later tree be collected while an old node is still held (a request in flight)', async () => {
        const { root, typeInTitles } = await session();
        const held = (root as ast.Document).elements[0] as ast.Playbook;
        // The held stage still lists each task whose title changed as it was when it was
        // replaced, with the stage of that moment: the current tree and one per task, however
        // many the keystrokes.
        expect(await typeInTitles(40)).toBeLessThanOrEqual(2);
        expect(held.stages[0].tasks[0].$container).toBe(held.stages[0]);
    });
});
