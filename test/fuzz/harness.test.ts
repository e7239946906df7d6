/**
 * CI's sample of the fuzz harness (`npm run fuzz` runs it at scale): a few hundred seeded
 * inputs of every kind through the checker, the formatter, export and import, the CRM
 * readers and, for a few of them, the real command line. Every property must hold; slow
 * inputs are not asserted (speed depends on the machine).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Fuzzer, type InputResult } from '../../fuzz/src/harness.js';
import { ensureBuilt, repoRoot } from '../cli/cli-helpers.js';

describe('the fuzz harness, on a fixed sample', () => {
    it('finds no input that breaks a property (seed 20260, 400 inputs, the CLI on 3 of them)', async () => {
        ensureBuilt();
        const workDir = mkdtempSync(join(tmpdir(), 'playbook-fuzz-test-'));
        const failed: InputResult[] = [];
        try {
            const report = await new Fuzzer({
                seed: 20260, count: 400, root: repoRoot, workDir, cliEvery: 150, slowMs: Number.POSITIVE_INFINITY,
                onInput: result => { if (result.problems.length > 0) failed.push(result); }
            }).run();
            const described = failed.map(r => `input ${r.input.index} (${r.input.kind}): ${r.problems.map(p => `[${p.oracle}] ${p.detail}`).join('\n')}`);
            expect(described).toEqual([]);
            // The sample reaches every part of the harness.
            expect(Object.values(report.byKind).every(count => count > 0)).toBe(true);
            expect(report.generatedRoundTrips).toBeGreaterThan(40);
            expect(report.badCellsPlanted).toBeGreaterThan(10);
            expect(report.cliRuns).toBeGreaterThanOrEqual(3);
        } finally {
            rmSync(workDir, { recursive: true, force: true });
        }
    }, 300_000);
});
