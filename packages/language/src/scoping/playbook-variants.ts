/**
 * Variants: `playbook Jewellery variant of SevenStepSales { … }` is its base with the
 * variant's changes applied, and everything downstream (names, checks, the model, deals)
 * works on that resolved playbook. The rules, as a sales-ops author reads them:
 *
 * - The base's stages, fields, terminations, CRM names of the ends, activity kinds and
 *   cadence rules are inherited, in the base's order; the variant's title, version, `forbid regressions` and `forecast`
 *   replace the base's when given.
 * - `drop stage A, B`, `drop field x`, `drop terminate Lost ["reason"]` remove what the base
 *   declares (a stage goes with its tasks and gates).
 * - A stage, field or termination (outcome and reason) of the variant with a name of the
 *   base replaces the base's declaration whole, in its place. Whole, not merged: a stage's
 *   tasks and gate are one unit (the gate names the tasks), and what a variant's stage says
 *   is then all the stage is, readable in one place, instead of a sum spread over two files.
 *   An activity kind of a base's name is replaced the same way (its title). Cadence rules
 *   have no name to replace them by: the variant's are added to the base's.
 * - A new stage goes `after X` or `before X` when it says so; otherwise after the stage
 *   written before it in the variant, and at the end when none is.
 *
 * Resolution goes by names (the `$refText` of drops and anchors) and the base's reference
 * alone, so that the symbol tables, which linking itself needs, can be built from it
 * without linking anything but the base's name.
 */
import * as ast from '../generated/ast.js';
import type { Reference } from 'langium';

export interface VariantChanges {
    readonly droppedStages: readonly ast.Stage[];
    readonly droppedFields: readonly ast.Field[];
    readonly droppedTerminations: readonly ast.Terminate[];
    readonly addedStages: readonly ast.Stage[];
    /** The variant's stage and the base's it replaces. */
    readonly replacedStages: ReadonlyArray<readonly [ast.Stage, ast.Stage]>;
    readonly addedFields: readonly ast.Field[];
    readonly replacedFields: ReadonlyArray<readonly [ast.Field, ast.Field]>;
    readonly addedTerminations: readonly ast.Terminate[];
    readonly replacedTerminations: ReadonlyArray<readonly [ast.Terminate, ast.Terminate]>;
}

export interface ResolvedPlaybook {
    readonly playbook: ast.Playbook;
    /** The base, resolved: absent when the playbook is no variant, its base is not found, or the bases form a cycle. */
    readonly base?: ResolvedPlaybook;
    /** The playbooks of the cycle `variant of` leads around, starting with this one, when it does. */
    readonly cycle?: readonly ast.Playbook[];
    readonly title?: string;
    readonly version?: string;
    readonly forbidRegressions: boolean;
    readonly forecast?: Reference<ast.Field>;
    /** In the order a deal moves through them. */
    readonly stages: readonly ast.Stage[];
    readonly fields: readonly ast.Field[];
    readonly terminations: readonly ast.Terminate[];
    readonly outcomeAliases: readonly ast.OutcomeAlias[];
    readonly activities: readonly ast.Activity[];
    readonly cadences: readonly ast.Cadence[];
    /** What the variant does to its base (all empty for a playbook that is no variant). */
    readonly changes: VariantChanges;
}

const NO_CHANGES: VariantChanges = {
    droppedStages: [], droppedFields: [], droppedTerminations: [], addedStages: [], replacedStages: [],
    addedFields: [], replacedFields: [], addedTerminations: [], replacedTerminations: []
};

const cache = new WeakMap<ast.Playbook, ResolvedPlaybook>();

/**
 * The playbook as deals follow it. Kept per syntax tree and base: a new text of the playbook
 * or of any of its bases gives a new resolution, an unchanged chain the same object (so that
 * what is cached on it, symbol tables and models, is kept too).
 *
 * The chain of bases is walked once, from the playbook to its root, and resolved from the
 * root back: work linear in the chain's length, however long a chain a file declares.
 */
export function resolvePlaybook(playbook: ast.Playbook): ResolvedPlaybook {
    const { nodes, cycleStart } = basesChain(playbook);
    let resolved: ResolvedPlaybook | undefined;
    // Of a cycle, only the member the chain enters it by is needed: it resolves without a base.
    for (let i = Math.min(cycleStart, nodes.length - 1); i >= 0; i--) {
        const node = nodes[i];
        const cycle = i === cycleStart ? nodes.slice(cycleStart) : undefined;
        const base = cycle ? undefined : resolved;
        const cached = cache.get(node);
        if (cached && cached.base === base && sameCycle(cached.cycle, cycle)) {
            resolved = cached;
        } else {
            resolved = base ? applyVariant(node, base) : ownPlaybook(node, cycle);
            cache.set(node, resolved);
        }
    }
    return resolved!;
}

