/**
 * `CalibrationRun.drain`: the open deals, held until the as-of date is known, replayed one per
 * step, so that the language server can pause between them; stopping part way and finishing
 * gives the figures of a run finished at once.
 */
import { CalibrationRun, readDealBatches, type PlaybookModel } from '@playbook/model';
import { describe, expect, it } from 'vitest';

const pipeline: PlaybookModel = {
    name: 'Pipeline', forbidRegressions: false, fields: [],
    stages: ['Lead', 'Demo', 'Negotiation'].map(name => ({ name, optional: false, aliases: [], tasks: [], gates: [], withinDays: 10 })),
    terminations: [{ outcome: 'Lost', reason: 'No deal', from: [] }],
    wonAliases: ['Closed Won']
};

/** 40 deals: a third won, a third lost, a third still open (held for the as-of date). */
const rows = Array.from({ length: 40 }, (_, i) => {
    const id = `D${i}`;
    const day = (d: number): string => `2026-01-${String(1 + ((i + d) % 28)).padStart(2, '0')}`;
    const history = [`${id},Lead,${day(0)}`, `${id},Demo,${day(2)}`];
    if (i % 3 === 0) history.push(`${id},Closed Won,${day(9)}`);
    if (i % 3 === 1) history.push(`${id},Lost,${day(9)}`);
    return history.filter((_row, k) => k === 0 || day(k * 2) > day(0)).join('\n');
});

async function run(stopAfter: number | undefined): Promise<{ steps: number; result: unknown }> {
    async function* input(): AsyncGenerator<string> { yield `deal,stage,date\n${rows.join('\n')}\n`; }
    const stageNames = new Map<string, number>();
    const calibration = new CalibrationRun(pipeline, { stageNames });
    for await (const batch of readDealBatches(input(), pipeline, { file: 'h.csv', format: 'csv', stageNames })) {
        for (const item of batch) calibration.add(item);
    }
    let steps = 0;
    if (stopAfter !== undefined) {
        for (const _ of calibration.drain()) if (++steps === stopAfter) break;
    }
    return { steps, result: calibration.finish() };
}

describe('CalibrationRun.drain', () => {
    it('replays the open deals one per step, and finish after part of them gives the same figures', async () => {
        const atOnce = await run(undefined);
        const all = await run(1_000);
        expect(all.steps).toBeGreaterThan(5);
        expect(all.result).toEqual(atOnce.result);
        const part = await run(3);
        expect(part.steps).toBe(3);
        expect(part.result).toEqual(atOnce.result);
    });
});
