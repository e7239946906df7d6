/**
 * Runs a composite action's `run:` steps the way GitHub's runner does, without a runner: each
 * step's `${{ }}` expressions substituted (inputs with their defaults, github.action_path,
 * github.workspace, runner.*, steps.<id>.outputs.*), its `env:` added to the environment with
 * GITHUB_ACTION_PATH, GITHUB_WORKSPACE, GITHUB_OUTPUT (a new file per step, read back into the
 * steps context), GITHUB_STEP_SUMMARY and RUNNER_TEMP, its script run by
 * `bash --noprofile --norc -eo pipefail` (the runner's `shell: bash`) in the workspace, and the
 * action stopped at the first step that fails. `uses:` steps are not run (Node is already
 * here; there is no cache service), but their `with:` expressions are evaluated, so that a
 * wrong one fails the test. The action's `outputs:` are evaluated at the end, as the runner
 * does even when a step failed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';

interface ActionStep {
    name?: string;
    id?: string;
    uses?: string;
    with?: Record<string, string | number | boolean>;
    run?: string;
    shell?: string;
    env?: Record<string, string>;
}

interface ActionManifest {
    inputs?: Record<string, { default?: string; required?: boolean }>;
    outputs?: Record<string, { value: string }>;
    runs: { using: string; steps: ActionStep[] };
}

export interface StepResult {
    name: string;
    /** `uses:` steps are skipped, with their `with:` as evaluated. */
    skipped?: { uses: string; with: Record<string, string> };
    code?: number | null;
    stdout: string;
    stderr: string;
    /** The script as it was run, after substitution. */
    script?: string;
}

export interface ActionRun {
    steps: StepResult[];
    /** The first failing step's exit code, else 0. */
    exitCode: number;
    outputs: Record<string, string>;
    summary: string;
    runnerTemp: string;
}

export interface ActionRunOptions {
    actionPath: string;
    workspace: string;
    inputs?: Record<string, string>;
    /** Extra environment (PATH with the Node that setup-node would have put first). */
    env?: Record<string, string>;
}

export function runCompositeAction(options: ActionRunOptions): ActionRun {
    const manifest = parse(readFileSync(path.join(options.actionPath, 'action.yml'), 'utf8')) as ActionManifest;
    if (manifest.runs.using !== 'composite') {
        throw new Error(`not a composite action: runs.using is ${manifest.runs.using}`);
    }
    const inputs: Record<string, string> = {};
    for (const [name, input] of Object.entries(manifest.inputs ?? {})) {
        inputs[name] = String(input.default ?? '');
    }
    for (const [name, value] of Object.entries(options.inputs ?? {})) {
        if (!(name in inputs)) {
            // The runner warns of an unexpected input; a test means a declared one.
            throw new Error(`the action has no input '${name}'`);
        }
        inputs[name] = value;
    }

    const runnerTemp = mkdtempSync(path.join(tmpdir(), 'playbook-runner-temp-'));
    const summaryFile = path.join(runnerTemp, 'step-summary.md');
    writeFileSync(summaryFile, '');
    const steps: Record<string, { outputs: Record<string, string> }> = {};
    const context = {
        inputs,
        github: { action_path: options.actionPath, workspace: options.workspace },
        runner: { temp: runnerTemp, os: 'Linux', arch: 'X64' },
        steps
    };

    const results: StepResult[] = [];
    let exitCode = 0;
    for (const [index, step] of manifest.runs.steps.entries()) {
        const name = step.name ?? step.id ?? `step ${index + 1}`;
        if (step.uses) {
            const evaluated = Object.fromEntries(Object.entries(step.with ?? {}).map(([key, value]) => [key, substitute(String(value), context)]));
            results.push({ name, skipped: { uses: step.uses, with: evaluated }, stdout: '', stderr: '' });
            continue;
        }
        if (step.shell !== 'bash') {
            throw new Error(`step '${name}': this runner knows only shell: bash (a composite step must name its shell)`);
        }
        const outputFile = path.join(runnerTemp, `output-${index}`);
        writeFileSync(outputFile, '');
        const script = substitute(step.run ?? '', context);
        const scriptFile = path.join(runnerTemp, `step-${index}.sh`);
        writeFileSync(scriptFile, script);
        const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, substitute(String(value), context)]));
        const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', scriptFile], {
            cwd: options.workspace,
            encoding: 'utf8',
            env: {
                ...process.env,
                ...options.env,
                CI: 'true',
                GITHUB_ACTIONS: 'true',
                GITHUB_ACTION_PATH: options.actionPath,
                GITHUB_WORKSPACE: options.workspace,
                GITHUB_OUTPUT: outputFile,
                GITHUB_STEP_SUMMARY: summaryFile,
                RUNNER_TEMP: runnerTemp,
                RUNNER_OS: 'Linux',
                RUNNER_ARCH: 'X64',
                ...stepEnv
            },
            maxBuffer: 64 * 1024 * 1024
        });
        if (result.error) {
            throw result.error;
        }
        if (step.id) {
            steps[step.id] = { outputs: parseOutputFile(readFileSync(outputFile, 'utf8')) };
        }
        results.push({ name, code: result.status, stdout: result.stdout, stderr: result.stderr, script });
        if (result.status !== 0) {
            exitCode = result.status ?? 1;
            break;
        }
    }

    const outputs = Object.fromEntries(Object.entries(manifest.outputs ?? {}).map(([name, output]) => [name, substitute(output.value, context)]));
    return { steps: results, exitCode, outputs, summary: readFileSync(summaryFile, 'utf8'), runnerTemp };
}

type Context = Record<string, unknown>;

/** `${{ a.b.c }}` replaced by its value ('' for a missing step output, as GitHub gives). */
export function substitute(text: string, context: Context): string {
    return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => {
        if (!/^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)+$/.test(expression)) {
            throw new Error(`unsupported expression \${{ ${expression} }}: this runner evaluates property paths only`);
        }
        const [head, ...rest] = expression.split('.');
        if (!(head in context)) {
            throw new Error(`unknown context '${head}' in \${{ ${expression} }}`);
        }
        if (head === 'inputs' && !(rest[0] in (context.inputs as Record<string, string>))) {
            throw new Error(`the action has no input '${rest[0]}' (\${{ ${expression} }})`);
        }
        let value: unknown = context;
        for (const key of [head, ...rest]) {
            value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
        }
        return value === undefined ? '' : String(value);
    });
}

/** The runner's GITHUB_OUTPUT file: `name=value` lines and `name<<DELIMITER … DELIMITER` blocks. */
export function parseOutputFile(text: string): Record<string, string> {
    const outputs: Record<string, string> = {};
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (line.trim() === '') continue;
        const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
        if (heredoc) {
            const end = lines.indexOf(heredoc[2], i + 1);
            if (end < 0) throw new Error(`GITHUB_OUTPUT: no end to the value of '${heredoc[1]}'`);
            outputs[heredoc[1]] = lines.slice(i + 1, end).join('\n');
            i = end;
            continue;
        }
        const equals = line.indexOf('=');
        if (equals < 0) throw new Error(`GITHUB_OUTPUT: a line that is not name=value: ${line}`);
        outputs[line.slice(0, equals)] = line.slice(equals + 1);
    }
    return outputs;
}
