/**
 * What a CRM's stage name means in a playbook. In this order:
 * 1. a stage, by its name, then its aliases, then its title (case-, accent- and
 *    space-insensitive, see `normalizeName`);
 * 2. a termination outcome the playbook declares (a CRM stage "Disqualified" ends the deal
 *    by the playbook's `Disqualified` rule);
 * 3. the CRM's outcome words: "Won", "Closed Won" (and `closedwon`, `Closed-Won`) are a
 *    `won` event; "Lost", "Closed Lost" are a termination by the playbook's loss rule:
 *    the first manual rule whose outcome is named "Lost" (any case), else the first rule
 *    named "Lost", else the first manual rule, else the first rule. A playbook without any
 *    termination gets outcome "Lost", which the replay reports as undeclared.
 * The loss reason a CRM gives is matched against the declared reasons of that outcome, then
 * of every manual rule (its outcome follows); an unmatched reason is kept as written, so the
 * replay reports it as an undeclared reason, which is what it is.
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
    private readonly stages = new Map<string, { stage: string; index: number }>();
    private readonly outcomes = new Map<string, string>();
    private readonly cache = new Map<string, StageMeaning | undefined>();
    readonly lossOutcome: string;

    constructor(private readonly playbook: PlaybookModel) {
        const add = (name: string | undefined, stage: string, index: number): void => {
            const key = name === undefined ? '' : normalizeName(name);
            if (key !== '' && !this.stages.has(key)) this.stages.set(key, { stage, index });
        };
        // Names first, then aliases, then titles: a name always wins a clash.
        playbook.stages.forEach((s, i) => add(s.name, s.name, i));
        playbook.stages.forEach((s, i) => s.aliases.forEach(alias => add(alias, s.name, i)));
        playbook.stages.forEach((s, i) => add(s.title, s.name, i));
        for (const rule of playbook.terminations) {
            const key = normalizeName(rule.outcome);
            if (!this.outcomes.has(key)) this.outcomes.set(key, rule.outcome);
        }
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

    private lookUp(crmName: string): StageMeaning | undefined {
        const stage = this.stages.get(normalizeName(crmName));
        if (stage) {
            return { kind: 'stage', ...stage };
        }
        const outcome = this.outcomes.get(normalizeName(crmName));
        if (outcome !== undefined) {
            return { kind: 'terminate', outcome };
        }
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
        const names = this.playbook.stages.map(s => s.aliases.length > 0 ? `${s.name} (${s.aliases.join(', ')})` : s.name);
        return `${names.join(', ')}, or Won/Lost`;
    }
}

function lossRule(rules: readonly TerminationModel[]): TerminationModel | undefined {
    const isLost = (rule: TerminationModel): boolean => normalizeName(rule.outcome) === 'lost';
    return rules.find(r => isLost(r) && !r.when) ?? rules.find(isLost) ?? rules.find(r => !r.when) ?? rules[0];
}
