/**
 * discoverPlaybook on small histories written here: which names end deals (by name, and only
 * when the data agrees), tasks from a task column, loss reasons, and the figures of each stage.
 */
import { describe, expect, it } from 'vitest';
import { discoverPlaybook, renderDraft, type DiscoverOptions } from '@playbook/model';

function csv(lines: string[]): () => AsyncIterable<string> {
    return async function* () {
        yield `${lines.join('\n')}\n`;
    };
}

async function draftOf(lines: string[], options: DiscoverOptions = {}) {
    const result = await discoverPlaybook(csv(lines), { file: 'deals.csv', format: 'csv', ...options });
    expect(result.failure).toBeUndefined();
    return result.draft!;
}

describe('discoverPlaybook', () => {
    it('a name that sounds like an end is one only when deals end there', async () => {
        const lines = ['deal,stage,date'];
        for (let d = 0; d < 10; d++) {
            // "Disqualified" always ends its deals; "Lost Deal Review" is a stage deals move on from.
            lines.push(`A${d},Lead,2026-01-01`, `A${d},Disqualified,2026-01-03`);
            lines.push(`B${d},Lead,2026-01-01`, `B${d},Lost Deal Review,2026-01-02`, `B${d},Offer,2026-01-05`, `B${d},Signed,2026-01-09`);
        }
        const draft = await draftOf(lines);
        expect(draft.stages.map(s => s.name)).toEqual(['Lead', 'LostDealReview', 'Offer']);
        expect(draft.wonNames).toEqual(['Signed']);
        expect(draft.outcomes.map(o => [o.name, o.crmNames, o.deals])).toEqual([['Lost', ['Disqualified'], 10]]);
        expect(draft.stages.map(s => [s.reached, s.closed, s.won, s.probability])).toEqual([[20, 20, 10, 50], [10, 10, 10, 100], [10, 10, 10, 100]]);
    });

    it('tasks of a task column are declared in the stage they are done in (a row\'s tasks before its stage change), never required', async () => {
        const lines = ['deal,stage,date,tasks'];
        for (let d = 0; d < 6; d++) lines.push(`D${d},Lead,2026-01-01,Call`, `D${d},Demo,2026-01-04,Send deck;Call`, `D${d},Won,2026-01-09,`);
        const draft = await draftOf(lines);
        expect(draft.stages.map(s => [s.name, s.tasks.map(t => [t.name, t.crmName, t.deals])])).toEqual([
            // The row that enters Demo records what was done to leave Lead, as the readers take it.
            ['Lead', [['Call', 'Call', 6], ['SendDeck', 'Send deck', 6]]],
            ['Demo', []]
        ]);
        expect(renderDraft(draft)).toMatch(/^\s+task SendDeck "Send deck"$/m);
    });

    it('loss reasons, the most given first; a deal without one is counted', async () => {
        const lines = ['deal,stage,date,lost_reason'];
        const reasons = ['Price', 'Price', 'price ', 'Timing', ''];
        reasons.forEach((reason, d) => lines.push(`D${d},Lead,2026-01-01,`, `D${d},Closed Lost,2026-01-04,${reason}`));
        const [lost] = (await draftOf(lines)).outcomes;
        expect(lost.reasons).toEqual([{ reason: 'Price', deals: 3 }, { reason: 'Timing', deals: 1 }]);
        expect([lost.deals, lost.withoutReason]).toEqual([5, 1]);
    });

    it('within: the 90th percentile of the completed stays, rounded up; optional past the share skipped', async () => {
        const lines = ['deal,stage,date'];
        for (let d = 0; d < 10; d++) {
            lines.push(`D${d},Lead,2026-01-01`);
            if (d < 3) lines.push(`D${d},Demo,2026-01-0${2 + d}`);
            lines.push(`D${d},Offer,2026-01-${String(11 + d).padStart(2, '0')}`);
        }
        const draft = await draftOf(lines);
        expect(draft.stages.map(s => [s.name, s.optional, s.skipped, s.withinDays])).toEqual([
            ['Lead', false, 0, 18], ['Demo', true, 7, undefined], ['Offer', false, 0, undefined]
        ]);
        const strict = await draftOf(lines, { optionalShare: 0.8 });
        expect(strict.stages[1].optional).toBe(false);
    });

    it('deals written as JSON Lines with their events give their stages and tasks too', async () => {
        const deals = [0, 1, 2].map(d => JSON.stringify({ name: `D${d}`, events: [
            { date: '2026-01-01', kind: 'enter', stage: 'Lead' },
            { date: '2026-01-02', kind: 'done', tasks: ['Call'] },
            { date: '2026-01-05', kind: 'enter', stage: 'Offer' },
            { date: '2026-01-09', kind: d === 0 ? 'won' : 'terminate', ...(d === 0 ? {} : { outcome: 'Lost', reason: 'Price' }) }
        ] }));
        const draft = await draftOf(deals, { format: 'jsonl', file: 'deals.jsonl' });
        expect(draft.stages.map(s => [s.name, s.tasks.map(t => t.name)])).toEqual([['Lead', ['Call']], ['Offer', []]]);
        expect(draft.outcomes.map(o => [o.name, o.reasons])).toEqual([['Lost', [{ reason: 'Price', deals: 2 }]]]);
    });

    it('an export of ends only gives no draft, and says why', async () => {
        const result = await discoverPlaybook(csv(['deal,stage,date', 'A,Won,2026-01-01']), { file: 'ends.csv', format: 'csv' });
        expect(result.draft).toBeUndefined();
        expect(result.failure).toMatch(/names no stage other than won and lost/);
    });
});

describe('discoverPlaybook names', () => {
    it('a stage is never named as another stage is called in the CRM', async () => {
        const lines = ['deal,stage,date'];
        for (let d = 0; d < 4; d++) lines.push(`D${d},NeedsAnalysis,2026-01-01`, `D${d},Needs Analysis,2026-01-03`, `D${d},needsanalysis2,2026-01-05`);
        const draft = await draftOf(lines);
        expect(draft.stages.map(s => [s.name, s.crmNames])).toEqual([
            ['NeedsAnalysis', ['NeedsAnalysis']],
            // Not NeedsAnalysis2: the CRM calls the next stage that (names compare ignoring case).
            ['NeedsAnalysis3', ['Needs Analysis']],
            ['Needsanalysis2', ['needsanalysis2']]
        ]);
    });
});
