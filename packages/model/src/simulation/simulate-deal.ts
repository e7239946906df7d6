/**
 * Replays one deal's dated events against a compiled playbook (see PRODUCT.md, Semantics):
 * a deal starts in the first stage, moves forward one stage at a time skipping only optional
 * stages, leaves a stage only when its gates hold, and ends by `won` or by a `terminate`
 * rule, manual or automatic.
 *
 * `ReplayOptions` adapt this to histories from a CRM: a history starts at its first record
 * (a late start is counted apart, not as a skip), a check the data cannot evidence (a task or
 * a field without a column) is not a violation, and open deals are judged as of a date.
 */
import { IssueCodes, type IssueCode } from '../issue-codes.js';
import type { DealModel, EventModel, ValueModel } from '../model/playbook-model.js';
import { expressionToText } from '../model/expression-text.js';
import { CadenceClock, type CadenceEnd } from './cadence-clock.js';
import type { CompiledCondition, CompiledPlaybook, CompiledTermination } from './compiled-playbook.js';
import { formatIsoDate, parseIsoDate } from './dates.js';
import { misplacedEvents } from './event-order.js';
import { toRuntimeValue, type RuntimeValue } from './evaluate.js';
import { FULL_EVIDENCE, type DataEvidence, type ReplayOptions } from './replay-options.js';
import type { DealOutcome, DealResult, StageVisit, Violation } from './simulation-result.js';

const DEFAULT_OPTIONS: ReplayOptions = {};
/** No stage skipped: shared, never written. */
const NONE_SKIPPED: string[] = [];
/** The done tasks of a playbook without tasks: never written. */
const NO_TASKS: number[] = [];

export function simulateDeal(playbook: CompiledPlaybook, deal: DealModel, options: ReplayOptions = DEFAULT_OPTIONS): DealResult {
    return new DealReplay(playbook, deal, options).run();
}

/** What the data can show, by index: computed once per playbook and evidence object. */
interface Observed {
    tasks: boolean;
    fields: Uint8Array;
    stages: Uint8Array;
    /** Every field and stage observed: the checks need not look. */
    all: boolean;
}

const observedCache = new WeakMap<DataEvidence, WeakMap<CompiledPlaybook, Observed>>();

function observedBy(playbook: CompiledPlaybook, evidence: DataEvidence): Observed {
    let byPlaybook = observedCache.get(evidence);
    if (!byPlaybook) observedCache.set(evidence, byPlaybook = new WeakMap());
    let observed = byPlaybook.get(playbook);
    if (!observed) {
        const fields = new Uint8Array(playbook.fields.length).fill(1);
        if (evidence.fields) {
            const named = new Set(evidence.fields);
            playbook.fields.forEach((field, i) => { fields[i] = named.has(field.name) ? 1 : 0; });
        }
        const stages = new Uint8Array(playbook.stages.length).fill(1);
        for (const name of evidence.unobservedStages ?? []) {
            const index = playbook.stageIndex.get(name);
            if (index !== undefined) stages[index] = 0;
        }
        observed = { tasks: evidence.tasks, fields, stages, all: evidence.tasks && !fields.includes(0) && !stages.includes(0) };
        byPlaybook.set(playbook, observed);
    }
    return observed;
}

/** A task done or a field set under a `not before <stage>`, where it happened. */
interface EarlyEvent {
    task: boolean;
    /** The task's position or the field's index. */
    index: number;
    /** The stage index before which it may not happen. */
    stage: number;
    eventIndex: number;
    date: string;
}

