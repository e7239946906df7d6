/** Descriptions computed lazily read the same as Langium's eager ones. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DefaultAstNodeDescriptionProvider, type AstNode } from 'langium';
import { createPlaybookServices, validateTexts } from '@playbook/language';
import { forEachAstNode } from '../../../packages/language/src/utils/ast-walk.js';

describe('lazy node descriptions', () => {
    it('give every named node of an example the path and ranges Langium gives it', async () => {
        const services = createPlaybookServices();
        const text = readFileSync(new URL('../../../examples/big-account.playbook', import.meta.url), 'utf8');
        const [{ document }] = await validateTexts(services, [{ uri: 'memory:///descriptions.playbook', text }]);
        const eager = new DefaultAstNodeDescriptionProvider(services.Playbook);
        const lazy = services.Playbook.workspace.AstNodeDescriptionProvider;
        const named: AstNode[] = [];
        forEachAstNode(document.parseResult.value, node => { if (typeof (node as { name?: unknown }).name === 'string') named.push(node); });
        expect(named.length).toBeGreaterThan(40);
        const plain = (d: ReturnType<typeof lazy.createDescription>) => ({
            name: d.name, type: d.type, uri: d.documentUri.toString(), path: d.path, selection: d.selectionSegment, nameSegment: d.nameSegment, node: d.node
        });
        for (const node of named) {
            expect(plain(lazy.createDescription(node, undefined, document))).toEqual(plain(eager.createDescription(node, undefined, document)));
        }
    });
});
