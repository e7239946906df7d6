/**
 * Writes a long output in chunks of about 64 KB and waits whenever the stream asks it to
 * (back-pressure): a million deals streamed as JSON never pile up in memory, however slowly
 * the reader at the other end of the pipe goes.
 */
import { once } from 'node:events';

const CHUNK = 1 << 16;

export class OutputWriter {
    private chunks: string[] = [];
    private size = 0;

    constructor(private readonly stream: NodeJS.WritableStream = process.stdout) {}

    /** Returns a promise only when the text had to be flushed; await it then. */
    write(text: string): void | Promise<void> {
        this.chunks.push(text);
        this.size += text.length;
        if (this.size >= CHUNK) {
            return this.flush();
        }
    }

    async flush(): Promise<void> {
        if (this.size === 0) {
            return;
        }
        const text = this.chunks.join('');
        this.chunks = [];
        this.size = 0;
        if (!this.stream.write(text)) {
            await once(this.stream, 'drain');
        }
    }
}
