/**
 * What a CRM's stage name means in a playbook. Names compare as a CRM user means them
 * (case-, accent- and space-insensitive, see `normalizeName`). In this order:
 * 1. a stage's name (written exactly as declared first: stages `A` and `À` are two stages);
 * 2. a name the playbook declares for it: a stage's `alias`, a `won alias` (the deal is won)
 *    or a `terminate Lost alias` (the deal ends with that outcome); `playbook check` makes
 *    sure each of these means one thing only (`duplicate-alias`);
 * 3. a stage's title;
 * 4. a termination outcome the playbook declares (a CRM stage "Disqualified" ends the deal
 *    with the playbook's `Disqualified` outcome);
 * 5. the default for what the playbook does not declare, the CRM's own outcome words:
 *    "Won", "Closed Won" (and `closedwon`, `Closed-Won`) are a `won` event; "Lost",
 *    "Closed Lost" end the deal with the playbook's loss outcome: the first manual rule's
 *    outcome named "Lost" (any case), else the first rule's named "Lost", else the first
 *    manual rule's, else the first rule's. A playbook without any termination gets outcome
 *    "Lost", which the replay reports as undeclared. Pipedrive's status column (`won`,
 *    `lost`, `open`) is read the same way.
 * The loss reason a CRM gives is matched against the declared reasons of that outcome, then
 * of every manual rule (its outcome follows); an unmatched reason is kept as written, so the
 * replay reports it as an undeclared reason, which is what it is. No reason is none: the
 * deal ends "(no reason given)", never with a reason the data does not hold.
 */
import type { PlaybookModel, TerminationModel } from '../model/playbook-model.js';
import { headerKey, normalizeName } from './normalize-name.js';

export type StageMeaning =
    | { kind: 'stage'; stage: string; index: number }
    | { kind: 'won' }
    | { kind: 'terminate'; outcome: string }
    | { kind: 'open' };

const WON_WORDS = new Set(['won', 'closedwon', 'win', 'dealwon']);
const LOST_WORDS = new Set(['lost', 'closedlost', 'loss', 'deallost']);
const OPEN_WORDS = new Set(['open', 'inprogress', 'active']);

export class StageMapper {
    private readonly names = new Map<string, StageMeaning>();
    private readonly exactStageNames = new Map<string, StageMeaning>();
    private readonly cache = new Map<string, StageMeaning | undefined>();
    readonly lossOutcome: string;

    /**
     * @param seen counts every name `read` is given, by its text (see `ReadDealsOptions.stageNames`).
     */
    constructor(private readonly playbook: PlaybookModel, private readonly seen?: Map<string, number>) {
        const add = (name: string | undefined, meaning: StageMeaning): void => {
            const key = name === undefined ? '' : normalizeName(name);
            if (key !== '' && !this.names.has(key)) this.names.set(key, meaning);
        };
        const stages = playbook.stages.map((s, index): StageMeaning => ({ kind: 'stage', stage: s.name, index }));
        // Names first, then declared aliases, then titles, then outcomes: an earlier kind wins a clash.
        playbook.stages.forEach((s, i) => {
            if (!this.exactStageNames.has(s.name)) this.exactStageNames.set(s.name, stages[i]);
            add(s.name, stages[i]);
        });
        playbook.stages.forEach((s, i) => s.aliases.forEach(alias => add(alias, stages[i])));
        for (const alias of playbook.wonAliases ?? []) add(alias, { kind: 'won' });
        for (const entry of playbook.outcomeAliases ?? []) {
            for (const alias of entry.aliases) add(alias, { kind: 'terminate', outcome: entry.outcome });
        }
        playbook.stages.forEach((s, i) => add(s.title, stages[i]));
        for (const rule of playbook.terminations) add(rule.outcome, { kind: 'terminate', outcome: rule.outcome });
        this.lossOutcome = lossRule(playbook.terminations)?.outcome ?? 'Lost';
    }

    /**
     * A stage cell of a CRM export; `open` only for an outcome cell's "open". Exports repeat
     * a handful of stage names millions of times, so answers are remembered (a bounded
     * number of them, so a file of garbage cannot grow the cache without end).
     */
    map(crmName: string): StageMeaning | undefined {
        const cached = this.cache.get(crmName);
        if (cached !== undefined || this.cache.has(crmName)) return cached;
        const meaning = this.lookUp(crmName);
        if (this.cache.size < 10_000) this.cache.set(crmName, meaning);
        return meaning;
    }

    /** A stage or outcome cell of the data: `map`, and counted in `seen`. */
    read(crmName: string): StageMeaning | undefined {
        const seen = this.seen;
        if (seen) seen.set(crmName, (seen.get(crmName) ?? 0) + 1);
        return this.map(crmName);
    }

    private lookUp(crmName: string): StageMeaning | undefined {
        const declared = this.exactStageNames.get(crmName.trim()) ?? this.names.get(normalizeName(crmName));
        if (declared) return declared;
        const word = headerKey(crmName);
        if (WON_WORDS.has(word)) return { kind: 'won' };
        if (LOST_WORDS.has(word)) return { kind: 'terminate', outcome: this.lossOutcome };
        if (OPEN_WORDS.has(word)) return { kind: 'open' };
        return undefined;
    }

    /** The outcome and reason a CRM loss with this reason ends in. */
    terminationFor(outcome: string, crmReason: string | undefined): { outcome: string; reason?: string } {
        if (crmReason === undefined || crmReason.trim() === '') {
            return { outcome };
        }
        const key = normalizeName(crmReason);
        const manual = this.playbook.terminations.filter(rule => !rule.when);
        const rule = manual.find(r => r.outcome === outcome && normalizeName(r.reason) === key)
            ?? manual.find(r => normalizeName(r.reason) === key);
        return rule ? { outcome: rule.outcome, reason: rule.reason } : { outcome, reason: crmReason.trim() };
    }

    /** Names a user could have meant, for error messages. */
    describeKnown(): string {
        const named = (name: string, aliases: readonly string[] | undefined): string => (aliases?.length ? `${name} (${aliases.join(', ')})` : name);
        const names = this.playbook.stages.map(s => named(s.name, s.aliases));
        const ends = [
            ...(this.playbook.wonAliases ? [named('won', this.playbook.wonAliases)] : []),
            ...(this.playbook.outcomeAliases ?? []).map(entry => named(entry.outcome, entry.aliases))
        ];
        return `${[...names, ...ends].join(', ')}, or Won/Lost`;
    }
}

function lossRule(rules: readonly TerminationModel[]): TerminationModel | undefined {
    const isLost = (rule: TerminationModel): boolean => normalizeName(rule.outcome) === 'lost';
    return rules.find(r => isLost(r) && !r.when) ?? rules.find(isLost) ?? rules.find(r => !r.when) ?? rules[0];
}
