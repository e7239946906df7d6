/**
 * `calibrateDeals`: a playbook's figures against a CRM export read with `readDealBatches`,
 * the reader and the column options of `playbook simulate --deals`.
 *
 * ```ts
 * const { calibration, input } = await calibrateDeals('history.csv', playbookModel, { idColumn: 'Opp' });
 * for (const s of calibration?.suggestions ?? []) console.log(s.kind, s.stage);
 * ```
 */
import { readDealBatches, type DealsInput } from '../crm/read-deals.js';
import type { ReadDealsOptions } from '../crm/types.js';
import type { PlaybookModel } from '../model/playbook-model.js';
import { CalibrationRun, type CalibrationResult, type CalibrationRunOptions } from './calibration-run.js';

export type CalibrateDealsOptions = ReadDealsOptions & Omit<CalibrationRunOptions, 'stageNames'>;

export async function calibrateDeals(input: DealsInput, playbook: PlaybookModel, options: CalibrateDealsOptions = {}): Promise<CalibrationResult> {
    const { asOf, lateStart, ...read } = options;
    const stageNames = read.stageNames ?? new Map<string, number>();
    const run = new CalibrationRun(playbook, {
        ...(asOf !== undefined ? { asOf } : {}), ...(lateStart !== undefined ? { lateStart } : {}), stageNames
    });
    for await (const batch of readDealBatches(input, playbook, { ...read, stageNames })) {
        for (const item of batch) run.add(item);
        if (run.stopped) break;
    }
    return run.finish();
}
