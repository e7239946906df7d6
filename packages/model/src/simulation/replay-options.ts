/**
 * How a deal's history is read by the replay: where it starts, what the data can show, and
 * the day open deals are judged at. Deals written in .playbook files use the defaults; deals
 * from a CRM export start at their first record and carry what the export can evidence.
 */

export interface ReplayOptions {
    /**
     * - `first-stage` (default; deals written in .playbook files): every deal starts in the
     *   first stage. Events before its first `enter` happen there, and a first `enter` of a
     *   later stage skips the stages before it (`stage-skip`).
     * - `first-record` (CRM exports): a history starts where its first record puts it. Events
     *   before its first `enter` set fields and tasks without placing the deal in a stage (the
     *   cells of one row are one record at one instant, whatever their order). A history that
     *   starts after the first stage is a late start (`DealResult.lateStart`), not a violation,
     *   unless `lateStart` is `skip`.
     */
    start?: 'first-stage' | 'first-record';
    /** `allow` (default): a late start is counted apart. `skip`: it is also a `stage-skip` violation. */
    lateStart?: 'allow' | 'skip';
    /** What the data can show; absent: everything (a deal written in a .playbook file). */
    evidence?: DataEvidence;
    /**
     * `YYYY-MM-DD`: the day open deals are judged at. Their current stay runs to it (days in
     * stage) and an SLA (`within`) passed by then is an `sla-exceeded`. Events dated after it
     * have not happened yet and are left out. Absent: an open deal is judged up to its last event.
     */
    asOf?: string;
    /**
     * `YYYY-MM-DD`: the date `today` stands for in an open deal's pending rules (an automatic
     * `terminate … when` reading `today`, looked at once more after the last event) when there
     * is no `asOf` (which, given, is that date). At each event, `today` is that event's date.
     * Without either, the rules are looked at only on the deal's events.
     */
    today?: string;
}

/**
 * What a data source records, so that checks it cannot evidence are not reported as broken.
 * Shared by every deal of one input (one object per input).
 */
export interface DataEvidence {
    /** Whether the data says which tasks were done (a task column). */
    tasks: boolean;
    /** The playbook's fields the data has values for (a column each); absent: all. */
    fields?: readonly string[];
    /**
     * Stages the data cannot show a deal entering (a one-row-per-deal export without a date
     * column for them): moving over one is not a skip, only unknown.
     */
    unobservedStages?: readonly string[];
    /**
     * Whether the data records the deals' activities (visits, calls): absent, it does. A CSV
     * export has no activities, so follow-up cadence cannot be judged from it: a deal would
     * look never followed up.
     */
    activities?: boolean;
    /** For messages: what the data calls its columns, e.g. `{ tasks: 'Tasks' }`. */
    taskColumn?: string;
}

/** Everything observed: a deal written in a .playbook file. */
export const FULL_EVIDENCE: DataEvidence = Object.freeze({ tasks: true });
