/** Semantic tokens tell the kinds of names apart, declarations from references, and literals of each kind. */
import { afterEach, describe, expect, it } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { AllSemanticTokenModifiers } from 'langium/lsp';
import { clearDocuments, expectSemanticToken, highlightHelper, parseHelper } from 'langium/test';
import { SemanticTokensDecoder } from 'langium/lsp';
import { SemanticTokenTypes } from 'vscode-languageserver';
import { createPlaybookLspServices } from '../../../../packages/language/src/lsp/index.js';

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

async function tokens(text: string): Promise<string[]> {
    const document = await parse(text);
    const result = await provider.semanticHighlight(document, { textDocument: { uri: document.uri.toString() } });
    return SemanticTokensDecoder.decode(result, provider.tokenTypes, document)
        .map(t => `${t.text}:${t.tokenType}${modifierNames(t.tokenModifiers).map(m => `+${m}`).join('')}`);
}

describe('semantic tokens', () => {
    it('colour every name by its kind, declarations with the declaration modifier', async () => {
        expect(await tokens(playbook)).toEqual([
            'Sales:namespace+declaration',
            'budget:property+declaration', 'money:type',
            'grade:property+declaration', 'A:enumMember+declaration', 'B:enumMember+declaration',
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
            .toEqual(['2026-01-05:string', 'Lead:class', '2026-01-06:string', 'Call:function']);
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
