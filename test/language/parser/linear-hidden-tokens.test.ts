/**
 * The parser reads comments with a cursor instead of cutting them off the lexer's list, and
 * places a comment before a new declaration by searching from the end (see
 * linear-hidden-tokens.ts): the syntax tree must be exactly the one Langium's own parser
 * builds, comments included, in valid and in broken texts. (That it costs linear time is
 * checked in test/language/scaling/linear-check.test.ts.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as fc from 'fast-check';
import { createLangiumParser, type AstNode, type CstNode, type ParseResult } from 'langium';
import { describe, expect, it } from 'vitest';
import { createPlaybookServices } from '@playbook/language';
import { removePassThroughNodes } from '../../../packages/language/src/parser/unassigned-call-nodes.js';
import type { CompositeInternals } from '../../../packages/language/src/parser/syntax-tree-internals.js';
import { snapshot } from './parse-snapshot.js';
import { withLangiumsLexer } from './langiums-parser.js';

const services = createPlaybookServices().Playbook;
const ours = services.parser.LangiumParser;
// Langium's own parser, with its own lexer (ours gives tokens without lines: playbook-lexer.ts).
const langiums = withLangiumsLexer(createLangiumParser(services), services);

const examplesDir = new URL('../../../examples/', import.meta.url);
const examples: Array<readonly [string, string]> = readdirSync(examplesDir).filter(f => f.endsWith('.playbook')).map(f => [f, readFileSync(new URL(f, examplesDir), 'utf8')] as const);

/** The tree's shape: each composite node as the list of its children, each leaf as its offset and whether it is hidden. */
function shape(node: CstNode): unknown {
    return 'content' in node ? (node as unknown as { content: CstNode[] }).content.map(shape) : [node.offset, node.hidden];
}

function expectSameParse(text: string): void {
    const mine = ours.parse(text) as ParseResult<AstNode>;
    const theirs = langiums.parse(text) as ParseResult<AstNode>;
    // (Less the nodes of unassigned rule calls, which our parser leaves out: unassigned-call-nodes.test.ts.)
    removePassThroughNodes(theirs.value.$cstNode as CompositeInternals);
    expect(shape(mine.value.$cstNode!)).toEqual(shape(theirs.value.$cstNode!));
    expect(snapshot(mine)).toEqual(snapshot(theirs));
}

const COMMENTED = `// A file that starts with a comment
/* and a block */
playbook P { // after a brace
  // before a field
  field budget: money // after a field
  stage A { /* inside */ task T required // end of line
    gate G { requires T /* between */ when budget > 0 // in a condition
    }
  }
  // between members
  stage B
  terminate Lost "No" when budget < 0 // last member
  // before the closing brace
}
// between declarations
/* twice */
deal D for P { // a deal
  2026-01-01 enter A // an event
  // between events
}
// at the end`;

describe('comments in the syntax tree', () => {
    const texts: Array<readonly [string, string]> = [...examples, ['comments everywhere', COMMENTED], ['only comments', '// one\n/* two */\n// three'], ['no comments', 'playbook P { stage A }']];
    it.each(texts)(
        '%s: the same tree as Langium\'s parser', (_name, text) => expectSameParse(text));

    it('random comments, in valid and broken texts, give the same tree as Langium\'s parser', () => {
        const base = COMMENTED.replace(/\/\/[^\n]*|\/\*.*?\*\//g, '');
        const spaces = [...base.matchAll(/\s/g)].map(m => m.index);
        const comment = fc.constantFrom('// c\n', '/* c */', '/* a\n b */', '//\n');
        const edit = fc.record({ at: fc.constantFrom(...spaces, 0, base.length), comment, drop: fc.boolean() });
        fc.assert(fc.property(fc.array(edit, { maxLength: 12 }), edits => {
            let text = base;
            // From the end, so that earlier positions stay valid; `drop` removes the character there (a syntax error).
            for (const { at, comment: inserted, drop } of [...edits].sort((a, b) => b.at - a.at)) {
                text = drop && at < text.length ? `${text.slice(0, at)}${inserted}${text.slice(at + 2)}` : `${text.slice(0, at)}${inserted}${text.slice(at)}`;
            }
            expectSameParse(text);
        }), { numRuns: 300, seed: 16 });
    });
});
