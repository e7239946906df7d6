/**
 * Replays one deal's dated events against a compiled playbook (see PRODUCT.md, Semantics):
 * a deal starts in the first stage, moves forward one stage at a time skipping only optional
 * stages, leaves a stage only when its gates hold, and ends by `won` or by a `terminate`
 * rule, manual or automatic.
 */
import { IssueCodes, type IssueCode } from '../issue-codes.js';
import type { DealModel, EventModel, ValueModel } from '../model/playbook-model.js';
import { expressionToText } from '../model/expression-text.js';
import type { CompiledCondition, CompiledPlaybook, CompiledTermination } from './compiled-playbook.js';
import { formatIsoDate, parseIsoDate } from './dates.js';
import { toRuntimeValue, type RuntimeValue } from './evaluate.js';
import type { DealOutcome, DealResult, StageVisit, Violation } from './simulation-result.js';

export function simulateDeal(playbook: CompiledPlaybook, deal: DealModel): DealResult {
    return new DealReplay(playbook, deal).run();
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
    private readonly done: Uint8Array;
    private readonly values: RuntimeValue[];
    private readonly visits: StageVisit[] = [];
    private readonly violations: Violation[] = [];
    private eventIndex = 0;
    private eventDate = '';

    constructor(private readonly playbook: CompiledPlaybook, private readonly deal: DealModel) {
        this.done = new Uint8Array(playbook.taskNames.length);
        this.values = playbook.initialValues.slice();
    }

    run(): DealResult {
        const events = this.deal.events;
        for (let i = 0; i < events.length; i++) {
            this.replay(events[i], i);
        }
        if (!this.ended && this.current >= 0) {
            this.outcome = { kind: 'open', stage: this.stageName(this.current) };
            this.visits.push(this.visit(this.lastDay ?? this.enteredDay, true));
        } else if (!this.ended && this.playbook.stages.length > 0) {
            // No event yet: a deal starts in the first stage.
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
        return result;
    }

    private replay(event: EventModel, index: number): void {
        this.eventIndex = index;
        this.eventDate = event.date;
        const day = parseIsoDate(event.date);
        if (day === undefined) {
            this.report(IssueCodes.InvalidDate, 'error', `${event.date} is not a calendar date; this event is ignored.`);
            return;
        }
        if (this.ended) {
            this.report(IssueCodes.EventAfterEnd, 'error', `The deal already ended (${describeOutcome(this.outcome)}); nothing can happen after that.`);
            return;
        }
        if (this.lastDay !== undefined && day < this.lastDay) {
            this.report(IssueCodes.EventOutOfOrder, 'error', `${event.date} is earlier than the event before it (${formatIsoDate(this.lastDay)}); events must be in date order.`);
        }
        if (this.firstDay === undefined) {
            this.firstDay = day;
        }
        this.lastDay = this.lastDay === undefined ? day : Math.max(this.lastDay, day);
        if (this.current < 0 && event.kind !== 'enter' && this.playbook.stages.length > 0) {
            this.startIn(0, day);
        }
        this.checkSla(day);
        switch (event.kind) {
            case 'enter': this.enter(event.stage, day); break;
            case 'done': this.markDone(event.tasks); break;
            case 'set': this.set(event.field, event.value); break;
            case 'terminate': this.terminate(event.outcome, event.reason, day); break;
            case 'won': this.win(day); break;
        }
        if (!this.ended) {
            this.fireAutomaticTerminations(day);
        }
    }

    private startIn(stage: number, day: number): void {
        this.current = stage;
        this.enteredDay = day;
        this.slaReported = false;
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
            const skipped = this.skippedBetween(-1, target);
            if (skipped.length > 0) {
                this.report(IssueCodes.StageSkip, 'error',
                    `A deal starts in the first stage, but this one starts in ${stageName}, skipping ${listNames(skipped)}, which ${skipped.length === 1 ? 'is' : 'are'} not optional.`);
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
            this.checkGates(from, `Leaves ${this.stageName(from)}`);
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

    private markDone(tasks: readonly string[]): void {
        for (const name of tasks) {
            const index = this.playbook.taskIndex.get(name);
            if (index !== undefined) {
                this.done[index] = 1;
            }
        }
    }

    private set(fieldName: string, value: ValueModel): void {
        const index = this.playbook.fieldIndex.get(fieldName);
        if (index === undefined) {
            return;
        }
        this.values[index] = toRuntimeValue(value, this.playbook.fields[index]);
    }

    private terminate(outcome: string, reason: string | undefined, day: number): void {
        const rules = this.playbook.terminations.filter(rule => rule.model.outcome === outcome);
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
        if (rule && !this.appliesHere(rule)) {
            this.report(IssueCodes.TerminateNotAllowed, 'error',
                `${outcome} "${rule.model.reason}" applies only from ${listNames(rule.model.from)}, but the deal is in ${this.stageName(this.current)}.`);
        }
        this.end(day, { kind: 'terminated', outcome, reason: rule?.model.reason ?? reason ?? '', automatic: false, date: this.eventDate });
    }

    private win(day: number): void {
        if (this.current >= 0) {
            const last = this.playbook.stages.length - 1;
            const skipped = this.skippedBetween(this.current, last + 1);
            if (skipped.length > 0) {
                this.report(IssueCodes.StageSkip, 'error',
                    `Claims the win in ${this.stageName(this.current)}, skipping ${listNames(skipped)}; a deal is won only by passing the last stage's gate.`);
            }
            this.checkGates(this.current, `Claims the win in ${this.stageName(this.current)}`);
        }
        this.end(day, { kind: 'won', date: this.eventDate });
    }

    private fireAutomaticTerminations(day: number): void {
        for (const rule of this.playbook.automaticTerminations) {
            if (this.appliesHere(rule) && rule.condition!.evaluate(this.values) === true) {
                this.end(day, { kind: 'terminated', outcome: rule.model.outcome, reason: rule.model.reason, automatic: true, date: this.eventDate });
                return;
            }
        }
    }

    private appliesHere(rule: CompiledTermination): boolean {
        return !rule.from || rule.from.has(this.current);
    }

    private end(day: number, outcome: DealOutcome): void {
        if (this.current >= 0) {
            this.visits.push(this.visit(day));
        }
        this.ended = true;
        this.outcome = outcome;
    }

    /** Reports, in one violation, everything that keeps the stage's gates from holding. */
    private checkGates(stageIndex: number, action: string): void {
        const stage = this.playbook.stages[stageIndex];
        const unmet: string[] = [];
        const seenTasks = new Set<number>();
        const taskNotDone = (task: number): void => {
            if (!this.done[task] && !seenTasks.has(task)) {
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
                    unmet.push(...this.explainCondition(condition));
                }
            }
            if (unmet.length > before) {
                failedGates.push(gate.name);
            }
        }
        if (unmet.length > 0) {
            const which = failedGates.length > 0 ? `its gate ${listNames(failedGates)} does not hold` : 'its required tasks are not done';
            this.report(IssueCodes.GateNotMet, 'error', `${action} while ${which}: ${unmet.join('; ')}.`);
        }
    }

    /** Why a condition does not hold, naming only the parts of an `and` that fail and the values that made them fail. */
    private explainCondition(condition: CompiledCondition): string[] {
        const parts = condition.conjuncts.filter(part => part.evaluate(this.values) !== true);
        return (parts.length > 0 ? parts : [condition]).map(part => {
            const value = part.evaluate(this.values);
            const facts = part.fields.map(index => {
                const field = this.playbook.fields[index];
                const current = this.values[index];
                return current === undefined ? `${field.name} is not set` : `${field.name} is ${formatValue(current, field.type)}`;
            });
            const verdict = value === undefined ? 'cannot be decided' : 'is false';
            return `\`${expressionToText(part.expression)}\` ${verdict}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}`;
        });
    }

    private skippedBetween(from: number, to: number): string[] {
        const skipped: string[] = [];
        for (let s = from + 1; s < to; s++) {
            const stage = this.playbook.stages[s].model;
            if (!stage.optional) {
                skipped.push(stage.name);
            }
        }
        return skipped;
    }

    /** The stay in the current stage up to `day`; `stillThere` for the stage an open deal is in. */
    private visit(day: number, stillThere = false): StageVisit {
        return {
            stage: this.stageName(this.current),
            entered: formatIsoDate(this.enteredDay),
            ...(stillThere ? {} : { left: formatIsoDate(day) }),
            days: Math.max(0, day - this.enteredDay)
        };
    }

    private stageName(index: number): string {
        return this.playbook.stages[index]?.model.name ?? '';
    }

    private report(code: IssueCode, severity: 'error' | 'warning', message: string): void {
        this.violations.push({ code, severity, eventIndex: this.eventIndex, date: this.eventDate, message });
    }
}

function describeOutcome(outcome: DealOutcome): string {
    switch (outcome.kind) {
        case 'won': return `won on ${outcome.date}`;
        case 'terminated': return `${outcome.outcome} on ${outcome.date}`;
        default: return 'open';
    }
}

function formatValue(value: RuntimeValue, type: string): string {
    if (type === 'date' && typeof value === 'number') {
        return formatIsoDate(value);
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