class DealReplay {
    private current = -1;
    private enteredDay = 0;
    private slaReported = false;
    private firstDay: number | undefined;
    private lastDay: number | undefined;
    private ended = false;
    private outcome: DealOutcome = { kind: 'open' };
    private regressions = 0;
    private readonly done: number[];
    private readonly values: RuntimeValue[];
    private readonly visits: StageVisit[] = [];
    private readonly violations: Violation[] = [];
    private eventIndex = 0;
    private eventDate = '';
    /** The event that entered the current stage: where an SLA found at the as-of date points. */
    private enteredEvent = 0;
    private readonly fromFirstRecord: boolean;
    private readonly observed: Observed;
    private readonly asOfDay: number | undefined;
    /** The day `today` stands for in an open deal's pending rules (`ReplayOptions.today`). */
    private readonly referenceDay: number | undefined;
    private lateStart: DealResult['lateStart'];
    /** Some event is dated before an event written above it (see reportEventOrder). */
    private outOfOrder = false;
    /** The events after the end have been reported (once, on the first of them). */
    private afterEndReported = false;
    /** The index of the event that ended the deal. */
    private endIndex: number | undefined;
    /** What changed since the automatic rules were last looked at (see `firstAutomaticRuleThatHolds`). */
    private rulesLookedAt = false;
    private stageMoved = false;
    private readonly fieldsSet: number[] = [];
    /** CRM cells under a `not before`, judged at the end of their date (see `tooEarly`). */
    private readonly pendingEarly: EarlyEvent[] = [];
    private earlyReported: Set<string> | undefined;
    /** The follow-up cadence; absent when the playbook declares none. */
    private readonly cadence: CadenceClock | undefined;
    /** Something changed that may change which cadence rules apply (a stage, a field they read, the end). */
    private cadenceMoved = false;
    private readonly cadenceReport = (code: IssueCode, message: string): void => this.report(code, 'warning', message);
    /** The last event replayed: where a missing follow-up found at the as-of date points. */
    private lastReplayed = -1;

    constructor(private readonly playbook: CompiledPlaybook, private readonly deal: DealModel, private readonly options: ReplayOptions) {
        // A plain array of small integers: a typed array per deal costs the garbage collector more.
        this.done = playbook.taskNames.length === 0 ? NO_TASKS : new Array<number>(playbook.taskNames.length).fill(0);
        this.values = playbook.initialValues.slice();
        this.fromFirstRecord = options.start === 'first-record';
        this.observed = observedBy(playbook, options.evidence ?? FULL_EVIDENCE);
        this.asOfDay = options.asOf === undefined ? undefined : parseIsoDate(options.asOf);
        const today = options.asOf ?? options.today;
        this.referenceDay = today === undefined ? undefined : parseIsoDate(today);
        // Data without activities (a CSV export) cannot show a follow-up: the cadence is not judged.
        this.cadence = playbook.cadences.length > 0 && options.evidence?.activities !== false ? new CadenceClock(playbook) : undefined;
    }

