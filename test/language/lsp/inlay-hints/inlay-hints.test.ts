/** Each stage with a time limit shows the days a deal may have spent since it started when it leaves on time. */
import { afterEach, describe, expect, it } from 'vitest';
import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import type { InlayHint, MarkupContent, Range } from 'vscode-languageserver';
import { createPlaybookLspServices } from '../../../../packages/language/src/lsp/index.js';

const services = createPlaybookLspServices(EmptyFileSystem);
const parse = parseHelper(services.Playbook);

afterEach(async () => {
    await clearDocuments(services.shared);
});

async function hints(document: LangiumDocument, range?: Range): Promise<InlayHint[]> {
    const whole = { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(document.textDocument.getText().length) };
    return await services.Playbook.lsp.InlayHintProvider!.getInlayHints(document, { textDocument: { uri: document.uri.toString() }, range: range ?? whole }) ?? [];
}

/** Each hint as `line:character label`. */
function show(list: InlayHint[]): string[] {
    return list.map(h => `${h.position.line}:${h.position.character}${typeof h.label === 'string' ? h.label : h.label.map(p => p.value).join('')}`);
}

const playbook = `playbook Sales {
  stage Lead {
    within 30 days
    task Call required
  }
  optional stage Demo "Show it" {
    within 15 days
  }
  stage Trial {
    task Install required
  }
  stage Close {
    within 15 days
    task Sign required
  }
}
`;

describe('inlay hints', () => {
    it('show the cumulative time limit after the { of each stage that has one', async () => {
        const document = await parse(playbook);
        expect(show(await hints(document))).toEqual([
            '1:14 ≤ 30 days',
            '5:33 ≤ 45 days',
            '11:15 ≤ 60 days'
        ]);
    });

    it('explain the sum, and which earlier stages have no limit, in the tooltip', async () => {
        const document = await parse(playbook);
        const close = (await hints(document))[2];
        expect((close.tooltip as MarkupContent).value).toBe(
            'A deal that leaves Close on time has spent at most 60 days since it started: Lead 30 + Demo 15 + Close 15.\n\nNot counted (no `within`): Trial.');
        const lead = (await hints(document))[0];
        expect((lead.tooltip as MarkupContent).value).toBe('A deal that leaves Lead on time has spent at most 30 days since it started: Lead 30.');
    });

    it('count earlier stages outside the requested range', async () => {
        const document = await parse(playbook);
        expect(show(await hints(document, { start: { line: 11, character: 0 }, end: { line: 14, character: 0 } }))).toEqual(['11:15 ≤ 60 days']);
    });

    it('show nothing in a playbook without limits, nor for a limit that is not a positive number', async () => {
        expect(await hints(await parse('playbook P {\n  stage A { task T required }\n  stage B { }\n}\n'))).toEqual([]);
        const document = await parse('playbook P {\n  stage A { within 0 days task T required }\n  stage B { within 10 days }\n}\n');
        expect(show(await hints(document))).toEqual(['2:11 ≤ 10 days']);
    });
});

describe('inlay hints on half-typed text', () => {
    it('answer without throwing, each hint after a stage\'s {', async () => {
        const { partialTexts } = await import('../completion/partial-texts.js');
        let shown = 0;
        for (const { text } of partialTexts(30, 13)) {
            const document = await parse(text);
            for (const hint of await hints(document)) {
                shown++;
                expect(document.textDocument.getText({ start: { line: hint.position.line, character: hint.position.character - 1 }, end: hint.position })).toBe('{');
                expect(hint.label).toMatch(/^ ≤ \d+ days$/);
            }
            await clearDocuments(services.shared, [document]);
        }
        expect(shown).toBeGreaterThan(0);
    });
});
