/** `--format github`: GitHub Actions workflow commands, escaped as the runner expects. */
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty } from '../../packages/cli/src/output/github.js';
import { GATE_NOT_MET, playbook, tempTree, VALID } from './cli-helpers.js';

/** One workflow command: `::error|warning|notice key=value,…::message`, nothing unescaped. */
const COMMAND = /^::(error|warning|notice) file=[^,:\r\n]+,line=\d+(,col=\d+)?,endLine=\d+(,endColumn=\d+)?,title=[a-z-]+::[^\r\n]*$/;

describe('playbook check --format github', () => {
    it('prints one ::error command per error, with file, line, columns and the code as title', () => {
        const dir = tempTree({ 'deal.playbook': GATE_NOT_MET });
        const result = playbook(['check', 'deal.playbook', '--format', 'github'], { cwd: dir });
        expect(result.code).toBe(1);
        const lines = result.stdout.split('\n').filter(Boolean);
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(COMMAND);
        expect(lines[0]).toMatch(/^::error file=deal\.playbook,line=8,col=20,endLine=8,endColumn=21,title=gate-not-met::Leaves A while /);
    });

    it('prints nothing for a clean file', () => {
        const dir = tempTree({ 'ok.playbook': VALID });
        const result = playbook(['check', 'ok.playbook', '--format', 'github'], { cwd: dir });
        expect(result.code).toBe(0);
        expect(result.stdout).toBe('');
    });

    it('uses warning and notice for warnings and infos; every line is a workflow command', () => {
        const text = VALID.replace('field budget: money', 'field budget: money\n  field notes: text').replace('task T required', 'task T required  task Extra');
        const dir = tempTree({ 'w.playbook': text });
        const result = playbook(['check', 'w.playbook', '--format', 'github'], { cwd: dir });
        const lines = result.stdout.trimEnd().split('\n');
        for (const line of lines) {
            expect(line).toMatch(COMMAND);
        }
        expect(lines.map(l => l.slice(0, l.indexOf(' ')))).toEqual(['::warning', '::notice']);
    });

    it('escapes % in messages and : and , in file names', () => {
        const withPercent = VALID.replace('stage A {', 'stage A { probability 120%');
        const dir = tempTree({ 'odd,name:1.playbook': withPercent });
        const result = playbook(['check', '.', '--format', 'github'], { cwd: dir });
        expect(result.code).toBe(1);
        const line = result.stdout.split('\n').find(l => l.includes('probability-range'));
        expect(line).toBeDefined();
        expect(line).toMatch(COMMAND);
        expect(line).toContain('file=odd%2Cname%3A1.playbook,');
        expect(line).toContain('120%25');
        expect(line!.split('::')[2]).not.toMatch(/%(?!25|0D|0A)/);
    });

    it('escapes as the runner documents: % first, then CR and LF; properties also : and ,', () => {
        expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
        expect(escapeData('%0A')).toBe('%250A');
        expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
    });
});