    run(): DealResult {
        const events = this.deal.events;
        const asOf = this.asOfDay;
        let lastReplayed = 0;
        for (let i = 0; i < events.length; i++) {
            if (!this.happened(events[i])) continue;
            this.replay(events[i], i);
            lastReplayed = i;
        }
        this.flushEarly();
        if (this.outOfOrder) {
            this.reportEventOrder();
        }
        if (!this.ended && this.current >= 0) {
            this.outcome = { kind: 'open', stage: this.stageName(this.current) };
            const until = asOf !== undefined && asOf > (this.lastDay ?? this.enteredDay) ? asOf : this.lastDay ?? this.enteredDay;
            if (until !== this.lastDay) {
                // Judged at the as-of date: the stay runs to it, and so does its time limit.
                this.eventIndex = this.enteredEvent;
                this.eventDate = formatIsoDate(until);
                this.checkSla(until);
            }
            const pending = this.pendingRuleThatHolds();
            if (pending) {
                // An automatic rule reading `today` holds at the reference date: the deal ended then.
                this.eventIndex = lastReplayed;
                this.eventDate = formatIsoDate(pending.day);
                this.lastDay = pending.day;
                this.end(pending.day, { kind: 'terminated', outcome: pending.rule.model.outcome, reason: pending.rule.model.reason, automatic: true, date: this.eventDate });
                if (this.cadence) {
                    // Its follow-ups are judged up to that end, as for a deal ended by an event.
                    this.cadenceMoved = false;
                    this.cadence.update(pending.day, -1, this.values, { kind: 'ended', what: describeEnding(this.outcome) }, this.cadenceReport);
                }
            } else {
                this.visits.push(this.visit(until, true));
                if (this.cadence) {
                    this.judgeCadence(until, until !== this.lastDay);
                }
            }
        } else if (!this.ended && this.playbook.stages.length > 0 && !this.fromFirstRecord) {
            // No event yet: a deal starts in the first stage.
            this.outcome = { kind: 'open', stage: this.stageName(0) };
        } else if (!this.ended && this.playbook.stages.length > 0 && this.firstDay === undefined) {
            // A record with no dated event (a one-row export's deal in its first stage, undated).
            this.outcome = { kind: 'open', stage: this.stageName(0) };
        }
        const result: DealResult = {
            deal: this.deal.name,
            playbook: this.deal.playbook,
            outcome: this.outcome,
            visits: this.visits,
            regressions: this.regressions,
            violations: this.violations
        };
        if (this.ended && this.firstDay !== undefined && this.lastDay !== undefined) {
            result.cycleDays = this.lastDay - this.firstDay;
        }
        if (this.lateStart) {
            result.lateStart = this.lateStart;
        }
        const value = this.playbook.forecastField === undefined ? undefined : this.values[this.playbook.forecastField];
        if (typeof value === 'number' && Number.isFinite(value)) {
            result.value = value;
        }
        if (this.nextFollowUp) {
            result.nextFollowUp = this.nextFollowUp;
        }
        return result;
    }

    private nextFollowUp: DealResult['nextFollowUp'];

    /** An open deal judged on `until` (the as-of date, else its last event): overdue follow-ups, and the next one due. */
    private judgeCadence(until: number, asOf: boolean): void {
        this.eventIndex = Math.max(0, this.lastReplayed);
        this.eventDate = formatIsoDate(until);
        const end: CadenceEnd = asOf ? { kind: 'as-of' } : { kind: 'last-event' };
        const due = this.cadence!.finish(until, end, this.cadenceReport);
        if (due !== undefined) {
            this.nextFollowUp = { due: formatIsoDate(due), overdue: until > due };
        }
    }

    private replay(event: EventModel, index: number): void {
        this.eventIndex = index;
        this.eventDate = event.date;
        if (this.ended && !this.afterEndReported) {
            this.afterEndReported = true;
            this.reportEventsAfterEnd();
        }
        const day = parseIsoDate(event.date);
        if (day === undefined) {
            this.report(IssueCodes.InvalidDate, 'error', `${event.date} is not a calendar date; this event is ignored.`);
            return;
        }
        if (this.pendingEarly.length > 0 && this.pendingEarly[0].date !== event.date) {
            this.flushEarly();
        }
        if (this.ended) {
            return;
        }
        // `today`, in the gates and rules looked at on this event, is the event's date.
        this.values[this.playbook.todaySlot] = day;
        if (this.lastDay !== undefined && day < this.lastDay) {
            this.outOfOrder = true;
        }
        if (this.firstDay === undefined) {
            this.firstDay = day;
        }
        this.lastDay = this.lastDay === undefined ? day : Math.max(this.lastDay, day);
        if (this.current < 0 && event.kind !== 'enter' && this.playbook.stages.length > 0 && !this.fromFirstRecord) {
            this.startIn(0, day);
        }
        this.checkSla(day);
        this.lastReplayed = index;
        switch (event.kind) {
            case 'enter': this.enter(event.stage, day); break;
            case 'done': this.markDone(event.tasks); break;
            case 'set': this.set(event.field, event.value); break;
            case 'terminate': this.terminate(event.outcome, event.reason, day); break;
            case 'won': this.win(day); break;
            case 'activity': this.cadence?.touch(event.activity, day, this.cadenceReport); break;
        }
        if (!this.ended) {
            this.fireAutomaticTerminations(day);
        }
        if (this.cadenceMoved) {
            this.cadenceMoved = false;
            const end: CadenceEnd = this.ended ? { kind: 'ended', what: describeEnding(this.outcome) } : { kind: 'moved' };
            this.cadence!.update(day, this.ended ? -1 : this.current, this.values, end, this.cadenceReport);
        }
    }

