/**
 * The syntax tree's leaves keep only offsets, and work out their lines and columns from the
 * line index of their tree's text (offset-leaf-nodes.ts, line-index.ts). Every leaf's and
 * composite node's range must be the one Langium's own leaves take from the lexer, whatever
 * the line breaks (LF, CR LF, a lone CR, mixed), in block comments over several lines, in
 * names outside the Basic Multilingual Plane, and in broken texts.
 */
import * as fc from 'fast-check';
import { createLangiumParser, type AstNode, type ParseResult } from 'langium';
import { describe, expect, it } from 'vitest';
import { createPlaybookServices } from '@playbook/language';
import { LineIndex } from '../../../packages/language/src/parser/line-index.js';
import { removePassThroughNodes } from '../../../packages/language/src/parser/unassigned-call-nodes.js';
import type { CompositeInternals } from '../../../packages/language/src/parser/syntax-tree-internals.js';
import { cstNodesInOrder, snapshot } from './parse-snapshot.js';
import { withLangiumsLexer } from './langiums-parser.js';

const services = createPlaybookServices().Playbook;
const ours = services.parser.LangiumParser;
// Langium's own parser, with its own lexer (ours gives tokens without lines: playbook-lexer.ts).
const langiums = withLangiumsLexer(createLangiumParser(services), services);


function expectSameRanges(text: string): void {
    const mine = ours.parse(text) as ParseResult<AstNode>;
    const theirs = langiums.parse(text) as ParseResult<AstNode>;
    removePassThroughNodes(theirs.value.$cstNode as CompositeInternals);
    const ranges = (result: ParseResult<AstNode>) => cstNodesInOrder(result.value.$cstNode!).map(node => [node.offset, node.range]);
    expect(ranges(mine)).toEqual(ranges(theirs));
    expect(snapshot(mine)).toEqual(snapshot(theirs));
}

const PLAYBOOK = `playbook 销售流程 "大客户" {
  field budget: money /* a block
     comment over
  lines */ stage 线索 { task 电话 required
    gate G { requires 电话 when budget > 0 }
  }
  stage 𠀀阶段 // a name outside the BMP
  terminate Lost "No" when budget < 0
}
deal D for 销售流程 {
  2026-01-01 enter 线索
}`;

describe('leaves that keep only offsets', () => {
    it.each([
        ['line feeds', PLAYBOOK],
        ['CR LF', PLAYBOOK.replace(/\n/g, '\r\n')],
        ['lone CRs', PLAYBOOK.replace(/\n/g, '\r')],
        ['mixed line breaks', PLAYBOOK.split('\n').map((line, i) => line + ['\n', '\r\n', '\r'][i % 3]).join('')],
        ['blank lines at the start and the end', `\n\r\n\r${PLAYBOOK}\n\n`],
        ['a broken text', PLAYBOOK.replace('stage 线索 {', 'stage {').replace('"No"', '"No')],
        ['one line', 'playbook P { stage A stage B }'],
        ['empty', '']
    ])('%s: every range is the one Langium\'s leaves have', (_name, text) => expectSameRanges(text));

    it('random line breaks and comments give Langium\'s ranges', () => {
        const words = PLAYBOOK.split(/\s+/).filter(Boolean);
        const gap = fc.constantFrom(' ', '\n', '\r\n', '\r', '  ', '\n\n', ' /* a\r\nb */ ', ' // c\r', '\t');
        fc.assert(fc.property(fc.array(gap, { minLength: words.length, maxLength: words.length }), gaps => {
            expectSameRanges(words.map((word, i) => word + gaps[i]).join(''));
        }), { numRuns: 200, seed: 7 });
    });

    it('a leaf holds its offset, length and token type, and no positions', () => {
        const leaf = cstNodesInOrder((ours.parse(PLAYBOOK) as ParseResult<AstNode>).value.$cstNode!).find(node => !('content' in node))!;
        expect(Object.keys(leaf).sort()).toEqual(['_length', '_offset', '_tokenType', 'container', 'grammarSource']);
    });
});

describe('the line index', () => {
    const text = 'ab\ncd\r\nef\rgh\n\nij';
    const index = new LineIndex(text);
    it.each([
        [0, 0, 0], [2, 0, 2], [3, 1, 0], [5, 1, 2], [7, 2, 0], [10, 3, 0], [13, 4, 0], [14, 5, 0], [16, 5, 2]
    ])('offset %i is line %i, column %i', (offset, line, character) => {
        expect(index.position(offset)).toEqual({ line, character });
    });

    it('gives the same positions asked for in any order', () => {
        const expected = [...Array(text.length + 1).keys()].map(offset => new LineIndex(text).position(offset));
        fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: text.length })), offsets => {
            for (const offset of offsets) expect(index.position(offset)).toEqual(expected[offset]);
        }), { seed: 3 });
    });
});
