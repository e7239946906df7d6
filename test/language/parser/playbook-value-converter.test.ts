/** Texts in quotes read as Langium reads them, whether or not they hold escapes. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ValueConverter } from 'langium';
import * as ast from '../../../packages/language/src/generated/ast.js';
import { testServices } from '../../helpers.js';

const parse = (title: string) => {
    const result = testServices().Playbook.parser.LangiumParser.parse<ast.Document>(`playbook P {\n  title ${title}\n  stage A\n}\n`);
    expect(result.lexerErrors).toEqual([]);
    expect(result.parserErrors).toEqual([]);
    return (result.value.elements[0] as ast.Playbook).titles[0];
};

describe('the value of a text in quotes', () => {
    it.each([
        ['""', ''],
        ['"Enterprise deal"', 'Enterprise deal'],
        ['"大客户销售流程"', '大客户销售流程'],
        ['"say \\"hi\\""', 'say "hi"'],
        ['"a\\\\b"', 'a\\b'],
        ['"tab\\there"', 'tab\there']
    ])('%s reads as %j', (source, value) => {
        expect(parse(source)).toBe(value);
    });

    it('is what Langium\'s converter gives, for any text the lexer takes', () => {
        const inside = fc.array(fc.oneof(
            fc.string({ unit: 'grapheme' }).map(s => s.replace(/["\\\r\n]/g, '')),
            fc.constantFrom('\\"', '\\\\', '\\n', '\\t', '\\x')
        )).map(parts => `"${parts.join('')}"`);
        fc.assert(fc.property(inside, source => {
            expect(parse(source)).toBe(ValueConverter.convertString(source));
        }), { numRuns: 300 });
    });
});
