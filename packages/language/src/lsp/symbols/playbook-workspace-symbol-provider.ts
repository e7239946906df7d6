/**
 * "Go to symbol in workspace" finds stages, tasks, gates and fields of every playbook, not
 * only the playbooks and deals the workspace index holds: `Negotiation` or `CollectInfo` is
 * what an author searches for. Each carries its playbook's name as container.
 */
import { GrammarUtils, type AstNode, type LangiumDocuments } from 'langium';
import { DefaultWorkspaceSymbolProvider, type LangiumSharedServices } from 'langium/lsp';
import type { CancellationToken, WorkspaceSymbol, WorkspaceSymbolParams } from 'vscode-languageserver';
import * as ast from '../../generated/ast.js';

export class PlaybookWorkspaceSymbolProvider extends DefaultWorkspaceSymbolProvider {
    private readonly documents: LangiumDocuments;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.documents = services.workspace.LangiumDocuments;
    }

    override async getSymbols(params: WorkspaceSymbolParams, cancelToken?: CancellationToken): Promise<WorkspaceSymbol[]> {
        const symbols = await super.getSymbols(params, cancelToken);
        const query = params.query.toLowerCase();
        for (const document of this.documents.all) {
            const uri = document.uri.toString();
            for (const playbook of (document.parseResult.value as ast.Document).elements ?? []) {
                if (!ast.isPlaybook(playbook)) continue;
                const members: Array<AstNode & { name: string }> = [
                    ...playbook.fields,
                    ...playbook.stages.flatMap(stage => [stage, ...stage.tasks, ...stage.gates])
                ];
                for (const member of members) {
                    if (!member.name || !this.fuzzyMatcher.match(query, member.name)) continue;
                    const range = GrammarUtils.findNodeForProperty(member.$cstNode, 'name')?.range;
                    if (range) {
                        symbols.push({ name: member.name, kind: this.nodeKindProvider.getSymbolKind(member), containerName: playbook.name, location: { uri, range } });
                    }
                }
            }
        }
        return symbols;
    }
}