    private startIn(stage: number, day: number): void {
        this.current = stage;
        this.enteredDay = day;
        this.enteredEvent = this.eventIndex;
        this.slaReported = false;
        this.stageMoved = true;
        if (this.cadence) this.cadenceMoved = true;
    }

    private checkSla(day: number): void {
        if (this.current < 0 || this.slaReported) {
            return;
        }
        const stage = this.playbook.stages[this.current].model;
        // A limit that is not a positive number is reported on the playbook; it cannot be exceeded.
        if (stage.withinDays !== undefined && stage.withinDays > 0 && day - this.enteredDay > stage.withinDays) {
            this.slaReported = true;
            this.report(IssueCodes.SlaExceeded, 'warning',
                `${stage.name} has a limit of ${plural(stage.withinDays, 'day')}, but the deal has been in it for ${plural(day - this.enteredDay, 'day')} (since ${formatIsoDate(this.enteredDay)}).`);
        }
    }

    private enter(stageName: string, day: number): void {
        const target = this.playbook.stageIndex.get(stageName);
        if (target === undefined || target === this.current) {
            return;
        }
        if (this.current < 0) {
            if (this.fromFirstRecord) {
                this.startLate(target, stageName);
            } else {
                const skipped = this.skippedBetween(-1, target);
                if (skipped.length > 0) {
                    this.report(IssueCodes.StageSkip, 'error',
                        `A deal starts in the first stage, but this one starts in ${stageName}, skipping ${listNames(skipped)}, which ${skipped.length === 1 ? 'is' : 'are'} not optional.`);
                }
            }
            this.startIn(target, day);
            return;
        }
        const from = this.current;
        if (target > from) {
            const skipped = this.skippedBetween(from, target);
            if (skipped.length > 0) {
                this.report(IssueCodes.StageSkip, 'error',
                    `Moving from ${this.stageName(from)} to ${stageName} skips ${listNames(skipped)}; only optional stages may be skipped.`);
            }
            this.checkGates(from, 'Leaves');
        } else {
            this.regressions++;
            if (this.playbook.model.forbidRegressions) {
                this.report(IssueCodes.RegressionForbidden, 'error',
                    `Moves back from ${this.stageName(from)} to ${stageName}, but playbook ${this.playbook.model.name} forbids moving back to an earlier stage.`);
            }
        }
        this.visits.push(this.visit(day));
        this.startIn(target, day);
    }

    /**
     * A history from a CRM that starts in `target` (or, for `undefined`, at its end): the
     * stages before it are not in the data. Counted apart; a `stage-skip` only when asked.
     */
    private startLate(target: number | undefined, where: string): void {
        const before = target ?? this.playbook.stages.length;
        const unseen = this.unseenBefore(before);
        if (unseen.length === 0) {
            return;
        }
        this.lateStart = { ...(target !== undefined ? { stage: where } : {}), date: this.eventDate, unseen };
        const skipped = unseen.filter(name => this.observed.stages[this.playbook.stageIndex.get(name)!] === 1);
        if (this.options.lateStart === 'skip' && skipped.length > 0) {
            this.report(IssueCodes.StageSkip, 'error', target !== undefined
                ? `The history starts in ${where}, skipping ${listNames(skipped)}, which ${skipped.length === 1 ? 'is' : 'are'} not optional (counted as a skip by --late-start skip).`
                : `The history starts with ${where}, skipping ${listNames(skipped)}, which ${skipped.length === 1 ? 'is' : 'are'} not optional (counted as a skip by --late-start skip).`);
        }
    }

    /** The non-optional stages before `index`. */
    private unseenBefore(index: number): string[] {
        const names: string[] = [];
        for (let s = 0; s < index; s++) {
            const stage = this.playbook.stages[s].model;
            if (!stage.optional) names.push(stage.name);
        }
        return names;
    }

