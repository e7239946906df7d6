import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        // The CLI tests run the bundled binary; building it is the README's set-up step.
        testTimeout: 30_000,
        pool: 'forks'
    }
});
