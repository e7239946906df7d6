/**
 * Go to definition, find references, document highlight, rename (across files), document
 * and workspace symbols and folding, through Langium's test helpers and the LSP services.
 */
import { EmptyFileSystem, type URI } from 'langium';
import { expectFindReferences, expectFoldings, expectGoToDefinition, expectHighlight, expectSymbols, parseHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import type { ast } from '@playbook/language';
import { createPlaybookLspServices } from '../../../../packages/language/src/lsp/index.js';

const services = createPlaybookLspServices(EmptyFileSystem);
const parse = parseHelper<ast.Document>(services.Playbook);

describe('go to definition and references', () => {
    it('a task named in requires leads to its declaration', async () => {
        await expectGoToDefinition(services.Playbook)({
            text: `playbook Nav1 {
  stage A { task <|Call|> required gate G { requires Ca<|>ll } }
  stage B
}`,
            index: 0,
            rangeIndex: 0,
            disposeAfterCheck: true
        });
    });

    it('a field used in a condition leads to the field', async () => {
        await expectGoToDefinition(services.Playbook)({
            text: `playbook Nav2 {
  field <|budget|>: money
  stage A { gate G { when bud<|>get > 0 } }
  stage B
}`,
            index: 0,
            rangeIndex: 0,
            disposeAfterCheck: true
        });
    });

    it('finds every reference of a stage, declaration included', async () => {
        await expectFindReferences(services.Playbook)({
            text: `playbook Nav3 {
  stage <|Le<|>ad|> { gate G { } }
  stage Close
  terminate Lost "x" from <|Lead|>
}
deal D for Nav3 { 2026-01-01 enter <|Lead|> }`,
            includeDeclaration: true,
            disposeAfterCheck: true
        });
    });

    it('highlights the other uses of a field in the document', async () => {
        await expectHighlight(services.Playbook)({
            text: `playbook Nav4 {
  field <|bud<|>get|>: money
  stage A { gate G { when <|budget|> > 0 and <|budget|> < 10 } }
  stage B
}`,
            index: 0,
            rangeIndex: [0, 1, 2],
            disposeAfterCheck: true
        });
    });
});

describe('rename', () => {
    it('renames a stage in its playbook and in the deals of another file', async () => {
        const playbook = await parse('playbook Renames {\n  stage Lead { gate G { } }\n  stage Close\n  terminate Lost "x" from Lead\n}\n', { documentUri: 'file:///rename/p.playbook' });
        const deals = await parse('deal R1 for Renames {\n  2026-01-01 enter Lead\n}\n', { documentUri: 'file:///rename/d.playbook' });
        const offset = playbook.textDocument.getText().indexOf('Lead');
        const edit = await services.Playbook.lsp.RenameProvider!.rename(playbook, {
            textDocument: { uri: playbook.uri.toString() },
            position: playbook.textDocument.positionAt(offset),
            newName: 'Prospecting'
        });
        const changes = edit?.changes ?? {};
        const apply = (uri: URI, text: string) => {
            const edits = [...(changes[uri.toString()] ?? [])].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
            const lines = text.split('\n');
            for (const e of edits) {
                const line = lines[e.range.start.line];
                lines[e.range.start.line] = line.slice(0, e.range.start.character) + e.newText + line.slice(e.range.end.character);
            }
            return lines.join('\n');
        };
        expect(apply(playbook.uri, playbook.textDocument.getText())).toBe('playbook Renames {\n  stage Prospecting { gate G { } }\n  stage Close\n  terminate Lost "x" from Prospecting\n}\n');
        expect(apply(deals.uri, deals.textDocument.getText())).toBe('deal R1 for Renames {\n  2026-01-01 enter Prospecting\n}\n');
    });
});

describe('symbols and folding', () => {
    it('outlines playbook → fields, stages → tasks and gates, terminations; deals', async () => {
        await expectSymbols(services.Playbook)({
            text: `playbook Outline {
  field budget: money
  stage A {
    task T required
    gate G { requires T }
  }
  stage B
  terminate Lost "x"
}
deal OutlineDeal for Outline { 2026-01-01 enter A }`,
            assert: symbols => {
                const tree = (list: typeof symbols): unknown[] => list.map(s => (s.children?.length ? [s.name, tree(s.children)] : s.name));
                expect(tree(symbols)).toEqual([['Outline', ['budget', ['A', ['T', 'G']], 'B', 'Lost']], 'OutlineDeal']);
            },
            disposeAfterCheck: true
        });
    });

    it('finds playbooks and deals of the workspace by name', async () => {
        await parse('playbook SymbolsSearch { stage A }\ndeal SymbolsDeal for SymbolsSearch { }', { documentUri: 'file:///ws-symbols/a.playbook' });
        const symbols = await services.shared.lsp.WorkspaceSymbolProvider!.getSymbols({ query: 'Symbols' });
        expect(symbols.map(s => s.name).sort()).toEqual(['SymbolsDeal', 'SymbolsSearch']);
    });

    it('finds stages, tasks, gates and fields too, with their playbook as container', async () => {
        await parse('playbook Finder { field negotiationBudget: money stage Negotiation { task NegotiateTerms required gate NegotiationDone { requires NegotiateTerms } } stage Close }',
            { documentUri: 'file:///ws-symbols/b.playbook' });
        const symbols = await services.shared.lsp.WorkspaceSymbolProvider!.getSymbols({ query: 'negotiat' });
        expect(symbols.map(s => [s.name, s.containerName, s.location.uri]).sort()).toEqual([
            ['NegotiateTerms', 'Finder', 'file:///ws-symbols/b.playbook'],
            ['Negotiation', 'Finder', 'file:///ws-symbols/b.playbook'],
            ['NegotiationDone', 'Finder', 'file:///ws-symbols/b.playbook'],
            ['negotiationBudget', 'Finder', 'file:///ws-symbols/b.playbook']
        ]);
    });

    it('folds playbooks, stages, gates and deals', async () => {
        await expectFoldings(services.Playbook)({
            // A fold ends on the line before its closing brace, which stays visible.
            text: `<|playbook Fold {
  <|stage A {
    <|gate G {
      when 1 > 0|>
    }|>
  }
  stage B|>
}
<|deal FoldDeal for Fold {
  2026-01-01 enter A|>
}`,
            disposeAfterCheck: true
        });
    });
});


describe('go to definition in a variant', () => {
    it('the base name leads to the base playbook', async () => {
        await expectGoToDefinition(services.Playbook)({
            text: `playbook <|NavBase|> {
  stage A
}
playbook NavVariant variant of Nav<|>Base {
}`,
            index: 0,
            rangeIndex: 0,
            disposeAfterCheck: true
        });
    });

    it('a dropped stage leads to the base\'s stage', async () => {
        await expectGoToDefinition(services.Playbook)({
            text: `playbook NavBase2 {
  stage <|A|>
  stage B
}
playbook NavVariant2 variant of NavBase2 {
  drop stage <|>A
}`,
            index: 0,
            rangeIndex: 0,
            disposeAfterCheck: true
        });
    });

    it('a deal of the variant names an inherited stage: it leads to the base\'s declaration', async () => {
        await expectGoToDefinition(services.Playbook)({
            text: `playbook NavBase3 {
  stage <|A|>
  stage B
}
playbook NavVariant3 variant of NavBase3 {
}
deal NavDeal for NavVariant3 { 2026-01-01 enter <|>A }`,
            index: 0,
            rangeIndex: 0,
            disposeAfterCheck: true
        });
    });
});
