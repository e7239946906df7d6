/**
 * Linking errors in words a sales-ops author understands, with a "did you mean" when a
 * declared name is one typo away.
 */
import { Cancellation, DefaultLinker, type AstNode, type AstNodeDescription, type LangiumDocument, type LinkingError, type ReferenceInfo, type Scope } from 'langium';
import * as ast from '../generated/ast.js';
import type { PlaybookServices } from '../playbook-module.js';
import { owningPlaybook } from '../scoping/playbook-scope-provider.js';
import type { PlaybookSymbolTables } from '../scoping/playbook-symbols.js';
import { resolvePlaybook } from '../scoping/playbook-variants.js';
import { forEachAstNode, forEachInterruptibly, forEachReference } from '../utils/ast-walk.js';
import { NameSuggester } from '../utils/did-you-mean.js';

const KIND_NAMES: Record<string, string> = {
    [ast.Playbook.$type]: 'playbook',
    [ast.Stage.$type]: 'stage',
    [ast.Task.$type]: 'task',
    [ast.Field.$type]: 'field',
    [ast.EnumValue.$type]: 'enum value',
    [ast.ValueSymbol.$type]: 'field or enum value',
    [ast.Terminate.$type]: 'outcome'
};

export class PlaybookLinker extends DefaultLinker {
    /** Per scope (scopes are cached per playbook and per build): many unresolved names in a large workspace each cost a lookup, not a pass over every name. */
    private readonly suggesters = new WeakMap<Scope, NameSuggester<AstNodeDescription>>();
    private readonly symbolTables: PlaybookSymbolTables;

    constructor(services: PlaybookServices) {
        super(services);
        this.symbolTables = services.references.PlaybookSymbolTables;
    }

    /**
     * Links every reference of the document, as Langium's linker does, but with a plain
     * loop: the default awaits once per node, which costs more than the linking itself.
     */
    override async link(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        const nodes: AstNode[] = [];
        forEachAstNode(document.parseResult.value, node => { nodes.push(node); });
        await forEachInterruptibly(nodes, cancelToken, container => {
            forEachReference(container, (reference, property, index) => this.doLink({ reference, container, property, index }, document));
        });
    }

    override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): LinkingError {
        const error = super.createLinkingError(refInfo, targetDescription);
        const referenceType = this.reflection.getReferenceType(refInfo);
        const name = refInfo.reference.$refText;
        const kind = KIND_NAMES[referenceType] ?? referenceType;
        let message: string;
        if (referenceType === ast.Playbook.$type) {
            message = `No playbook named '${name}' in the workspace.`;
        } else if (isDrop(refInfo.container)) {
            const base = resolvePlaybook(refInfo.container.$container).base?.playbook;
            message = base
                ? `${base.name} has no ${kind} named '${name}' to drop.`
                : `Nothing to drop: the base playbook '${refInfo.container.$container.base?.$refText ?? ''}' is not found.`;
        } else {
            const playbook = owningPlaybook(refInfo.container);
            message = playbook
                // (A playbook whose name did not parse is still the one the reference is in.)
                ? `${playbook.name ? `Playbook ${playbook.name}` : 'The playbook'} has no ${kind} named '${name}'.`
                : `Unknown ${kind} '${name}': the deal's playbook could not be found.`;
        }
        // (Not for a playbook's name: resolving the variant would need the very reference being linked.)
        const target = isDrop(refInfo.container) || referenceType === ast.Playbook.$type ? undefined : owningPlaybook(refInfo.container);
        const dropped = target && droppedDeclaration(target, referenceType, name);
        if (dropped) {
            message += ` ${target.name} drops it: ${dropped}.`;
        }
        const suggestion = this.suggest(refInfo, name);
        if (suggestion) {
            message += ` Did you mean '${suggestion}'?`;
        }
        return { ...error, message };
    }

    private suggest(refInfo: ReferenceInfo, name: string): string | undefined {
        try {
            const scope = this.scopeProvider.getScope(refInfo);
            let suggester = this.suggesters.get(scope);
            if (!suggester) {
                suggester = new NameSuggester(scope.getAllElements().map(d => [d.name, d] as const));
                this.suggesters.set(scope, suggester);
            }
            const gate = refInfo.container;
            if (ast.isGate(gate)) {
                // A gate may only require tasks of its own stage or an earlier one: suggest no other.
                const positions = this.symbolTables.get(gate.$container.$container).stagePositions;
                const last = positions.get(gate.$container) ?? -1;
                return suggester.closest(name, d => ast.isTask(d.node) && (positions.get(d.node.$container) ?? Infinity) <= last);
            }
            return suggester.closest(name);
        } catch {
            return undefined;
        }
    }
}

function isDrop(node: AstNode): node is ast.DropStages | ast.DropFields | ast.DropTerminations {
    return ast.isDropStages(node) || ast.isDropFields(node) || ast.isDropTerminations(node);
}

/** How a name a variant no longer has was dropped: `drop stage Presentation`, with the task's stage when a stage took it along. */
export function droppedDeclaration(playbook: ast.Playbook, referenceType: string, name: string): string | undefined {
    const changes = resolvePlaybook(playbook).changes;
    switch (referenceType) {
        case ast.Stage.$type:
            return changes.droppedStages.some(s => s.name === name) ? `drop stage ${name}` : undefined;
        case ast.Task.$type: {
            const stage = changes.droppedStages.find(s => s.tasks.some(t => t.name === name));
            if (stage) return `drop stage ${stage.name}, which holds it`;
            const replaced = changes.replacedStages.find(([own, base]) => base.tasks.some(t => t.name === name) && !own.tasks.some(t => t.name === name));
            return replaced ? `its stage ${replaced[0].name} replaces the base's and has no such task` : undefined;
        }
        case ast.Field.$type:
        case ast.ValueSymbol.$type:
            return changes.droppedFields.some(f => f.name === name) ? `drop field ${name}` : undefined;
        case ast.Terminate.$type:
            return changes.droppedTerminations.some(t => t.name === name) ? `drop terminate ${name}` : undefined;
        default:
            return undefined;
    }
}