    private markDone(tasks: readonly string[]): void {
        for (const name of tasks) {
            const index = this.playbook.taskIndex.get(name);
            if (index !== undefined) {
                this.done[index] = 1;
                const stage = this.playbook.taskNotBefore[index];
                if (stage > 0) this.tooEarly({ task: true, index, stage, eventIndex: this.eventIndex, date: this.eventDate });
            }
        }
    }

    /**
     * A task done or a field set that its `not before` forbids in the stage the deal is in. A CRM
     * record's cells come before its stage change (`deal-rows.ts`): there the stage is the one the
     * deal is in at the end of that date, which the data shows; a deal written in a file is judged
     * at the event. Each task or field is reported once per deal, on the first such event.
     */
    private tooEarly(early: EarlyEvent): void {
        if (this.fromFirstRecord) {
            this.pendingEarly.push(early);
            return;
        }
        this.judgeEarly(early);
    }

    /** The pending CRM cells, judged at the stage the deal is in now (the end of their date). */
    private flushEarly(): void {
        if (this.pendingEarly.length === 0) return;
        for (const early of this.pendingEarly) this.judgeEarly(early);
        this.pendingEarly.length = 0;
    }

    private judgeEarly(early: EarlyEvent): void {
        const current = this.current;
        if (current < 0 || current >= early.stage) return;
        const reported = this.earlyReported ??= new Set<string>();
        const key = `${early.task ? 't' : 'f'}${early.index}`;
        if (reported.has(key)) return;
        reported.add(key);
        const name = early.task ? this.playbook.taskNames[early.index] : this.playbook.fields[early.index].name;
        const required = this.stageName(early.stage);
        const message = early.task
            ? `Task ${name} is done in ${this.stageName(current)}, but the playbook says not before ${required}.`
            : `Field ${name} is set in ${this.stageName(current)}, but the playbook says not before ${required}.`;
        this.violations.push({ code: IssueCodes.DoneTooEarly, severity: 'error', eventIndex: early.eventIndex, date: early.date, message, stage: this.stageName(current) });
    }

    private set(fieldName: string, value: ValueModel): void {
        const index = this.playbook.fieldIndex.get(fieldName);
        if (index === undefined) {
            return;
        }
        this.values[index] = toRuntimeValue(value, this.playbook.fields[index]);
        this.fieldsSet.push(index);
        const stage = this.playbook.fieldNotBefore[index];
        if (stage > 0) this.tooEarly({ task: false, index, stage, eventIndex: this.eventIndex, date: this.eventDate });
        if (this.cadence && this.playbook.cadenceReads[index] === 1) this.cadenceMoved = true;
    }

    private terminate(outcome: string, reason: string | undefined, day: number): void {
        const rules = this.playbook.terminationsByOutcome.get(outcome) ?? [];
        let rule: CompiledTermination | undefined;
        if (rules.length === 0) {
            this.report(IssueCodes.UndeclaredReason, 'error', `Playbook ${this.playbook.model.name} declares no outcome ${outcome}.`);
        } else if (reason === undefined) {
            // Ended by hand without a reason: a manual rule that applies here is what the author meant.
            rule = rules.find(r => !r.condition && this.appliesHere(r)) ?? rules.find(r => this.appliesHere(r)) ?? rules[0];
        } else {
            rule = rules.find(r => r.model.reason === reason);
            if (!rule) {
                this.report(IssueCodes.UndeclaredReason, 'error',
                    `"${reason}" is not a declared reason for ${outcome}. Declared: ${rules.map(r => `"${r.model.reason}"`).join(', ')}.`);
            }
        }
        // A history from a CRM that starts at its end shows no stage: `from` cannot be checked.
        const stageKnown = this.current >= 0 || !this.fromFirstRecord;
        if (rule && stageKnown && !this.appliesHere(rule)) {
            this.report(IssueCodes.TerminateNotAllowed, 'error',
                `${outcome} "${rule.model.reason}" applies only from ${listNames(rule.model.from)}, but the deal is in ${this.stageName(this.current)}.`);
        }
        // The reason is the one the deal gives: a rule's reason is never put in its mouth.
        const given = reason === undefined ? undefined : rule?.model.reason ?? reason;
        this.end(day, { kind: 'terminated', outcome, ...(given !== undefined ? { reason: given } : {}), automatic: false, date: this.eventDate });
    }

