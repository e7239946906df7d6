/**
 * The lexer's tokens carry offsets only (playbook-lexer.ts), and syntax errors are placed
 * from their offsets (syntax-error-ranges.ts): each must be where Langium places it from a
 * lexer that tracks lines and columns, whatever the line breaks, in the validator's
 * diagnostics and in the formatter's refusal alike.
 */
import * as fc from 'fast-check';
import { createLangiumParser, CstUtils, type AstNode, type ParseResult } from 'langium';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createPlaybookServices, validateTexts } from '@playbook/language';
import { syntaxDiagnostics } from '../../../packages/language/src/formatting/format-text.js';
import { withLangiumsLexer } from './langiums-parser.js';

const services = createPlaybookServices();
const langiums = withLangiumsLexer(createLangiumParser(services.Playbook), services.Playbook);

/** The syntax errors as Langium's document validator places them, from tokens with lines and columns. */
function langiumsPlaces(text: string): Array<[string, Diagnostic['range']]> {
    const result = langiums.parse(text) as ParseResult<AstNode>;
    const places: Array<[string, Diagnostic['range']]> = [];
    for (const error of result.lexerErrors) {
        places.push([error.message, { start: { line: error.line! - 1, character: error.column! - 1 }, end: { line: error.line! - 1, character: error.column! + error.length - 1 } }]);
    }
    for (const error of result.parserErrors) {
        if (CstUtils.isValidTokenRange(error.token)) {
            places.push([error.message, CstUtils.tokenToRange(error.token)]);
        } else if ('previousToken' in error) {
            const previous = (error as { previousToken: typeof error.token }).previousToken;
            const position = CstUtils.isValidTokenRange(previous) ? { line: previous.endLine! - 1, character: previous.endColumn! } : { line: 0, character: 0 };
            places.push([error.message, { start: position, end: position }]);
        }
    }
    return places;
}

let checked = 0;
async function validatorsPlaces(text: string): Promise<Array<[string, Diagnostic['range']]>> {
    const [result] = await validateTexts(createPlaybookServices(), [{ uri: `memory:///broken-${checked++}.playbook`, text }]);
    return result.diagnostics.filter(d => d.code === 'syntax-error').map(d => [String(d.message), d.range] as [string, Diagnostic['range']]);
}

const sorted = <T>(list: T[]): T[] => [...list].sort((a, b) => JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);

const BROKEN = `playbook 销售 {
  field budget: money
  stage 线索 { task 电话 required
    gate G { requires 电话 when budget > }
  }
  stage B "unclosed
  terminate Lost "No" when budget < 0
  /* never closed`;

describe('syntax errors placed from offsets', () => {
    it.each([
        ['line feeds', BROKEN],
        ['CR LF', BROKEN.replace(/\n/g, '\r\n')],
        ['lone CRs', BROKEN.replace(/\n/g, '\r')],
        ['a stray character', 'playbook P {\n  stage A § \n}'],
        ['the end of the text', 'playbook P {\n  stage A {'],
        ['only a brace', '{']
    ])('%s: where Langium places them', async (_name, text) => {
        const expected = langiumsPlaces(text);
        expect(expected.length).toBeGreaterThan(0);
        expect(sorted(await validatorsPlaces(text))).toEqual(sorted(expected));
        const formatter = syntaxDiagnostics(services.Playbook.parser.LangiumParser.parse(text));
        expect(sorted(formatter.map(d => [d.message, d.range]))).toEqual(sorted(expected));
    });

    it('a token holds its offsets and image, and no lines or columns', () => {
        const [token] = services.Playbook.parser.Lexer.tokenize('playbook').tokens;
        expect(Object.keys(token).sort()).toEqual(['endOffset', 'image', 'startOffset', 'tokenType', 'tokenTypeIdx']);
        expect([token.startOffset, token.endOffset]).toEqual([0, 7]);
    });

    it('random cuts, line breaks and stray characters: every error where Langium places it', async () => {
        const edit = fc.record({ at: fc.nat({ max: BROKEN.length }), insert: fc.constantFrom('', '\r\n', '\r', '\n', '"', '{', '}', '§', '/*', ' when ') });
        await fc.assert(fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), async edits => {
            let text = BROKEN;
            for (const { at, insert } of [...edits].sort((a, b) => b.at - a.at)) text = text.slice(0, at) + insert + text.slice(at + (insert === '' ? 1 : 0));
            expect(sorted(await validatorsPlaces(text))).toEqual(sorted(langiumsPlaces(text)));
        }), { numRuns: 120, seed: 31 });
    });
});
