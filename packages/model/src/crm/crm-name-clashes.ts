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

/**
 * Clashes among declarations given in text order; each later alias is reported once, against
 * the first declaration it clashes with. Linear in the number of names: for each CRM name it
 * keeps the first declaration of each kind and the first whose meaning differs from it, which
 * is all the first clash of a later declaration can be (thousands of stages of one name, as a
 * paste gone wrong makes, were compared pair by pair).
 */
export function crmNameClashes<Site>(names: Iterable<CrmName<Site>>): Array<CrmNameClash<Site>> {
    const groups = new Map<string, ClashGroup<Site>>();
    let position = 0;
    for (const name of names) {
        const key = normalizeName(name.text);
        if (key === '') continue;
        let group = groups.get(key);
        if (!group) {
            group = { names: {}, aliases: {}, reported: new Set(), clashes: [] };
            groups.set(key, group);
        }
        const later: Placed<Site> = { name, position: position++ };
        // An alias clashes with any earlier alias, or with a name of another meaning; a name with an alias of another meaning.
        const first = name.kind === 'alias'
            ? earliest(group.aliases.first, firstMeaningOtherThan(group.names, name.meaning))
            : firstMeaningOtherThan(group.aliases, name.meaning);
        if (first) {
            // The alias is the one reported, wherever it stands (an alias may come before the stage whose name it repeats).
            const alias = name.kind === 'alias' ? name : first.name;
            if (!group.reported.has(alias)) {
                group.reported.add(alias);
                group.clashes.push({ alias, first: alias === name ? first.name : name });
            }
        }
        const kind = name.kind === 'alias' ? group.aliases : group.names;
        if (!kind.first) kind.first = later;
        else if (!kind.otherMeaning && kind.first.name.meaning !== name.meaning) kind.otherMeaning = later;
    }
    return [...groups.values()].flatMap(group => group.clashes);
}

interface Placed<Site> {
    name: CrmName<Site>;
    position: number;
}

/** The first declarations of one kind (names, or aliases) of one CRM name. */
interface FirstOfKind<Site> {
    first?: Placed<Site>;
    /** The first whose meaning differs from the first's. */
    otherMeaning?: Placed<Site>;
}

interface ClashGroup<Site> {
    names: FirstOfKind<Site>;
    aliases: FirstOfKind<Site>;
    reported: Set<CrmName<Site>>;
    clashes: Array<CrmNameClash<Site>>;
}

/** The first declaration of this kind whose meaning is not `meaning`. */
function firstMeaningOtherThan<Site>(kind: FirstOfKind<Site>, meaning: string): Placed<Site> | undefined {
    return kind.first && kind.first.name.meaning !== meaning ? kind.first : kind.otherMeaning;
}

function earliest<Site>(a: Placed<Site> | undefined, b: Placed<Site> | undefined): Placed<Site> | undefined {
    return !a || (b && b.position < a.position) ? b : a;
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
