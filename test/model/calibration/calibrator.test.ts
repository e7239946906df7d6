/**
 * The calibration of small hand-written histories, read by the CRM reader as `simulate` reads
 * them: each figure checked against what the rows plainly say.
 */
import { calibrateDeals, type Calibration, type CalibrateDealsOptions, type PlaybookModel, type StageModel } from '@playbook/model';
import { describe, expect, it } from 'vitest';

function stage(name: string, extra: Partial<StageModel> = {}): StageModel {
    return { name, optional: false, aliases: [], tasks: [], gates: [], ...extra };
}

const pipeline: PlaybookModel = {
    name: 'Pipeline', forbidRegressions: false, fields: [],
    stages: [
        stage('Lead', { aliases: ['Prospecting', 'Qualification'], probability: 10 }),
        stage('Demo', { probability: 30, withinDays: 10 }),
        stage('Negotiation', { probability: 60 })
    ],
    terminations: [{ outcome: 'Lost', reason: 'No deal', from: [] }],
    wonAliases: ['Closed Won', 'Booked']
};

async function calibrate(rows: string[], options: CalibrateDealsOptions = {}, playbook = pipeline): Promise<Calibration> {
    async function* input(): AsyncGenerator<string> { yield `deal,stage,date\n${rows.join('\n')}\n`; }
    const result = await calibrateDeals(input(), playbook, { file: 'h.csv', format: 'csv', ...options });
    expect(result.calibration, JSON.stringify(result.input.problems)).not.toBeNull();
    return result.calibration!;
}

/** n deals through Lead → Demo → Negotiation → won or lost, Demo stays of the given days. */
function through(prefix: string, n: number, end: (i: number) => string, demoDays = 5): string[] {
    return Array.from({ length: n }, (_, i) => [
        `${prefix}${i},Prospecting,2026-01-01`, `${prefix}${i},Demo,2026-01-02`,
        `${prefix}${i},Negotiation,2026-01-${String(2 + demoDays).padStart(2, '0')}`, `${prefix}${i},${end(i)},2026-01-20`
    ]).flat();
}

