/**
 * Drafts a playbook from a CRM history (`playbook init --from`), reading the export with the
 * very readers and column options `simulate --deals` uses, in three passes:
 *
 * 1. with a playbook of no stages: every stage and task name the export uses comes back as an
 *    unknown name, which is how the readers report them (the CRM's own outcome words, "Won"
 *    and "Lost", they know already);
 * 2. with a stage per name (and a stage before them all, where a one-row-per-deal export's
 *    created date puts a deal): the directly-follows relation between stages, where deals
 *    start and from where they are won, which names end deals ("Disqualified", see
 *    end-names.ts), the loss reasons and the amounts. From these the stages' order is chosen
 *    (stage-order.ts) and named (crm-identifiers.ts);
 * 3. with the draft itself, exactly as `simulate --deals` will replay it: the figures of each
 *    stage (reached, skipped, won, days in stage), from which come its probability, its
 *    `within` limit and whether it is optional; and the input's problems, which a CLI reports
 *    as `simulate` does.
 *
 * The input is opened once per pass (`open`): a file is read three times, standard input
 * must be held by the caller.
 */
import { normalizeName } from '../crm/normalize-name.js';
import { InputProblems, type InputSummary } from '../crm/input-problems.js';
import { readDealBatches, type DealsInput } from '../crm/read-deals.js';
import type { CrmError, ReadDealsOptions } from '../crm/types.js';
import type { PlaybookModel, StageModel } from '../model/playbook-model.js';
import { NameAllocator } from './crm-identifiers.js';
import { draftToModel, type DraftOutcome, type DraftPlaybook, type DraftSettings, type DraftStage, type DraftTask } from './draft.js';
import { END_SHARE, endKindOfName, type EndKind } from './end-names.js';
import { HistoryFigures, nearestRank, nonDecreasing } from './history-figures.js';
import { dominantOrder } from './stage-order.js';

export interface DiscoverOptions extends ReadDealsOptions {
    /** The playbook's name (made a valid name if it is not one); default `Pipeline`. */
    name?: string;
    title?: string;
    optionalShare?: number;
    withinPercentile?: number;
}

export const DEFAULT_SETTINGS: DraftSettings = { optionalShare: 0.1, withinPercentile: 90 };
/** Reasons declared per outcome, the most given first; deals giving the others are reported as undeclared reasons. */
export const MAX_REASONS = 40;
/** A `within` limit needs this many completed stays. */
export const MIN_STAYS = 5;
/** Errors kept for the caller; the problems summary counts them all. */
const ERRORS_KEPT = 10_000;

export interface DiscoveryResult {
    /** Absent when the export gives no draft (see `failure`, `fatal`). */
    draft?: DraftPlaybook;
    /** The draft as the replay reads it. */
    model?: PlaybookModel;
    /** Bad rows and cells of the export as the draft reads it (the first `ERRORS_KEPT`). */
    errors: CrmError[];
    errorCount: number;
    input: InputSummary;
    /** The export could not be read to its end. */
    fatal?: CrmError;
    /** Why there is no draft, in a sentence, when the input was read but gives none. */
    failure?: string;
}

export type OpenDeals = () => DealsInput;

/** A name no CRM cell can give (cells are trimmed text): the provisional playbook's own. */
const SENTINEL = '\u0000start';
const PROVISIONAL = 'Draft';

interface NameGroup {
    /** The spellings met, with the rows of each. */
    spellings: Map<string, number>;
    rows: number;
}