    private win(day: number): void {
        if (this.current < 0 && this.fromFirstRecord) {
            this.startLate(undefined, 'the win');
        } else if (this.current >= 0) {
            const last = this.playbook.stages.length - 1;
            const skipped = this.skippedBetween(this.current, last + 1);
            if (skipped.length > 0) {
                this.report(IssueCodes.StageSkip, 'error',
                    `Claims the win in ${this.stageName(this.current)}, skipping ${listNames(skipped)}; a deal is won only by passing the last stage's gate.`);
            }
            this.checkGates(this.current, 'Claims the win in');
        }
        this.end(day, { kind: 'won', date: this.eventDate });
    }

    private fireAutomaticTerminations(day: number): void {
        const rule = this.firstAutomaticRuleThatHolds();
        if (rule) {
            this.end(day, { kind: 'terminated', outcome: rule.model.outcome, reason: rule.model.reason, automatic: true, date: this.eventDate });
        }
    }

    /**
     * The first automatic rule, in declaration order, that applies in the current stage and
     * holds. Every rule is looked at after the first event; after a later one, only the rules
     * that event can have changed: those reading a field it set and those applying from a
     * stage it entered. Any other rule did not hold, or did not apply, when last looked at (or
     * the deal would have ended), and still does not: so a long deal through a playbook with
     * many rules costs what its events touch, not events × rules.
     */
    private firstAutomaticRuleThatHolds(): CompiledTermination | undefined {
        const rules = this.playbook.automaticTerminations;
        if (rules.length === 0) {
            // Most playbooks of a large replay: no set of touched rules to build per event.
            this.fieldsSet.length = 0;
            this.stageMoved = false;
            return undefined;
        }
        let positions: Iterable<number>;
        if (!this.rulesLookedAt) {
            this.rulesLookedAt = true;
            positions = rules.keys();
        } else {
            const touched = new Set<number>();
            for (const field of this.fieldsSet) {
                for (const position of this.playbook.automaticReading[field]) touched.add(position);
            }
            if (this.stageMoved && this.current >= 0) {
                for (const position of this.playbook.automaticFrom[this.current]) touched.add(position);
            }
            // A rule reading `today` may hold on any new day.
            for (const position of this.playbook.automaticToday) touched.add(position);
            positions = touched.size > 1 ? [...touched].sort((a, b) => a - b) : touched;
        }
        this.fieldsSet.length = 0;
        this.stageMoved = false;
        for (const position of positions) {
            const rule = rules[position];
            if (this.appliesHere(rule) && rule.condition!.evaluate(this.values) === true) {
                return rule;
            }
        }
        return undefined;
    }

    /**
     * The first automatic rule reading `today` that holds at the reference date, when that is
     * after the deal's last event (on the last event itself the rules were looked at already).
     */
    private pendingRuleThatHolds(): { rule: CompiledTermination; day: number } | undefined {
        const day = this.referenceDay;
        if (day === undefined || this.playbook.automaticToday.length === 0 || day <= (this.lastDay ?? this.enteredDay)) return undefined;
        this.values[this.playbook.todaySlot] = day;
        const rules = this.playbook.automaticTerminations;
        for (const position of this.playbook.automaticToday) {
            const rule = rules[position];
            if (this.appliesHere(rule) && rule.condition!.evaluate(this.values) === true) return { rule, day };
        }
        return undefined;
    }

    private appliesHere(rule: CompiledTermination): boolean {
        return !rule.from || rule.from.has(this.current);
    }

