/**
 * A playbook drafted from a CRM history (`playbook init --from`), as plain data: what was
 * decided (the stages in order, their CRM names, probabilities, limits, optional stages,
 * outcomes and reasons, the amount field) beside the figures it was decided from, so that the
 * rendered text can say in comments what it rests on. `draftToModel` gives the playbook the
 * replay reads; `renderDraft` (render-draft.ts) gives its `.playbook` text.
 */
import type { PlaybookModel } from '../model/playbook-model.js';

export interface DraftPlaybook {
    name: string;
    title: string;
    /** The export, as the user named it. */
    source: string;
    /** Deals read from the export (that the draft replays), and how they ended. */
    deals: number;
    won: number;
    terminated: number;
    open: number;
    /** Deals whose history starts after the draft's first stage (the export begins late for them). */
    lateStarts: number;
    /** `field <name>: money` and `forecast <name>`, when the export has amounts. */
    amountField?: { name: string; deals: number };
    stages: DraftStage[];
    /** CRM names that mean the deal is won (declared `won alias`), with how many deals ended so. */
    wonNames: string[];
    outcomes: DraftOutcome[];
    settings: DraftSettings;
}

export interface DraftSettings {
    /** A stage skipped by at least this share (0–1) of the deals that went past it is optional. */
    optionalShare: number;
    /** `within` is this percentile (1–100) of the days deals stayed in the stage. */
    withinPercentile: number;
}

export interface DraftStage {
    name: string;
    /** The names the export gives the stage (its aliases), the most used first. */
    crmNames: string[];
    optional: boolean;
    /** Declared probability: the observed win rate, raised where needed so that it never falls from stage to stage. */
    probability?: number;
    /** Won deals among `closed`, in percent (unrounded); absent when no deal that reached the stage has closed. */
    observedWinRate?: number;
    withinDays?: number;
    /** Deals that entered the stage. */
    reached: number;
    /** Deals that moved from a stage before it to one after it (or were won before it). */
    skipped: number;
    /** Deals that reached it and then were won or ended. */
    closed: number;
    /** Of those, won. */
    won: number;
    /** Completed stays (entered, then left): the days each took, sorted. */
    stayDays: number[];
    /** Deals that moved back into this stage from a later one. */
    regressions: number;
    tasks: DraftTask[];
}

export interface DraftTask {
    name: string;
    /** The name the export gives it, kept as the task's title when it differs from the name. */
    crmName: string;
    /** Deals that did it. */
    deals: number;
}

export interface DraftOutcome {
    /** The termination outcome, e.g. `Lost`. */
    name: string;
    /** CRM names that end a deal with it (declared `terminate <name> alias`); empty when the readers know the name already ("Lost"). */
    crmNames: string[];
    /** Deals that ended with it. */
    deals: number;
    /** Declared reasons, the most given first, with how many deals gave each. */
    reasons: Array<{ reason: string; deals: number }>;
    /** Deals that gave a reason not declared (beyond `MAX_REASONS`), and how many such reasons there are. */
    undeclared: { deals: number; reasons: number };
    /** Deals that ended with it and no reason. */
    withoutReason: number;
}

/** The reason declared for an outcome whose deals give none. */
export const NO_REASON = 'No reason recorded';

/** The playbook the draft declares, as the replay and the readers take it. */
export function draftToModel(draft: DraftPlaybook): PlaybookModel {
    const model: PlaybookModel = {
        name: draft.name,
        title: draft.title,
        forbidRegressions: false,
        fields: draft.amountField ? [{ name: draft.amountField.name, type: 'money' }] : [],
        stages: draft.stages.map(stage => ({
            name: stage.name,
            optional: stage.optional,
            ...(stage.probability !== undefined ? { probability: stage.probability } : {}),
            ...(stage.withinDays !== undefined ? { withinDays: stage.withinDays } : {}),
            aliases: [...stage.crmNames],
            tasks: stage.tasks.map(task => ({ name: task.name, ...(task.crmName !== task.name ? { title: task.crmName } : {}), required: false })),
            gates: []
        })),
        terminations: draft.outcomes.flatMap(outcome => (outcome.reasons.length > 0 ? outcome.reasons : [{ reason: NO_REASON }])
            .map(({ reason }) => ({ outcome: outcome.name, reason, from: [] }))),
        ...(draft.wonNames.length > 0 ? { wonAliases: [...draft.wonNames] } : {})
    };
    if (draft.amountField) model.forecastField = draft.amountField.name;
    const outcomeAliases = draft.outcomes.filter(o => o.crmNames.length > 0).map(o => ({ outcome: o.name, aliases: [...o.crmNames] }));
    if (outcomeAliases.length > 0) model.outcomeAliases = outcomeAliases;
    return model;
}
