/**
 * After a keystroke the linker relinks only what the edit can have changed (the references
 * of new nodes, those whose target left the tree, those of a member holding a new node)
 * when the declared names are unchanged, and everything otherwise. After every keystroke
 * the diagnostics must be those of a fresh check, and every reference must point into the
 * current tree.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { forEachAstNode, forEachReference } from '../../../packages/language/src/utils/ast-walk.js';
import { KEYSTROKE_TEXT } from '../workspace/keystroke-text.js';
import { createTypingServices, documentOf, fromScratch, retype, typeInto, type Services } from '../workspace/typing-session.js';

const services = createTypingServices();
const linker = services.Playbook.references.Linker;
const linkEdited = vi.spyOn(linker as unknown as { linkEdited: () => void }, 'linkEdited');
afterEach(() => linkEdited.mockClear());

let file = 0;
/** A fresh file with the text; a function typing `from` into `to`, checking every keystroke. */
async function session(text = KEYSTROKE_TEXT): Promise<{ uri: string; change: (from: string, to: string) => Promise<void> }> {
    const uri = `file:///linking/keystrokes-${file++}.playbook`;
    let content = text.replace(/\bShortcuts\b/g, `Shortcuts${file}`).replace(/\bAcme\b/g, `Acme${file}`);     // names are workspace-wide
    expect(await typeInto(services, uri, content)).toEqual(await fromScratch(uri, content));
    return {
        uri,
        change: async (from, to) => {
            content = await retype(content, from, to, async text => {
                expect(await typeInto(services, uri, text), text).toEqual(await fromScratch(uri, text));
                expectTargetsInCurrentTree(services, uri);
            });
        }
    };
}

/** Every resolved reference of the file points at a node of the file's current tree (or of another file's). */
function expectTargetsInCurrentTree(services: Services, uri: string): void {
    const root = documentOf(services, uri).parseResult.value;
    const nodes = new Set<unknown>();
    forEachAstNode(root, node => { nodes.add(node); });
    forEachAstNode(root, container => forEachReference(container, reference => {
        const target = reference.ref;
        if (target && target.$document === undefined) expect(nodes.has(target), `${reference.$refText} at ${reference.$refNode?.range.start.line}`).toBe(true);
    }));
}

describe('relinking after a keystroke', () => {
    it('typing into the title keeps the links (and relinks only what the edit made)', async () => {
        const { change } = await session();
        await change('"Keystrokes', '"Keystrokes typed');
        expect(linkEdited).toHaveBeenCalled();
    });

    it('a task renamed in its stage leaves its uses in another stage and in the deal unresolved, and renaming it back resolves them', async () => {
        const { change } = await session();
        await change('task Call', 'task Calls');
        await change('task Calls', 'task Call');
        await change('stage Demo', 'stage Demos');
    });

    it('a stage parsed again (a new task line in it) is what the gate of a later stage and the deal then name', async () => {
        const { change } = await session();
        await change('task Call "Call them" required', 'task Call "Call them" required\n    task Mail "Mail them"');
        expect(linkEdited).toHaveBeenCalled();
    });

    it('`A` compared with a field follows that field to its enum when the field is retyped', async () => {
        // `tier == A` is tier's A; `grade == A` is grade's: the reference to A is not edited,
        // its neighbour is (a type mismatch if it kept tier's A).
        const { change } = await session();
        await change('when tier', 'when grade');
        expect(linkEdited).toHaveBeenCalled();
        await change('when grade', 'when tier');
    });

    it('an enum value renamed changes what the deal sets and what the conditions compare', async () => {
        const { change } = await session();
        await change('tier: enum { A', 'tier: enum { AA');
        await change('set tier = A', 'set tier = AA');
    });
});
