/**
 * The outline built in turns lists Langium's outline, node for node (names, ranges, nesting),
 * gives each declaration its own kind and its title as detail, and stops when its request is
 * cancelled.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Cancellation, EmptyFileSystem, isOperationCancelled, URI } from 'langium';
import { DefaultDocumentSymbolProvider } from 'langium/lsp';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { createPlaybookLspServices } from '../../../../packages/language/src/lsp/index.js';

const examples = resolve(__dirname, '../../../../examples');
const { shared, Playbook } = createPlaybookLspServices(EmptyFileSystem);
const langiumOutline = new DefaultDocumentSymbolProvider(Playbook);

async function built(name: string, text: string) {
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`memory:///symbols/${name}`));
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: false });
    return document;
}

const texts: Array<[string, string]> = [
    ...readdirSync(examples).filter(f => f.endsWith('.playbook')).map(f => [f, readFileSync(resolve(examples, f), 'utf8')] as [string, string]),
    ['broken.playbook', 'playbook Broken {\n  stage A { task T required gate G { requires\n  stage B "B" {\n}\ndeal D for Broken { 2026-01-01 enter A'],
    ['large.playbook', `playbook Large {\n${Array.from({ length: 3000 }, (_, i) => `  stage S${i} { task T${i} required gate G${i} { requires T${i} } }\n`).join('')}}\n`]
];

describe('the outline', () => {
    it.each(texts)('of %s is the one Langium lists', async (name, text) => {
        const document = await built(name, text);
        const params = { textDocument: { uri: document.uri.toString() } };
        const ours = await Playbook.lsp.DocumentSymbolProvider!.getSymbols(document, params, new Cancellation.CancellationTokenSource().token);
        expect(ours.map(withoutKindAndDetail)).toEqual((await langiumOutline.getSymbols(document, params)).map(withoutKindAndDetail));
    });

    it('stops when its request is cancelled', async () => {
        const document = await built('cancelled.playbook', texts[texts.length - 1][1]);
        const source = new Cancellation.CancellationTokenSource();
        const outline = Promise.resolve(Playbook.lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument: { uri: document.uri.toString() } }, source.token));
        source.cancel();
        await expect(outline.then(() => 'finished', error => (isOperationCancelled(error) ? 'cancelled' : error))).resolves.toBe('cancelled');
    });
});

/** The shape Langium's outline and ours share: what they differ in (kinds, details) removed. */
function withoutKindAndDetail({ kind: _kind, detail: _detail, children, ...rest }: DocumentSymbol): unknown {
    return { ...rest, ...(children ? { children: children.map(withoutKindAndDetail) } : {}) };
}

/** `SymbolKind` holds numbers only: its names back from the numbers. */
const kindName = (kind: SymbolKind): string | undefined => Object.entries(SymbolKind).find(([, value]) => value === kind)?.[0];

/** Every symbol of the outline, depth first, as `name kind detail`. */
function flatten(symbols: DocumentSymbol[]): string[] {
    return symbols.flatMap(s => [`${s.name} ${kindName(s.kind)}${s.detail !== undefined ? ` ${s.detail}` : ''}`, ...flatten(s.children ?? [])]);
}

describe('the outline\'s kinds and details', () => {
    const text = `playbook BigAccount {
  title "大客户销售"
  field budget: money
  field grade: enum {A, B}
  stage Development "客户开发" {
    task CollectInfo "Collect customer information" required
    gate AccurateInfo "Accurate information" { requires CollectInfo }
  }
  optional stage Trial { task Install }
  terminate Lost "Customer withdrew"
}
deal Acme "Acme Corp" for BigAccount {
  2026-01-03 enter Development
}
deal Beta for BigAccount { }
`;

    it('gives each declaration its kind and its title, type or reason as detail', async () => {
        const document = await built('kinds.playbook', text);
        const symbols = await Playbook.lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument: { uri: document.uri.toString() } }, new Cancellation.CancellationTokenSource().token);
        expect(flatten(symbols)).toEqual([
            'BigAccount Namespace 大客户销售',
            'budget Field money',
            'grade Field enum {A, B}',
            'A EnumMember',
            'B EnumMember',
            'Development Class 客户开发',
            'CollectInfo Method Collect customer information',
            'AccurateInfo Interface Accurate information',
            'Trial Class optional',
            'Install Method',
            'Lost Event Customer withdrew',
            'Acme Object Acme Corp · for BigAccount',
            'Beta Object for BigAccount'
        ]);
    });

    it('are the kinds "Go to Symbol in Workspace" gives', async () => {
        await built('workspace-kinds.playbook', text.replace(/BigAccount/g, 'KindsWorkspace').replace('Acme', 'KindsAcme').replace('Beta', 'KindsBeta'));
        const symbols = await shared.lsp.WorkspaceSymbolProvider!.getSymbols({ query: '' });
        const kinds = new Map(symbols.map(s => [s.name, kindName(s.kind)]));
        expect(['KindsWorkspace', 'KindsAcme', 'Development', 'CollectInfo', 'AccurateInfo', 'budget'].map(name => kinds.get(name)))
            .toEqual(['Namespace', 'Object', 'Class', 'Method', 'Interface', 'Field']);
    });
});
