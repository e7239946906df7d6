/**
 * The start-up snapshot (packages/cli/build-snapshot.mjs) is an optimisation only: with it
 * or without it the command gives the same results, and a snapshot that does not fit (another
 * Node, a rebuilt bundle, a missing or broken blob, extra Node flags) is never used.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureBuilt, GATE_NOT_MET, PIPELINE, PIPELINE_DEALS, playbook, repoRoot, tempTree, VALID } from './cli-helpers.js';

ensureBuilt();
const dist = path.join(repoRoot, 'packages/cli/dist');
const manifestFile = path.join(dist, 'snapshot.json');
const built = existsSync(manifestFile);

/** A playbook with Chinese stage names and a CRM history of one deal in it. */
const CHINESE_PIPELINE = `playbook 客户 {
  stage 立项 { task 拜访 }
  stage 报价
}
`;
const CHINESE_HISTORY = 'deal,stage,date\n甲,立项,2026-01-02\n甲,报价,2026-01-09\n';

const FROM_SNAPSHOT = /^playbook: starting from snapshot /m;
const FROM_BUNDLE = /^playbook: no usable snapshot, loading the bundle$/m;

/** A copy of the installed command (bin, dist and a fitting snapshot) that a test may break. */
function copyOfCli(): { bin: string; dist: string; manifest: Record<string, unknown> } {
    const root = mkdtempSync(path.join(tmpdir(), 'playbook-cli-copy-'));
    cpSync(path.join(repoRoot, 'packages/cli/bin'), path.join(root, 'bin'), { recursive: true, preserveTimestamps: true });
    cpSync(dist, path.join(root, 'dist'), { recursive: true, preserveTimestamps: true });
    // A copied time can lose its nanoseconds: record the copy's own, as a build there would.
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, unknown>;
    manifest.bundleMtimeMs = statSync(path.join(root, 'dist/playbook.cjs')).mtimeMs;
    writeFileSync(path.join(root, 'dist/snapshot.json'), JSON.stringify(manifest));
    return { bin: path.join(root, 'bin/playbook.cjs'), dist: path.join(root, 'dist'), manifest };
}

