/**
 * The calibration recovers a process it did not see: histories sampled from known
 * stage-to-stage chances and stay durations (test/support/ground-truth-history.ts) give win
 * rates whose 95% intervals hold the true chances, and stay percentiles equal to those of the
 * sampled durations, computed here by sorting them.
 */
import { ast, parsePlaybook, playbookToModel } from '@playbook/language';
import { calibrateDeals, type Calibration, type PlaybookModel } from '@playbook/model';
import { beforeAll, describe, expect, it } from 'vitest';
import { testServices } from '../../helpers.js';
import { DEFAULT_PROCESS, generateHistory, groundTruthPlaybook, STAGES, winProbabilities, type GroundTruth, type Stage } from '../../support/ground-truth-history.js';

const truthWin = winProbabilities(DEFAULT_PROCESS);
const declared = {
    // Lead, Demo and Negotiation right (rounded), Qualify and Proposal far off.
    probability: { Lead: Math.round(truthWin.Lead * 100), Qualify: 40, Demo: Math.round(truthWin.Demo * 100), Proposal: 60, Negotiation: Math.round(truthWin.Negotiation * 100) },
    // Proposal's stays are 5..60 days: 30 is far too short; Lead's 1..30: 27 is right for 90%.
    within: { Lead: 27, Proposal: 30, Negotiation: 60 }
};

export function knownPlaybook(): PlaybookModel {
    const parsed = parsePlaybook(testServices(), groundTruthPlaybook(declared));
    expect(parsed.parserErrors).toEqual([]);
    return playbookToModel((parsed.value as ast.Document).elements.find(ast.isPlaybook)!);
}

async function calibrate(truth: GroundTruth, playbook: PlaybookModel): Promise<Calibration> {
    async function* chunks(): AsyncGenerator<string> { yield truth.csv; }
    const result = await calibrateDeals(chunks(), playbook, { file: 'history.csv', format: 'csv' });
    expect(result.input.problems).toEqual([]);
    return result.calibration!;
}

/** The ⌈p·n⌉-th smallest, computed with integers only. */
function nearestRank(values: readonly number[], percent: number): number | null {
    if (values.length === 0) return null;
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.ceil((percent * sorted.length) / 100) - 1];
}

