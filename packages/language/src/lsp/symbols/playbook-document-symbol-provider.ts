/**
 * The outline of a document: the symbols Langium's default provider lists (every named node,
 * nested as in the text), each with its kind (see the node kind provider) and its title as
 * detail, built in turns. The default recurses through the whole tree at
 * once; on a text of several megabytes that held the server for a second or more, during
 * which nothing else was answered and the editor's cancellation (sent on every keystroke)
 * could not be seen.
 */
import type { AstNode, LangiumDocument, NameProvider } from 'langium';
import type { DocumentSymbolProvider, LangiumServices, NodeKindProvider } from 'langium/lsp';
import type { CancellationToken, DocumentSymbol, DocumentSymbolParams } from 'vscode-languageserver';
import { takeTurns } from '../util/turns.js';
import { childNodes } from '../../utils/ast-walk.js';
import { symbolDetail } from './symbol-detail.js';

export class PlaybookDocumentSymbolProvider implements DocumentSymbolProvider {
    private readonly nameProvider: NameProvider;
    private readonly nodeKindProvider: NodeKindProvider;

    constructor(services: LangiumServices) {
        this.nameProvider = services.references.NameProvider;
        this.nodeKindProvider = services.shared.lsp.NodeKindProvider;
    }

    async getSymbols(document: LangiumDocument, _params: DocumentSymbolParams, cancelToken?: CancellationToken): Promise<DocumentSymbol[]> {
        const turn = cancelToken ? takeTurns(cancelToken) : () => undefined;
        const symbols: DocumentSymbol[] = [];
        // Depth first, in the order of the text: each node's symbols go to the list of its nearest named ancestor.
        const stack: Array<[AstNode, DocumentSymbol[]]> = [[document.parseResult.value, symbols]];
        while (stack.length > 0) {
            const pending = turn();
            if (pending) await pending;
            const [node, siblings] = stack.pop()!;
            let children = siblings;
            const nameNode = this.nameProvider.getNameNode(node);
            if (nameNode && node.$cstNode) {
                const detail = symbolDetail(node);
                const symbol: DocumentSymbol = {
                    kind: this.nodeKindProvider.getSymbolKind(node),
                    name: this.nameProvider.getName(node) || nameNode.text,
                    ...(detail !== undefined ? { detail } : {}),
                    range: node.$cstNode.range,
                    selectionRange: nameNode.range,
                    children: []
                };
                siblings.push(symbol);
                children = symbol.children!;
            }
            const contents = childNodes(node);
            for (let i = contents.length - 1; i >= 0; i--) stack.push([contents[i], children]);
        }
        dropEmptyChildren(symbols);
        return symbols;
    }
}

/** A symbol without children has none listed, as in Langium's outline. */
function dropEmptyChildren(symbols: DocumentSymbol[]): void {
    const stack = [...symbols];
    while (stack.length > 0) {
        const symbol = stack.pop()!;
        if (!symbol.children?.length) {
            delete symbol.children;
            continue;
        }
        for (const child of symbol.children) stack.push(child);
    }
}