/**
 * The playbook and its bases, nearest first, as far as `variant of` leads; when it comes back
 * to one of them, the nodes from `cycleStart` on form the cycle (otherwise it is past the end).
 */
function basesChain(playbook: ast.Playbook): { nodes: ast.Playbook[]; cycleStart: number } {
    const nodes = [playbook];
    const seen = new Map<ast.Playbook, number>([[playbook, 0]]);
    for (let current = playbook.base?.ref; current; current = current.base?.ref) {
        const index = seen.get(current);
        if (index !== undefined) return { nodes, cycleStart: index };
        seen.set(current, nodes.length);
        nodes.push(current);
    }
    return { nodes, cycleStart: nodes.length };
}

/** Every playbook this one inherits from, nearest first (none for a cycle's member). */
export function basesOf(resolved: ResolvedPlaybook): ast.Playbook[] {
    const bases: ast.Playbook[] = [];
    for (let base = resolved.base; base; base = base.base) bases.push(base.playbook);
    return bases;
}

function sameCycle(a: readonly ast.Playbook[] | undefined, b: readonly ast.Playbook[] | undefined): boolean {
    if (!a || !b) return a === b;
    return a.length === b.length && a.every((node, i) => node === b[i]);
}

function ownPlaybook(playbook: ast.Playbook, cycle: ast.Playbook[] | undefined): ResolvedPlaybook {
    return {
        playbook,
        ...(cycle ? { cycle } : {}),
        title: playbook.titles[0],
        version: playbook.versions[0],
        forbidRegressions: playbook.forbidClauses.length > 0,
        forecast: playbook.forecasts[0],
        stages: playbook.stages,
        fields: playbook.fields,
        terminations: playbook.terminations,
        outcomeAliases: playbook.outcomeAliases,
        activities: playbook.activities,
        cadences: playbook.cadences,
        changes: NO_CHANGES
    };
}

function applyVariant(variant: ast.Playbook, base: ResolvedPlaybook): ResolvedPlaybook {
    const dropStages = new Set(variant.drops.filter(ast.isDropStages).flatMap(d => d.stages.map(r => r.$refText)));
    const dropFields = new Set(variant.drops.filter(ast.isDropFields).flatMap(d => d.fields.map(r => r.$refText)));
    const dropRules = variant.drops.filter(ast.isDropTerminations);
    const dropsRule = (rule: ast.Terminate): boolean =>
        dropRules.some(d => d.outcome?.$refText === rule.name && (d.reason === undefined || d.reason === rule.reason));

    const fields = replaceOrAdd(base.fields.filter(f => !dropFields.has(f.name)), variant.fields, f => f.name);
    const terminations = replaceOrAdd(base.terminations.filter(t => !dropsRule(t)), variant.terminations, t => `${t.name}\u0000${t.reason}`);
    const stages = placeStages(base.stages.filter(s => !dropStages.has(s.name)), variant.stages);
    const inheritedStageNames = new Set(base.stages.map(s => s.name));
    const replacingStages = new Set(stages.replaced.map(([own]) => own));
    const keptOutcomes = new Set(terminations.list.map(t => t.name));
    return {
        playbook: variant,
        base,
        title: variant.titles[0] ?? base.title,
        version: variant.versions[0] ?? base.version,
        forbidRegressions: variant.forbidClauses.length > 0 || base.forbidRegressions,
        forecast: variant.forecasts[0] ?? (base.forecast && !dropFields.has(base.forecast.$refText) ? base.forecast : undefined),
        stages: stages.list,
        fields: fields.list,
        terminations: terminations.list,
        // The base's names of an outcome the variant no longer has go with its rules.
        outcomeAliases: [
            ...base.outcomeAliases.filter(a => a.won || keptOutcomes.has(a.outcome?.$refText ?? '')),
            ...variant.outcomeAliases
        ],
        activities: replaceOrAdd(base.activities, variant.activities, a => a.name).list,
        cadences: [...base.cadences, ...variant.cadences],
        changes: {
            droppedStages: base.stages.filter(s => dropStages.has(s.name)),
            droppedFields: base.fields.filter(f => dropFields.has(f.name)),
            droppedTerminations: base.terminations.filter(dropsRule),
            addedStages: variant.stages.filter(s => !replacingStages.has(s) && s.name && !inheritedStageNames.has(s.name)),
            replacedStages: stages.replaced,
            addedFields: fields.added,
            replacedFields: fields.replaced,
            addedTerminations: terminations.added,
            replacedTerminations: terminations.replaced
        }
    };
}

function replaceOrAdd<T extends ast.Field | ast.Terminate | ast.Activity>(inherited: readonly T[], own: readonly T[], key: (node: T) => string):
    { list: T[]; added: T[]; replaced: Array<readonly [T, T]> } {
    const list = [...inherited];
    const positions = new Map(inherited.map((node, index) => [key(node), index]));
    const added: T[] = [];
    const replaced: Array<readonly [T, T]> = [];
    for (const node of own) {
        const index = positions.get(key(node));
        if (index !== undefined && list[index] === inherited[index]) {
            replaced.push([node, inherited[index]]);
            list[index] = node;
        } else {
            added.push(node);
            list.push(node);
        }
    }
    return { list, added, replaced };
}

