/**
 * One calibration over the deals of a CRM export, fed as the reader yields them: each deal is
 * replayed as `playbook simulate --deals` replays it (a history starts at its first record, a
 * late start is not a skip unless asked, open deals are judged as of `asOf`, by default the
 * latest date of the data) and added to the figures; each bad row is grouped with its kind.
 * Without Node: the editor feeds it the same items.
 */
import { InputProblems, type InputSummary } from '../crm/input-problems.js';
import type { CrmError, CrmItem } from '../crm/types.js';
import type { PlaybookModel } from '../model/playbook-model.js';
import { ReplaySession, type Replayed } from '../simulation/replay-session.js';
import type { Calibration } from './calibration.js';
import { Calibrator } from './calibrator.js';

export interface CalibrationRunOptions {
    /** `YYYY-MM-DD`: judge open deals at this day; absent, at the latest date of the data. */
    asOf?: string;
    /** `skip`: a history that starts after the first stage is a `stage-skip` (as `simulate --late-start skip`). */
    lateStart?: 'allow' | 'skip';
    /** The map given to the reader as `ReadDealsOptions.stageNames`, for the names' figures. */
    stageNames?: ReadonlyMap<string, number>;
}

/** Why there are no figures: the input could not be read to its end, most of it is unusable, or it has no deal. */
export type Unusable = 'unreadable' | 'mostly-unusable' | 'no-deals';

export interface CalibrationResult {
    /** `null` when the input is unusable (`unusable` says why; the problems are in `input`). */
    calibration: Calibration | null;
    unusable?: Unusable;
    input: InputSummary;
    /** The error that stopped the reading, if one did. */
    fatal?: CrmError;
    /** Deals replayed. */
    deals: number;
}

export class CalibrationRun {
    private readonly session: ReplaySession<undefined>;
    private readonly calibrator: Calibrator;
    private readonly problems = new InputProblems();
    private evidenced = false;
    private fatal: CrmError | undefined;
    private deals = 0;
    private errors = 0;
    private draining: Generator<Replayed<undefined>> | undefined;

    constructor(private readonly playbook: PlaybookModel, private readonly options: CalibrationRunOptions = {}) {
        this.session = new ReplaySession<undefined>({
            start: 'first-record',
            lateStart: options.lateStart ?? 'allow',
            ...(options.asOf !== undefined ? { asOf: options.asOf } : { defaultAsOf: 'latest' }),
            // The forecast is not part of a calibration: one trial keeps its cost nil.
            trials: 1
        });
        this.calibrator = new Calibrator(playbook);
        this.session.expect(playbook);
    }

    /** Whether the reading should stop (a fatal error was met). */
    get stopped(): boolean {
        return this.fatal !== undefined;
    }

    add(item: CrmItem): void {
        if ('error' in item) {
            this.errors++;
            if (item.error.fatal) this.fatal ??= item.error;
            else this.problems.addError(item.error);
            return;
        }
        this.deals++;
        this.problems.addDeal(item);
        if (!this.evidenced) {
            this.evidenced = true;
            this.calibrator.setEvidence(item.evidence);
        }
        const replayed = this.session.add(this.playbook, item.deal, {
            ...(item.amount !== undefined ? { amount: item.amount } : {}),
            ...(item.lastDate !== undefined ? { lastDate: item.lastDate } : {}),
            evidence: item.evidence, tag: undefined
        });
        if (replayed) this.calibrator.add(replayed.result);
    }

    /**
     * Replays the open deals held until the as-of date is known, one per step: a caller that
     * must stay responsive (the language server) pauses between steps. `finish` replays those left.
     */
    *drain(): Generator<void> {
        this.draining ??= this.session.drain();
        // By hand, not `for…of`: a caller that stops part way must not close the session's drain (`finish` goes on with it).
        for (let next = this.draining.next(); !next.done; next = this.draining.next()) {
            this.calibrator.add(next.value.result);
            yield;
        }
    }

    finish(): CalibrationResult {
        for (const _ of this.drain()) { /* each open deal replayed */ }
        const input = this.problems.summary();
        const unusable: Unusable | undefined = this.fatal ? 'unreadable'
            : input.mostlyUnusable ? 'mostly-unusable'
                : this.deals === 0 ? 'no-deals' : undefined;
        const calibration = unusable ? null : this.calibrator.report({
            asOf: this.session.asOf ?? null,
            ...(this.options.stageNames ? { stageNames: this.options.stageNames } : {})
        });
        return {
            calibration, ...(unusable ? { unusable } : {}), input,
            ...(this.fatal ? { fatal: this.fatal } : {}), deals: this.deals
        };
    }
}
