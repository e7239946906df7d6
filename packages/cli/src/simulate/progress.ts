/**
 * `125,000 deals…` on stderr while a long run goes, rewritten in place; only when stderr is a
 * terminal (never in a pipe, a log file or CI output), and only once a run has taken a while.
 */
import { groupedCount } from '@playbook/model';
const FIRST_AFTER_MS = 500;
const EVERY_MS = 200;

export class Progress {
    private readonly started = Date.now();
    private last = 0;
    private shown = false;

    constructor(
        private readonly stream: NodeJS.WriteStream = process.stderr,
        private readonly enabled: boolean = process.stderr.isTTY === true
    ) {}

    /** Called once per deal; looks at the clock once every 1,024 deals. */
    tick(deals: number): void {
        if (!this.enabled || (deals & 1023) !== 0) {
            return;
        }
        const now = Date.now();
        if (now - this.started < FIRST_AFTER_MS || now - this.last < EVERY_MS) {
            return;
        }
        this.last = now;
        this.shown = true;
        this.stream.write(`\r${groupedCount(deals)} deals…`);
    }

    /** Removes the progress line, before anything else is written to stderr and at the end. */
    clear(): void {
        if (this.shown) {
            this.stream.write('\r\u001b[K');
            this.shown = false;
        }
    }
}