describe('a sampled history of 6,000 deals with a known process (seed 20261130)', () => {
    let truth: GroundTruth;
    let calibration: Calibration;
    const stage = (name: Stage) => calibration.stages.find(s => s.stage === name)!;
    beforeAll(async () => {
        truth = generateHistory(20261130, 6000);
        calibration = await calibrate(truth, knownPlaybook());
    });

    it('counts the deals as the sample made them: won, lost, open, late starts', () => {
        expect(calibration.deals).toEqual({ total: 6000, won: truth.won, terminated: truth.lost, open: truth.open, lateStarts: truth.lateStarts });
        expect(calibration.asOf).toBe(truth.exportDate);
    });

    it.each(STAGES)('%s: the 95% interval of the observed win rate holds the true chance to win', name => {
        const { observed } = stage(name).probability;
        expect(observed.count).toBe(truth.stages[name].won);
        expect(observed.of).toBe(truth.stages[name].closed);
        expect(observed.low!).toBeLessThanOrEqual(truthWin[name]);
        expect(observed.high!).toBeGreaterThanOrEqual(truthWin[name]);
    });

    it('finds the declared probabilities that are off, and only those', () => {
        expect(Object.fromEntries(calibration.stages.map(s => [s.stage, s.probability.significant]))).toEqual({
            Lead: false, Qualify: true, Demo: false, Proposal: true, Negotiation: false
        });
        const set = calibration.suggestions.filter(s => s.kind === 'set-probability');
        expect(set.map(s => [s.stage, s.from, s.to])).toEqual([
            ['Qualify', 40, Math.round(stage('Qualify').probability.observed.share! * 100)],
            ['Proposal', 60, Math.round(stage('Proposal').probability.observed.share! * 100)]
        ]);
    });

    it.each(STAGES)('%s: median, 90th percentile and longest stay are exactly those of the sampled stays', name => {
        const stays = truth.stages[name].stays;
        expect(stays.length).toBeGreaterThan(100);
        expect(stage(name).time).toMatchObject({
            stays: stays.length, median: nearestRank(stays, 50), p90: nearestRank(stays, 90), max: Math.max(...stays)
        });
    });

    it('reads within limits against the stays: Proposal\'s 30 days is too short, Lead\'s 27 is right', () => {
        const proposal = stage('Proposal').time;
        expect(proposal.withinShare!.count).toBe(truth.stages.Proposal.stays.filter(d => d <= 30).length);
        expect(proposal.significant).toBe(true);
        expect(stage('Lead').time.significant).toBe(false);
        const within = calibration.suggestions.filter(s => s.kind === 'set-within');
        expect(within.map(s => [s.stage, s.from, s.to])).toContainEqual(['Proposal', 30, nearestRank(truth.stages.Proposal.stays, 90)]);
        expect(within.map(s => s.stage)).not.toContain('Lead');
    });

    it('counts Demo\'s skips of the deals that passed it, and no skip of Lead by the late starts', () => {
        expect(stage('Demo').skips.skipped).toMatchObject({ count: truth.demoSkipped, of: truth.demoSkipped + truth.demoPassedThrough });
        // Of the deals that pass Demo (skip it, or go through it and on), the share that skip it.
        const { skipDemo, advance } = DEFAULT_PROCESS;
        const skipShare = skipDemo / (skipDemo + (1 - skipDemo) * advance.Demo);
        const share = stage('Demo').skips.skipped;
        expect(share.low!).toBeLessThanOrEqual(skipShare);
        expect(share.high!).toBeGreaterThanOrEqual(skipShare);
        expect(stage('Lead').skips).toMatchObject({ skipped: { count: 0 }, startedLater: truth.lateStarts });
        // Demo is optional already: skipping it is allowed, nothing to suggest.
        expect(calibration.suggestions.filter(s => s.kind === 'make-optional')).toEqual([]);
    });

    it('counts the moves back from Negotiation to Proposal', () => {
        expect(calibration.stages.map(s => [s.stage, s.regressions.from, s.regressions.to])).toEqual(
            STAGES.map(name => [name, truth.stages[name].regressionsFrom, truth.stages[name].regressionsTo]));
        expect(stage('Negotiation').regressions.from).toBeGreaterThan(0);
    });

    it('sees every CRM name as an alias, and conformance that the stays over a limit alone break', () => {
        expect(calibration.stageNames.unmatched).toEqual([]);
        expect(calibration.stageNames.aliasesNeverSeen).toEqual([]);
        // Every move is one the playbook allows (Demo is optional, regressions are allowed).
        expect(calibration.conformance.transitions.share).toBe(1);
        expect(calibration.conformance.deals.share!).toBeLessThan(1);
    });
});

describe('the 95% intervals over 200 independent histories', () => {
    it('hold the true chance to win about 95 times in 100 (Wilson coverage)', async () => {
        const playbook = knownPlaybook();
        let held = 0;
        let intervals = 0;
        for (let seed = 1; seed <= 200; seed++) {
            const calibration = await calibrate(generateHistory(seed, 300), playbook);
            for (const s of calibration.stages) {
                const { low, high } = s.probability.observed;
                if (low === null || high === null) continue;
                intervals++;
                if (low <= truthWin[s.stage as Stage] && truthWin[s.stage as Stage] <= high) held++;
            }
        }
        expect(intervals).toBe(1000);
        // 95% of 1,000: 950, give or take twice the binomial deviation (about 7).
        expect(held).toBeGreaterThanOrEqual(930);
        expect(held).toBeLessThanOrEqual(975);
    });
});