export async function discoverPlaybook(open: OpenDeals, options: DiscoverOptions = {}): Promise<DiscoveryResult> {
    const settings: DraftSettings = {
        optionalShare: options.optionalShare ?? DEFAULT_SETTINGS.optionalShare,
        withinPercentile: options.withinPercentile ?? DEFAULT_SETTINGS.withinPercentile
    };
    const read: ReadDealsOptions = { ...options };
    delete (read as DiscoverOptions).name;
    delete (read as DiscoverOptions).title;
    delete (read as DiscoverOptions).optionalShare;
    delete (read as DiscoverOptions).withinPercentile;
    const file = options.file ?? '<input>';

    // Pass 1: the names.
    const names = await collectNames(open, read);
    if ('fatal' in names) return failed({ fatal: names.fatal });
    if (names.stages.length === 0) {
        return failed({ failure: `${file} names no stage other than won and lost: there is nothing to draft a pipeline from` });
    }

    // Pass 2: the flow between them.
    const flow = await collectFlow(open, read, names.stages, names.tasks);
    if ('fatal' in flow) return failed({ fatal: flow.fatal });
    const groups = names.stages.map((group, i) => ({ group, i, end: endOf(group, flow.dealsWith[i + 1], flow.lastIn[i + 1]) }));
    const stageGroups = groups.filter(g => g.end === undefined);
    if (stageGroups.length === 0) {
        return failed({ failure: `${file} names only ends of deals (${names.stages.map(displayName).join(', ')}): there is nothing to draft a pipeline from` });
    }
    const undatedMost = stageGroups.reduce((best, g, k) => (flow.undated[g.i + 1] > (best < 0 ? 0 : flow.undated[stageGroups[best].i + 1]) ? k : best), -1);
    const order = dominantOrder({
        ...(undatedMost >= 0 ? { first: undatedMost } : {}),
        moves: stageGroups.map(a => stageGroups.map(b => flow.moves[a.i + 1][b.i + 1])),
        starts: stageGroups.map(a => flow.starts[a.i + 1] + flow.undated[a.i + 1]),
        wins: stageGroups.map(a => flow.wonFrom[a.i + 1] + groups.filter(c => c.end === 'won').reduce((sum, c) => sum + flow.moves[a.i + 1][c.i + 1], 0))
    }).map(k => stageGroups[k]);

    const allocator = new NameAllocator();
    const playbookName = allocator.allocate(options.name ?? 'Pipeline', 'Pipeline');
    const hasLoss = flow.lossOutcomes > 0 || groups.some(g => g.end === 'lost');
    if (hasLoss) allocator.reserve('Lost');
    const amountName = flow.amounts > 0 ? allocator.allocate('amount', 'amount', { capitalize: false }) : undefined;
    // Every CRM name, by what it means: a stage named like another stage's CRM name would clash with it.
    const meaningOf = new Map<string, number>();
    groups.forEach(({ group, i }) => { for (const spelling of group.spellings.keys()) meaningOf.set(normalizeName(spelling), i); });
    const stages: DraftStage[] = order.map(({ group, i }) => ({
        name: allocator.allocate(displayName(group), 'Stage', { avoid: name => (meaningOf.get(normalizeName(name)) ?? i) !== i }),
        crmNames: spellingsByUse(group),
        optional: false, reached: 0, skipped: 0, closed: 0, won: 0, stayDays: [], regressions: 0, tasks: []
    }));
    const stageOfGroup = new Map(order.map(({ i }, k) => [i + 1, k]));
    names.tasks.forEach((group, t) => {
        const counts = flow.taskStages[t];
        // Done before any stage (or in the created-date stage): the first stage's.
        let best = 0;
        let bestCount = -1;
        counts.forEach((count, provisional) => {
            const k = stageOfGroup.get(provisional) ?? 0;
            if (count > bestCount) {
                best = k;
                bestCount = count;
            }
        });
        const crmName = displayName(group);
        const task: DraftTask = { name: allocator.allocate(crmName, 'Task'), crmName, deals: flow.taskDeals[t] };
        stages[best].tasks.push(task);
    });
    const outcomes: DraftOutcome[] = hasLoss ? [{
        name: 'Lost',
        crmNames: groups.filter(g => g.end === 'lost').flatMap(g => spellingsByUse(g.group)),
        deals: 0,
        reasons: flow.reasons.slice(0, MAX_REASONS).map(r => ({ reason: r.reason, deals: r.deals })),
        undeclared: { deals: flow.reasons.slice(MAX_REASONS).reduce((sum, r) => sum + r.deals, 0), reasons: Math.max(0, flow.reasons.length - MAX_REASONS) },
        withoutReason: 0
    }] : [];
    const draft: DraftPlaybook = {
        name: playbookName,
        title: options.title ?? `Drafted from ${baseName(file)}`,
        source: file,
        deals: 0, won: 0, terminated: 0, open: 0, lateStarts: 0,
        ...(amountName !== undefined ? { amountField: { name: amountName, deals: flow.amounts } } : {}),
        stages,
        wonNames: groups.filter(g => g.end === 'won').flatMap(g => spellingsByUse(g.group)),
        outcomes,
        settings
    };

    // Pass 3: the figures, read as `simulate --deals` reads the export with this draft.
    const model = draftToModel(draft);
    const figures = new HistoryFigures(stages.map(s => s.name));
    const problems = new InputProblems();
    const errors: CrmError[] = [];
    let errorCount = 0;
    const outcomeDeals = new Map<string, { deals: number; withoutReason: number }>();
    for await (const batch of readDealBatches(open(), model, read)) {
        for (const item of batch) {
            if ('error' in item) {
                if (item.error.fatal) return failed({ fatal: item.error });
                errorCount++;
                if (errors.length < ERRORS_KEPT) errors.push(item.error);
                problems.addError(item.error);
                continue;
            }
            problems.addDeal(item);
            figures.add(item.deal);
            const end = item.deal.events.find(e => e.kind === 'terminate');
            if (end?.kind === 'terminate') {
                const entry = outcomeDeals.get(end.outcome) ?? { deals: 0, withoutReason: 0 };
                entry.deals++;
                if (end.reason === undefined) entry.withoutReason++;
                outcomeDeals.set(end.outcome, entry);
            }
        }
    }
    const input = problems.summary();
    if (figures.deals === 0) {
        return { errors, errorCount, input, failure: errorCount > 0 ? `no deal of ${file} could be read` : `${file} has no deals` };
    }
    Object.assign(draft, { deals: figures.deals, won: figures.won, terminated: figures.terminated, open: figures.open, lateStarts: figures.lateStarts });
    for (const outcome of outcomes) Object.assign(outcome, outcomeDeals.get(outcome.name) ?? {});
    stages.forEach((stage, k) => Object.assign(stage, figures.stages[k]));
    decide(stages, settings);
    return { draft, model: draftToModel(draft), errors, errorCount, input };

    function failed(result: { fatal?: CrmError; failure?: string }): DiscoveryResult {
        return { ...result, errors: [], errorCount: 0, input: new InputProblems().summary() };
    }
}

