/**
 * Follow-up cadence (`cadence every 7 days when grade = A during Proposal by visit`): how often a
 * deal must be touched while a rule applies. Each rule is checked on its own.
 *
 * A rule applies while the deal is open, in one of the rule's stages (any, when it names none)
 * and its `when` holds on the deal's fields. From the day it starts to apply, and from each
 * touch (an activity of one of its kinds) while it applies, the next touch is due within
 * `every` days. A touch after that day is `follow-up-late` (on the activity's line). A deal
 * that reaches the end of the rule (it is won or ends, moves to a stage the rule does not
 * cover, or a `set` makes its `when` false, as when a customer is regraded) or, open, the
 * as-of date, past the due day without the touch is `follow-up-missing`. When the grade
 * changes, the rule of the new grade applies from that day.
 *
 * Linear in the deal's events: an activity looks at the rules that apply; which rules apply
 * is worked out again only after an event that moved the deal or set a field some rule reads.
 */
import { IssueCodes, type IssueCode } from '../issue-codes.js';
import type { CadenceModel } from '../model/playbook-model.js';
import { expressionToText } from '../model/expression-text.js';
import type { CompiledCadence, CompiledPlaybook } from './compiled-playbook.js';
import { formatIsoDate } from './dates.js';
import type { RuntimeValue } from './evaluate.js';

export type CadenceReport = (code: IssueCode, message: string) => void;

/** Why a rule stopped being judged, for the message of a missing follow-up. */
export type CadenceEnd =
    | { kind: 'ended'; what: string }
    | { kind: 'moved' }
    | { kind: 'as-of' }
    | { kind: 'last-event' };

export class CadenceClock {
    private readonly rules: readonly CompiledCadence[];
    /** Per rule: 1 while it applies. */
    private readonly applies: Uint8Array;
    /** Per rule: the day its clock runs from (it started to apply, or its last touch). */
    private readonly since: number[];
    /** Per rule: whether a touch came since it started to apply. */
    private readonly touched: Uint8Array;

    constructor(playbook: CompiledPlaybook) {
        this.rules = playbook.cadences;
        this.applies = new Uint8Array(this.rules.length);
        this.since = new Array<number>(this.rules.length).fill(0);
        this.touched = new Uint8Array(this.rules.length);
    }

    /** An activity of `kind` on `day`: a touch for every rule that applies and counts that kind. */
    touch(kind: string, day: number, report: CadenceReport): void {
        for (let r = 0; r < this.rules.length; r++) {
            if (this.applies[r] === 0) continue;
            const rule = this.rules[r];
            if (rule.kinds && !rule.kinds.has(kind)) continue;
            const due = this.since[r] + rule.model.everyDays;
            if (day > due) {
                report(IssueCodes.FollowUpLate,
                    `This ${kind} is ${plural(day - due, 'day')} late: ${describeCadence(rule.model)} asks for ${this.touched[r] ? 'a follow-up' : 'a first follow-up'} within ${plural(rule.model.everyDays, 'day')} ${this.clockStart(r)}, by ${formatIsoDate(due)}.`);
            }
            if (day > this.since[r]) this.since[r] = day;
            this.touched[r] = 1;
        }
    }

    /**
     * Works out again which rules apply, on `day`, with the deal in `stage` (-1: not in one, or
     * ended) and its fields' `values`. A rule that stops applying past its due day without its
     * touch is a missing follow-up; one that starts to apply starts its clock.
     */
    update(day: number, stage: number, values: readonly RuntimeValue[], end: CadenceEnd, report: CadenceReport): void {
        for (let r = 0; r < this.rules.length; r++) {
            const rule = this.rules[r];
            const now = stage >= 0 && (!rule.stages || rule.stages.has(stage)) && (!rule.condition || rule.condition.evaluate(values) === true) ? 1 : 0;
            if (now === this.applies[r]) continue;
            if (now === 0) {
                this.reportIfOverdue(r, day, end, report);
            } else {
                this.since[r] = day;
                this.touched[r] = 0;
            }
            this.applies[r] = now;
        }
    }

    /** An open deal judged on `day`: the rules that apply and are overdue are missing follow-ups. Returns the next due day, if a rule applies. */
    finish(day: number, end: CadenceEnd, report: CadenceReport): number | undefined {
        let next: number | undefined;
        for (let r = 0; r < this.rules.length; r++) {
            if (this.applies[r] === 0) continue;
            this.reportIfOverdue(r, day, end, report);
            const due = this.since[r] + this.rules[r].model.everyDays;
            if (next === undefined || due < next) next = due;
        }
        return next;
    }

    private reportIfOverdue(r: number, day: number, end: CadenceEnd, report: CadenceReport): void {
        const rule = this.rules[r];
        const due = this.since[r] + rule.model.everyDays;
        if (day <= due) return;
        const what = rule.kinds ? listNames([...rule.kinds], 'or') : 'follow-up';
        report(IssueCodes.FollowUpMissing,
            `No ${what} by ${formatIsoDate(due)}: ${describeCadence(rule.model)} asks for one within ${plural(rule.model.everyDays, 'day')} ${this.clockStart(r)}, and none came ${describeEnd(end, day)} (${plural(day - due, 'day')} overdue).`);
    }

    private clockStart(r: number): string {
        return this.touched[r] ? `of the last one (${formatIsoDate(this.since[r])})` : `of ${formatIsoDate(this.since[r])}, when it started to apply`;
    }
}

function describeEnd(end: CadenceEnd, day: number): string {
    const date = formatIsoDate(day);
    switch (end.kind) {
        case 'ended': return `before the deal ${end.what} on ${date}`;
        case 'moved': return `before it stopped applying on ${date}`;
        case 'as-of': return `by ${date}, the as-of date`;
        case 'last-event': return `by ${date}, the deal's last event`;
    }
}

/** How a finding names a rule: its title, else its clauses. */
export function describeCadence(rule: CadenceModel): string {
    if (rule.title !== undefined) return `cadence "${rule.title}"`;
    const parts = [`cadence every ${plural(rule.everyDays, 'day')}`];
    if (rule.when) parts.push(`when ${expressionToText(rule.when)}`);
    if (rule.stages.length > 0) parts.push(`during ${rule.stages.join(', ')}`);
    if (rule.kinds.length > 0) parts.push(`by ${rule.kinds.join(', ')}`);
    return `\`${parts.join(' ')}\``;
}

function listNames(names: readonly string[], conjunction: string): string {
    return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} ${conjunction} ${names[names.length - 1]}`;
}

function plural(count: number, unit: string): string {
    return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