    private end(day: number, outcome: DealOutcome): void {
        if (this.current >= 0) {
            this.visits.push(this.visit(day));
        }
        this.ended = true;
        this.endIndex = this.eventIndex;
        this.outcome = outcome;
        if (this.cadence) this.cadenceMoved = true;
    }

    /** An event after the as-of date has not happened yet: it is not replayed. */
    private happened(event: EventModel): boolean {
        return this.asOfDay === undefined || (parseIsoDate(event.date) ?? -Infinity) <= this.asOfDay;
    }

    /** One finding for all the events after the end, on the first of them. */
    private reportEventsAfterEnd(): void {
        const after = this.deal.events.slice(this.eventIndex).filter(event => this.happened(event)).length;
        const which = after === 1 ? '' : `, but ${after} events follow it (this one and ${after - 1} more)`;
        this.report(IssueCodes.EventAfterEnd, 'error', `The deal already ended (${describeOutcome(this.outcome)}); nothing can happen after that${which}.`);
    }

    /**
     * One finding per event out of place, among the events up to the end: the fewest events
     * whose dates break the order of the others (see event-order.ts), each compared with the
     * nearest event in place. Placed before the event's other findings, as if found first.
     */
    private reportEventOrder(): void {
        const events = this.deal.events;
        const last = this.endIndex ?? events.length - 1;
        const days = events.slice(0, last + 1).map(event => (this.happened(event) ? parseIsoDate(event.date) : undefined));
        const found: Violation[] = misplacedEvents(days).map(({ index, relation, other }) => {
            const date = events[index].date;
            const otherDate = events[other].date;
            const distance = Math.abs(index - other);
            const where = relation === 'early'
                ? (distance === 1 ? `earlier than the event before it (${otherDate})` : `earlier than the event ${distance} above it (${otherDate})`)
                : (distance === 1 ? `later than the event after it (${otherDate})` : `later than the event ${distance} below it (${otherDate})`);
            return { code: IssueCodes.EventOutOfOrder, severity: 'error', eventIndex: index, date, message: `${date} is ${where}; events must be in date order.` };
        });
        const others = this.violations.splice(0);
        let next = 0;
        for (const violation of others) {
            while (next < found.length && found[next].eventIndex <= violation.eventIndex) this.violations.push(found[next++]);
            this.violations.push(violation);
        }
        while (next < found.length) this.violations.push(found[next++]);
    }

    /** Reports, in one violation, everything that keeps the stage's gates from holding. */
    /** `action` and the stage's name say what the deal does: "Leaves Lead", "Claims the win in Close". */
    private checkGates(stageIndex: number, action: 'Leaves' | 'Claims the win in'): void {
        const stage = this.playbook.stages[stageIndex];
        // Nothing to check: no work, no message built (this runs on every move of every deal).
        if (stage.requiredTasks.length === 0 && stage.gates.length === 0) return;
        const unmet: string[] = [];
        const seenTasks = new Set<number>();
        const observed = this.observed;
        const taskNotDone = (task: number): void => {
            // A task the data cannot show (no task column) is unverifiable, not undone.
            if (observed.tasks && !this.done[task] && !seenTasks.has(task)) {
                seenTasks.add(task);
                unmet.push(`task ${this.playbook.taskNames[task]} is not done`);
            }
        };
        stage.requiredTasks.forEach(taskNotDone);
        const failedGates: string[] = [];
        for (const gate of stage.gates) {
            const before = unmet.length;
            gate.requires.forEach(taskNotDone);
            for (const condition of gate.conditions) {
                if (condition.evaluate(this.values) !== true) {
                    unmet.push(...this.explainCondition(condition, observed.all ? undefined : observed.fields));
                }
            }
            if (unmet.length > before) {
                failedGates.push(gate.name);
            }
        }
        if (unmet.length > 0) {
            const which = failedGates.length > 0 ? `its gate ${listNames(failedGates)} does not hold` : 'its required tasks are not done';
            this.report(IssueCodes.GateNotMet, 'error', `${action} ${this.stageName(stageIndex)} while ${which}: ${unmet.join('; ')}.`);
        }
    }