/** Optional stages, probabilities and limits from the figures. */
function decide(stages: DraftStage[], settings: DraftSettings): void {
    for (const stage of stages) {
        stage.stayDays.sort((a, b) => a - b);
        const passed = stage.reached + stage.skipped;
        stage.optional = passed > 0 && stage.skipped / passed >= settings.optionalShare;
        if (stage.closed > 0) stage.observedWinRate = (100 * stage.won) / stage.closed;
        if (stage.stayDays.length >= MIN_STAYS) {
            stage.withinDays = Math.max(1, Math.ceil(nearestRank(stage.stayDays, settings.withinPercentile)!));
        }
    }
    // A deal that moves forward should not become less likely to win (probability-decreasing):
    // the closest non-decreasing rates, each stage weighted by its closed deals.
    const smoothed = nonDecreasing(stages.map(s => s.observedWinRate), stages.map(s => s.closed));
    stages.forEach((stage, k) => {
        const value = smoothed[k];
        if (value !== undefined) stage.probability = Math.min(100, Math.max(0, Math.round(value)));
    });
}

async function collectNames(open: OpenDeals, read: ReadDealsOptions): Promise<{ stages: NameGroup[]; tasks: NameGroup[] } | { fatal: CrmError }> {
    const probe: PlaybookModel = { name: PROVISIONAL, forbidRegressions: false, fields: [], stages: [], terminations: [] };
    const stages = new Map<string, NameGroup>();
    const tasks = new Map<string, NameGroup>();
    for await (const batch of readDealBatches(open(), probe, read)) {
        for (const item of batch) {
            if (!('error' in item)) continue;
            const { error } = item;
            if (error.fatal) return { fatal: error };
            const into = error.code === 'unknown-stage' ? stages : error.code === 'unknown-task' ? tasks : undefined;
            if (!into || error.subject === undefined) continue;
            const key = normalizeName(error.subject);
            if (key === '') continue;
            let group = into.get(key);
            if (!group) into.set(key, group = { spellings: new Map(), rows: 0 });
            group.rows++;
            const spelling = error.subject.trim();
            group.spellings.set(spelling, (group.spellings.get(spelling) ?? 0) + 1);
        }
    }
    return { stages: [...stages.values()], tasks: [...tasks.values()] };
}

interface Flow {
    /** Indexed by provisional stage: 0 the created-date stage, i + 1 the i-th name group. */
    moves: number[][];
    starts: number[];
    undated: number[];
    wonFrom: number[];
    dealsWith: number[];
    lastIn: number[];
    /** Per task group, per provisional stage: the deals that did it there. */
    taskStages: number[][];
    taskDeals: number[];
    amounts: number;
    lossOutcomes: number;
    /** Loss reasons, the most given first. */
    reasons: Array<{ reason: string; deals: number }>;
}

