/**
 * The language server in a web worker, and the transport `@codemirror/lsp-client` talks to it
 * through. The worker's script is in the page's bundle and started from a blob: a page opened
 * as a file (file://) may not load a worker script by its path.
 */
/// <reference lib="dom" />
import type { Transport } from '@codemirror/lsp-client';

export function startServerWorker(source: string): Worker {
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    try {
        return new Worker(url, { name: 'playbook-language-server' });
    } finally {
        // The worker's script was resolved when it was created.
        URL.revokeObjectURL(url);
    }
}

/**
 * JSON text from the client becomes a message object for the worker's
 * `BrowserMessageReader`, and the worker's messages become text for the client.
 */
export function workerTransport(worker: Worker): Transport {
    const handlers = new Set<(message: string) => void>();
    worker.addEventListener('message', event => {
        const text = JSON.stringify(event.data);
        for (const handler of handlers) handler(text);
    });
    return {
        send: message => worker.postMessage(JSON.parse(message)),
        subscribe: handler => { handlers.add(handler); },
        unsubscribe: handler => { handlers.delete(handler); }
    };
}