    /** Why a condition does not hold, naming only the parts of an `and` that fail and the values that made them fail. */
    private explainCondition(condition: CompiledCondition, fieldObserved?: Uint8Array): string[] {
        let parts = condition.conjuncts.filter(part => part.evaluate(this.values) !== true);
        if (parts.length === 0) parts = [condition];
        if (fieldObserved) {
            // A part that reads a field the data has no column for is unverifiable, not false.
            parts = parts.filter(part => part.fields.every(index => fieldObserved[index] === 1));
        }
        return parts.map(part => {
            const value = part.evaluate(this.values);
            const facts = part.fields.map(index => {
                const field = this.playbook.fields[index];
                const current = this.values[index];
                return current === undefined ? `${field.name} is not set` : `${field.name} is ${formatValue(current, field.type)}`;
            });
            if (part.readsToday) {
                const today = this.values[this.playbook.todaySlot];
                facts.push(`today is ${typeof today === 'number' ? formatIsoDate(today) : 'unknown'}`);
            }
            const verdict = value === undefined ? 'cannot be decided' : 'is false';
            return `\`${expressionToText(part.expression)}\` ${verdict}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}`;
        });
    }

    /** Non-optional stages between two, leaving out those the data cannot show. */
    private skippedBetween(from: number, to: number): string[] {
        const before = this.playbook.requiredStagesBefore;
        if (to <= from + 1 || before[to] - before[from + 1] === 0) {
            return NONE_SKIPPED;   // only optional stages between: no need to look at each
        }
        const skipped: string[] = [];
        for (let s = from + 1; s < to; s++) {
            const stage = this.playbook.stages[s].model;
            if (!stage.optional && this.observed.stages[s] === 1) {
                skipped.push(stage.name);
            }
        }
        return skipped;
    }

    /** The stay in the current stage up to `day`; `stillThere` for the stage an open deal is in (up to its last event or the as-of date). */
    private visit(day: number, stillThere = false): StageVisit {
        const stage = this.stageName(this.current), entered = formatIsoDate(this.enteredDay), days = Math.max(0, day - this.enteredDay);
        return stillThere ? { stage, entered, days } : { stage, entered, left: formatIsoDate(day), days };
    }

    private stageName(index: number): string {
        return this.playbook.stages[index]?.model.name ?? '';
    }

    private report(code: IssueCode, severity: 'error' | 'warning', message: string): void {
        const stage = this.current >= 0 && !this.ended ? this.stageName(this.current) : undefined;
        this.violations.push({ code, severity, eventIndex: this.eventIndex, date: this.eventDate, message, ...(stage !== undefined ? { stage } : {}) });
    }
}

/** "was won", "ended Lost": what a deal did on the day its cadence stopped. */
function describeEnding(outcome: DealOutcome): string {
    return outcome.kind === 'won' ? 'was won' : outcome.kind === 'terminated' ? `ended ${outcome.outcome}` : 'ended';
}

function describeOutcome(outcome: DealOutcome): string {
    switch (outcome.kind) {
        case 'won': return `won on ${outcome.date}`;
        case 'terminated': return outcome.automatic ? `${outcome.outcome} on ${outcome.date}, automatically: "${outcome.reason}"` : `${outcome.outcome} on ${outcome.date}`;
        default: return 'open';
    }
}

function formatValue(value: RuntimeValue, type: string): string {
    if (type === 'date' && typeof value === 'number') {
        return formatIsoDate(value);
    }
    if (typeof value === 'number' && !Number.isFinite(value)) {
        return 'a number too large to represent';  // a literal of over 308 digits, reported as number-range
    }
    return typeof value === 'string' ? `"${value}"` : String(value);
}

function listNames(names: readonly string[]): string {
    if (names.length <= 1) {
        return names.join('');
    }
    return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function plural(count: number, unit: string): string {
    return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