function runCopy(bin: string, args: string[], cwd: string, env: Record<string, string> = {}, nodeArgs: string[] = []) {
    const { NODE_OPTIONS: _options, PLAYBOOK_NO_SNAPSHOT: _off, ...clean } = process.env;
    const result = spawnSync(process.execPath, [...nodeArgs, bin, ...args], { cwd, encoding: 'utf8', env: { ...clean, PLAYBOOK_DEBUG: '1', ...env } });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.skipIf(Boolean(process.env.PLAYBOOK_NO_SNAPSHOT))('the build', () => {
    // A module that does something a snapshot cannot hold when it loads (an ICU object, an
    // open handle) only makes the build warn and leave the snapshot out: the tests below
    // would then be skipped, and every start would be slow.
    it('made a start-up snapshot', () => {
        expect(built).toBe(true);
    });
});

describe.skipIf(!built || Boolean(process.env.PLAYBOOK_NO_SNAPSHOT))('playbook start-up snapshot', () => {
    it('is used by the command when it was built by this Node from this bundle', () => {
        const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
        expect(manifest.node).toBe(process.version);
        const dir = tempTree({ 'ok.playbook': VALID });
        const result = playbook(['check', 'ok.playbook'], { cwd: dir, env: { PLAYBOOK_DEBUG: '1', NODE_OPTIONS: undefined } });
        expect(result.stderr).toMatch(FROM_SNAPSHOT);
        expect(result.stdout).toBe('0 errors, 0 warnings in 1 file\n');
        expect(result.code).toBe(0);
    });

    it('runs simulate, whose report measures Chinese names with string-width (loaded on first use: a snapshot cannot hold what it builds when it loads)', () => {
        const dir = tempTree({ 'cn/pipeline.playbook': CHINESE_PIPELINE, 'cn/history.csv': CHINESE_HISTORY });
        const args = ['simulate', 'cn/pipeline.playbook', '--deals', 'cn/history.csv'];
        const result = playbook(args, { cwd: dir, env: { PLAYBOOK_DEBUG: '1', NODE_OPTIONS: undefined } });
        expect(result.stderr).toMatch(FROM_SNAPSHOT);
        // A Chinese character takes two columns: the counts stand under their headers.
        const lines = result.stdout.split('\n');
        const header = lines.find(line => line.startsWith('Stage'))!;
        const row = lines.find(line => line.startsWith('立项'))!.replace(/[\u4e00-\u9fff]/g, 'xx');
        expect(row).toMatch(/^xxxx +1 +1 +100\.0%/);
        expect(row.indexOf('1')).toBe(header.indexOf('Reached') + 'Reached'.length - 1);
        expect(result.code).toBe(0);
    });

    // One test per command line (two runs each), so that no test's time grows with the list.
    const sameAsBundleDir = (): string => tempTree({
        'ok.playbook': VALID, 'bad.playbook': GATE_NOT_MET.replace(/\bP\b/g, 'Q').replace('deal D', 'deal E'),
        'sales/pipeline.playbook': PIPELINE, 'sales/deals.playbook': PIPELINE_DEALS, 'empty/readme.txt': '',
        'cn/pipeline.playbook': CHINESE_PIPELINE, 'cn/history.csv': CHINESE_HISTORY
    });
    const sameAsBundle = [
        ['check', '.'], ['check', 'bad.playbook', '--format', 'json'], ['check', '.', '--format', 'sarif'],
        ['check', 'bad.playbook', '--format', 'github'], ['check', 'sales/deals.playbook'], ['check', 'empty'],
        ['check', 'missing.playbook'], ['check', '--format', 'xml', 'ok.playbook'], ['check'], [], ['--help'], ['--version'], ['check', '--help'],
        ['check', 'missing.playbook', '--format', 'sarif'],
        ['simulate', 'sales/deals.playbook'], ['simulate', 'cn/pipeline.playbook', '--deals', 'cn/history.csv'],
        ['simulate', 'cn/pipeline.playbook', '--deals', 'cn/history.csv', '--format', 'json'], ['simulate', 'missing.playbook']
    ];
    it.each(sameAsBundle.map(args => [args.join(' ') || '(no arguments)', args]))('gives exactly what the bundle gives: playbook %s', (_name, args) => {
        const dir = sameAsBundleDir();
        const withSnapshot = playbook(args, { cwd: dir, env: { NODE_OPTIONS: undefined } });
        const withoutSnapshot = playbook(args, { cwd: dir, env: { PLAYBOOK_NO_SNAPSHOT: '1' } });
        expect(withSnapshot).toEqual(withoutSnapshot);
    });

    it('keeps nothing of its warm-up document: the same names in a user\'s file are not duplicates', () => {
        // validate.ts warms the snapshot up with playbook WarmUp and deal Acme.
        const text = VALID.replace(/\bP\b/g, 'WarmUp').replace('deal D', 'deal Acme');
        const dir = tempTree({ 'warm.playbook': text });
        const result = playbook(['check', 'warm.playbook', '--format', 'json'], { cwd: dir, env: { PLAYBOOK_DEBUG: '1', NODE_OPTIONS: undefined } });
        expect(result.stderr).toMatch(FROM_SNAPSHOT);
        expect(JSON.parse(result.stdout)).toEqual([]);
        expect(result.code).toBe(0);
    });

    it('reads standard input through /dev/stdin when started from the snapshot', () => {
        const dir = tempTree({ 'deal.playbook': GATE_NOT_MET });
        // Through a shell pipe, as users do (Node's own `input` is a socket, which /dev/stdin cannot open).
        const command = `cat deal.playbook | "${process.execPath}" "${path.join(repoRoot, 'packages/cli/bin/playbook.cjs')}" check /dev/stdin --format json`;
        const result = spawnSync('sh', ['-c', command], { encoding: 'utf8', cwd: dir, env: { ...process.env, PLAYBOOK_DEBUG: '1', NODE_OPTIONS: '' } });
        expect(result.stderr).toMatch(FROM_SNAPSHOT);
        expect(result.status).toBe(1);
        expect(JSON.parse(result.stdout)[0]).toMatchObject({ file: path.relative(dir, '/dev/stdin'), line: 8, code: 'gate-not-met' });
    });

    it('starts its Node with the heap sizes its manifest names (a smaller young generation, a larger first old one), and with no other flag', () => {
        const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
        expect(manifest.nodeFlags).toEqual(['--max-semi-space-size=16', '--initial-old-space-size=64']);
        const copy = copyOfCli();
        const dir = tempTree({ 'deal.playbook': GATE_NOT_MET });
        expect(runCopy(copy.bin, ['check', 'deal.playbook'], dir).stderr).toMatch(/^playbook: starting from snapshot .* \(node --max-semi-space-size=16 --initial-old-space-size=64\)$/m);
        // A manifest asking for more (a module to load first) is followed only in its heap sizes.
        writeFileSync(path.join(copy.dist, 'snapshot.json'), JSON.stringify({ ...copy.manifest, nodeFlags: ['--max-semi-space-size=8', '--require=/nonexistent/module.js'] }));
        const result = runCopy(copy.bin, ['check', 'deal.playbook'], dir);
        expect(result.stderr).toMatch(/^playbook: starting from snapshot .* \(node --max-semi-space-size=8\)$/m);
        expect(result.stdout).toMatch(/^deal\.playbook:8:20 error gate-not-met /);
    });

    it('is not used once the bundle has been rebuilt (or touched) after it', () => {
        const copy = copyOfCli();
        const dir = tempTree({ 'deal.playbook': GATE_NOT_MET });
        expect(runCopy(copy.bin, ['check', 'deal.playbook'], dir).stderr).toMatch(FROM_SNAPSHOT);
        utimesSync(path.join(copy.dist, 'playbook.cjs'), new Date(), new Date(Date.now() + 5000));
        const result = runCopy(copy.bin, ['check', 'deal.playbook'], dir);
        expect(result.stderr).toMatch(FROM_BUNDLE);
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(/^deal\.playbook:8:20 error gate-not-met /);
    });

    it('is not used when made by another Node, or when missing', () => {
        const copy = copyOfCli();
        const dir = tempTree({ 'deal.playbook': GATE_NOT_MET });
        writeFileSync(path.join(copy.dist, 'snapshot.json'), JSON.stringify({ ...copy.manifest, node: 'v0.0.1' }));
        const other = runCopy(copy.bin, ['check', 'deal.playbook', '--format', 'json'], dir);
        expect(other.stderr).toMatch(FROM_BUNDLE);
        expect(other.code).toBe(1);
        writeFileSync(path.join(copy.dist, 'snapshot.json'), JSON.stringify({ ...copy.manifest, blob: 'gone.blob' }));
        const missing = runCopy(copy.bin, ['check', 'deal.playbook', '--format', 'json'], dir);
        expect(missing.stderr).toMatch(FROM_BUNDLE);
        expect(missing.stdout).toBe(other.stdout);
        writeFileSync(path.join(copy.dist, 'snapshot.json'), '{ not json');
        expect(runCopy(copy.bin, ['check', 'deal.playbook'], dir).code).toBe(1);
    });

    it('is not used when Node is given flags, directly or through NODE_OPTIONS', () => {
        const copy = copyOfCli();
        const dir = tempTree({ 'deal.playbook': GATE_NOT_MET });
        const flagged = runCopy(copy.bin, ['check', 'deal.playbook'], dir, {}, ['--stack-size=900']);
        expect(flagged.stderr).toMatch(FROM_BUNDLE);
        expect(flagged.code).toBe(1);
        const options = runCopy(copy.bin, ['check', 'deal.playbook'], dir, { NODE_OPTIONS: '--max-old-space-size=512' });
        expect(options.stderr).toMatch(FROM_BUNDLE);
        expect(options.code).toBe(1);
    });

    it('falls back to the bundle when the Node started from a broken blob dies', () => {
        const copy = copyOfCli();
        const dir = tempTree({ 'deal.playbook': GATE_NOT_MET });
        // Same size as the real blob, so every check passes, but not a snapshot: Node aborts.
        const blob = path.join(copy.dist, String(copy.manifest.blob));
        writeFileSync(blob, Buffer.alloc(Number(copy.manifest.blobSize), 7));
        const result = runCopy(copy.bin, ['check', 'deal.playbook', '--format', 'json'], dir);
        expect(result.stderr).toMatch(/^playbook: the snapshot did not start, loading the bundle$/m);
        expect(result.code).toBe(1);
        expect(JSON.parse(result.stdout)).toHaveLength(1);
    });
});
