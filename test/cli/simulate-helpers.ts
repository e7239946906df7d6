/** Shared by the `playbook simulate` tests: the fixture folder, and the command run with standard input. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { binPath, CLI_HANG_GUARD_MS, ensureBuilt, repoRoot, type CliResult } from './cli-helpers.js';

export const fixtures = path.join(repoRoot, 'test/cli/fixtures/simulate');

/**
 * The command built, with `simulate` in its main bundle: a bundle built before that still
 * loads dist/commands/simulate.cjs, which may be older than the sources.
 */
export function ensureSimulateBuilt(): void {
    ensureBuilt();
    if (existsSync(path.join(repoRoot, 'packages/cli/dist/commands/simulate.cjs'))) {
        const result = spawnSync(process.execPath, [path.join(repoRoot, 'packages/cli/esbuild.mjs')], { cwd: repoRoot, encoding: 'utf8' });
        if (result.status !== 0) {
            throw new Error(`building the CLI failed:\n${result.stdout}\n${result.stderr}`);
        }
    }
}

/** `playbook …args` with `input` on standard input. */
export function playbookWithInput(args: string[], input: string | Buffer, cwd: string = fixtures): CliResult {
    ensureSimulateBuilt();
    const env = { ...process.env };
    delete env.NO_COLOR;
    delete env.PLAYBOOK_DEBUG;
    delete env.FORCE_COLOR;
    const result = spawnSync(process.execPath, [binPath, ...args], { cwd, env, input, encoding: 'utf8', timeout: CLI_HANG_GUARD_MS });
    if (result.error) {
        throw result.error;
    }
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The deal lines of the text output (before the first blank line), with their indented violations. */
export function dealLines(stdout: string): string[] {
    const end = stdout.indexOf('\n\n');
    return (end < 0 ? stdout : stdout.slice(0, end)).split('\n').filter(line => line !== '');
}

/** What `--format json` writes. */
export interface SimulateJson {
    deals: Array<{
        deal: string;
        title?: string;
        playbook: string;
        source: { file: string; line: number };
        amount?: number;
        summary: string;
        outcome: { kind: 'open' | 'won' | 'terminated'; stage?: string; outcome?: string; reason?: string; automatic?: boolean; date?: string };
        cycleDays?: number;
        lateStart?: { stage?: string; date: string; unseen: string[] };
        regressions: number;
        visits: Array<{ stage: string; entered: string; left?: string; days: number }>;
        nextFollowUp?: { due: string; overdue: boolean };
        violations: Array<{ code: string; severity: string; date: string; message: string; eventIndex: number; file?: string; line?: number; column?: number }>;
    }>;
    report: Report | null;
    reports: Report[];
    errors: Array<{ file: string; line?: number; column?: number; path?: string; message: string; fatal?: boolean; code?: string }>;
    problems: Array<{ code: string; message: string; subject?: string; fix?: string; count: number; rows: number; lines: number[] }>;
    input?: { usedRows: number; unusableRows: number; incompleteDeals: number; incomplete: Array<{ deal: string; lines: number[]; rows: number }> };
    summary: { deals: number; dealsWithViolations: number; errors: number; stopped: boolean; interrupted: boolean };
}

export interface Report {
    playbook: string;
    deals: number;
    outcomes: { open: number; won: number; terminated: number; byOutcome: Record<string, number> };
    asOf: string | null;
    funnel: Array<{ stage: string; reached: number; advanced: number; skipped: number; unobserved: number; startedLater: number; pending: number; endedHere: number; conversion: number | null }>;
    lateStarts: { deals: number; byStage: Array<{ stage: string | null; deals: number }> };
    unverifiable: unknown[];
    won: { deals: number; value: number };
    winRate: { ofClosed: number | null; ofAll: number | null };
    cycleTime: { closed: { count: number; median: number | null }; won: { count: number; median: number | null } };
    violations: Array<{ code: string; count: number; deals: number }>;
    dealsWithViolations: number;
    forecast: { deals: number; dealsWithoutAmount: number; expectedWins: number; expectedValue: number; interval: { method: string; trials?: number; seed?: number } };
}
