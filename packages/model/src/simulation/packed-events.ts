/**
 * Deals' events packed one after another into one array of numbers, their texts (dates,
 * names, reasons, text values) kept once in a shared table: how a `ReplaySession` holds the
 * open deals of a large export until the as-of date is known. A million-row export holds
 * some 75,000 of them, and as objects (an object per event) they were most of the garbage
 * collector's work; a typed array has nothing inside for it to visit.
 *
 * Per event: `kind, date` then
 *   enter: `stage`;  done: `count, task…`;  set: `field, type, value`;
 *   terminate: `outcome, reason` (-1: none);  won: nothing;  activity: `activity, note` (-1: none).
 * Texts are table indices; a set value is a number (type 0), a boolean (1, as 0 or 1) or a
 * text (2, its index).
 */
import type { EventModel, ValueModel } from '../model/playbook-model.js';

const ENTER = 0, DONE = 1, SET = 2, TERMINATE = 3, WON = 4, ACTIVITY = 5;

export class EventPacker {
    private readonly texts: string[] = [];
    private readonly indexOf = new Map<string, number>();
    /** Every packed deal, one after the other: one array for all of them, not one per deal. */
    private buffer = new Float64Array(1024);
    private used = 0;

    /** Packs the events; returns where they start (they end where the next deal's start, or at `end`). */
    pack(events: readonly EventModel[]): number {
        const start = this.used;
        let at = start;
        const put = (value: number): void => {
            if (at === this.buffer.length) {
                const bigger = new Float64Array(this.buffer.length * 2);
                bigger.set(this.buffer);
                this.buffer = bigger;
            }
            this.buffer[at++] = value;
        };
        for (const event of events) {
            switch (event.kind) {
                case 'enter':
                    put(ENTER); put(this.text(event.date)); put(this.text(event.stage));
                    break;
                case 'done':
                    put(DONE); put(this.text(event.date)); put(event.tasks.length);
                    for (const task of event.tasks) put(this.text(task));
                    break;
                case 'set':
                    put(SET); put(this.text(event.date)); put(this.text(event.field));
                    if (typeof event.value === 'number') {
                        put(0); put(event.value);
                    } else if (typeof event.value === 'boolean') {
                        put(1); put(event.value ? 1 : 0);
                    } else {
                        put(2); put(this.text(event.value));
                    }
                    break;
                case 'terminate':
                    put(TERMINATE); put(this.text(event.date)); put(this.text(event.outcome)); put(event.reason === undefined ? -1 : this.text(event.reason));
                    break;
                case 'won':
                    put(WON); put(this.text(event.date));
                    break;
                case 'activity':
                    put(ACTIVITY); put(this.text(event.date)); put(this.text(event.activity)); put(event.note === undefined ? -1 : this.text(event.note));
                    break;
            }
        }
        this.used = at;
        return start;
    }

    /** Where the next packed deal will start: the end of the last one. */
    get end(): number {
        return this.used;
    }

    /** The events packed from `start` to `end`. */
    unpack(start: number, end: number): EventModel[] {
        const events: EventModel[] = [];
        const texts = this.texts;
        const packed = this.buffer;
        for (let at = start; at < end;) {
            const kind = packed[at++];
            const date = texts[packed[at++]];
            switch (kind) {
                case ENTER:
                    events.push({ date, kind: 'enter', stage: texts[packed[at++]] });
                    break;
                case DONE: {
                    const tasks: string[] = [];
                    for (let n = packed[at++]; n > 0; n--) tasks.push(texts[packed[at++]]);
                    events.push({ date, kind: 'done', tasks });
                    break;
                }
                case SET: {
                    const field = texts[packed[at++]];
                    const type = packed[at++];
                    const raw = packed[at++];
                    const value: ValueModel = type === 0 ? raw : type === 1 ? raw === 1 : texts[raw];
                    events.push({ date, kind: 'set', field, value });
                    break;
                }
                case TERMINATE: {
                    const outcome = texts[packed[at++]];
                    const reason = packed[at++];
                    events.push(reason < 0 ? { date, kind: 'terminate', outcome } : { date, kind: 'terminate', outcome, reason: texts[reason] });
                    break;
                }
                case ACTIVITY: {
                    const activity = texts[packed[at++]];
                    const note = packed[at++];
                    events.push(note < 0 ? { date, kind: 'activity', activity } : { date, kind: 'activity', activity, note: texts[note] });
                    break;
                }
                default:
                    events.push({ date, kind: 'won' });
                    break;
            }
        }
        return events;
    }

    private text(value: string): number {
        let index = this.indexOf.get(value);
        if (index === undefined) {
            index = this.texts.length;
            this.texts.push(value);
            this.indexOf.set(value, index);
        }
        return index;
    }
}
