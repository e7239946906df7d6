/**
 * Where the other declaration of a duplicated name is: in words for the message (a file that
 * may share this file's own name is given by its path from this file's folder, and a line)
 * and as a location for the editor's related information, which it shows as a link.
 */
import { AstUtils, CstUtils, GrammarUtils, UriUtils, type AstNode, type AstNodeDescription, type URI } from 'langium';
import type { DiagnosticRelatedInformation } from 'vscode-languageserver-types';

export interface OtherDeclaration {
    /** ` (line 3)` after "above in this file", or `sales.playbook (line 3)` for another file. */
    where: string;
    related: DiagnosticRelatedInformation[];
}

/** An earlier declaration in the same file. */
export function declaredHere(node: AstNode & { name: string }): OtherDeclaration {
    const nameNode = GrammarUtils.findNodeForProperty(node.$cstNode, 'name') ?? node.$cstNode;
    if (!nameNode) {
        return { where: '', related: [] };
    }
    const range = CstUtils.toDocumentSegment(nameNode).range;
    return {
        where: ` (line ${range.start.line + 1})`,
        related: [{ location: { uri: AstUtils.getDocument(node).uri.toString(), range }, message: `'${node.name}' is first declared here` }]
    };
}

/** A declaration of another file, from the workspace index. */
export function otherDeclaration(description: AstNodeDescription, from: URI): OtherDeclaration {
    const file = UriUtils.relative(UriUtils.dirname(from), description.documentUri);
    const range = description.nameSegment?.range;
    return {
        where: range ? `${file} (line ${range.start.line + 1})` : file,
        related: range ? [{ location: { uri: description.documentUri.toString(), range }, message: `'${description.name}' is also declared here` }] : []
    };
}
