/**
 * Folding ranges as Langium's default provider finds them (every node and block comment over
 * three lines or more), found in turns: on a text of several megabytes the default held the
 * server for most of a second, answering nothing else and deaf to the editor's cancellation.
 */
import { AstUtils, CstUtils, type AstNode, type LangiumDocument } from 'langium';
import { DefaultFoldingRangeProvider } from 'langium/lsp';
import { FoldingRangeKind, type CancellationToken, type FoldingRange, type FoldingRangeParams } from 'vscode-languageserver';
import { takeTurns } from '../util/turns.js';

export class PlaybookFoldingRangeProvider extends DefaultFoldingRangeProvider {
    override async getFoldingRanges(document: LangiumDocument, _params: FoldingRangeParams, cancelToken?: CancellationToken): Promise<FoldingRange[]> {
        const turn = cancelToken ? takeTurns(cancelToken) : () => undefined;
        const foldings: FoldingRange[] = [];
        const accept = (folding: FoldingRange) => foldings.push(folding);
        const root = document.parseResult?.value;
        if (!root) {
            return foldings;
        }
        // The nodes, depth first in the order of the text, as the default's `streamAllContents`.
        const stack: AstNode[] = this.shouldProcessContent(root) ? childrenOf(root).reverse() : [];
        while (stack.length > 0) {
            const pending = turn();
            if (pending) await pending;
            const node = stack.pop()!;
            if (this.shouldProcess(node)) {
                this.collectObjectFolding(document, node, accept);
            }
            if (this.shouldProcessContent(node)) {
                const children = childrenOf(node);
                for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
            }
        }
        if (root.$cstNode) {
            for (const leaf of CstUtils.flattenCst(root.$cstNode)) {
                const pending = turn();
                if (pending) await pending;
                if (this.commentNames.includes(leaf.tokenType.name)) {
                    const folding = this.toFoldingRange(document, leaf, FoldingRangeKind.Comment);
                    if (folding) accept(folding);
                }
            }
        }
        return foldings;
    }
}

function childrenOf(node: AstNode): AstNode[] {
    return AstUtils.streamContents(node).toArray();
}
