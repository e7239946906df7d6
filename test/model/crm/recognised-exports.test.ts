/** Each CRM export Playbook recognises by its header, read with no options at all. */
import { describe, expect, it } from 'vitest';
import { compilePlaybook, simulateDeal, type CrmDeal } from '@playbook/model';
import { collect, eventLines, fixture, playbook } from './crm-test-helpers.js';

/** As `playbook simulate --deals` replays a CRM deal: from its first record, with what its export can show. */
const replay = (deal: CrmDeal) => simulateDeal(compilePlaybook(playbook), deal.deal, { start: 'first-record', evidence: deal.evidence });

describe('Salesforce OpportunityHistory', async () => {
    const { deals, errors } = await collect(fixture('salesforce-opportunity-history.csv'));

    it('groups unsorted rows by OpportunityId and orders them by CreatedDate', () => {
        expect(errors).toEqual([]);
        expect(deals.map(d => d.deal.name)).toEqual(['006A', '006B', '006C']);
        // The two Negotiation rows (an amount change) are one stage change; the second
        // Closed Won row is not a second win.
        expect(eventLines(deals[0])).toEqual(['2026-01-05 enter Lead', '2026-01-12 enter Qualify', '2026-01-20 enter Negotiation', '2026-02-02 won']);
        expect(eventLines(deals[1])).toEqual(['2026-01-06 enter Lead', '2026-01-14 terminate Lost']);
    });

    it('names the lines of each deal\'s rows, in file order, though they are not together', () => {
        expect(deals.map(d => [d.source.line, d.rows, d.lines])).toEqual([[2, 6, [2, 4, 5, 7, 8, 10]], [3, 2, [3, 6]], [9, 1, [9]]]);
    });

    it('takes the amount of the latest row', () => {
        expect(deals.map(d => d.amount)).toEqual([15500, 5000, undefined]);
    });

    it('replays them: won, lost with no reason made up (the export has no reason column), and a late start', () => {
        expect(replay(deals[0])).toMatchObject({ outcome: { kind: 'won' }, violations: [] });
        expect(replay(deals[1]).outcome).toMatchObject({ kind: 'terminated', outcome: 'Lost' });
        expect(replay(deals[1]).outcome).not.toHaveProperty('reason');
        // 006C's history starts in Qualification: a late start, counted apart, not a skip.
        expect(replay(deals[2])).toMatchObject({ violations: [], lateStart: { stage: 'Qualify', date: '2026-01-08', unseen: ['Lead'] } });
        const asSkip = simulateDeal(compilePlaybook(playbook), deals[2].deal, { start: 'first-record', lateStart: 'skip', evidence: deals[2].evidence });
        expect(asSkip.violations.map(v => [v.code, v.date])).toEqual([['stage-skip', '2026-01-08']]);
    });
});

describe('HubSpot', () => {
    it('deal stage history: Record ID, Deal Stage, US dates with times, amounts with thousands', async () => {
        const { deals, errors } = await collect(fixture('hubspot-stage-history.csv'));
        expect(errors).toEqual([]);
        expect(deals.map(d => [d.deal.name, d.deal.title, d.amount])).toEqual([['101', 'Acme, Inc. renewal', 1500], ['102', 'Globex', undefined]]);
        expect(eventLines(deals[0])).toEqual(['2026-01-03 enter Lead', '2026-01-10 enter Qualify', '2026-01-12 enter Negotiation', '2026-02-01 won']);
        expect(eventLines(deals[1])).toEqual(['2026-01-04 enter Lead', '2026-01-20 terminate Lost']);
    });

    it('deals export with "Date entered" columns: one row per deal, a blank entry date is a real skip', async () => {
        const { deals, errors } = await collect(fixture('hubspot-deals.csv'));
        expect(errors).toEqual([]);
        expect(eventLines(deals[0])).toEqual(['2026-01-02 enter Lead', '2026-01-09 enter Qualify', '2026-01-20 enter Negotiation']);
        expect(eventLines(deals[1])).toEqual(['2026-01-03 enter Lead', '2026-01-05 enter Qualify', '2026-01-15 enter Negotiation', '2026-02-01 won']);
        expect(replay(deals[1])).toMatchObject({ outcome: { kind: 'won' }, cycleDays: 29, violations: [] });
        // Hooli has no "Date entered Qualified To Buy": it skipped Qualify, and the replay says so.
        expect(eventLines(deals[2])).toEqual(['2026-01-04 enter Lead', '2026-01-10 enter Negotiation']);
        expect(replay(deals[2]).violations.map(v => v.code)).toEqual(['stage-skip']);
        expect(replay(deals[0]).outcome).toEqual({ kind: 'open', stage: 'Negotiation' });
    });
});

describe('Pipedrive', () => {
    it('deals export: created, last stage change, status with won and lost times, lost reason', async () => {
        const { deals, errors } = await collect(fixture('pipedrive-deals.csv'));
        expect(errors).toEqual([]);
        expect(deals.map(d => [d.deal.name, d.deal.title, d.amount])).toEqual([['1', 'Big deal', 25000], ['2', 'Small deal', 800], ['3', 'Open deal', 3000]]);
        // Pipedrive keeps no date per stage: nothing is made up for Qualify, which the export cannot show (not a skip).
        expect(eventLines(deals[0])).toEqual(['2026-01-02 enter Lead', '2026-01-20 enter Negotiation', '2026-02-03 won']);
        expect(deals[0].evidence.unobservedStages).toEqual(['Qualify', 'Demo', 'Negotiation']);
        expect(eventLines(deals[1])).toEqual(['2026-01-05 enter Lead', '2026-01-09 enter Qualify', '2026-01-25 terminate Lost "Competitor"']);
        expect(eventLines(deals[2])).toEqual(['2026-01-07 enter Lead', '2026-01-12 enter Qualify']);
        expect(deals.map(d => replay(d).violations)).toEqual([[], [], []]);
    });

    it('stage history: Deal - ID, Deal - Stage, Deal - Stage change time', async () => {
        const { deals, errors } = await collect(fixture('pipedrive-stage-history.csv'));
        expect(errors).toEqual([]);
        expect(eventLines(deals[0])).toEqual(['2026-01-02 enter Lead', '2026-01-08 enter Qualify', '2026-01-15 enter Negotiation']);
        expect(eventLines(deals[1])).toEqual(['2026-01-03 enter Lead']);
    });
});
