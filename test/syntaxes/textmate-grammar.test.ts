/**
 * The TextMate grammar (syntaxes/playbook.tmLanguage.json) colours a file before the language
 * server answers, and in editors that use it without the server: tokenised here by VS Code's
 * own engine (vscode-textmate with the Oniguruma regular expressions), it must scope
 * declarations' names, names after requires/enter/done/from/for/set, numbers, dates,
 * percentages, units, operators, enum sets, field types and booleans; give every keyword of
 * the language a scope; and agree with the server's semantic tokens on the examples, so that
 * nothing changes colour when those arrive.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar } from 'vscode-textmate';
import { EmptyFileSystem, GrammarAST, AstUtils } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { SemanticTokensDecoder } from 'langium/lsp';
import { createPlaybookLspServices } from '../../packages/language/src/lsp/index.js';

const root = resolve(__dirname, '../..');
const grammarPath = resolve(root, 'syntaxes/playbook.tmLanguage.json');
const examples = resolve(root, 'examples');
let grammar: IGrammar;

beforeAll(async () => {
    const require = createRequire(__filename);
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new Registry({
        onigLib: Promise.resolve({
            createOnigScanner: patterns => new oniguruma.OnigScanner(patterns),
            createOnigString: text => new oniguruma.OnigString(text)
        }),
        loadGrammar: async scopeName => (scopeName === 'source.playbook' ? parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath) : null)
    });
    grammar = (await registry.loadGrammar('source.playbook'))!;
});

interface Token { line: number; start: number; end: number; text: string; scopes: string[] }

function tokenize(text: string): Token[] {
    const tokens: Token[] = [];
    let state = INITIAL;
    text.split('\n').forEach((line, index) => {
        const result = grammar.tokenizeLine(line, state);
        for (const token of result.tokens) {
            tokens.push({ line: index, start: token.startIndex, end: Math.min(token.endIndex, line.length), text: line.slice(token.startIndex, token.endIndex), scopes: token.scopes });
        }
        state = result.ruleStack;
    });
    return tokens;
}

/**
 * The innermost scope of the text between « and » in `marked` (the markers removed before
 * tokenising): the deepest scope all its tokens share (a string's quotes are tokens of their own).
 */
function scopeOf(marked: string): string {
    const start = marked.indexOf('«');
    const end = marked.indexOf('»') - 1;
    const text = marked.replace('«', '').replace('»', '');
    const before = text.slice(0, start).split('\n');
    const line = before.length - 1;
    const column = before[line].length;
    const tokens = tokenize(text).filter(t => t.line === line && t.start < column + (end - start) && t.end > column);
    expect(tokens.map(t => t.text).join(''), `the marked text is one or more whole tokens in: ${marked}`).toBe(text.slice(start, end));
    return tokens[0].scopes.filter(scope => tokens.every(t => t.scopes.includes(scope))).at(-1)!;
}

