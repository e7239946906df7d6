/**
 * Per-playbook symbol tables. Every name inside a playbook is visible playbook-wide
 * (a gate may require a task of an earlier stage; a deal in another file names stages,
 * tasks and fields), so lookups go through hash maps built once per playbook AST.
 * A linear scope would make linking quadratic in the file's size.
 */
import type { AstNode, AstNodeDescription, LangiumCoreServices, Stream } from 'langium';
import { AstUtils, stream, type Scope } from 'langium';
import * as ast from '../generated/ast.js';
import { resolvePlaybook, type ResolvedPlaybook } from './playbook-variants.js';

/** A scope over a name → description map; the first declaration of a name wins. */
export class NameScope implements Scope {
    constructor(private readonly elements: ReadonlyMap<string, AstNodeDescription>, private readonly outer?: Scope) {}

    /** The same names, falling back to `outer` for the rest. */
    withOuter(outer: Scope): NameScope {
        return new NameScope(this.elements, outer);
    }

    getElement(name: string): AstNodeDescription | undefined {
        return this.elements.get(name) ?? this.outer?.getElement(name);
    }

    getElements(name: string): Stream<AstNodeDescription> {
        const element = this.getElement(name);
        return stream(element ? [element] : []);
    }

    getAllElements(): Stream<AstNodeDescription> {
        const own = stream(this.elements.values());
        return this.outer ? own.concat(this.outer.getAllElements().filter(d => !this.elements.has(d.name))) : own;
    }
}

export interface PlaybookSymbols {
    readonly stages: NameScope;
    readonly tasks: NameScope;
    readonly fields: NameScope;
    /** Values of every enum field of the playbook. */
    readonly enumValues: NameScope;
    /** Fields first, then enum values: what a name in a condition may mean. */
    readonly valueSymbols: NameScope;
    /** Terminate rules by outcome; the first rule of an outcome stands for it. */
    readonly outcomes: NameScope;
    /** The activity kinds deals record (`activity visit`). */
    readonly activities: NameScope;
    /** The values of one enum type, for contexts where the enum is known. */
    enumValuesOf(type: ast.EnumType): NameScope;
    /** The values of one enum type first, then `valueSymbols`: a name compared with a field of that enum. */
    enumValuesThenValueSymbols(type: ast.EnumType): NameScope;
    /** Each stage's position in the playbook. */
    readonly stagePositions: ReadonlyMap<ast.Stage, number>;
}

export class PlaybookSymbolTables {
    private readonly tables = new WeakMap<ast.Playbook, { resolved: ResolvedPlaybook; table: PlaybookSymbols }>();
    private readonly descriptions: LangiumCoreServices['workspace']['AstNodeDescriptionProvider'];

    constructor(services: LangiumCoreServices) {
        this.descriptions = services.workspace.AstNodeDescriptionProvider;
    }

    /**
     * Built on first use and kept as long as the playbook's AST lives (a new text gives a new
     * AST) and its resolution (a variant's names are its base's with its changes) is the same.
     */
    get(playbook: ast.Playbook): PlaybookSymbols {
        const resolved = resolvePlaybook(playbook);
        const cached = this.tables.get(playbook);
        if (cached?.resolved === resolved) return cached.table;
        const table = this.build(resolved);
        this.tables.set(playbook, { resolved, table });
        return table;
    }

    /** The names of the resolved playbook: a variant's base's, less what it drops, with its own. */
    private build(resolved: ResolvedPlaybook): PlaybookSymbols {
        const describe = <T extends AstNode & { name: string }>(nodes: Iterable<T>): Map<string, AstNodeDescription> => {
            const map = new Map<string, AstNodeDescription>();
            for (const node of nodes) {
                if (node.name && !map.has(node.name)) {
                    // A base's declaration may be in another file: its description names that file.
                    map.set(node.name, this.descriptions.createDescription(node, node.name, AstUtils.getDocument(node)));
                }
            }
            return map;
        };
        const enumTypes = resolved.fields.map(f => f.type).filter((t): t is ast.EnumType => t?.$type === ast.EnumType.$type);
        const fieldMap = describe(resolved.fields);
        const enumValueMap = describe(enumTypes.flatMap(t => t.values));
        const enumScopes = new Map<ast.EnumType, NameScope>();
        const enumThenValueScopes = new Map<ast.EnumType, NameScope>();
        const enumValues = new NameScope(enumValueMap);
        const valueSymbols = new NameScope(fieldMap, enumValues);
        const enumValuesOf = (type: ast.EnumType): NameScope => {
            let scope = enumScopes.get(type);
            if (!scope) {
                scope = new NameScope(describe(type.values));
                enumScopes.set(type, scope);
            }
            return scope;
        };
        return {
            stages: new NameScope(describe(resolved.stages)),
            tasks: new NameScope(describe(resolved.stages.flatMap(s => s.tasks))),
            fields: new NameScope(fieldMap),
            enumValues,
            valueSymbols,
            outcomes: new NameScope(describe(resolved.terminations)),
            activities: new NameScope(describe(resolved.activities)),
            enumValuesOf,
            // One scope object per enum type, so that what is cached per scope (suggestions) is shared.
            enumValuesThenValueSymbols: type => {
                let scope = enumThenValueScopes.get(type);
                if (!scope) {
                    scope = enumValuesOf(type).withOuter(valueSymbols);
                    enumThenValueScopes.set(type, scope);
                }
                return scope;
            },
            stagePositions: new Map(resolved.stages.map((stage, index) => [stage, index]))
        };
    }
}
