/**
 * The GitHub Action (action.yml at the repository's root), run as GitHub runs it: its `run:`
 * steps by bash with the runner's environment, in a copy of the repository as the runner
 * downloads it (nothing built), on workspaces shaped like a user's repository.
 */
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATE_NOT_MET, repoRoot, tempTree, VALID } from '../cli/cli-helpers.js';
import { expectValidGitlabReport } from '../cli/gitlab-schemas.js';
import { runCompositeAction, type ActionRun } from './composite-action-runner.js';
import { copyOfRepository } from './repository-copy.js';

const require = createRequire(import.meta.url);
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

/** The official SARIF 2.1.0 schema, read as draft-07 (see test/fixtures/schemas/README.md). */
function sarifValidator() {
    const { id, ...schema } = JSON.parse(readFileSync(`${repoRoot}test/fixtures/schemas/sarif-schema-2.1.0.json`, 'utf8')) as { id: string } & Record<string, unknown>;
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    return ajv.compile({ ...schema, $schema: 'http://json-schema.org/draft-07/schema#', $id: id });
}
const validSarif = sarifValidator();

interface SarifLog {
    runs: Array<{
        results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>;
        invocations?: Array<{ executionSuccessful: boolean }>;
    }>;
}

function readSarif(file: string): SarifLog {
    const log = JSON.parse(readFileSync(file, 'utf8')) as SarifLog;
    expect(validSarif(log), JSON.stringify(validSarif.errors)).toBe(true);
    return log;
}

/** What setup-node leaves: this Node first on PATH. */
const PATH_WITH_NODE = `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`;

/** A playbook and deal named apart from those of VALID and GATE_NOT_MET (one workspace, unique names). */
function renamed(text: string, suffix: string): string {
    return text.replace(/\bP\b/g, `P${suffix}`).replace(/\bdeal D\b/, `deal D${suffix}`);
}

let actionPath: string;

function runAction(files: Record<string, string>, inputs: Record<string, string> = {}): { workspace: string; run: ActionRun } {
    const workspace = tempTree(files);
    return { workspace, run: runCompositeAction({ actionPath, workspace, inputs, env: { PATH: PATH_WITH_NODE } }) };
}

function step(run: ActionRun, name: string) {
    const found = run.steps.find(s => s.name.startsWith(name));
    expect(found, `step '${name}' in ${run.steps.map(s => s.name).join(', ')}`).toBeDefined();
    return found!;
}

