/** Semantic tokens tell the kinds of names apart, declarations from references, and literals of each kind. */
import { afterEach, describe, expect, it } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { AllSemanticTokenModifiers } from 'langium/lsp';
import { clearDocuments, expectSemanticToken, highlightHelper, parseHelper } from 'langium/test';
import { SemanticTokensDecoder } from 'langium/lsp';
import { SemanticTokenTypes } from 'vscode-languageserver';
import { createPlaybookLspServices } from '../../../../packages/language/src/lsp/index.js';
import { PlaybookTokenTypes } from '../../../../packages/language/src/lsp/semantic-tokens/playbook-semantic-token-provider.js';

const services = createPlaybookLspServices(EmptyFileSystem);
const highlight = highlightHelper(services.Playbook);
const parse = parseHelper(services.Playbook);
const provider = services.Playbook.lsp.SemanticTokenProvider!;

afterEach(async () => {
    await clearDocuments(services.shared);
});

const playbook = `playbook Sales {
  field budget: money
  field grade: enum {A, B}
  stage Lead {
    probability 10%
    within 14 days
    task Call required
    gate Qualified { requires Call when budget > 1000 and grade in {A} }
  }
  stage Close { task Sign required }
  terminate Lost "Gone" from Lead when grade = B
}
deal Acme for Sales {
  2026-01-05 enter Lead
  2026-01-06 done Call
  2026-01-07 set grade = A
  2026-01-08 terminate Lost "Gone"
}
`;

function modifierNames(bits: number): string[] {
    return Object.entries(AllSemanticTokenModifiers).filter(([, bit]) => (bits & bit) !== 0).map(([name]) => name);
}

/** What a TextMate grammar colours by itself: these tests of names leave them out. */
const SYNTAX = new Set<string>([SemanticTokenTypes.keyword, SemanticTokenTypes.operator, SemanticTokenTypes.comment]);

async function tokens(text: string, options: { syntax?: boolean } = {}): Promise<string[]> {
    const document = await parse(text);
    const result = await provider.semanticHighlight(document, { textDocument: { uri: document.uri.toString() } });
    return SemanticTokensDecoder.decode(result, provider.tokenTypes, document)
        .filter(t => options.syntax || !(SYNTAX.has(t.tokenType) || (t.tokenType === SemanticTokenTypes.string && t.text.startsWith('"'))))
        .map(t => `${t.text}:${t.tokenType}${modifierNames(t.tokenModifiers).map(m => `+${m}`).join('')}`);
}

describe('semantic tokens', () => {
    it('colour every name by its kind, declarations with the declaration modifier', async () => {
        expect(await tokens(playbook)).toEqual([
            'Sales:namespace+declaration',
            'budget:property+declaration', 'money:type',
            'grade:property+declaration', 'enum:type', 'A:enumMember+declaration', 'B:enumMember+declaration',
            'Lead:class+declaration',
            '10%:number',
            '14:number',
            'Call:function+declaration',
            'Qualified:interface+declaration', 'Call:function', 'budget:property', '1000:number', 'grade:property', 'A:enumMember',
            'Close:class+declaration', 'Sign:function+declaration',
            'Lost:event+declaration', 'Lead:class', 'grade:property', 'B:enumMember',
            'Acme:variable+declaration', 'Sales:namespace',
            '2026-01-05:string', 'Lead:class',
            '2026-01-06:string', 'Call:function',
            '2026-01-07:string', 'grade:property', 'A:enumMember',
            '2026-01-08:string', 'Lost:event'
        ]);
    });

    it('colour the forecast field and the outcome given CRM names', async () => {
        const text = 'playbook P {\n  forecast amount\n  field amount: money\n  stage S\n  terminate Lost "x"\n  won alias "Closed Won"\n  terminate Lost alias "Closed Lost"\n}\n';
        expect(await tokens(text)).toEqual([
            'P:namespace+declaration', 'amount:property',
            'amount:property+declaration', 'money:type',
            'S:class+declaration',
            'Lost:event+declaration',
            'Lost:event'
        ]);
    });

    it('at given positions: a stage reference, a task declaration, a percentage and a date', async () => {
        const result = await highlight(`playbook P {
  stage <|Lead|> { probability <|25%|> task <|Call|> required }
  stage Close { task Sign required }
}
deal D for P {
  <|2026-01-05|> enter <|Lead|>
}`);
        expectSemanticToken(result, { rangeIndex: 0, tokenType: SemanticTokenTypes.class });
        expectSemanticToken(result, { rangeIndex: 1, tokenType: SemanticTokenTypes.number });
        expectSemanticToken(result, { rangeIndex: 2, tokenType: SemanticTokenTypes.function });
        expectSemanticToken(result, { rangeIndex: 3, tokenType: SemanticTokenTypes.string });
        expectSemanticToken(result, { rangeIndex: 4, tokenType: SemanticTokenTypes.class });
    });

    it('mark unresolved names by where they stand, and keep units and signs with numbers', async () => {
        expect(await tokens(`playbook P {
  field cycle: days = -3 days
  field share: number
  stage A { task T required gate G { requires Missing when share >= 5% and unknown } }
  stage B { within 7 days }
}`)).toEqual([
            'P:namespace+declaration',
            'cycle:property+declaration', 'days:type', '-3:number',
            'share:property+declaration', 'number:type',
            'A:class+declaration', 'T:function+declaration',
            'G:interface+declaration', 'Missing:function', 'share:property', '5%:number', 'unknown:property',
            'B:class+declaration', '7:number'
        ]);
    });

    it('answer a range request with the tokens inside the range only', async () => {
        const document = await parse(playbook);
        const result = await provider.semanticHighlightRange(document, {
            textDocument: { uri: document.uri.toString() },
            range: { start: { line: 13, character: 0 }, end: { line: 14, character: 30 } }
        });
        expect(SemanticTokensDecoder.decode(result, provider.tokenTypes, document).map(t => `${t.text}:${t.tokenType}`))
            .toEqual(['2026-01-05:string', 'enter:keyword', 'Lead:class', '2026-01-06:string', 'done:keyword', 'Call:function']);
    });
});

