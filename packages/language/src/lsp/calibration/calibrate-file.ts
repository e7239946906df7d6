/**
 * One calibration of a playbook against a CRM export on disk, as `playbook calibrate` makes it
 * (the same reader, `CalibrationRun` and options), read in batches with a turn of the event
 * loop between them: an export of a million rows takes seconds, and the server answers the
 * editor's requests meanwhile. A newer edit or setting makes it stop between two batches.
 */
import { CalibrationRun, readDealBatches, type CalibrationResult, type DealsReaderOptions, type PlaybookModel } from '@playbook/model';

export interface CalibrateFileOptions {
    /** The export on disk (absolute). */
    path: string;
    /** How messages name it (the setting's value). */
    shownAs: string;
    read: DealsReaderOptions;
    asOf?: string;
    lateStart?: 'allow' | 'skip';
}

/** The calibration, or `undefined` when `cancelled()` said to stop. */
export async function calibrateFile(playbook: PlaybookModel, options: CalibrateFileOptions, cancelled: () => boolean): Promise<CalibrationResult | undefined> {
    const stageNames = new Map<string, number>();
    const run = new CalibrationRun(playbook, {
        ...(options.asOf !== undefined ? { asOf: options.asOf } : {}), lateStart: options.lateStart ?? 'allow', stageNames
    });
    for await (const batch of readDealBatches(options.path, playbook, { ...options.read, file: options.shownAs, stageNames })) {
        for (const item of batch) run.add(item);
        if (run.stopped) break;
        // Requests waiting are answered before the next batch (a stream's chunks can come without a pause).
        await new Promise<void>(resolve => setImmediate(resolve));
        if (cancelled()) return undefined;
    }
    return cancelled() ? undefined : run.finish();
}
