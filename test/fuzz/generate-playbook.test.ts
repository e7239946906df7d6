/**
 * The fuzz harness's generator of valid playbooks covers the whole language: over a few
 * hundred files, every keyword, operator and kind of literal, name and layout appears.
 */
import { describe, expect, it } from 'vitest';
import { generatePlaybookFile } from '../../fuzz/src/generate-playbook.js';
import { Random } from '../../fuzz/src/random.js';
import { testServices } from '../helpers.js';

const lexer = testServices().Playbook.parser.Lexer;
const files = Array.from({ length: 400 }, (_, i) => generatePlaybookFile(new Random(42, i)).text);
const images = new Set<string>();
const kinds = new Set<string>();
for (const text of files) {
    const lexed = lexer.tokenize(text);
    for (const token of [...lexed.tokens, ...lexed.hidden]) {
        images.add(token.image);
        kinds.add(token.tokenType.name);
    }
}

describe('generated playbooks', () => {
    it('use every keyword and operator of the grammar', () => {
        const keywords = Object.keys(lexer.definition).filter(name => !['WS', 'ID', 'STRING', 'NUMBER', 'DATE', 'ML_COMMENT', 'SL_COMMENT'].includes(name));
        expect(keywords.filter(keyword => !images.has(keyword))).toEqual([]);
    });

    it('use every kind of token, comments included', () => {
        expect([...kinds].sort()).toEqual(['ID', 'ML_COMMENT', 'NUMBER', 'DATE', 'SL_COMMENT', 'STRING', ...Object.keys(lexer.definition).filter(name => images.has(name))].sort());
    });

    it.each([
        ['fields of every type with defaults', /field \S+ *: *(money|number|bool|text|date|days) *= *\S/],
        ['enum fields with defaults', /field \S+ *: *enum *\{[^}]*\} *= *\S/],
        ['negative defaults and unary minus', /= *- *\d/],
        ['optional stages', /optional +stage/],
        ['info fields', /info +field +\S+ *:/],
        ['tasks that may not be done early', /task [^\n]*not +before +\S/],
        ['fields that may not be set early', /field [^\n]*not +before +\S/],
        ['today in a condition', /\btoday\b/],
        ['the singular day in a limit', /within +1 +day\b/],
        ['the singular day in a condition or value', /[=<>+-] *1 +day\b/],
        ['either spelling after any number', /\b(?!1 )\d+ +day\b|\b1 +days\b/],
        ['terminations with from and with when', /terminate [^\n]*from[^\n]*when|terminate [^\n]*when[^\n]*from/],
        ['the forecast field', /forecast +\S/],
        ['CRM names of a win', /won +alias +"/],
        ['CRM names of an outcome, several on a line', /terminate +\S+ +alias +"[^"\n]*" *, *"/],
        ['variants', /playbook +\S+ +variant +of +\S+ *\{/],
        ['variants dropping stages, fields and rules', /drop +stage[\s\S]*drop +field|drop +field[\s\S]*drop +stage/],
        ['variants dropping an outcome\'s rules', /drop +terminate +\S/],
        ['stages placed after and before another', /stage +\S+[^\n{]* after +\S+ *\{[\s\S]*stage +\S+[^\n{]* before +\S|stage +\S+[^\n{]* before +\S+ *\{[\s\S]*stage +\S+[^\n{]* after +\S/],
        ['deals that win', /\d{4}-\d\d-\d\d +won/],
        ['deals that end by a rule', /\d{4}-\d\d-\d\d +terminate/],
        ['activity kinds with titles', /activity +\S+ +"/],
        ['cadences with a title, a condition, stages and activity kinds', /cadence +"[^\n]*every[^\n]*when[^\n]*(during[^\n]*by|by[^\n]*during)/],
        ['deals with activities and notes', /\d{4}-\d\d-\d\d +(?!enter|done|set|terminate|won)[^\s"]+ +"/],
        ['names outside the Basic Multilingual Plane', /[\uD840-\uD8BF][\uDC00-\uDFFF]/],
        ['numbers JavaScript writes in exponent notation', /0\.0000001|1000000000000000000000/],
        ['escapes in texts', /"[^"\n]*\\["\\ntr][^"\n]*"/],
        ['CR LF line breaks', /\r\n/],
        ['lone CR line breaks', /\r(?!\n)/]
    ])('include %s', (_what, pattern) => {
        expect(files.some(text => pattern.test(text))).toBe(true);
    });
});
