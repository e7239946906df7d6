/**
 * `check`, `export` and `fmt` run without Turbofan until they have read enough input to need
 * it: the switch (table-driven, with the flags recorded), and the built command's own
 * optimisations, traced by V8 (`--trace-opt`), for a small input and a large one, and for a
 * `simulate` of a small input, whose forecast needs Turbofan.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expectInput, maglevByDefault, SHORT_RUN_CHARACTERS, startShortRun, useFlagSetterForTests } from '../../../packages/cli/src/engine/short-run.js';
import { binPath, CLI_HANG_GUARD_MS, ensureBuilt, repoRoot, tempTree } from '../cli-helpers.js';

describe('Turbofan by the size of the input', () => {
    afterEach(() => useFlagSetterForTests(undefined));

    it.each([
        ['no input', [], ['--no-turbofan']],
        ['an example-sized file', [5_000], ['--no-turbofan']],
        ['files up to the limit together', [SHORT_RUN_CHARACTERS / 2, SHORT_RUN_CHARACTERS / 2], ['--no-turbofan']],
        ['one byte more', [SHORT_RUN_CHARACTERS / 2, SHORT_RUN_CHARACTERS / 2 + 1], ['--no-turbofan', '--turbofan']],
        ['a large file, then more', [SHORT_RUN_CHARACTERS + 1, 10, SHORT_RUN_CHARACTERS], ['--no-turbofan', '--turbofan']],
        ['a count past any limit', [100, Infinity], ['--no-turbofan', '--turbofan']]
    ])('%s: %j', (_what, inputs: number[], expected: string[]) => {
        const set: string[] = [];
        useFlagSetterForTests(flags => set.push(flags));
        startShortRun(true);
        inputs.forEach(expectInput);
        expect(set).toEqual(expected);
    });

    it('leaves Turbofan on where no Maglev would take its place', () => {
        const set: string[] = [];
        useFlagSetterForTests(flags => set.push(flags));
        startShortRun(false);
        [5_000, SHORT_RUN_CHARACTERS, Infinity].forEach(expectInput);
        expect(set).toEqual([]);
    });

    it.each([
        ['Node 20 (V8 11.3: no Maglev)', '11.3.244.8-node.38', 'x64', false],
        ['Node 22 (V8 12.4: Maglev off)', '12.4.254.21-node.57', 'x64', false],
        ['Node 24 (V8 13.6)', '13.6.233.17-node.53', 'x64', true],
        ['Node 24 on arm64', '13.6.233.17-node.53', 'arm64', true],
        ['Node 24 on 32-bit ARM (no Maglev)', '13.6.233.17-node.53', 'arm', false],
        ['Node 24 on s390x (no Maglev)', '13.6.233.17-node.53', 's390x', false]
    ])('Maglev by default in %s: %s', (_what, v8Version: string, arch: string, expected: boolean) => {
        expect(maglevByDefault(v8Version, arch)).toBe(expected);
    });

    it('tells this Node\'s Maglev default as Node itself does', () => {
        const options = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
        const maglev = /^\s+--maglev \(.*\)\n\s+type: bool\s+default: (--maglev|--no-maglev)$/m.exec(options);
        expect(maglev, 'the --maglev line of node --v8-options').not.toBeNull();
        expect(maglevByDefault(process.versions.v8, process.arch)).toBe(maglev![1] === '--maglev');
    });

    it('never turns Turbofan on when this Node refused to turn it off', () => {
        const set: string[] = [];
        useFlagSetterForTests(flags => {
            set.push(flags);
            throw new Error('refused');
        });
        startShortRun(true);
        expectInput(Infinity);
        expect(set).toEqual(['--no-turbofan']);
    });
});

/** A playbook of `stages` stages, five lines each. */
function bigPlaybook(stages: number): string {
    const lines = ['playbook Big {', '  field budget: money'];
    for (let i = 0; i < stages; i++) {
        lines.push(`  stage S${i} "Stage ${i}" {`, `    probability ${i % 100}% within ${1 + (i % 30)} days`, `    task Call${i} required  task Send${i}`,
            `    gate G${i} { requires Call${i} when budget > ${i} }`, '  }');
    }
    lines.push('}', '');
    return lines.join('\n');
}

/** How many functions V8 began to compile with Turbofan in a run of the built command. */
function turbofanJobs(args: string[], cwd: string): number {
    // Node flags on the bin's own Node: the bin then loads the bundle in that Node, without the snapshot.
    const run = spawnSync(process.execPath, ['--trace-opt', binPath, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: CLI_HANG_GUARD_MS });
    expect([0, 1], run.stderr).toContain(run.status);
    return run.stdout.split('\n').filter(line => /^\[compiling method .*TURBOFAN/.test(line)).length;
}

describe('the built command', () => {
    ensureBuilt();

    it('checks 10,000 lines without Turbofan', () => {
        const dir = tempTree({ 'big.playbook': bigPlaybook(2_000) });
        expect(turbofanJobs(['check', 'big.playbook'], dir)).toBe(0);
    });

    it('simulates 8,800 real deals with Turbofan: a small input, but a forecast of 10,000 trials', () => {
        const fixtures = path.join(repoRoot, 'test/cli/fixtures/simulate');
        expect(turbofanJobs(['simulate', 'sales-pipeline.playbook', '--deals', path.join(repoRoot, 'test/fixtures/crm/sales-pipeline-full.csv')], fixtures)).toBeGreaterThan(0);
    });

    it('exports a file of more than SHORT_RUN_CHARACTERS with Turbofan (a command bundle of its own)', () => {
        const perStage = bigPlaybook(2).length - bigPlaybook(1).length;
        const text = bigPlaybook(Math.ceil(SHORT_RUN_CHARACTERS / perStage) + 1);
        expect(text.length).toBeGreaterThan(SHORT_RUN_CHARACTERS);
        const dir = tempTree({});
        writeFileSync(path.join(dir, 'big.playbook'), text);
        expect(turbofanJobs(['export', 'big.playbook', '-o', 'big.json'], dir)).toBeGreaterThan(0);
    });
});
