/**
 * A deal that broke a rule is a record, not a broken playbook: `export` writes the playbook
 * (and, with --with-deals, the deal as it is); errors in the playbook still stop it, and so
 * do the deals' own errors when they are exported.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GATE_NOT_MET, PIPELINE, playbook, repoRoot, STACK_FRAME, tempTree } from './cli-helpers.js';

/** The README's first example: a playbook and a deal that leaves a stage while its gate does not hold. */
function readmeExample(): string {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const block = /```\n(playbook BigAccount[\s\S]*?)```/.exec(readme);
    expect(block, 'the README opens with a playbook example').not.toBeNull();
    return block![1];
}

describe('export of a file whose deals have violations', () => {
    it("the README's first example: check reports the violation, export writes the playbook (exit 0)", () => {
        const dir = tempTree({ 'big-account.playbook': readmeExample() });
        const check = playbook(['check', 'big-account.playbook', '--format', 'json'], { cwd: dir });
        expect(check.code).toBe(1);
        expect(JSON.parse(check.stdout).map((f: { code: string }) => f.code)).toEqual(['gate-not-met']);
        const result = playbook(['export', 'big-account.playbook'], { cwd: dir });
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        expect(JSON.parse(result.stdout).playbook.name).toBe('BigAccount');
    });

    it('--with-deals exports the deal as it happened, and import gives back the same record', () => {
        const dir = tempTree({ 'p.playbook': GATE_NOT_MET });
        const exported = playbook(['export', 'p.playbook', '--with-deals', '-o', 'p.json'], { cwd: dir });
        expect(exported.code, exported.stderr).toBe(0);
        const document = JSON.parse(readFileSync(path.join(dir, 'p.json'), 'utf8'));
        expect(document.deals.map((d: { name: string }) => d.name)).toEqual(['D']);
        const imported = playbook(['import', 'p.json', '-o', 'back.playbook'], { cwd: dir });
        expect(imported.code, imported.stderr).toBe(0);
        const again = playbook(['check', 'back.playbook', '--format', 'json'], { cwd: dir });
        expect(JSON.parse(again.stdout).map((f: { code: string }) => f.code)).toEqual(['gate-not-met']);
    });

    it('Mermaid and Markdown too', () => {
        const dir = tempTree({ 'p.playbook': GATE_NOT_MET });
        expect(playbook(['export', 'p.playbook', '--format', 'mermaid'], { cwd: dir }).code).toBe(0);
        expect(playbook(['export', 'p.playbook', '--format', 'markdown'], { cwd: dir }).code).toBe(0);
    });
});

describe('what still stops an export', () => {
    const cases: Array<[string, string, string[], RegExp]> = [
        ['an error in the playbook', 'playbook P { stage A { gate G { requires Nope } } stage B }\n', [], /unresolved-reference/],
        ['a syntax error anywhere in the file', `${PIPELINE}deal D for Pipeline {\n  2026-01-01 enter\n}\n`, [], /syntax-error/],
        ['with --with-deals, a deal naming a stage the playbook lacks', `${PIPELINE}deal D for Pipeline {\n  2026-01-01 enter Nowhere\n}\n`, ['--with-deals'], /unresolved-reference/],
        ['with --with-deals, a deal dated on no calendar', `${PIPELINE}deal D for Pipeline {\n  2026-02-30 enter Lead\n}\n`, ['--with-deals'], /invalid-date/]
    ];
    it.each(cases)('%s (exit 1, the errors printed, nothing written)', (_name, text, extra, code) => {
        const dir = tempTree({ 'p.playbook': text });
        const result = playbook(['export', 'p.playbook', ...extra], { cwd: dir });
        expect(result.code).toBe(1);
        expect(result.stdout).toBe('');
        expect(result.stderr).toMatch(code);
        expect(result.stderr).toMatch(/has errors; fix them first/);
        expect(result.stderr).not.toMatch(STACK_FRAME);
    });

    it('without --with-deals, an error inside a deal does not stop the export of the playbook', () => {
        const dir = tempTree({ 'p.playbook': `${PIPELINE}deal D for Pipeline {\n  2026-01-01 enter Nowhere\n}\n` });
        const result = playbook(['export', 'p.playbook'], { cwd: dir });
        expect(result.code, result.stderr).toBe(0);
    });
});