describe('semantic tokens for editors without a TextMate grammar', () => {
    it('colour keywords, operators, texts in quotes and comments with the standard types, punctuation not', async () => {
        expect(await tokens(`// The process
playbook P {
  title "Sales" /* shown
  in reports */
  forbid regressions
  field ok: bool = true
  field n: number = -2
  optional stage A "First" { alias "Lead", "Prospect" probability 5% within 3 days task T required owner "SDR" }
  stage B { gate G { requires T when not ok or n * 2 + 1 >= -(n - 3) / 4 and n != 0 } }
  terminate Lost "Gone" when n == 1 from A
}
deal D "Acme" for P {
  2026-01-01 enter A // first
  2026-01-02 set ok = false
  2026-01-03 won
}`, { syntax: true })).toEqual([
            '// The process:comment',
            'playbook:keyword', 'P:namespace+declaration',
            'title:keyword', '"Sales":string', '/* shown:comment', '  in reports */:comment',
            'forbid:keyword', 'regressions:keyword',
            'field:keyword', 'ok:property+declaration', 'bool:type', '=:operator', 'true:keyword',
            'field:keyword', 'n:property+declaration', 'number:type', '=:operator', '-2:number',
            'optional:keyword', 'stage:keyword', 'A:class+declaration', '"First":string', 'alias:keyword', '"Lead":string', '"Prospect":string',
            'probability:keyword', '5%:number', 'within:keyword', '3:number', 'days:keyword',
            'task:keyword', 'T:function+declaration', 'required:keyword', 'owner:keyword', '"SDR":string',
            'stage:keyword', 'B:class+declaration', 'gate:keyword', 'G:interface+declaration', 'requires:keyword', 'T:function',
            'when:keyword', 'not:operator', 'ok:property', 'or:operator', 'n:property', '*:operator', '2:number', '+:operator', '1:number',
            '>=:operator', '-:operator', 'n:property', '-:operator', '3:number', '/:operator', '4:number', 'and:operator', 'n:property', '!=:operator', '0:number',
            'terminate:keyword', 'Lost:event+declaration', '"Gone":string', 'when:keyword', 'n:property', '==:operator', '1:number', 'from:keyword', 'A:class',
            'deal:keyword', 'D:variable+declaration', '"Acme":string', 'for:keyword', 'P:namespace',
            '2026-01-01:string', 'enter:keyword', 'A:class', '// first:comment',
            '2026-01-02:string', 'set:keyword', 'ok:property', '=:operator', 'false:keyword',
            '2026-01-03:string', 'won:keyword'
        ]);
    });

    it('use only the standard token types of the legend', () => {
        const standard = new Set<string>(Object.values(SemanticTokenTypes));
        expect(Object.keys(provider.tokenTypes).filter(type => !standard.has(type))).toEqual([]);
        expect(Object.values(PlaybookTokenTypes).every(type => standard.has(type))).toBe(true);
    });
});

describe('semantic tokens on half-typed text', () => {
    it('are well-formed: in order, not overlapping, each on a non-empty piece of text', async () => {
        const { partialTexts } = await import('../completion/partial-texts.js');
        let total = 0;
        for (const { text } of partialTexts(30, 3)) {
            const document = await parse(text);
            const result = await provider.semanticHighlight(document, { textDocument: { uri: document.uri.toString() } });
            const decoded = SemanticTokensDecoder.decode(result, provider.tokenTypes, document);
            total += decoded.length;
            for (let i = 0; i < decoded.length; i++) {
                expect(decoded[i].text.length).toBeGreaterThan(0);
                expect(decoded[i].tokenType).toBeDefined();
                if (i > 0) expect(decoded[i].offset).toBeGreaterThanOrEqual(decoded[i - 1].offset + decoded[i - 1].text.length);
            }
            await clearDocuments(services.shared, [document]);
        }
        expect(total).toBeGreaterThan(100);
    });
});
