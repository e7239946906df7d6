/**
 * Property: for any process of 3 to 7 stages (CRM names in several scripts, optional stages
 * skipped 30–70% of the time, a little noise and some moves back), a history sampled from it
 * drafts that process's stage order, names, CRM names and optional stages.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discoverPlaybook, suggestName } from '@playbook/model';
import { generateHistory, type KnownProcess } from '../../support/sampled-history.js';

const CRM_NAMES = ['Prospecting', 'Qualifizierung', 'Négociation', '陌生期', '意向期', 'Needs Analysis', 'Proposal/Price Quote',
    'Demo', 'Contract Sent', '商务谈判', 'Id. Decision Makers', 'Value Proposition', 'Переговоры'];

const processes = fc.record({
    names: fc.shuffledSubarray(CRM_NAMES, { minLength: 3, maxLength: 7 }),
    optional: fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
    skip: fc.array(fc.double({ min: 0.3, max: 0.7, noNaN: true }), { minLength: 7, maxLength: 7 }),
    loss: fc.array(fc.double({ min: 0.02, max: 0.15, noNaN: true }), { minLength: 7, maxLength: 7 }),
    seed: fc.integer({ min: 0, max: 0xffff })
}).map(({ names, optional, skip, loss, seed }): { process: KnownProcess; seed: number } => ({
    seed,
    process: {
        name: 'P',
        // The first stage is where every sampled deal starts: never optional.
        stages: names.map((crmName, i) => ({
            name: suggestName(crmName), crmName, optional: i > 0 && optional[i], skip: skip[i], loss: loss[i], days: [1, 10 + 3 * i] as [number, number]
        })),
        wonName: 'Closed Won',
        lostName: 'Closed Lost',
        reasons: ['Price', 'Timing'],
        noise: 0.01,
        regression: 0.03
    }
}));

describe('a history sampled from a known process', () => {
    it('drafts its stages in order, with its names, CRM names and optional stages', async () => {
        await fc.assert(fc.asyncProperty(processes, async ({ process, seed }) => {
            const { csv } = generateHistory(process, { deals: 800, seed });
            const result = await discoverPlaybook(async function* () { yield csv; }, { file: 'history.csv', format: 'csv' });
            expect(result.draft!.stages.map(s => [s.name, s.crmNames, s.optional]))
                .toEqual(process.stages.map(s => [s.name, [s.crmName], s.optional === true]));
        }), { numRuns: 25 });
    });
});
