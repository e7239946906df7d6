/**
 * The README's "CI" snippets, copied as a user copies them: the GitHub workflow names only the
 * action's inputs and outputs, the GitLab job's script (run as GitLab's runner runs it, after
 * the clone) writes the report its `artifacts: reports: codequality` names and fails the job
 * on errors, and the pre-commit configuration names hooks that exist, with executable entries.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ensureBuilt, GATE_NOT_MET, repoRoot, tempTree, VALID } from '../cli/cli-helpers.js';
import { expectValidGitlabReport } from '../cli/gitlab-schemas.js';

const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const ciSection = readme.slice(readme.indexOf('\n## CI\n'), readme.indexOf('\n## ', readme.indexOf('\n## CI\n') + 1));

/** The YAML block of the README's CI section whose first line is `# <file>`. */
function snippet<T>(file: string): T {
    const block = [...ciSection.matchAll(/```yaml\n([\s\S]*?)```/g)].map(m => m[1]).find(text => text.startsWith(`# ${file}\n`));
    expect(block, `a yaml block for ${file} in the README's CI section`).toBeDefined();
    return parse(block!) as T;
}

interface WorkflowStep { id?: string; uses?: string; if?: string; with?: Record<string, string> }
interface Manifest { inputs: Record<string, unknown>; outputs: Record<string, unknown> }

describe("the README's CI snippets", () => {
    it('GitHub Actions: the workflow gives the action inputs it has and uploads an output it has', () => {
        const workflow = snippet<{ permissions: Record<string, string>; jobs: Record<string, { steps: WorkflowStep[] }> }>('.github/workflows/playbook.yml');
        const manifest = parse(readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as Manifest;
        const steps = Object.values(workflow.jobs)[0].steps;
        const action = steps.find(s => s.uses?.endsWith('/playbook@v1'));
        expect(action?.id).toBeDefined();
        for (const input of Object.keys(action!.with ?? {})) {
            expect(manifest.inputs, `input ${input}`).toHaveProperty(input);
        }
        const upload = steps.find(s => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
        expect(upload?.with?.sarif_file).toBe(`\${{ steps.${action!.id}.outputs.sarif-file }}`);
        expect(manifest.outputs).toHaveProperty('sarif-file');
        // Uploaded also when the check failed the job.
        expect(upload?.if).toContain('!cancelled()');
        expect(workflow.permissions['security-events']).toBe('write');
    });

    describe('GitLab CI: the job script', () => {
        interface Job { script: string[]; artifacts: { when: string; reports: { codequality: string } } }
        const job = Object.values(snippet<Record<string, Job>>('.gitlab-ci.yml'))[0];
        const clone = '/tmp/playbook';

        /** The script after its `git clone`, this repository (built) standing for the clone, in bash as GitLab's runner runs it. */
        function runScript(files: Record<string, string>) {
            ensureBuilt();
            expect(job.script[0]).toMatch(new RegExp(`^git clone .* ${clone}$`));
            const script = ['set -eo pipefail', ...job.script.slice(1).map(line => line.split(clone).join(repoRoot.replace(/\/$/, '')))].join('\n');
            const workspace = tempTree(files);
            const result = spawnSync('bash', ['-c', script], {
                cwd: workspace,
                encoding: 'utf8',
                env: { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}` }
            });
            return { workspace, result, report: path.join(workspace, job.artifacts.reports.codequality) };
        }

        it('fails the job on an error, with the report for GitLab and the findings in the log', () => {
            expect(job.artifacts.when).toBe('always');
            const { result, report } = runScript({ 'playbooks/deal.playbook': GATE_NOT_MET });
            expect(result.status, result.stderr).toBe(1);
            expect(result.stdout).toMatch(/^playbooks\/deal\.playbook:8:20 error gate-not-met /m);
            const issues = expectValidGitlabReport(readFileSync(report, 'utf8'));
            expect(issues.map(i => [i.check_name, i.location.path, i.location.lines.begin])).toEqual([['gate-not-met', 'playbooks/deal.playbook', 8]]);
        });

        it('passes a clean folder, with an empty report', () => {
            const { result, report } = runScript({ 'playbooks/ok.playbook': VALID });
            expect(result.status, result.stderr).toBe(0);
            expect(expectValidGitlabReport(readFileSync(report, 'utf8'))).toEqual([]);
        });
    });

    it('pre-commit: the configuration names the hooks of .pre-commit-hooks.yaml, whose entries are executable scripts', () => {
        const config = snippet<{ repos: Array<{ hooks: Array<{ id: string }> }> }>('.pre-commit-config.yaml');
        const hooks = parse(readFileSync(path.join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string; entry: string; language: string; files: string }>;
        expect(config.repos[0].hooks.map(h => h.id)).toEqual(hooks.map(h => h.id));
        for (const hook of hooks) {
            expect(hook.language).toBe('script');
            expect(new RegExp(hook.files).test('deals/acme.playbook')).toBe(true);
            const script = hook.entry.split(' ')[0];
            const full = path.join(repoRoot, script);
            expect(existsSync(full), script).toBe(true);
            expect(statSync(full).mode & 0o111, `${script} is executable`).not.toBe(0);
            // What a clone gets: the mode git records.
            const staged = spawnSync('git', ['ls-files', '-s', script], { cwd: repoRoot, encoding: 'utf8' }).stdout;
            if (staged !== '') {
                expect(staged.startsWith('100755 '), `${script} is executable in git`).toBe(true);
            }
        }
    });
});
