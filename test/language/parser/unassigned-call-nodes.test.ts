/**
 * The parser leaves out the syntax-tree nodes of unassigned rule calls that have one child
 * and stand for no AST node (unassigned-call-nodes.ts). What Langium and this language
 * read of a tree must not change: every AST node's own node is still in the tree; each
 * leaf belongs to the same AST node; each property of each AST node is found at the same
 * places (`findNodesForProperty`, what semantic highlighting, rename and hovers use), and
 * each keyword too; in valid texts and in broken ones.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as fc from 'fast-check';
import { AstUtils, createLangiumParser, CstUtils, GrammarUtils, type AstNode, type CstNode, type ParseResult } from 'langium';
import { describe, expect, it } from 'vitest';
import { createPlaybookServices } from '@playbook/language';
import { cstNodesInOrder } from './parse-snapshot.js';
import { withLangiumsLexer } from './langiums-parser.js';

const services = createPlaybookServices().Playbook;
const ours = services.parser.LangiumParser;
// Langium's own parser, with its own lexer (ours gives tokens without lines: playbook-lexer.ts).
const langiums = withLangiumsLexer(createLangiumParser(services), services);

const examplesDir = new URL('../../../examples/', import.meta.url);
const examples: Array<readonly [string, string]> = readdirSync(examplesDir).filter(f => f.endsWith('.playbook')).map(f => [f, readFileSync(new URL(f, examplesDir), 'utf8')] as const);


const KEYWORDS = ['when', 'requires', 'and', 'or', 'not', 'in', '{', '}', '(', ')', ',', 'task', 'stage', 'gate', 'enter', 'done', 'set', '=', '>', '+', '*'];

/** What is read of a parse: per AST node, its place, the places of its properties and keywords; per leaf, its AST node. */
function readings(result: ParseResult<AstNode>): unknown {
    const root = result.value.$cstNode!;
    const astNodes = [...AstUtils.streamAst(result.value)];
    const place = (node: CstNode | undefined) => node && [node.offset, node.end];
    const whereIs = (node: AstNode) => `${node.$type}@${node.$cstNode?.offset}-${node.$cstNode?.end}`;
    const inTree = new Set(cstNodesInOrder(root));
    return {
        nodes: astNodes.map(node => ({
            node: whereIs(node),
            inTree: node.$cstNode !== undefined && inTree.has(node.$cstNode),
            properties: Object.keys(node).filter(key => !key.startsWith('$')).sort()
                .map(key => [key, GrammarUtils.findNodesForProperty(node.$cstNode, key).map(place)]),
            keywords: KEYWORDS.map(keyword => [keyword, GrammarUtils.findNodesForKeyword(node.$cstNode, keyword).map(place)])
        })),
        leaves: cstNodesInOrder(root).filter(node => !('content' in node)).map(leaf => [leaf.offset, whereIs(leaf.astNode), GrammarUtils.findAssignment(leaf)?.feature]),
        atOffsets: Array.from({ length: Math.ceil(root.end / 7) }, (_, i) => place(CstUtils.findLeafNodeAtOffset(root, i * 7)))
    };
}

function expectSameReadings(text: string): void {
    const mine = ours.parse(text) as ParseResult<AstNode>;
    const theirs = langiums.parse(text) as ParseResult<AstNode>;
    expect(readings(mine)).toEqual(readings(theirs));
}

const CONDITIONS = `playbook P {
  field budget: money
  field grade: enum {A, B}
  stage A { task T required
    gate G { requires T when budget > 0 and (budget * 2 >= 10 or not grade in {A}) when -budget < today - 2026-01-01 }
  }
  stage B
  terminate Lost "No" when budget + 1 > 2 * budget
}`;

describe('the nodes of unassigned rule calls are left out', () => {
    it.each([...examples, ['conditions', CONDITIONS] as const])('%s: everything read of the tree is as in Langium\'s', (_name, text) => expectSameReadings(text));

    it('makes the tree smaller: a condition\'s operand is one node, not eight nested ones', () => {
        const count = (result: ParseResult<AstNode>) => cstNodesInOrder(result.value.$cstNode!).length;
        const mine = count(ours.parse(CONDITIONS) as ParseResult<AstNode>), theirs = count(langiums.parse(CONDITIONS) as ParseResult<AstNode>);
        expect(mine).toBeLessThan(theirs * 0.8);
    });

    it('in broken texts, everything read of the tree is as in Langium\'s', () => {
        // Characters dropped from a text with conditions: syntax errors, and the recovery's partial nodes.
        fc.assert(fc.property(fc.array(fc.nat({ max: CONDITIONS.length - 1 }), { minLength: 1, maxLength: 4 }), cuts => {
            let text = CONDITIONS;
            for (const at of [...cuts].sort((a, b) => b - a)) text = text.slice(0, at) + text.slice(at + 1);
            expectSameReadings(text);
        }), { numRuns: 150, seed: 21 });
    });
});
