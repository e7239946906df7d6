/**
 * Describes a document's references for the reference index synchronously, in one plain
 * walk, so that the index can be built on demand (see the lazy index manager) inside
 * Langium's synchronous `findAllReferences` and `isAffected`.
 *
 * A description holds the reference's node and target description and works out its path
 * and text range when read. Langium's plain object held both, computed: about 400 bytes a
 * reference (a path string, a segment and a range of three objects), 1.3 MB for the
 * 5,000-line file of the benchmarks, kept for as long as the index is, while only the
 * references found by a request are ever read. The index is dropped whenever the document
 * is linked again, so the nodes a description holds are those of the current text.
 */
import {
    CstUtils, DefaultReferenceDescriptionProvider, isReference, UriUtils,
    type AstNode, type AstNodeDescription, type AstNodeLocator, type CstNode, type DocumentSegment, type LangiumDocument, type ReferenceDescription, type ReferenceInfo, type URI
} from 'langium';
import { forEachAstNode, forEachReference } from '../utils/ast-walk.js';

export class PlaybookReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    override async createDescriptions(document: LangiumDocument): Promise<ReferenceDescription[]> {
        return this.describeReferences(document);
    }

    describeReferences(document: LangiumDocument): ReferenceDescription[] {
        const descriptions: ReferenceDescription[] = [];
        const sourceUri = document.uri;
        forEachAstNode(document.parseResult.value, container => {
            forEachReference(container, (reference, property, index) => {
                if (reference.error || !reference.$refNode) return;
                const target = isReference(reference) ? reference.$nodeDescription : undefined;
                if (target) {
                    descriptions.push(new LazyReferenceDescription(sourceUri, container, reference.$refNode, target, this.nodeLocator));
                } else {
                    // A reference to several targets (none in Playbook's grammar today): as Langium describes it.
                    descriptions.push(...this.createInfoDescriptions({ reference, container, property, index } as ReferenceInfo));
                }
            });
        });
        return descriptions;
    }
}

/** One resolved reference, its path and range worked out when read (see above). */
class LazyReferenceDescription implements ReferenceDescription {
    constructor(
        readonly sourceUri: URI,
        private readonly container: AstNode,
        private readonly referenceNode: CstNode,
        private readonly target: AstNodeDescription,
        private readonly locator: AstNodeLocator
    ) {}

    get sourcePath(): string {
        return this.locator.getAstNodePath(this.container);
    }

    get targetUri(): URI {
        return this.target.documentUri;
    }

    get targetPath(): string {
        return this.target.path;
    }

    get segment(): DocumentSegment {
        return CstUtils.toDocumentSegment(this.referenceNode);
    }

    get local(): boolean {
        return UriUtils.equals(this.target.documentUri, this.sourceUri);
    }
}
