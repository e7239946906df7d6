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

/** Deals replayed between two pauses: a few milliseconds of work. */
const STEP = 1000;

/** The calibration, or `undefined` when `cancelled()` said to stop. */
export async function calibrateFile(playbook: PlaybookModel, options: CalibrateFileOptions, cancelled: () => boolean): Promise<CalibrationResult | undefined> {
    const stageNames = new Map<string, number>();
    const run = new CalibrationRun(playbook, {
        ...(options.asOf !== undefined ? { asOf: options.asOf } : {}), lateStart: options.lateStart ?? 'allow', stageNames
    });
    // Requests waiting are answered at each pause (a stream's chunks can come without one).
    const pause = (): Promise<void> => new Promise<void>(resolve => setImmediate(resolve));
    for await (const batch of readDealBatches(options.path, playbook, { ...options.read, file: options.shownAs, stageNames })) {
        for (let i = 0; i < batch.length; i++) {
            run.add(batch[i]);
            if (i % STEP === STEP - 1) await pause();
        }
        if (run.stopped) break;
        await pause();
        if (cancelled()) return undefined;
    }
    // The open deals wait for the as-of date (the latest of the file): a large share of a big export.
    let replayed = 0;
    for (const _ of run.drain()) {
        if (++replayed % STEP === 0) {
            await pause();
            if (cancelled()) return undefined;
        }
    }
    return cancelled() ? undefined : run.finish();
}
