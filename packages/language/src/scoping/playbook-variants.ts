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
 */
export function resolvePlaybook(playbook: ast.Playbook): ResolvedPlaybook {
    const cycle = variantCycle(playbook);
    const baseNode = cycle ? undefined : playbook.base?.ref;
    const base = baseNode ? resolvePlaybook(baseNode) : undefined;
    const cached = cache.get(playbook);
    if (cached && cached.base === base && sameCycle(cached.cycle, cycle)) return cached;
    const resolved = base ? applyVariant(playbook, base) : ownPlaybook(playbook, cycle);
    cache.set(playbook, resolved);
    return resolved;
}

/** Whether the playbook's `variant of` comes back to it: the playbooks on the way, from it. */
export function variantCycle(playbook: ast.Playbook): ast.Playbook[] | undefined {
    const seen: ast.Playbook[] = [playbook];
    let current = playbook.base?.ref;
    while (current) {
        if (current === playbook) return seen;
        // A chain that runs into a cycle not through this playbook: its base is resolved without its own base.
        if (seen.includes(current)) return undefined;
        seen.push(current);
        current = current.base?.ref;
    }
    return undefined;
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
            addedStages: variant.stages.filter(s => !stages.replaced.some(([own]) => own === s) && s.name && !inheritedStageNames.has(s.name)),
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

function placeStages(inherited: readonly ast.Stage[], own: readonly ast.Stage[]): { list: ast.Stage[]; replaced: Array<readonly [ast.Stage, ast.Stage]> } {
    const list = [...inherited];
    const replaced: Array<readonly [ast.Stage, ast.Stage]> = [];
    let previous: ast.Stage | undefined;
    for (const stage of own) {
        const index = list.findIndex(s => s.name === stage.name && inherited.includes(s));
        if (index >= 0 && stage.name) {
            replaced.push([stage, list[index]]);
            list[index] = stage;
            if (stage.placement) move(list, stage);
        } else if (stage.placement) {
            insert(list, stage);
        } else {
            const after = previous ? list.indexOf(previous) : -1;
            if (after >= 0) list.splice(after + 1, 0, stage);
            else list.push(stage);
        }
        previous = stage;
    }
    return { list, replaced };
}

function move(list: ast.Stage[], stage: ast.Stage): void {
    list.splice(list.indexOf(stage), 1);
    insert(list, stage);
}

/** At its anchor; at the end when the anchor is not (yet) a stage: the anchor's reference is reported unresolved. */
function insert(list: ast.Stage[], stage: ast.Stage): void {
    const anchor = list.findIndex(s => s !== stage && s.name === stage.anchor?.$refText);
    if (anchor < 0) {
        list.push(stage);
    } else {
        list.splice(stage.placement === 'before' ? anchor : anchor + 1, 0, stage);
    }
}
