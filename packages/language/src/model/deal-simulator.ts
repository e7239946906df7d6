/**
 * Replays the deals written in `.playbook` files (their syntax trees, turned into the plain
 * model that @playbook/model's simulator replays), once per text: the validator (violations
 * as diagnostics) and the editor (a code lens per deal) share one result per deal, which
 * is recomputed only when the deal's text or what its replay reads of its playbook changed.
 */
import { AstUtils } from 'langium';
import { compilePlaybook, currentIsoDate, simulateDeal, type DealResult, type PlaybookModel, type ReplayOptions } from '@playbook/model';
import type * as ast from '../generated/ast.js';
import { hasSyntaxErrorsIn } from '../parser/syntax-errors.js';
import { dealToModel, playbookToModel, stageToModel } from './ast-to-model.js';
import { basesOf, resolvePlaybook, type ResolvedPlaybook } from '../scoping/playbook-variants.js';

export interface DealSimulation {
    result: DealResult;
    /** The AST node of each event of `result`, by the violations' `eventIndex`. */
    eventNodes: ast.Event[];
}

export class DealSimulator {
    private readonly cache = new WeakMap<ast.Deal, { playbook: ResolvedPlaybook; options: string; simulation: DealSimulation }>();
    private readonly computable = new WeakMap<PlaybookModel, boolean>();
    private asOf: string | undefined;

    /**
     * `check --as-of`, the editor's `playbook.simulation.asOf`: deals are judged as of this
     * date (`ReplayOptions.asOf`: later events have not happened yet, open deals' stays and
     * time limits run to it, and `today` in their pending rules is this date). Absent: each
     * deal is judged up to its last event, and `today` in its pending rules is the current date.
     */
    setAsOf(asOf: string | undefined): void {
        this.asOf = asOf;
    }

    get referenceDate(): { asOf: string } | { today: string } {
        return this.asOf !== undefined ? { asOf: this.asOf } : { today: currentIsoDate() };
    }

    /** The deal's replay, or `undefined` when its playbook is unknown, empty or does not parse. */
    simulate(deal: ast.Deal): DealSimulation | undefined {
        const playbookNode = deal.playbook?.ref;
        if (!playbookNode) return undefined;
        const resolved = resolvePlaybook(playbookNode);
        // A variant's stages are its base's too, and a base the parser only half understood is as bad as the playbook.
        const chain = [playbookNode, ...basesOf(resolved)];
        if (resolved.stages.length === 0 || chain.some(node => hasSyntaxErrorsIn(AstUtils.getDocument(node).parseResult, node))) {
            // Replaying against a playbook the parser only half understood would report
            // violations of rules the author did not write; the syntax errors come first.
            return undefined;
        }
        const options: ReplayOptions = this.referenceDate;
        const key = JSON.stringify(options);
        const cached = this.cache.get(deal);
        if (cached && cached.options === key && (cached.playbook === resolved || sameForReplay(cached.playbook, resolved))) {
            cached.playbook = resolved;
            return cached.simulation;
        }
        const { model, eventNodes } = dealToModel(deal);
        const playbook = playbookToModel(playbookNode);
        let computable = this.computable.get(playbook);
        if (computable === undefined) this.computable.set(playbook, computable = playbookNumbersFinite(playbook));
        if (!computable) {
            // A rule holding a number too large for a double (`number-range`) would be replayed
            // with Infinity and quoted so in the deal's messages: the number's own error comes
            // first, as syntax errors do. (A deal's own such value is described in words.)
            return undefined;
        }
        const simulation = { result: simulateDeal(compilePlaybook(playbook), model, options), eventNodes };
        this.cache.set(deal, { playbook: resolved, options: key, simulation });
        return simulation;
    }
}

/** Per member model (kept across keystrokes while the member is unchanged, see ast-to-model.ts): whether its numbers are finite. */
const finiteMembers = new WeakMap<object, boolean>();

/** `allNumbersFinite` of a playbook's model, asked once per member model. */
function playbookNumbersFinite(playbook: PlaybookModel): boolean {
    for (const [key, value] of Object.entries(playbook)) {
        if (key === 'stages' || key === 'fields' || key === 'terminations') {
            for (const member of value as object[]) {
                let finite = finiteMembers.get(member);
                if (finite === undefined) finiteMembers.set(member, finite = allNumbersFinite(member));
                if (!finite) return false;
            }
        } else if (!allNumbersFinite(value)) {
            return false;
        }
    }
    return true;
}

/** Whether every number in a plain model is one the simulator can compute with. */
function allNumbersFinite(value: unknown): boolean {
    if (typeof value === 'number') return Number.isFinite(value);
    if (value === null || typeof value !== 'object') return true;
    for (const item of Array.isArray(value) ? value : Object.values(value)) {
        if (!allNumbersFinite(item)) return false;
    }
    return true;
}

/**
 * Whether a deal replays the same against `after` as against `before`: an edit of the
 * playbook's title or version (typing into them gives a new playbook node each keystroke)
 * changes nothing the replay reads. The resolved playbook's members (a variant's include its
 * bases') are the same nodes (an edit inside one gives a new node), so their content is the
 * same; the references in them resolve the same, as the names they can resolve to are all
 * declared in those members. A stage may also be a new node whose model differs only in
 * what no replay reads: titles and owners (typing a stage's or a task's title).
 */
function sameForReplay(before: ResolvedPlaybook, after: ResolvedPlaybook): boolean {
    return before.playbook.name === after.playbook.name
        && before.forbidRegressions === after.forbidRegressions
        && before.forecast?.$refText === after.forecast?.$refText
        && before.stages.length === after.stages.length
        && before.stages.every((stage, i) => stage === after.stages[i] || sameStageForReplay(stage, after.stages[i]))
        && sameItems(before.fields, after.fields)
        && sameItems(before.terminations, after.terminations)
        && sameItems(before.outcomeAliases, after.outcomeAliases)
        && sameItems(before.activities, after.activities)
        && sameItems(before.cadences, after.cadences);
}

/** Whether two stages' models are the same but for titles and owners, which the replay never reads (nor the results it gives). */
function sameStageForReplay(before: ast.Stage, after: ast.Stage): boolean {
    return replayKeyOf(before) === replayKeyOf(after);
}

/** Per stage node, its model without titles and owners, as text: worked out once, not once per deal that compares it. */
const replayKeys = new WeakMap<ast.Stage, string>();

function replayKeyOf(stage: ast.Stage): string {
    let key = replayKeys.get(stage);
    if (key === undefined) replayKeys.set(stage, key = JSON.stringify(stageToModel(stage), withoutWording));
    return key;
}

function withoutWording(key: string, value: unknown): unknown {
    return key === 'title' || key === 'owner' ? undefined : value;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
    return a.length === b.length && a.every((item, i) => item === b[i]);
}
