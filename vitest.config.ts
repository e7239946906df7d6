import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
    resolve: {
        // Tests run against the sources of the model and the language, not a stale build.
        // Subpaths first: a key also matches the paths below it.
        alias: {
            '@playbook/model/diagram-view': fileURLToPath(new URL('./packages/model/src/diagram/diagram-view.ts', import.meta.url)),
            '@playbook/model/diagram-html': fileURLToPath(new URL('./packages/model/src/diagram/html-diagram.ts', import.meta.url)),
            '@playbook/model': fileURLToPath(new URL('./packages/model/src/index.ts', import.meta.url)),
            '@playbook/language/protocol': fileURLToPath(new URL('./packages/language/src/lsp/protocol/playbook-requests.ts', import.meta.url)),
            '@playbook/language': fileURLToPath(new URL('./packages/language/src/index.ts', import.meta.url))
        }
    },
    test: {
        include: ['test/**/*.test.ts'],
        // A guard against a test that hangs, not a speed limit: on a busy 2-core machine the
        // heaviest test (a property test of the reparsers, a few seconds alone) took ten times
        // as long, and a test must never fail because the machine is slow. Tests are split so
        // that each does a bounded amount of work (a few CLI runs, a few hundred edits).
        testTimeout: 300_000,
        hookTimeout: 300_000,
        pool: 'forks'
    }
});
