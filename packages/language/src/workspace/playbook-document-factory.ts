/**
 * Langium's document factory, except that an edited document is first offered to the
 * token-edit reparser: typing inside a name, a string, a number or a comment then costs a
 * re-lex instead of a parse (see parser/token-edit-reparser.ts). Every other edit, and
 * every document opened or read from disk, is parsed as usual.
 */
import {
    DefaultLangiumDocumentFactory, DocumentState,
    type AstNode, type Cancellation, type LangiumDocument, type LangiumSharedCoreServices, type Mutable
} from 'langium';
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
            const reparser = this.tokenEditReparser(document);
            document.parseResult = (oldText !== undefined ? reparser?.reparse(document.parseResult, text) : undefined)
                ?? await this.parseAsync<T>(document.uri, text, cancellationToken);
            (document.parseResult.value as Mutable<AstNode>).$document = document;
        }
        document.state = DocumentState.Parsed;
        return document;
    }

    private tokenEditReparser(document: LangiumDocument): TokenEditReparser | undefined {
        const services = this.serviceRegistry.getServices(document.uri) as { parser: { TokenEditReparser?: TokenEditReparser } };
        return services.parser.TokenEditReparser;
    }
}