const rows: Array<[string, string, string]> = [
    ['a playbook\'s name', 'playbook «BigAccount» {', 'entity.name.namespace.playbook'],
    ['a stage\'s name', '  stage «Development» "客户开发" {', 'entity.name.type.class.playbook'],
    ['an optional stage\'s name', '  optional stage «Trial» {', 'entity.name.type.class.playbook'],
    ['a Chinese name', '  stage «陌生期» {', 'entity.name.type.class.playbook'],
    ['a name of CJK Extension B ideographs', '  stage «𠮷野家» {', 'entity.name.type.class.playbook'],
    ['a name that starts with 〇', '  stage «〇〇商事» {', 'entity.name.type.class.playbook'],
    ['a name that starts with 〆', '  stage «〆切» {', 'entity.name.type.class.playbook'],
    ['a task\'s name', '    task «CollectInfo» "Collect" required owner "Sales"', 'entity.name.function.playbook'],
    ['the stage a task waits for', '    task TalkPrice "Price" not before «Consultation»', 'entity.name.type.class.playbook'],
    ['not of not before', '    task TalkPrice "Price" «not» before Consultation', 'keyword.control.playbook'],
    ['before of not before', '  field quotedPrice: money not «before» Consultation', 'keyword.control.playbook'],
    ['the stage a field waits for', '  field quotedPrice: money not before «Consultation»', 'entity.name.type.class.playbook'],
    ['a gate\'s name', '    gate «AccurateInfo» "Accurate" {', 'entity.name.type.interface.playbook'],
    ['a field\'s name', '  field «budget»: money', 'variable.other.property.declaration.playbook'],
    ['a field\'s type', '  field budget: «money»', 'support.type.primitive.playbook'],
    ['the days type', '  field cycle: «days» = 30 days', 'support.type.primitive.playbook'],
    ['the enum type', '  field grade: «enum» {A, B}', 'support.type.enum.playbook'],
    ['an enum\'s value', '  field grade: enum {A, «B»}', 'variable.other.enummember.declaration.playbook'],
    ['an info field\'s name', '  info field «lastPurchase»: date', 'variable.other.property.declaration.playbook'],
    ['the info modifier', '  «info» field lastPurchase: date', 'keyword.control.playbook'],
    ['an outcome', '  terminate «Lost» "Customer cannot pay" when not canPay', 'variable.other.event.playbook'],
    ['a deal\'s name', 'deal «Acme» for BigAccount {', 'entity.name.variable.playbook'],
    ['a task after requires', '      requires «CollectInfo»', 'entity.name.function.playbook'],
    ['the second task after requires', '      requires CollectInfo, «Call» when ok', 'entity.name.function.playbook'],
    ['a stage after enter', '  2026-01-03 enter «Development»', 'entity.name.type.class.playbook'],
    ['a task after done', '  2026-01-10 done CollectInfo, «Call»', 'entity.name.function.playbook'],
    ['a stage after from', '  terminate Lost "x" from Development, «Proposal»', 'entity.name.type.class.playbook'],
    ['a playbook after for', 'deal Acme for «BigAccount» {', 'entity.name.namespace.playbook'],
    ['a field after set', '  2026-01-03 set «budget» = 500000', 'variable.other.property.playbook'],
    ['an outcome after a date', '  2026-02-01 terminate «Lost» "Customer withdrew"', 'variable.other.event.playbook'],
    ['an enum set', '      when grade in {A, «B»}', 'variable.other.enummember.playbook'],
    ['a number', '  2026-01-03 set budget = «500000»', 'constant.numeric.playbook'],
    ['a decimal', '      when rate > «0.5»', 'constant.numeric.playbook'],
    ['a percentage', '    probability «10%»', 'constant.numeric.percentage.playbook'],
    ['a day count', '    within «30» days', 'constant.numeric.playbook'],
    ['the days unit', '    within 30 «days»', 'keyword.control.unit.days.playbook'],
    ['the singular day unit', '    within 1 «day»', 'keyword.control.unit.days.playbook'],
    ['the singular day unit in a condition', '      when close - start > 1 «day»', 'keyword.control.unit.days.playbook'],
    ['a date', '  «2026-01-03» enter Development', 'string.other.date.playbook'],
    ['a date in a condition', '      when signed < «2026-06-30»', 'string.other.date.playbook'],
    ['today in a condition', '      when signed + 30 days < «today»', 'keyword.control.playbook'],
    ['a boolean', '  field canPay: bool = «true»', 'constant.language.boolean.playbook'],
    ['and', '      when budget > 0 «and» decisionMaker', 'keyword.operator.logical.playbook'],
    ['not', '  terminate Lost "x" when «not» canPay', 'keyword.operator.logical.playbook'],
    ['in', '      when grade «in» {A}', 'keyword.operator.word.playbook'],
    ['a comparison', '      when budget «>=» 0', 'keyword.operator.comparison.playbook'],
    ['an equality', '      when grade «!=» A', 'keyword.operator.comparison.playbook'],
    ['arithmetic', '      when close «-» start > 30 days', 'keyword.operator.arithmetic.playbook'],
    ['a keyword', '    «probability» 10%', 'keyword.control.playbook'],
    ['a keyword of a deal', '  2026-01-03 «won»', 'keyword.control.playbook'],
    ['a title', '  title «"大客户销售 / Big-account sales"»', 'string.quoted.double.playbook'],
    ['a comment', '    alias "Prospecting" «// names of this stage in CRM exports»', 'comment.line.double-slash.playbook'],
    ['a block comment', '«/* a process */»', 'comment.block.playbook'],
    ['an activity kind\'s name', '  activity «visit» "Customer visit"', 'entity.name.function.member.playbook'],
    ['a deal\'s activity', '  2026-01-05 «visit» "Met the buyer"', 'entity.name.function.member.playbook'],
    ['a deal\'s activity in Chinese', '  2026-01-05 «拜访»', 'entity.name.function.member.playbook'],
    ['a keyword after a date in a condition', '      when signed < 2026-06-30 «and» ok', 'keyword.operator.logical.playbook'],
    ['a cadence\'s count', '  cadence every «7» days when grade = A', 'constant.numeric.playbook'],
    ['a cadence\'s singular unit', '  cadence every 1 «day»', 'keyword.control.unit.days.playbook'],
    ['a cadence\'s stage', '  cadence every 7 days during Proposal, «Negotiation»', 'entity.name.type.class.playbook'],
    ['a cadence\'s activity kind', '  cadence every 7 days by «visit»', 'entity.name.function.member.playbook'],
    ['the cadence keyword', '  «cadence» every 7 days', 'keyword.control.playbook']
];

