/**
 * The same inputs through the real `playbook` command, as a user runs it: the verdict of
 * `check` must equal the checker's in this process (same findings, same exit code), export
 * and import must agree with the library, `fmt --check` with the formatter, and no command
 * may print a stack trace or an internal error, whatever the input.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from './oracles.js';

export interface CliRun {
    args: string[];
    status: number | null;
    stdout: string;
    stderr: string;
}

export class CliRunner {
    runs = 0;

    constructor(private readonly bin: string, private readonly workDir: string) {}

    /** A fresh folder holding `files`; returns its path. */
    folder(name: string, files: Record<string, string>): string {
        const dir = join(this.workDir, name);
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
        return dir;
    }

    remove(dir: string): void {
        rmSync(dir, { recursive: true, force: true });
    }

    run(cwd: string, args: string[]): CliRun {
        this.runs++;
        const result = spawnSync(process.execPath, [this.bin, ...args], {
            cwd, encoding: 'utf8', timeout: 300_000, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', PLAYBOOK_DEBUG: '' }
        });
        return { args, status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
    }

    read(dir: string, file: string): string | undefined {
        try {
            return readFileSync(join(dir, file), 'utf8');
        } catch {
            return undefined;
        }
    }
}

/** Problems every run can have: a crash, a stack trace, an internal error, an exit code outside 0–2. */
export function runProblems(run: CliRun): Problem[] {
    const command = `playbook ${run.args.join(' ')}`;
    const problems: Problem[] = [];
    if (run.status === null) problems.push({ oracle: 'cli', detail: `${command} was killed or timed out` });
    else if (run.status > 2) problems.push({ oracle: 'cli', detail: `${command} exited with ${run.status}: ${firstLines(run.stderr)}` });
    if (/\n\s+at .+(\(|:\d+)/.test(run.stderr) || /\n\s+at .+(\(|:\d+)/.test(run.stdout)) problems.push({ oracle: 'cli', detail: `${command} printed a stack trace: ${firstLines(run.stderr)}` });
    if (/internal error/i.test(run.stderr)) problems.push({ oracle: 'cli', detail: `${command}: ${firstLines(run.stderr)}` });
    return problems;
}

/** A refusal of the whole input (exit 2 with one clear line), which the library has no counterpart of (e.g. "not a text file"). */
export function isCleanRefusal(run: CliRun): boolean {
    return run.status === 2 && run.stdout.trim() === '' || run.status === 2 && /^playbook: /m.test(run.stderr) && !/internal error/i.test(run.stderr);
}

export function firstLines(text: string, count = 3): string {
    return text.split('\n').slice(0, count).join(' | ');
}
