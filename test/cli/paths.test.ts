/** What `check` reads: files, directories, globs, and sibling files as context. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { binPath, GATE_NOT_MET, PIPELINE, PIPELINE_DEALS, playbook, tempTree, VALID } from './cli-helpers.js';

type Finding = { file: string; code: string; line: number };

function findings(stdout: string): Finding[] {
    return JSON.parse(stdout) as Finding[];
}

/** Two files with distinct names, so they can share a workspace. */
const named = (name: string, text: string): string => text.replace(/\bP\b/g, name).replace('deal D', `deal D${name}`);

describe('playbook check: arguments', () => {
    it('searches directories recursively, skipping node_modules and dot-folders', () => {
        const dir = tempTree({
            'top.playbook': named('Top', GATE_NOT_MET),
            'nested/deeper/inner.playbook': named('Inner', GATE_NOT_MET),
            'node_modules/pkg/dep.playbook': named('Dep', GATE_NOT_MET),
            '.hidden/secret.playbook': named('Hidden', GATE_NOT_MET),
            'nested/readme.md': '# not a playbook'
        });
        const result = playbook(['check', '.', '--format', 'json'], { cwd: dir });
        expect(result.code).toBe(1);
        expect([...new Set(findings(result.stdout).map(d => d.file))]).toEqual(['nested/deeper/inner.playbook', 'top.playbook']);
        const text = playbook(['check', '.'], { cwd: dir });
        expect(text.stdout.trimEnd().split('\n').at(-1)).toBe('2 errors, 0 warnings in 2 files');
    });

    it('checks a dot-folder when it is named explicitly', () => {
        const dir = tempTree({ '.playbooks/p.playbook': GATE_NOT_MET });
        const result = playbook(['check', '.playbooks', '--format', 'json'], { cwd: dir });
        expect(result.code).toBe(1);
        expect(findings(result.stdout).map(d => d.file)).toEqual(['.playbooks/p.playbook']);
    });

    it('expands quoted globs itself, taking only .playbook files', () => {
        const dir = tempTree({
            'a/one.playbook': named('One', GATE_NOT_MET),
            'a/b/two.playbook': named('Two', GATE_NOT_MET),
            'c/three.playbook': named('Three', GATE_NOT_MET),
            'a/notes.txt': 'not checked'
        });
        const deep = playbook(['check', 'a/**/*', '--format', 'json'], { cwd: dir });
        expect(deep.code).toBe(1);
        expect([...new Set(findings(deep.stdout).map(d => d.file))]).toEqual(['a/b/two.playbook', 'a/one.playbook']);
        const shallow = playbook(['check', '*/three.play{book,s}', '--format', 'json'], { cwd: dir });
        expect([...new Set(findings(shallow.stdout).map(d => d.file))]).toEqual(['c/three.playbook']);
    });

    it('treats an existing file name with glob characters as a file', () => {
        const dir = tempTree({ '[draft].playbook': GATE_NOT_MET });
        const result = playbook(['check', '[draft].playbook', '--format', 'json'], { cwd: dir });
        expect(result.code).toBe(1);
        expect(findings(result.stdout)[0].file).toBe('[draft].playbook');
    });

    it('says so on stderr for a directory without .playbook files, and exits 0', () => {
        const dir = tempTree({ 'empty/notes.txt': 'nothing here' });
        const result = playbook(['check', 'empty'], { cwd: dir });
        expect(result.code).toBe(0);
        expect(result.stderr).toBe("playbook: no .playbook files in 'empty'\n");
        expect(result.stdout).toBe('0 errors, 0 warnings in 0 files\n');
    });

    it('reports a file named twice (or also found in a folder) once', () => {
        const dir = tempTree({ 'deal.playbook': GATE_NOT_MET });
        const result = playbook(['check', 'deal.playbook', './deal.playbook', '.', '--format', 'json'], { cwd: dir });
        expect(findings(result.stdout)).toHaveLength(1);
    });

    it('reads a folder of many files with few file descriptors (no EMFILE)', () => {
        const files: Record<string, string> = {};
        for (let i = 0; i < 1200; i++) {
            files[`p${i}.playbook`] = `playbook P${i} {\n  stage A\n}\n`;
        }
        const dir = tempTree(files);
        const result = spawnSync('sh', ['-c', `ulimit -n 200 && "${process.execPath}" "${binPath}" check .`], { cwd: dir, encoding: 'utf8' });
        expect(result.stderr).toBe('');
        expect(result.stdout).toBe('0 errors, 0 warnings in 1200 files\n');
        expect(result.status).toBe(0);
    });

    it('checks a file named explicitly whatever its extension', () => {
        const dir = tempTree({ 'pipeline.txt': GATE_NOT_MET });
        const result = playbook(['check', 'pipeline.txt', '--format', 'json'], { cwd: dir });
        expect(result.code).toBe(1);
        expect(findings(result.stdout).map(d => d.code)).toEqual(['gate-not-met']);
    });
});

