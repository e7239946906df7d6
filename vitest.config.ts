import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
    resolve: {
        // Tests run against the language sources, not a stale build.
        alias: {
            '@playbook/language': fileURLToPath(new URL('./packages/language/src/index.ts', import.meta.url))
        }
    },
    test: {
        include: ['test/**/*.test.ts'],
        // The CLI tests run the bundled binary; building it is the README's set-up step.
        testTimeout: 30_000,
        pool: 'forks'
    }
});