describe('the GitHub Action', () => {
    beforeAll(() => {
        actionPath = copyOfRepository('playbook-action-');
    });
    // The build's dependencies are a hundred megabytes.
    afterAll(() => rmSync(actionPath, { recursive: true, force: true }));

    it('first run: builds the command in its folder, annotates the error, writes SARIF and fails the step', () => {
        expect(existsSync(path.join(actionPath, 'packages/cli/dist/playbook.cjs'))).toBe(false);
        const { run } = runAction({ 'playbooks/deal.playbook': GATE_NOT_MET, 'playbooks/ok.playbook': renamed(VALID, '2') }, { files: 'playbooks' });

        expect(step(run, 'Set up Node.js').skipped).toEqual({ uses: 'actions/setup-node@v6', with: { 'node-version': '24', 'package-manager-cache': 'false' } });
        expect(step(run, 'Restore the playbook command').skipped).toEqual({
            uses: 'actions/cache@v5',
            with: { path: `${actionPath}/packages/cli/dist`, key: expect.stringMatching(/^playbook-cli-linux-x64-node\d+\.\d+\.\d+-[0-9a-f]{32}$/) }
        });
        const build = step(run, 'Build the playbook command');
        expect(build.code, build.stderr).toBe(0);
        expect(build.stderr).toContain('building the playbook command');
        expect(existsSync(path.join(actionPath, 'packages/cli/dist/playbook.cjs'))).toBe(true);

        const check = step(run, 'Check');
        expect(check.code, check.stderr).toBe(1);
        expect(check.stdout).toMatch(/^::error file=playbooks\/deal\.playbook,line=8,col=20,endLine=8,endColumn=21,title=gate-not-met::Leaves A while /m);
        expect(run.exitCode).toBe(1);

        expect(run.outputs).toEqual({ 'sarif-file': path.join(run.runnerTemp, 'playbook.sarif'), 'exit-code': '1', errors: '1', warnings: '0' });
        const log = readSarif(run.outputs['sarif-file']);
        expect(log.runs[0].results.map(r => [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri])).toEqual([['gate-not-met', 'playbooks/deal.playbook']]);

        expect(run.summary).toContain('### Playbook check');
        expect(run.summary).toContain(':x: 1 error, 0 warnings');
        expect(run.summary).toMatch(/^\| playbooks\/deal\.playbook \| 8 \| error \| gate-not-met \| Leaves A while .* \|$/m);
    });

    it('next runs use the command built (as restored from the cache); a clean workspace with the defaults passes', () => {
        const bundle = path.join(actionPath, 'packages/cli/dist/playbook.cjs');
        const builtAt = statSync(bundle).mtimeMs;
        const { run } = runAction({ 'ok.playbook': VALID, 'sub/deal.playbook': renamed(VALID, '2') });
        expect(step(run, 'Build the playbook command').stderr).toBe('');
        expect(statSync(bundle).mtimeMs).toBe(builtAt);
        expect(step(run, 'Check').stdout).toBe('');
        expect(run.exitCode).toBe(0);
        expect(run.outputs).toMatchObject({ 'exit-code': '0', errors: '0', warnings: '0' });
        expect(readSarif(run.outputs['sarif-file']).runs[0].results).toEqual([]);
        expect(run.summary).toContain(':white_check_mark: 0 errors, 0 warnings');
    });

    it('format sarif with a sarif-file in the workspace: the file is written, not printed', () => {
        const { workspace, run } = runAction({ 'deal.playbook': GATE_NOT_MET }, { format: 'sarif', 'sarif-file': 'reports/playbook.sarif' });
        expect(run.exitCode).toBe(1);
        const sarifFile = path.join(workspace, 'reports/playbook.sarif');
        expect(run.outputs['sarif-file']).toBe(sarifFile);
        expect(readSarif(sarifFile).runs[0].results).toHaveLength(1);
        expect(step(run, 'Check').stdout).toBe(`playbook: SARIF written to ${sarifFile}\n`);
    });

    it('files one per line (a folder with a space, a glob the tool expands) with the GitLab format', () => {
        const { run } = runAction(
            { 'my deals/a.playbook': GATE_NOT_MET, 'team/x/b.playbook': renamed(GATE_NOT_MET, '2'), 'team/x/c.playbook.txt': 'not checked' },
            { files: 'my deals\nteam/**/*.playbook\n', format: 'gitlab' }
        );
        expect(run.exitCode).toBe(1);
        const report = expectValidGitlabReport(step(run, 'Check').stdout);
        expect(report.map(i => i.location.path)).toEqual(['my deals/a.playbook', 'team/x/b.playbook']);
        expect(run.outputs.errors).toBe('2');
    });

    it('an input cannot run a command: it reaches the check as text', () => {
        const { workspace, run } = runAction({ 'ok.playbook': VALID }, { files: 'ok.playbook $(touch pwned1) `touch pwned2` ";touch pwned3"' });
        for (const file of ['pwned1', 'pwned2', 'pwned3']) {
            expect(existsSync(path.join(workspace, file)), file).toBe(false);
        }
        // `$(touch` is a path that does not exist.
        expect(run.exitCode).toBe(2);
        for (const scriptStep of run.steps.filter(s => s.script !== undefined)) {
            expect(scriptStep.script).not.toContain('pwned');
        }
    });

    it('a check that cannot be done fails with exit 2, a SARIF log that says so and a summary that says why', () => {
        const { run } = runAction({ 'ok.playbook': VALID }, { files: 'missing.playbook' });
        expect(run.exitCode).toBe(2);
        expect(step(run, 'Check').stdout).toBe("::error file=missing.playbook,title=unreadable-input::cannot read 'missing.playbook': no such file\n");
        expect(run.outputs['exit-code']).toBe('2');
        expect(readSarif(run.outputs['sarif-file']).runs[0].invocations?.[0].executionSuccessful).toBe(false);
        expect(run.summary).toContain(":x: The check could not be done: cannot read 'missing.playbook': no such file");
    });
});
