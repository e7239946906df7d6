/**
 * Descriptions of named nodes (symbol tables, the workspace index) whose path and
 * selection range are computed when first read. Linking reads neither, and a 5,000-line
 * playbook describes some 1,700 names on every keystroke; hover, go-to and workspace
 * symbols read them for the few they show.
 *
 * A description is an instance of a class with its getters on the prototype: an object
 * literal with three getters closing over their caches cost some 620 bytes a name (V8 keeps
 * such a literal as a dictionary, beside three closures and their context), a third of the
 * memory of a large playbook's symbol tables; an instance costs about 100.
 */
import { AstUtils, CstUtils, DefaultAstNodeDescriptionProvider, type AstNode, type AstNodeDescription, type AstNodeLocator, type DocumentSegment, type LangiumDocument, type NameProvider } from 'langium';
import type { URI } from 'langium';

export class PlaybookAstNodeDescriptionProvider extends DefaultAstNodeDescriptionProvider {
    /** What every description reads its path and ranges with: one object, shared. */
    private readonly lazyServices: DescriptionServices = { astNodeLocator: this.astNodeLocator, nameProvider: this.nameProvider };

    override createDescription(node: AstNode, name: string | undefined, document?: LangiumDocument): AstNodeDescription {
        const documentUri = (document ?? AstUtils.getDocument(node)).uri;
        const known = name ?? this.nameProvider.getName(node);
        if (!known) {
            throw new Error(`Node at path ${this.astNodeLocator.getAstNodePath(node)} has no name.`);
        }
        return new LazyAstNodeDescription(node, known, documentUri, this.lazyServices);
    }
}

interface DescriptionServices {
    readonly astNodeLocator: AstNodeLocator;
    readonly nameProvider: NameProvider;
}

class LazyAstNodeDescription implements AstNodeDescription {
    readonly type: string;
    private cachedPath: string | undefined = undefined;
    private cachedSelection: DocumentSegment | undefined = undefined;
    private cachedNameSegment: DocumentSegment | undefined = undefined;

    constructor(
        readonly node: AstNode,
        readonly name: string,
        readonly documentUri: URI,
        private readonly services: DescriptionServices
    ) {
        this.type = node.$type;
    }

    get path(): string {
        return this.cachedPath ??= this.services.astNodeLocator.getAstNodePath(this.node);
    }

    get selectionSegment(): DocumentSegment | undefined {
        return this.cachedSelection ??= CstUtils.toDocumentSegment(this.node.$cstNode);
    }

    get nameSegment(): DocumentSegment | undefined {
        return this.cachedNameSegment ??= CstUtils.toDocumentSegment(this.services.nameProvider.getNameNode(this.node) ?? this.node.$cstNode);
    }
}