/**
 * The inherited stages, the variant's replacing theirs in place and its new ones placed.
 * Linear in the number of stages (a file may add thousands, each after the one before it,
 * and looking them up in an array would make that quadratic).
 */
function placeStages(inherited: readonly ast.Stage[], own: readonly ast.Stage[]): { list: ast.Stage[]; replaced: Array<readonly [ast.Stage, ast.Stage]> } {
    const order = new StageOrder(inherited);
    // A stage replaces the first inherited one of its name not yet replaced.
    const replaceable = new Map<string, ast.Stage[]>();
    for (let i = inherited.length - 1; i >= 0; i--) {
        const name = inherited[i].name;
        if (!name) continue;
        const named = replaceable.get(name);
        if (named) named.push(inherited[i]);
        else replaceable.set(name, [inherited[i]]);
    }
    const replaced: Array<readonly [ast.Stage, ast.Stage]> = [];
    let previous: ast.Stage | undefined;
    for (const stage of own) {
        const base = stage.name ? replaceable.get(stage.name)?.pop() : undefined;
        if (base) {
            replaced.push([stage, base]);
            order.replace(base, stage);
            if (stage.placement) {
                order.remove(stage);
                placeAtAnchor(order, stage);
            }
        } else if (stage.placement) {
            placeAtAnchor(order, stage);
        } else if (previous) {
            order.insertAfter(previous, stage);
        } else {
            order.append(stage);
        }
        previous = stage;
    }
    return { list: order.toArray(), replaced };
}

/** At its anchor; at the end when the anchor is not (yet) a stage: the anchor's reference is reported unresolved. */
function placeAtAnchor(order: StageOrder, stage: ast.Stage): void {
    const anchor = order.firstNamed(stage.anchor?.$refText);
    if (!anchor) order.append(stage);
    else if (stage.placement === 'before') order.insertBefore(anchor, stage);
    else order.insertAfter(anchor, stage);
}

/** Stages in order as a doubly linked list, with the stages of each name. */
class StageOrder {
    private readonly next = new Map<ast.Stage, ast.Stage | undefined>();
    private readonly previous = new Map<ast.Stage, ast.Stage | undefined>();
    private readonly named = new Map<string, Set<ast.Stage>>();
    private head: ast.Stage | undefined;
    private tail: ast.Stage | undefined;

    constructor(stages: readonly ast.Stage[]) {
        for (const stage of stages) this.append(stage);
    }

    append(stage: ast.Stage): void {
        this.link(stage, this.tail, undefined);
    }

    insertAfter(anchor: ast.Stage, stage: ast.Stage): void {
        this.link(stage, anchor, this.next.get(anchor));
    }

    insertBefore(anchor: ast.Stage, stage: ast.Stage): void {
        this.link(stage, this.previous.get(anchor), anchor);
    }

    replace(old: ast.Stage, stage: ast.Stage): void {
        const before = this.previous.get(old);
        const after = this.next.get(old);
        this.remove(old);
        this.link(stage, before, after);
    }

    remove(stage: ast.Stage): void {
        const before = this.previous.get(stage);
        const after = this.next.get(stage);
        if (before) this.next.set(before, after); else this.head = after;
        if (after) this.previous.set(after, before); else this.tail = before;
        this.next.delete(stage);
        this.previous.delete(stage);
        if (stage.name) this.named.get(stage.name)?.delete(stage);
    }

    /** The first stage of the name in order. Only a file with duplicate names (an error) has to look for it. */
    firstNamed(name: string | undefined): ast.Stage | undefined {
        const candidates = name ? this.named.get(name) : undefined;
        if (!candidates || candidates.size === 0) return undefined;
        if (candidates.size === 1) return candidates.values().next().value;
        for (let stage = this.head; stage; stage = this.next.get(stage)) {
            if (candidates.has(stage)) return stage;
        }
        return undefined;
    }

    toArray(): ast.Stage[] {
        const list: ast.Stage[] = [];
        for (let stage = this.head; stage; stage = this.next.get(stage)) list.push(stage);
        return list;
    }

    private link(stage: ast.Stage, before: ast.Stage | undefined, after: ast.Stage | undefined): void {
        this.previous.set(stage, before);
        this.next.set(stage, after);
        if (before) this.next.set(before, stage); else this.head = stage;
        if (after) this.previous.set(after, stage); else this.tail = stage;
        if (!stage.name) return;
        const named = this.named.get(stage.name);
        if (named) named.add(stage);
        else this.named.set(stage.name, new Set([stage]));
    }
}