describe('the TextMate grammar', () => {
    it.each(rows)('scopes %s', (_what, marked, scope) => {
        expect(scopeOf(marked)).toBe(scope);
    });

    it('ends a text in quotes at the end of its line, as the language does', () => {
        const tokens = tokenize('  title "unclosed\n  stage Lead');
        expect(tokens.find(t => t.text === 'Lead')!.scopes.at(-1)).toBe('entity.name.type.class.playbook');
    });

    it('gives every keyword of the language a scope', () => {
        const { Playbook } = createPlaybookLspServices(EmptyFileSystem);
        const keywords = [...new Set(AstUtils.streamAllContents(Playbook.Grammar).filter(GrammarAST.isKeyword).map(k => k.value).filter(k => /^\p{L}+$/u.test(k)))];
        expect(keywords.length).toBeGreaterThan(30);
        const unscoped = keywords.filter(keyword => tokenize(keyword).every(t => t.scopes.length === 1));
        expect(unscoped).toEqual([]);
    });
});

/** The scopes VS Code falls back to for each semantic token type (its token classification registry). */
const FALLBACK: Record<string, string[]> = {
    namespace: ['entity.name.namespace'],
    class: ['entity.name.type.class'],
    function: ['entity.name.function'],
    interface: ['entity.name.type.interface'],
    property: ['variable.other.property'],
    enumMember: ['variable.other.enummember'],
    event: ['variable.other.event'],
    variable: ['entity.name.variable', 'variable.other.readwrite'],
    method: ['entity.name.function.member', 'support.function'],
    type: ['entity.name.type', 'support.type'],
    keyword: ['keyword.control', 'constant.language'],
    operator: ['keyword.operator'],
    number: ['constant.numeric'],
    string: ['string'],
    comment: ['comment']
};

describe('the TextMate grammar and the semantic tokens', () => {
    it.each(readdirSync(examples).filter(f => f.endsWith('.playbook')))('agree on %s, but for names in conditions', async file => {
        const services = createPlaybookLspServices(EmptyFileSystem);
        const text = readFileSync(resolve(examples, file), 'utf8');
        const document = await parseHelper(services.Playbook)(text);
        const provider = services.Playbook.lsp.SemanticTokenProvider!;
        const semantic = SemanticTokensDecoder.decode(await provider.semanticHighlight(document, { textDocument: { uri: document.uri.toString() } }), provider.tokenTypes, document);
        const textmate = tokenize(text);
        const lines = text.split('\n');
        const disagreements: string[] = [];
        let agreed = 0;
        for (const token of semantic) {
            const position = document.textDocument.positionAt(token.offset);
            const covering = textmate.find(t => t.line === position.line && t.start <= position.character && t.end > position.character);
            const scopes = covering?.scopes ?? [];
            if (scopes.some(scope => FALLBACK[token.tokenType].some(prefix => scope.startsWith(prefix)))) {
                agreed++;
                continue;
            }
            // A name in a condition is a field or an enum value, which only the server knows.
            const inCondition = /\b(when|and|or|not)\b|[<>=!]=?/.test(lines[position.line].slice(0, position.character)) && ['property', 'enumMember'].includes(token.tokenType);
            if (!inCondition) {
                disagreements.push(`${position.line + 1}:${position.character + 1} ${token.text} ${token.tokenType} ≠ ${scopes.at(-1)}`);
            }
        }
        expect(disagreements).toEqual([]);
        expect(agreed).toBeGreaterThan(50);
        await clearDocuments(services.shared);
    });
});
