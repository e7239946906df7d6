/**
 * Runs the built `playbook` command as a child process, as users and CI do, on files written
 * to a fresh temporary directory. The bundle is built by the README's set-up (`npm install`);
 * when it is missing the first test file to need it builds it (one at a time).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const binPath = path.join(repoRoot, 'packages/cli/bin/playbook.cjs');
const bundlePath = path.join(repoRoot, 'packages/cli/dist/playbook.cjs');
/** One of the command bundles built beside the main one (see packages/cli/esbuild.mjs). */
const commandBundlePath = path.join(repoRoot, 'packages/cli/dist/commands/export.cjs');

/**
 * How long one run of the command may take before it is taken for hung: far beyond any
 * run's time on a loaded machine, and below the test timeout (vitest.config.ts), so that a
 * hang is reported as the command's.
 */
export const CLI_HANG_GUARD_MS = 240_000;

export interface CliResult {
    code: number | null;
    stdout: string;
    stderr: string;
}

export function ensureBuilt(): void {
    if (existsSync(bundlePath) && existsSync(commandBundlePath)) {
        return;
    }
    // Test files run in parallel processes: a directory created atomically is the lock.
    const lock = path.join(repoRoot, 'packages/cli/.build-lock');
    try {
        mkdirSync(lock);
    } catch {
        const deadline = Date.now() + CLI_HANG_GUARD_MS;
        while (!existsSync(bundlePath) && existsSync(lock) && Date.now() < deadline) {
            Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
        }
        return;
    }
    try {
        if (!existsSync(path.join(repoRoot, 'packages/language/src/generated/grammar.ts'))) {
            run(process.execPath, [path.join(repoRoot, 'node_modules/langium-cli/bin/langium.js'), 'generate']);
        }
        run(process.execPath, [path.join(repoRoot, 'packages/cli/esbuild.mjs')]);
    } finally {
        rmdirSync(lock);
    }
}

function run(command: string, args: string[]): void {
    const result = spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8' });
    if (result.status !== 0) {
        throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
    }
}

/** `playbook …args` in `cwd`, without a terminal (so: no colours), NO_COLOR and debug unset. */
export function playbook(args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): CliResult {
    ensureBuilt();
    const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, PLAYBOOK_DEBUG: undefined, FORCE_COLOR: undefined, ...options.env };
    for (const key of Object.keys(env)) {
        if (env[key] === undefined) {
            delete env[key];
        }
    }
    const result = spawnSync(process.execPath, [binPath, ...args], {
        cwd: options.cwd ?? repoRoot,
        env: env as NodeJS.ProcessEnv,
        encoding: 'utf8',
        timeout: CLI_HANG_GUARD_MS,
        // The JSON of thousands of replayed deals is larger than the default 1 MB.
        maxBuffer: 256 * 1024 * 1024
    });
    if (result.error) {
        throw result.error;
    }
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A new temporary directory holding the given files (paths relative to it, folders created). */
export function tempTree(files: Record<string, string | Buffer>): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'playbook-cli-'));
    for (const [name, content] of Object.entries(files)) {
        const full = path.join(dir, name);
        mkdirSync(path.dirname(full), { recursive: true });
        writeFileSync(full, content);
    }
    return dir;
}

/** A stack frame as Node prints it: what a user must never see for their own mistake. */
export const STACK_FRAME = /^\s+at .+(\(|:\d+:\d+)/m;

/** The valid example of the brief: one playbook, one deal that follows it. */
export const VALID = `playbook P {
  field budget: money
  stage A { task T required  gate G { requires T  when budget > 0 } }
  stage B
}
deal D for P {
  2026-01-01 enter A
  2026-01-02 done T
  2026-01-02 set budget = 10
  2026-01-03 enter B
}
`;

/** The same deal leaving A on line 8 before T is done and budget set: gate-not-met at `B`. */
export const GATE_NOT_MET = `playbook P {
  field budget: money
  stage A { task T required  gate G { requires T  when budget > 0 } }
  stage B
}
deal D for P {
  2026-01-01 enter A
  2026-01-02 enter B
  2026-01-02 done T
  2026-01-02 set budget = 10
}
`;

/** A playbook alone, and a file of deals that follows it (for sibling-context tests). */
export const PIPELINE = `playbook Pipeline {
  field budget: money
  stage Lead { task Call required  gate Qualified { requires Call  when budget > 0 } }
  stage Won
}
`;

export const PIPELINE_DEALS = `deal Acme for Pipeline {
  2026-01-01 enter Lead
  2026-01-02 done Call
  2026-01-02 set budget = 10
  2026-01-03 enter Won
}
`;
