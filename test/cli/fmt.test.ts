/** `playbook fmt` rewrites files in the canonical layout; `--check` only reports. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { playbook, tempTree } from './cli-helpers.js';

const MESSY = 'playbook   P{field budget:money\nstage A{gate G{when budget>0}}   // keep me\nstage B}\n';
const TIDY = 'playbook P {\n  field budget: money\n  stage A {\n    gate G {\n      when budget > 0\n    }\n  } // keep me\n  stage B\n}\n';

describe('playbook fmt', () => {
    it('--check lists the files that would change, exits 1 and writes nothing', () => {
        const dir = tempTree({ 'messy.playbook': MESSY, 'tidy.playbook': TIDY });
        const result = playbook(['fmt', '--check', '.'], { cwd: dir });
        expect(result.code).toBe(1);
        expect(result.stdout).toBe('messy.playbook\n');
        expect(readFileSync(path.join(dir, 'messy.playbook'), 'utf8')).toBe(MESSY);
    });

    it('formats in place, keeping comments, and then --check passes', () => {
        const dir = tempTree({ 'messy.playbook': MESSY });
        expect(playbook(['fmt', 'messy.playbook'], { cwd: dir }).code).toBe(0);
        expect(readFileSync(path.join(dir, 'messy.playbook'), 'utf8')).toBe(TIDY);
        expect(playbook(['fmt', '--check', 'messy.playbook'], { cwd: dir })).toMatchObject({ code: 0, stdout: '' });
    });

    it('leaves a file with syntax errors alone and says why', () => {
        const broken = 'playbook P {  stage A { gate G { when > } }\n';
        const dir = tempTree({ 'broken.playbook': broken });
        const result = playbook(['fmt', 'broken.playbook'], { cwd: dir });
        expect(result.code).toBe(1);
        expect(result.stderr).toContain('broken.playbook:1:');
        expect(result.stderr).toContain("left 'broken.playbook' as it is");
        expect(readFileSync(path.join(dir, 'broken.playbook'), 'utf8')).toBe(broken);
    });

    it('the examples are formatted', () => {
        expect(playbook(['fmt', '--check', 'examples'])).toMatchObject({ code: 0, stdout: '' });
    });
});