describe('playbook check: sibling files as context', () => {
    it('a file of deals checked alone finds its playbook in a sibling file', () => {
        const dir = tempTree({ 'pipeline.playbook': PIPELINE, 'deals.playbook': PIPELINE_DEALS });
        const result = playbook(['check', 'deals.playbook', '--format', 'json'], { cwd: dir });
        expect(findings(result.stdout)).toEqual([]);
        expect(result.code).toBe(0);
    });

    it('without the sibling the same file reports the unknown playbook', () => {
        const dir = tempTree({ 'deals.playbook': PIPELINE_DEALS });
        const result = playbook(['check', 'deals.playbook', '--format', 'json'], { cwd: dir });
        expect(result.code).toBe(1);
        expect(findings(result.stdout).map(d => d.code)).toEqual(['unresolved-reference']);
    });

    it('works from another directory and through a glob', () => {
        const dir = tempTree({ 'sales/pipeline.playbook': PIPELINE, 'sales/deals.playbook': PIPELINE_DEALS });
        expect(playbook(['check', 'sales/deals.playbook'], { cwd: dir }).code).toBe(0);
        expect(playbook(['check', 'sales/d*.playbook'], { cwd: dir }).code).toBe(0);
        expect(playbook(['check', `${dir}/sales/deals.playbook`], { cwd: '/' }).code).toBe(0);
    });

    it('replays the deals against the sibling playbook: a violation is found', () => {
        const skipping = PIPELINE_DEALS.replace('  2026-01-02 done Call\n', '');
        const dir = tempTree({ 'pipeline.playbook': PIPELINE, 'deals.playbook': skipping });
        const result = playbook(['check', 'deals.playbook', '--format', 'json'], { cwd: dir });
        expect(result.code).toBe(1);
        expect(findings(result.stdout).map(d => [d.file, d.code])).toEqual([['deals.playbook', 'gate-not-met']]);
    });

    it('does not report problems of the sibling files, nor count them', () => {
        const brokenSibling = `${PIPELINE}\ndeal Broken for Pipeline {\n  2026-01-01 enter Won\n}\n`;
        const dir = tempTree({ 'pipeline.playbook': brokenSibling, 'deals.playbook': PIPELINE_DEALS });
        const result = playbook(['check', 'deals.playbook'], { cwd: dir });
        expect(result.code).toBe(0);
        expect(result.stdout).toBe('0 errors, 0 warnings in 1 file\n');
        // Checked itself, the sibling does have an error.
        expect(playbook(['check', 'pipeline.playbook'], { cwd: dir }).code).toBe(1);
    });

    it('does not read folders below the file\'s own folder as context', () => {
        const dir = tempTree({ 'sub/pipeline.playbook': PIPELINE, 'deals.playbook': PIPELINE_DEALS });
        expect(playbook(['check', 'deals.playbook'], { cwd: dir }).code).toBe(1);
    });

    it('still validates the same file the same way when its folder is checked', () => {
        const dir = tempTree({ 'ok.playbook': VALID, 'pipeline.playbook': PIPELINE, 'deals.playbook': PIPELINE_DEALS });
        const result = playbook(['check', '.'], { cwd: dir });
        expect(result.code).toBe(0);
        expect(result.stdout).toBe('0 errors, 0 warnings in 3 files\n');
    });
});
