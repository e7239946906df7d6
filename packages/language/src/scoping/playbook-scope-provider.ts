/**
 * Resolves names to the playbook they belong to: inside a playbook, its own symbols; inside
 * a deal, the symbols of the playbook the deal is `for` (which may live in another file).
 * Playbook names themselves come from the workspace index (Langium's global scope).
 *
 * Langium keeps the global scope until the next change, as every file of a build is indexed
 * before any is linked. The Playbook document builder links the files open in the editor
 * before it indexes the rest of the workspace, so the scope is also dropped whenever a build
 * puts new names in the index.
 */
import { AstUtils, DefaultScopeProvider, DocumentState, EMPTY_SCOPE, type ReferenceInfo, type Scope } from 'langium';
import * as ast from '../generated/ast.js';
import type { PlaybookServices } from '../playbook-module.js';
import type { PlaybookSymbolTables, PlaybookSymbols } from './playbook-symbols.js';
import { resolvePlaybook } from './playbook-variants.js';

export class PlaybookScopeProvider extends DefaultScopeProvider {
    private readonly symbolTables: PlaybookSymbolTables;

    constructor(services: PlaybookServices) {
        super(services);
        this.symbolTables = services.references.PlaybookSymbolTables;
        services.shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.IndexedContent, () => this.globalScopeCache.clear());
    }

    override getScope(context: ReferenceInfo): Scope {
        const referenceType = this.reflection.getReferenceType(context);
        if (referenceType === ast.Playbook.$type) {
            return this.getGlobalScope(referenceType, context);
        }
        const playbook = owningPlaybook(context.container);
        if (!playbook) {
            return EMPTY_SCOPE;
        }
        const symbols = this.symbolsFor(context.container, playbook);
        if (!symbols) {
            return EMPTY_SCOPE;
        }
        switch (referenceType) {
            case ast.Stage.$type: return symbols.stages;
            case ast.Task.$type: return symbols.tasks;
            case ast.Field.$type: return symbols.fields;
            case ast.Terminate.$type: return symbols.outcomes;
            case ast.Activity.$type: return symbols.activities;
            case ast.EnumValue.$type: return this.enumValueScope(context.container, symbols);
            case ast.ValueSymbol.$type: return this.valueSymbolScope(context.container, symbols);
            default: return EMPTY_SCOPE;
        }
    }

    /** A variant's `drop` names what its base has; everything else in a playbook, what the playbook (resolved) has. */
    private symbolsFor(container: ReferenceInfo['container'], playbook: ast.Playbook): PlaybookSymbols | undefined {
        if (ast.isDropStages(container) || ast.isDropFields(container) || ast.isDropTerminations(container)) {
            const base = resolvePlaybook(playbook).base;
            return base ? this.symbolTables.get(base.playbook) : undefined;
        }
        return this.symbolTables.get(playbook);
    }

    /** An enum value where the enum is known from context: a field's default, a deal's `set`, `x in {…}`. */
    private enumValueScope(container: ReferenceInfo['container'], symbols: PlaybookSymbols): Scope {
        const type = expectedEnumType(container, symbols);
        return type ? symbols.enumValuesOf(type) : symbols.enumValues;
    }

    /** In `grade == A`, `A` is looked up among `grade`'s values before anything else. */
    private valueSymbolScope(container: ReferenceInfo['container'], symbols: PlaybookSymbols): Scope {
        const parent = container.$container;
        if (ast.BinaryExpression.$type === parent?.$type) {
            const binary = parent as ast.BinaryExpression;
            const other = binary.left === container ? binary.right : binary.left;
            const type = enumTypeOfExpression(other, symbols);
            if (type) {
                return symbols.enumValuesThenValueSymbols(type);
            }
        }
        return symbols.valueSymbols;
    }
}

/** The playbook whose names a reference at this node means. */
export function owningPlaybook(node: ReferenceInfo['container']): ast.Playbook | undefined {
    const playbook = AstUtils.getContainerOfType(node, ast.isPlaybook);
    if (playbook) {
        return playbook;
    }
    return AstUtils.getContainerOfType(node, ast.isDeal)?.playbook?.ref;
}

function expectedEnumType(container: ReferenceInfo['container'], symbols: PlaybookSymbols): ast.EnumType | undefined {
    if (ast.isMembershipExpression(container)) {
        return enumTypeOfExpression(container.operand, symbols);
    }
    const owner = container.$container;
    if (ast.isField(owner)) {
        return ast.isEnumType(owner.type) ? owner.type : undefined;
    }
    if (ast.isSetEvent(owner)) {
        const type = owner.field?.ref?.type;
        return ast.isEnumType(type) ? type : undefined;
    }
    return undefined;
}

/** The enum type of an expression that names an enum field, if it does. Does not resolve enum values (no cycles). */
function enumTypeOfExpression(expression: ast.Expression | undefined, symbols: PlaybookSymbols): ast.EnumType | undefined {
    if (!ast.isValueReference(expression)) {
        return undefined;
    }
    const field = symbols.fields.getElement(expression.symbol?.$refText ?? '')?.node;
    return ast.isField(field) && ast.isEnumType(field.type) ? field.type : undefined;
}
