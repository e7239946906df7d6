/**
 * CI's sample of the fuzz harness (`npm run fuzz` runs it at scale): 200 seeded inputs of
 * every kind through the checker, the formatter, export and import and the CRM readers, and
 * the first of them (a playbook and a CRM export of its deals) through the real command line
 * (check, simulate). Every property must hold; slow inputs are not asserted (speed depends on
 * the machine). The sample is small so that it stays quick on a busy machine (some 3 s of CPU;
 * each command is a process of its own, slow to start under load); the seed fixes every input,
 * so it finds the same every run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Fuzzer, type InputResult } from '../../fuzz/src/harness.js';
import { ensureBuilt, repoRoot } from '../cli/cli-helpers.js';

describe('the fuzz harness, on a fixed sample', () => {
    it('finds no input that breaks a property (seed 2, 200 inputs, the CLI on input 0)', async () => {
        ensureBuilt();
        const workDir = mkdtempSync(join(tmpdir(), 'playbook-fuzz-test-'));
        const failed: InputResult[] = [];
        try {
            const report = await new Fuzzer({
                seed: 2, count: 200, root: repoRoot, workDir, cliEvery: 200, slowMs: Number.POSITIVE_INFINITY,
                onInput: result => { if (result.problems.length > 0) failed.push(result); }
            }).run();
            const described = failed.map(r => `input ${r.input.index} (${r.input.kind}): ${r.problems.map(p => `[${p.oracle}] ${p.detail}`).join('\n')}`);
            expect(described).toEqual([]);
            // The sample reaches every part of the harness.
            expect(Object.values(report.byKind).every(count => count > 0)).toBe(true);
            expect(report.generatedRoundTrips).toBeGreaterThan(20);
            expect(report.badCellsPlanted).toBeGreaterThan(5);
            // Input 0 is a CRM export: check and simulate.
            expect(report.cliRuns).toBe(2);
        } finally {
            rmSync(workDir, { recursive: true, force: true });
        }
    }, 300_000);
});
