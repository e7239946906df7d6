/**
 * Files as Windows editors and Excel save them: UTF-8 with a byte-order mark, UTF-16 (little-
 * and big-endian) with one, Excel's "Unicode text" (UTF-16LE, tab-separated); and files that
 * are not text at all, which get one sentence rather than a thousand syntax errors.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GATE_NOT_MET, PIPELINE, playbook, STACK_FRAME, tempTree, VALID } from './cli-helpers.js';
import { dealLines, ensureSimulateBuilt, fixtures } from './simulate-helpers.js';

const ENCODINGS: Array<[string, (text: string) => Buffer]> = [
    ['UTF-8 with a byte-order mark', text => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    ['UTF-16LE with a byte-order mark', text => Buffer.from(`\ufeff${text}`, 'utf16le')],
    ['UTF-16BE with a byte-order mark', text => Buffer.from(`\ufeff${text}`, 'utf16le').swap16()]
];

/** Bytes no text file holds: every value, in a scrambled order. */
const GARBAGE = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));

describe('files decoded by their byte-order mark', () => {
    const reference = JSON.parse(playbook(['check', 'p.playbook', '--format', 'json'], { cwd: tempTree({ 'p.playbook': GATE_NOT_MET }) }).stdout);

    it.each(ENCODINGS)('check reads a .playbook in %s as it reads UTF-8: the same findings at the same places', (_name, encode) => {
        const dir = tempTree({ 'p.playbook': encode(GATE_NOT_MET), 'ok.playbook': encode(VALID.replace(/\bP\b/g, 'Q').replace('deal D', 'deal E')) });
        const result = playbook(['check', 'p.playbook', 'ok.playbook', '--format', 'json'], { cwd: dir });
        expect(result.stderr).toBe('');
        expect(JSON.parse(result.stdout)).toEqual(reference);
        expect(result.code).toBe(1);
    });

    it.each(ENCODINGS)('import reads JSON in %s', (_name, encode) => {
        const exported = playbook(['export', 'a.playbook'], { cwd: tempTree({ 'a.playbook': PIPELINE }) }).stdout;
        const dir = tempTree({ 'a.json': encode(exported) });
        const result = playbook(['import', 'a.json'], { cwd: dir });
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        expect(result.stdout).toMatch(/^playbook Pipeline \{/);
    });

    it("simulate --deals reads Excel's \"Unicode text\" (UTF-16LE, tab-separated) as the same export in UTF-8 CSV", () => {
        ensureSimulateBuilt();
        const csv = readFileSync(path.join(fixtures, 'opportunity-history.csv'), 'utf8');
        // Excel writes every cell unquoted, separated by tabs, lines ending in CRLF.
        const tabbed = csv.trim().split(/\r?\n/).map(line => (JSON.parse(`[${line}]`) as string[]).join('\t')).join('\r\n');
        const dir = tempTree({ 'history.txt': Buffer.from(`\ufeff${tabbed}\r\n`, 'utf16le') });
        const sales = path.join(fixtures, 'sales.playbook');
        const expected = playbook(['simulate', sales, '--deals', 'opportunity-history.csv'], { cwd: fixtures });
        const result = playbook(['simulate', sales, '--deals', 'history.txt'], { cwd: dir });
        expect(result.stderr).toBe('');
        expect(result.code).toBe(expected.code);
        expect(dealLines(result.stdout)).toEqual(dealLines(expected.stdout).map(line => line.replace('opportunity-history.csv', 'history.txt')));
    });

    it('fmt writes a UTF-16 file back in UTF-16, with its byte-order mark', () => {
        const dir = tempTree({ 'p.playbook': Buffer.from('\ufeffplaybook P {\nstage   A\n}\n', 'utf16le') });
        const result = playbook(['fmt', 'p.playbook'], { cwd: dir });
        expect(result.code, result.stderr).toBe(0);
        const bytes = readFileSync(path.join(dir, 'p.playbook'));
        expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
        expect(bytes.subarray(2).toString('utf16le')).toBe('playbook P {\n  stage A\n}\n');
    });
});

describe('files that are not text', () => {
    const cases: Array<[string, (dir: string) => string[], Record<string, string | Buffer>]> = [
        ['check', () => ['check', 'garbage.playbook'], { 'garbage.playbook': GARBAGE }],
        ['export', () => ['export', 'garbage.playbook'], { 'garbage.playbook': GARBAGE }],
        ['import', () => ['import', 'garbage.json'], { 'garbage.json': GARBAGE }],
        ['fmt', () => ['fmt', 'garbage.playbook'], { 'garbage.playbook': GARBAGE }],
        ['simulate', () => ['simulate', 'garbage.playbook'], { 'garbage.playbook': GARBAGE }],
        ['simulate --deals', () => ['simulate', path.join(fixtures, 'sales.playbook'), '--deals', 'garbage.csv'], { 'garbage.csv': GARBAGE }]
    ];
    it.each(cases)('%s: "not a text file", exit 2, in one line', (_name, args, files) => {
        const dir = tempTree(files);
        const result = playbook(args(dir), { cwd: dir });
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/not a text file: it holds binary data/);
        expect(result.stderr.trim().split('\n')).toHaveLength(1);
        expect(result.stderr).not.toMatch(STACK_FRAME);
        expect(result.stderr).not.toMatch(/syntax|nest/i);
    });

    it('UTF-16 without a byte-order mark is named as such', () => {
        const dir = tempTree({ 'p.playbook': Buffer.from(VALID, 'utf16le') });
        const result = playbook(['check', 'p.playbook'], { cwd: dir });
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/UTF-16 without a byte-order mark/);
    });

    it('bytes that are not UTF-8 are refused at their line and column, never replaced', () => {
        const latin1 = Buffer.from('playbook P {\n  title "Négociation"\n  stage A\n}\n', 'latin1');
        const dir = tempTree({ 'p.playbook': latin1 });
        const check = playbook(['check', 'p.playbook'], { cwd: dir });
        expect(check.code).toBe(2);
        expect(check.stderr).toBe("playbook: cannot read 'p.playbook': not UTF-8 text: the byte 0xE9 at line 2, column 11 is not UTF-8; save the file as UTF-8\n");
        // fmt would have written U+FFFD where the byte was.
        expect(playbook(['fmt', 'p.playbook'], { cwd: dir }).code).toBe(2);
        expect(readFileSync(path.join(dir, 'p.playbook'))).toEqual(latin1);
    });

    it('a stray control character in a text file is still the syntax error it is, with its position', () => {
        const dir = tempTree({ 'p.playbook': 'playbook P {\n  stage A \u0001\n}\n' });
        const result = playbook(['check', 'p.playbook', '--format', 'json'], { cwd: dir });
        expect(result.code).toBe(1);
        expect(JSON.parse(result.stdout)[0]).toMatchObject({ line: 2, code: 'syntax-error' });
    });
});
