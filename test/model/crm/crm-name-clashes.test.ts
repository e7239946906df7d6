/**
 * CRM name clashes: the same clashes, in the same order, as comparing every declaration with
 * every earlier one of its CRM name (the rule's definition), with work linear in the number
 * of names.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crmNameClashes, type CrmName } from '../../../packages/model/src/crm/crm-name-clashes.js';
import { normalizeName } from '@playbook/model';

/** The definition: each later declaration against every earlier one of its name, in order. */
function pairwise<Site>(names: Array<CrmName<Site>>): Array<{ alias: CrmName<Site>; first: CrmName<Site> }> {
    const byKey = new Map<string, Array<CrmName<Site>>>();
    for (const name of names) {
        const key = normalizeName(name.text);
        if (key !== '') byKey.set(key, [...(byKey.get(key) ?? []), name]);
    }
    const clash = (a: CrmName<Site>, b: CrmName<Site>): boolean =>
        a.kind === 'alias' && b.kind === 'alias' || a.kind !== b.kind && a.meaning !== b.meaning;
    const clashes: Array<{ alias: CrmName<Site>; first: CrmName<Site> }> = [];
    for (const list of byKey.values()) {
        const reported = new Set<CrmName<Site>>();
        list.forEach((later, i) => {
            const first = list.slice(0, i).find(earlier => clash(earlier, later));
            if (!first) return;
            const alias = later.kind === 'alias' ? later : first;
            if (reported.has(alias)) return;
            reported.add(alias);
            clashes.push({ alias, first: alias === later ? first : later });
        });
    }
    return clashes;
}

const nameArbitrary = fc.record({
    text: fc.constantFrom('Lost', 'lost', 'LÓST', 'Won', 'Closed Won', 'closed  won', 'Proposal', ''),
    meaning: fc.constantFrom('stage:Proposal', 'stage:Lost', 'won', 'outcome:Lost'),
    kind: fc.constantFrom<'name' | 'alias'>('name', 'alias')
});

describe('crmNameClashes', () => {
    it('finds what comparing every pair finds, in the same order', () => {
        fc.assert(fc.property(fc.array(nameArbitrary, { maxLength: 30 }), records => {
            const names: Array<CrmName<number>> = records.map((r, i) => ({ ...r, owner: r.meaning, site: i }));
            expect(crmNameClashes(names)).toEqual(pairwise(names));
        }), { seed: 16, numRuns: 2000 });
    });

    it('looks at each declaration a bounded number of times, however many share a name', () => {
        // 3,000 stages named S (a paste gone wrong; duplicate-name reports them), then an alias S of another stage.
        let reads = 0;
        const declaration = (i: number, kind: 'name' | 'alias', meaning: string): CrmName<number> => Object.defineProperties(
            { text: 'S', owner: meaning, site: i }, {
                kind: { get: () => { reads++; return kind; } },
                meaning: { get: () => { reads++; return meaning; } }
            }) as unknown as CrmName<number>;
        const names = [...Array.from({ length: 3000 }, (_, i) => declaration(i, 'name', 'stage:S')), declaration(3000, 'alias', 'stage:T')];
        expect(crmNameClashes(names).map(c => c.alias.site)).toEqual([3000]);
        expect(reads).toBeLessThan(10 * names.length);
    });
});
