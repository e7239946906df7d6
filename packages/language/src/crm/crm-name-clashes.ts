/**
 * One CRM name, one meaning. A stage name, a stage's `alias`, a `won alias` and a
 * `terminate X alias` all say what a name in a CRM export means; the export is read by
 * comparing names as a CRM user means them (`normalizeName`: case, accents and spaces do
 * not count). An alias that compares equal to another alias, or to the name of another
 * stage or outcome, would silently mean only one of them: that is a clash. An alias equal to
 * its own stage's or outcome's name is harmless, and so are two names (a stage and an
 * outcome both called `Lost` are told apart by `enter` and `terminate`).
 *
 * Shared by `playbook check` (sites are syntax nodes) and `playbook import` (sites are
 * JSON paths), so that both refuse exactly the same playbooks.
 */
import type { PlaybookModel } from '../model/playbook-model.js';
import { normalizeName } from './normalize-name.js';

export interface CrmName<Site> {
    /** The name as written. */
    text: string;
    /** What it means: `stage:<name>`, `won` or `outcome:<name>`. */
    meaning: string;
    /** A declared name, or an alias. */
    kind: 'name' | 'alias';
    /** Where it is declared, for messages: `stage Negotiation`, `won`, `outcome Lost`. */
    owner: string;
    site: Site;
}

export interface CrmNameClash<Site> {
    /** The later declaration, the one reported. */
    alias: CrmName<Site>;
    /** The earlier declaration it clashes with. */
    first: CrmName<Site>;
}

/** Clashes among declarations given in text order; each later alias is reported once, against the first. */
export function crmNameClashes<Site>(names: Iterable<CrmName<Site>>): Array<CrmNameClash<Site>> {
    const all = [...names];
    const firstByKey = new Map<string, Array<CrmName<Site>>>();
    for (const name of all) {
        const key = normalizeName(name.text);
        if (key === '') continue;
        const list = firstByKey.get(key) ?? [];
        list.push(name);
        firstByKey.set(key, list);
    }
    const clashes: Array<CrmNameClash<Site>> = [];
    for (const list of firstByKey.values()) {
        const reported = new Set<CrmName<Site>>();
        for (let i = 1; i < list.length; i++) {
            const later = list[i];
            const first = list.slice(0, i).find(earlier => clash(earlier, later));
            if (!first) continue;
            // The alias is the one reported, wherever it stands (an alias may come before the stage whose name it repeats).
            const alias = later.kind === 'alias' ? later : first;
            if (reported.has(alias)) continue;
            reported.add(alias);
            clashes.push({ alias, first: alias === later ? first : later });
        }
    }
    return clashes;
}

function clash<Site>(a: CrmName<Site>, b: CrmName<Site>): boolean {
    if (a.kind === 'name' && b.kind === 'name') return false;
    if (a.kind === 'alias' && b.kind === 'alias') return true;
    return a.meaning !== b.meaning;
}

/** The message for a clash, in the words a sales-ops author uses. */
export function crmNameClashMessage<Site>(clash: CrmNameClash<Site>): string {
    const { alias, first } = clash;
    const written = sameText(alias, first) ? '' : ` (as "${first.text}")`;
    if (first.kind === 'alias' && first.meaning === alias.meaning) {
        return `"${alias.text}" is already ${first.meaning === 'won' ? 'a `won` alias' : `an alias of ${first.owner}`}${written}; declare it once.`;
    }
    const what = first.kind === 'name' ? `is the name of ${first.owner}` : first.meaning === 'won' ? 'already means won' : `is an alias of ${first.owner}`;
    return `"${alias.text}" ${what}${written}: a name in a CRM export means one thing only, not also ${alias.owner}.`;
}

function sameText<Site>(a: CrmName<Site>, b: CrmName<Site>): boolean {
    return a.text === b.text;
}

/** The CRM names of a playbook model, in the order its export lists them, with JSON paths (below `path`) as sites. */
export function crmNamesOfModel(playbook: PlaybookModel, path: string): Array<CrmName<string>> {
    const names: Array<CrmName<string>> = [];
    playbook.stages.forEach((stage, s) => {
        const owner = `stage ${stage.name}`;
        const meaning = `stage:${stage.name}`;
        names.push({ text: stage.name, meaning, kind: 'name', owner, site: `${path}/stages/${s}/name` });
        stage.aliases.forEach((alias, a) => names.push({ text: alias, meaning, kind: 'alias', owner, site: `${path}/stages/${s}/aliases/${a}` }));
    });
    const outcomes = new Set<string>();
    playbook.terminations.forEach((rule, r) => {
        if (outcomes.has(rule.outcome)) return;
        outcomes.add(rule.outcome);
        names.push({ text: rule.outcome, meaning: `outcome:${rule.outcome}`, kind: 'name', owner: `outcome ${rule.outcome}`, site: `${path}/terminations/${r}/outcome` });
    });
    (playbook.wonAliases ?? []).forEach((alias, a) => names.push({ text: alias, meaning: 'won', kind: 'alias', owner: 'won', site: `${path}/wonAliases/${a}` }));
    (playbook.outcomeAliases ?? []).forEach((entry, e) => {
        entry.aliases.forEach((alias, a) => names.push({
            text: alias, meaning: `outcome:${entry.outcome}`, kind: 'alias', owner: `outcome ${entry.outcome}`, site: `${path}/outcomeAliases/${e}/aliases/${a}`
        }));
    });
    return names;
}
