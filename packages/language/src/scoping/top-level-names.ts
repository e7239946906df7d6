/**
 * Playbooks and deals of the whole workspace by name. Their names are global (a deal names
 * its playbook from any file), so each one is checked against every other: asking the
 * index for all of them per declaration made a file of 15,000 small playbooks quadratic
 * (45 minutes). The table is built from the index once per build and kept until the index
 * changes.
 */
import { DocumentState, type AstNodeDescription, type IndexManager, type LangiumSharedCoreServices } from 'langium';

export class TopLevelNames {
    private readonly indexManager: IndexManager;
    /** Node type → name → the exported declarations of that name, in the index's order. */
    private readonly byType = new Map<string, Map<string, AstNodeDescription[]>>();

    constructor(shared: LangiumSharedCoreServices) {
        this.indexManager = shared.workspace.IndexManager;
        const builder = shared.workspace.DocumentBuilder;
        const forget = (): void => this.byType.clear();
        // Documents change or go away (update), or a build has put their new names in the index.
        builder.onUpdate(forget);
        builder.onBuildPhase(DocumentState.IndexedContent, forget);
    }

    /** Every exported declaration of `type` named `name`, in any document. */
    named(type: string, name: string): readonly AstNodeDescription[] {
        let names = this.byType.get(type);
        if (!names) {
            names = new Map();
            for (const description of this.indexManager.allElements(type)) {
                const same = names.get(description.name);
                if (same) same.push(description);
                else names.set(description.name, [description]);
            }
            this.byType.set(type, names);
        }
        return names.get(name) ?? [];
    }
}
