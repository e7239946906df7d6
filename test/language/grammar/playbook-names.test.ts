/**
 * The names a playbook may use, as @playbook/model checks them in JSON documents, are
 * generated from the grammar (test/model/export/schema.test.ts checks them against the
 * parser): the generated file is what the grammar gives.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const generator = fileURLToPath(new URL('../../../packages/language/scripts/generate-playbook-names.mjs', import.meta.url));

describe('the names of the model package', () => {
    it('are what the grammar gives (npm run langium:generate rewrites them)', () => {
        const check = spawnSync(process.execPath, [generator, '--check'], { encoding: 'utf8' });
        expect(check.stderr).toBe('');
        expect(check.status).toBe(0);
    });
});
