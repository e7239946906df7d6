/**
 * Langium's document factory, except that an edited document is first offered to the
 * reparsers: typing inside a name, a string, a number or a comment costs a re-lex instead
 * of a parse (parser/token-edit-reparser.ts); other edits inside one playbook stage or one
 * deal parse only that member (parser/member-reparser.ts). Every other edit, and every
 * document opened or read from disk, is parsed whole.
 */
import {
    DefaultLangiumDocumentFactory, DocumentState,
    type AstNode, type Cancellation, type LangiumDocument, type LangiumSharedCoreServices, type Mutable
} from 'langium';
import type { MemberReparser } from '../parser/member-reparser.js';
import type { Reparsed, ReparsedTrees } from '../parser/reparsed-trees.js';
import type { TokenEditReparser } from '../parser/token-edit-reparser.js';

export class PlaybookDocumentFactory extends DefaultLangiumDocumentFactory {
    constructor(services: LangiumSharedCoreServices) {
        super(services);
    }

    override async update<T extends AstNode = AstNode>(document: Mutable<LangiumDocument<T>>, cancellationToken: Cancellation.CancellationToken): Promise<LangiumDocument<T>> {
        const oldText = document.parseResult.value.$cstNode?.root.fullText;
        const textDocument = this.textDocuments?.get(document.uri.toString());
        const text = await this.getUpdatedText(document, textDocument, cancellationToken);
        if (textDocument) {
            Object.defineProperty(document, 'textDocument', { value: textDocument });
        } else {
            Object.defineProperty(document, 'textDocument', { get: this.createTextDocumentGetter(document.uri, text) });
        }
        if (oldText !== text) {
            const reparsers = oldText !== undefined ? this.reparsers(document) : [];
            let reparsed: Reparsed<T> | undefined;
            for (const reparser of reparsers) {
                try {
                    reparsed = reparser.reparse(document.parseResult, text);
                } catch (error) {
                    // A defect of ours: log it and parse the text whole (the tree may be half-updated).
                    console.error('Reparsing failed; parsing the whole document instead:', error);
                    break;
                }
                if (reparsed) break;
            }
            // (What the reparse changed goes to the linker, not with the parse result: it holds the previous tree.)
            const { reparsedTree, ...result } = reparsed ?? { reparsedTree: undefined, ...await this.parseAsync<T>(document.uri, text, cancellationToken) };
            document.parseResult = result;
            (document.parseResult.value as Mutable<AstNode>).$document = document;
            this.reparsedTrees(document)?.set(document, reparsedTree);
        }
        document.state = DocumentState.Parsed;
        return document;
    }

    /** Where the document's language keeps what a reparse changed, for the linker. */
    private reparsedTrees(document: LangiumDocument): ReparsedTrees | undefined {
        return (this.serviceRegistry.getServices(document.uri) as { parser: { ReparsedTrees?: ReparsedTrees } }).parser.ReparsedTrees;
    }

    /** The reparsers of the document's language, cheapest first. */
    private reparsers(document: LangiumDocument): Array<TokenEditReparser | MemberReparser> {
        const { parser } = this.serviceRegistry.getServices(document.uri) as { parser: { TokenEditReparser?: TokenEditReparser; MemberReparser?: MemberReparser } };
        return [parser.TokenEditReparser, parser.MemberReparser].filter(reparser => reparser !== undefined);
    }
}