describe('calibrating a hand-written history', () => {
    it('names the CRM names that mean nothing, with their counts, and the aliases no row uses', async () => {
        const calibration = await calibrate([
            ...through('A', 3, () => 'Closed Won'),
            'B1,Prospecting,2026-01-01', 'B1,Negotiation Review,2026-01-05',
            'B2,Prospecting,2026-01-01', 'B2,Negotiation Review,2026-01-05',
            'B3,Perception Analysis,2026-01-01'
        ]);
        expect(calibration.stageNames.unmatched).toEqual([{ name: 'Negotiation Review', count: 2 }, { name: 'Perception Analysis', count: 1 }]);
        expect(calibration.stageNames.aliasesNeverSeen).toEqual([
            { alias: 'Qualification', of: { kind: 'stage', stage: 'Lead' } },
            { alias: 'Booked', of: { kind: 'won' } }
        ]);
        expect(calibration.stageNames.seen.find(n => n.name === 'Prospecting')).toEqual({ name: 'Prospecting', count: 5, means: { kind: 'stage', stage: 'Lead' } });
        // A deal with a name that means nothing is skipped, as simulate skips it.
        expect(calibration.deals.total).toBe(3);
        // "Negotiation Review" is like stage Negotiation's name; "Perception Analysis" is like no stage: listed, not guessed.
        expect(calibration.suggestions.filter(s => s.kind === 'add-alias')).toEqual([
            { kind: 'add-alias', stage: 'Negotiation', alias: 'Negotiation Review', evidence: { count: 2, basis: 'similar-name', similarTo: 'Negotiation' } }
        ]);
    });

    it('suggests making a stage optional when significantly more than one deal in ten that passes it skips it', async () => {
        const skipping = Array.from({ length: 8 }, (_, i) => [`S${i},Prospecting,2026-01-01`, `S${i},Negotiation,2026-01-03`, `S${i},Closed Won,2026-01-09`]).flat();
        const calibration = await calibrate([...through('T', 2, () => 'Closed Won'), ...skipping]);
        const demo = calibration.stages[1];
        expect(demo.skips.skipped).toMatchObject({ count: 8, of: 10, share: 0.8 });
        expect(calibration.suggestions.filter(s => s.kind === 'make-optional')).toEqual([{ kind: 'make-optional', stage: 'Demo', evidence: demo.skips.skipped }]);
        // Each skip is a move the playbook does not allow: 8 of the 8·2 + 2·3 transitions.
        expect(calibration.conformance.transitions).toMatchObject({ count: 14, of: 22 });
        expect(calibration.conformance.deals).toMatchObject({ count: 2, of: 10 });
    });

    it('does not suggest it for a stage skipped by one deal in ten or fewer', async () => {
        const calibration = await calibrate([...through('T', 30, () => 'Closed Won'), 'S,Prospecting,2026-01-01', 'S,Negotiation,2026-01-03', 'S,Closed Won,2026-01-09']);
        expect(calibration.stages[1].skips.skipped).toMatchObject({ count: 1, of: 31 });
        expect(calibration.suggestions.filter(s => s.kind === 'make-optional')).toEqual([]);
    });

    it('leaves open deals out of the win rate, and their current stays out of the percentiles', async () => {
        const calibration = await calibrate([
            ...through('W', 2, () => 'Closed Won'), ...through('L', 2, () => 'Closed Lost'),
            'O1,Prospecting,2026-01-01', 'O1,Demo,2026-01-02'
        ]);
        const demo = calibration.stages[1];
        expect(demo.probability).toMatchObject({ observed: { count: 2, of: 4, share: 0.5 }, open: 1 });
        expect(demo.time).toMatchObject({ stays: 4, openStays: 1, median: 5, p90: 5 });
    });

    it('judges as of --as-of: what happens after it has not happened yet', async () => {
        const rows = [...through('W', 3, () => 'Closed Won', 12)];
        const later = await calibrate(rows, { asOf: '2026-01-10' });
        expect(later.asOf).toBe('2026-01-10');
        expect(later.deals).toMatchObject({ won: 0, open: 3 });
        // Demo entered on the 2nd and not left by the 10th: no completed stay yet.
        expect(later.stages[1].time).toMatchObject({ stays: 0, openStays: 3, median: null });
        const all = await calibrate(rows);
        expect(all.asOf).toBe('2026-01-20');
        expect(all.stages[1].time).toMatchObject({ stays: 3, median: 12, withinShare: { count: 0, of: 3 } });
    });

    it('counts a late start apart, never as a skip; --late-start skip makes it a violation of the deal, not of a transition', async () => {
        const rows = ['L1,Demo,2026-01-01', 'L1,Negotiation,2026-01-03', 'L1,Closed Won,2026-01-05'];
        const allowed = await calibrate(rows);
        expect(allowed.deals.lateStarts).toBe(1);
        expect(allowed.stages[0].skips).toMatchObject({ skipped: { count: 0, of: 0 }, startedLater: 1 });
        expect(allowed.conformance.deals).toMatchObject({ count: 1, of: 1 });
        const skip = await calibrate(rows, { lateStart: 'skip' });
        expect(skip.conformance.deals).toMatchObject({ count: 0, of: 1 });
        expect(skip.conformance.transitions).toMatchObject({ count: 2, of: 2 });
    });

    it('suggests a probability where none is declared only from 30 closed deals or more', async () => {
        const undeclared: PlaybookModel = { ...pipeline, stages: pipeline.stages.map(s => ({ ...s, probability: undefined })) };
        const few = await calibrate(through('W', 29, i => (i % 2 ? 'Closed Won' : 'Closed Lost')), {}, undeclared);
        expect(few.suggestions.filter(s => s.kind === 'set-probability')).toEqual([]);
        const enough = await calibrate(through('W', 30, i => (i % 2 ? 'Closed Won' : 'Closed Lost')), {}, undeclared);
        expect(enough.suggestions.filter(s => s.kind === 'set-probability').map(s => [s.stage, s.from, s.to])).toEqual([
            ['Lead', null, 50], ['Demo', null, 50], ['Negotiation', null, 50]
        ]);
    });

    it('counts moves back per stage, from and to', async () => {
        const calibration = await calibrate(['R,Prospecting,2026-01-01', 'R,Negotiation,2026-01-02', 'R,Demo,2026-01-03', 'R,Negotiation,2026-01-04', 'R,Closed Won,2026-01-05']);
        expect(calibration.stages.map(s => [s.stage, s.regressions.from, s.regressions.to])).toEqual([['Lead', 0, 0], ['Demo', 0, 1], ['Negotiation', 1, 0]]);
    });
});

describe('suggested probabilities never fall from stage to stage when the data allows', () => {
    const twoStages: PlaybookModel = {
        name: 'Two', forbidRegressions: false, fields: [], terminations: [{ outcome: 'Lost', reason: 'No deal', from: [] }],
        stages: [stage('Talk', { probability: 10 }), stage('Sign', { probability: 10 })]
    };
    /** n deals through Talk and Sign, `won` of them won; and `wonInTalk` more that claim the win in Talk (reaching Talk only). */
    function rows(n: number, won: number, wonInTalk: number): string[] {
        const through = Array.from({ length: n }, (_, i) => [`D${i},Talk,2026-01-01`, `D${i},Sign,2026-01-02`, `D${i},${i < won ? 'Won' : 'Lost'},2026-01-03`]).flat();
        const early = Array.from({ length: wonInTalk }, (_, i) => [`E${i},Talk,2026-01-01`, `E${i},Won,2026-01-02`]).flat();
        return [...through, ...early];
    }

    it('suggests for the later stage the earlier one\'s probability when its interval reaches it', async () => {
        // Talk: 60 + 5 won of 105 = 61.9% → 62; Sign: 60 of 100 = 60% → 60, whose interval (50%–69%) reaches 62.
        const calibration = await calibrate(rows(100, 60, 5), {}, twoStages);
        expect(calibration.suggestions.filter(s => s.kind === 'set-probability').map(s => [s.stage, s.to])).toEqual([['Talk', 62], ['Sign', 62]]);
    });

    it('leaves the rounded rate when the interval does not reach it (the write then says why it cannot)', async () => {
        // Talk: 1,000 + 800 won of 2,000 = 90%; Sign: 1,000 of 1,200 = 83%, interval 81%–85%.
        const calibration = await calibrate(rows(1200, 1000, 800), {}, twoStages);
        expect(calibration.suggestions.filter(s => s.kind === 'set-probability').map(s => [s.stage, s.to])).toEqual([['Talk', 90], ['Sign', 83]]);
    });
});
