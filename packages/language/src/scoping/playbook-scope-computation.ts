/**
 * Only playbooks and deals are exported to the workspace index: a deal in any file may name
 * a playbook of another. Everything inside a playbook is resolved through the playbook's own
 * symbol tables (see `playbook-symbols.ts`), so no local symbols are collected here: walking
 * every node of a 10,000-line file for symbols nobody looks up that way would be wasted.
 */
import { type AstNodeDescription, type LangiumCoreServices, type LangiumDocument, type LocalSymbols, MultiMap, DefaultScopeComputation } from 'langium';
import type * as ast from '../generated/ast.js';

export class PlaybookScopeComputation extends DefaultScopeComputation {
    constructor(services: LangiumCoreServices) {
        super(services);
    }

    override async collectExportedSymbols(document: LangiumDocument): Promise<AstNodeDescription[]> {
        const root = document.parseResult.value as ast.Document;
        const exported: AstNodeDescription[] = [];
        for (const element of root.elements ?? []) {
            if (element.name) {
                exported.push(this.descriptions.createDescription(element, element.name, document));
            }
        }
        return exported;
    }

    override async collectLocalSymbols(): Promise<LocalSymbols> {
        return new MultiMap();
    }
}