async function collectFlow(open: OpenDeals, read: ReadDealsOptions, groups: readonly NameGroup[], taskGroups: readonly NameGroup[]): Promise<Flow | { fatal: CrmError }> {
    const n = groups.length + 1;
    const stages: StageModel[] = [
        { name: SENTINEL, optional: false, aliases: [], gates: [], tasks: taskGroups.map((group, t) => ({ name: `\u0000task${t}`, title: displayName(group), required: false })) },
        ...groups.map((group, i) => ({ name: `\u0000stage${i}`, optional: false, aliases: [...group.spellings.keys()], tasks: [], gates: [] }))
    ];
    const provisional: PlaybookModel = {
        name: PROVISIONAL, forbidRegressions: false, fields: [], stages,
        terminations: [{ outcome: 'Lost', reason: '\u0000', from: [] }]
    };
    const index = new Map(stages.map((stage, i) => [stage.name, i]));
    const taskIndex = new Map(stages[0].tasks.map((task, t) => [task.name, t]));
    const zeros = (): number[] => new Array<number>(n).fill(0);
    const flow: Flow = {
        moves: Array.from({ length: n }, zeros), starts: zeros(), undated: zeros(), wonFrom: zeros(), dealsWith: zeros(), lastIn: zeros(),
        taskStages: taskGroups.map(zeros), taskDeals: taskGroups.map(() => 0), amounts: 0, lossOutcomes: 0, reasons: []
    };
    const reasons = new Map<string, Map<string, number>>();
    const seen = new Uint8Array(n);
    for await (const batch of readDealBatches(open(), provisional, read)) {
        for (const item of batch) {
            if ('error' in item) {
                if (item.error.fatal) return { fatal: item.error };
                // A one-row-per-deal export leaves the first stage undated: that is where deals start.
                const at = item.error.code === 'undated-stage' && item.error.subject !== undefined ? index.get(item.error.subject) : undefined;
                if (at !== undefined) flow.undated[at]++;
                continue;
            }
            if (item.amount !== undefined) flow.amounts++;
            seen.fill(0);
            const doneHere = new Set<number>();
            let current = -1;
            let first = -1;
            let last: 'stage' | 'end' | undefined;
            for (const event of item.deal.events) {
                if (event.kind === 'enter') {
                    const target = index.get(event.stage);
                    if (target === undefined) continue;
                    if (current >= 0 && current !== target) flow.moves[current][target]++;
                    if (first < 0 && target > 0) first = target;
                    current = target;
                    seen[target] = 1;
                    last = 'stage';
                } else if (event.kind === 'done') {
                    for (const task of event.tasks) {
                        const t = taskIndex.get(task);
                        if (t !== undefined && !doneHere.has(t)) {
                            doneHere.add(t);
                            flow.taskStages[t][Math.max(0, current)]++;
                            flow.taskDeals[t]++;
                        }
                    }
                } else if (event.kind === 'won') {
                    if (current > 0) flow.wonFrom[current]++;
                    last = 'end';
                } else if (event.kind === 'terminate') {
                    flow.lossOutcomes++;
                    last = 'end';
                    if (event.reason !== undefined) {
                        const key = normalizeName(event.reason);
                        let spellings = reasons.get(key);
                        if (!spellings) reasons.set(key, spellings = new Map());
                        spellings.set(event.reason, (spellings.get(event.reason) ?? 0) + 1);
                    }
                }
            }
            if (first > 0) flow.starts[first]++;
            for (let s = 0; s < n; s++) if (seen[s]) flow.dealsWith[s]++;
            if (last === 'stage' && current >= 0) flow.lastIn[current]++;
        }
    }
    flow.reasons = [...reasons.values()]
        .map(spellings => ({ reason: mostUsed(spellings), deals: [...spellings.values()].reduce((a, b) => a + b, 0) }))
        .sort((a, b) => b.deals - a.deals || a.reason.localeCompare(b.reason));
    return flow;
}

/** Whether a name group ends deals: its name says so and the data agrees (see end-names.ts). */
function endOf(group: NameGroup, dealsWith: number, lastIn: number): EndKind | undefined {
    const kind = endKindOfName(displayName(group));
    if (kind === undefined) return undefined;
    return dealsWith === 0 || lastIn / dealsWith >= END_SHARE ? kind : undefined;
}

function displayName(group: NameGroup): string {
    return mostUsed(group.spellings);
}

function mostUsed(spellings: ReadonlyMap<string, number>): string {
    let best = '';
    let count = -1;
    for (const [spelling, n] of spellings) {
        if (n > count) {
            best = spelling;
            count = n;
        }
    }
    return best;
}

function spellingsByUse(group: NameGroup): string[] {
    return [...group.spellings.entries()].sort((a, b) => b[1] - a[1]).map(([spelling]) => spelling);
}

function baseName(file: string): string {
    return file.split(/[\\/]/).pop() ?? file;
}
