/**
 * Describes a document's references for the reference index synchronously, in one plain
 * walk, so that the index can be built on demand (see the lazy index manager) inside
 * Langium's synchronous `findAllReferences` and `isAffected`.
 */
import { DefaultReferenceDescriptionProvider, type LangiumDocument, type ReferenceDescription } from 'langium';
import { forEachAstNode, forEachReference } from '../utils/ast-walk.js';

export class PlaybookReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    override async createDescriptions(document: LangiumDocument): Promise<ReferenceDescription[]> {
        return this.describeReferences(document);
    }

    describeReferences(document: LangiumDocument): ReferenceDescription[] {
        const descriptions: ReferenceDescription[] = [];
        forEachAstNode(document.parseResult.value, container => {
            forEachReference(container, (reference, property, index) => {
                if (!reference.error) {
                    descriptions.push(...this.createInfoDescriptions({ reference, container, property, index }));
                }
            });
        });
        return descriptions;
    }
}
