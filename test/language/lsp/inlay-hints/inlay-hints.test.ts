/**
 * Each stage with a time limit shows, beside its `within`, the days a deal may have spent since
 * it started when it leaves on time, labelled as a total.
 */
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
    return list.map(h => `${h.position.line}:${h.position.character} ${typeof h.label === 'string' ? h.label : h.label.map(p => p.value).join('')}`);
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
    it('in a variant, count the limits of the stages it inherits before its own', async () => {
        const document = await parse(`${playbook}
playbook Retail variant of Sales {
  drop stage Demo
  stage Counter after Lead {
    within 2 days
    task Greet required
  }
}
`);
        expect(show(await hints(document)).slice(2)).toEqual(['20:17 total ≤ 32 days from the start']);
    });

    it('say beside each `within` after the first the total limit from the start, set apart by padding', async () => {
        const document = await parse(playbook);
        const list = await hints(document);
        expect(show(list)).toEqual([
            '6:18 total ≤ 45 days from the start',
            '12:18 total ≤ 60 days from the start + time in Trial'
        ]);
        expect(list.every(hint => hint.paddingLeft === true)).toBe(true);
        for (const hint of list) {
            const line = document.textDocument.getText().split('\n')[hint.position.line];
            expect(line.slice(0, hint.position.character)).toMatch(/within \d+ days$/);
        }
    });

    it('explain the sum, and which earlier stages have no limit, in the tooltip', async () => {
        const document = await parse(playbook);
        const [demo, close] = await hints(document);
        expect((close.tooltip as MarkupContent).value).toBe(
            '**Total time limit from the start of the deal.** A deal that leaves Close on time has spent at most 60 days since it started: the `within` limits of Close and of the stages before it, Lead 30 + Demo 15 + Close 15.'
            + '\n\nNot counted (no `within`): Trial; the total holds only if a deal passes it quickly.');
        expect((demo.tooltip as MarkupContent).value).toBe(
            '**Total time limit from the start of the deal.** A deal that leaves Demo on time has spent at most 45 days since it started: the `within` limits of Demo and of the stages before it, Lead 30 + Demo 15.');
    });

    it('count earlier stages outside the requested range', async () => {
        const document = await parse(playbook);
        expect(show(await hints(document, { start: { line: 11, character: 0 }, end: { line: 14, character: 0 } }))).toEqual(['12:18 total ≤ 60 days from the start + time in Trial']);
    });

    it.each([
        ['a playbook without limits', 'playbook P {\n  stage A { task T required }\n  stage B { }\n}\n', []],
        ['the first limit, which is its own total', 'playbook P {\n  stage A { within 10 days task T required }\n  stage B { }\n}\n', []],
        ['a limit that is not a positive number', 'playbook P {\n  stage A { within 0 days task T required }\n  stage B { within 10 days }\n}\n', ['2:26 total ≤ 10 days from the start + time in A']],
        ['several stages without a limit', 'playbook P {\n  stage A { }\n  stage B { }\n  stage C { within 5 days }\n}\n', ['3:25 total ≤ 5 days from the start + time in 2 stages without a limit']],
        ['a limit without its unit', 'playbook P {\n  stage A { within 5 days }\n  stage B { within 7 }\n}\n', ['2:20 total ≤ 12 days from the start']],
        ['a limit given twice (the first counts)', 'playbook P {\n  stage A { within 5 days }\n  stage B { within 1 days within 7 days }\n}\n', ['2:25 total ≤ 6 days from the start']]
    ])('on %s', async (_name, text, expected) => {
        expect(show(await hints(await parse(text)))).toEqual(expected);
    });
});

describe('inlay hints on half-typed text', () => {
    it('answer without throwing, each hint after a stage\'s within', async () => {
        const { partialTexts } = await import('../completion/partial-texts.js');
        let shown = 0;
        for (const { text } of partialTexts(30, 13)) {
            const document = await parse(text);
            for (const hint of await hints(document)) {
                shown++;
                expect(document.textDocument.getText({ start: { line: hint.position.line, character: 0 }, end: hint.position })).toMatch(/within \d+( days)?$/);
                expect(hint.label).toMatch(/^total ≤ \d+ days from the start/);
            }
            await clearDocuments(services.shared, [document]);
        }
        expect(shown).toBeGreaterThan(0);
    });
});
