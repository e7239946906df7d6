/**
 * Descriptions of named nodes (symbol tables, the workspace index) whose path and
 * selection range are computed when first read. Linking reads neither, and a 5,000-line
 * playbook describes some 1,700 names on every keystroke; hover, go-to and workspace
 * symbols read them for the few they show.
 */
import { AstUtils, CstUtils, DefaultAstNodeDescriptionProvider, type AstNode, type AstNodeDescription, type DocumentSegment, type LangiumDocument } from 'langium';

export class PlaybookAstNodeDescriptionProvider extends DefaultAstNodeDescriptionProvider {
    override createDescription(node: AstNode, name: string | undefined, document?: LangiumDocument): AstNodeDescription {
        const documentUri = (document ?? AstUtils.getDocument(node)).uri;
        const known = name ?? this.nameProvider.getName(node);
        if (!known) {
            throw new Error(`Node at path ${this.astNodeLocator.getAstNodePath(node)} has no name.`);
        }
        const locator = this.astNodeLocator, names = this.nameProvider;
        let path: string | undefined, selection: DocumentSegment | undefined, nameSegment: DocumentSegment | undefined;
        return {
            node,
            name: known,
            type: node.$type,
            documentUri,
            get path() { return path ??= locator.getAstNodePath(node); },
            get selectionSegment() { return selection ??= CstUtils.toDocumentSegment(node.$cstNode); },
            get nameSegment() { return nameSegment ??= CstUtils.toDocumentSegment(names.getNameNode(node) ?? node.$cstNode); }
        };
    }
}
