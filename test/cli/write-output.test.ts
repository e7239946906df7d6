/**
 * `-o` of export, import and schema: never over an input, never a playbook source replaced
 * by something else, folders created as needed.
 */
import { linkSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PIPELINE, PIPELINE_DEALS, playbook, STACK_FRAME, tempTree } from './cli-helpers.js';

/** Runs a command that must refuse, and checks that every file is as it was. */
function expectRefused(files: Record<string, string>, args: string[], message: RegExp, prepare?: (dir: string) => void): void {
    const dir = tempTree(files);
    prepare?.(dir);
    const before = readdirSync(dir).sort();
    const result = playbook(args, { cwd: dir });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(readdirSync(dir).sort()).toEqual(before);
    for (const [name, text] of Object.entries(files)) {
        expect(readFileSync(path.join(dir, name), 'utf8'), name).toBe(text);
    }
}

const INPUT = /refusing to write over '.+': it is an input of this command/;

/** The export of PIPELINE, as `export` writes it. */
function exportedJson(): string {
    const result = playbook(['export', 'a.playbook'], { cwd: tempTree({ 'a.playbook': PIPELINE }) });
    expect(result.code, result.stderr).toBe(0);
    return result.stdout;
}

describe('-o never writes over an input', () => {
    const cases: Array<[string, Record<string, string>, string[], RegExp, ((dir: string) => void)?]> = [
        ['export -o the file exported', { 'a.playbook': PIPELINE }, ['export', 'a.playbook', '-o', 'a.playbook'], INPUT],
        ['export -o the same file by another path', { 'a.playbook': PIPELINE }, ['export', 'a.playbook', '-o', './sub/../a.playbook'], INPUT],
        ['export -o a symbolic link to it', { 'a.playbook': PIPELINE }, ['export', 'a.playbook', '-o', 'out.json'], INPUT,
            dir => symlinkSync(path.join(dir, 'a.playbook'), path.join(dir, 'out.json'))],
        ['export -o a hard link to it', { 'a.playbook': PIPELINE }, ['export', 'a.playbook', '-o', 'out.json'], INPUT,
            dir => linkSync(path.join(dir, 'a.playbook'), path.join(dir, 'out.json'))],
        ['export --with-deals -o the file beside it that holds the deals', { 'a.playbook': PIPELINE, 'deals.playbook': PIPELINE_DEALS },
            ['export', 'a.playbook', '--with-deals', '-o', 'deals.playbook'], INPUT],
        ['export -o dir/ whose generated file is the input', { 'Pipeline.json': PIPELINE }, ['export', 'Pipeline.json', '-o', './'], INPUT],
        ['import -o the JSON imported', { 'x.json': exportedJson() }, ['import', 'x.json', '-o', 'x.json'], INPUT],
        ['schema -o a playbook source', { 'a.playbook': PIPELINE }, ['schema', '-o', 'a.playbook'], /refusing to replace 'a\.playbook', a playbook source/],
        ['export -o a playbook source that is not the input', { 'a.playbook': PIPELINE, 'b.playbook': 'playbook B { stage S }\n' },
            ['export', 'a.playbook', '-o', 'b.playbook'], /refusing to replace 'b\.playbook', a playbook source/]
    ];
    it.each(cases)('%s', (_name, files, args, message, prepare) => expectRefused(files, args, message, prepare));

    it('checks every file of -o dir/ before writing the first', () => {
        const two = `${PIPELINE}playbook Other { stage S }\n`;
        // Other.json is the file exported: the refusal comes before Pipeline.json is written.
        expectRefused({ 'Other.json': two }, ['export', 'Other.json', '-o', './'], INPUT);
    });

    it('import refuses to replace a JSON file with Playbook text, and writes nothing', () => {
        expectRefused({ 'keep.json': '{"precious": true}\n', 'a.json': exportedJson() },
            ['import', 'a.json', '-o', 'keep.json'], /refusing to replace 'keep\.json', a JSON file/);
    });

    it('writes over an earlier output as before', () => {
        const dir = tempTree({ 'a.playbook': PIPELINE, 'a.json': 'old' });
        expect(playbook(['export', 'a.playbook', '-o', 'a.json'], { cwd: dir }).code).toBe(0);
        expect(JSON.parse(readFileSync(path.join(dir, 'a.json'), 'utf8')).playbook.name).toBe('Pipeline');
    });
});

describe('-o creates the folders it needs', () => {
    it('export -o missing/dir/ creates the folder and writes one file per playbook', () => {
        const dir = tempTree({ 'a.playbook': PIPELINE });
        const result = playbook(['export', 'a.playbook', '-o', 'handbook/sales/', '--format', 'markdown'], { cwd: dir });
        expect(result.code, result.stderr).toBe(0);
        expect(readdirSync(path.join(dir, 'handbook/sales'))).toEqual(['Pipeline.md']);
    });

    it('export -o missing/out.json creates the folder of the file', () => {
        const dir = tempTree({ 'a.playbook': PIPELINE });
        expect(playbook(['export', 'a.playbook', '-o', 'build/json/out.json'], { cwd: dir }).code).toBe(0);
        expect(JSON.parse(readFileSync(path.join(dir, 'build/json/out.json'), 'utf8')).playbook.name).toBe('Pipeline');
    });

    it('import -o missing/ names the file after the JSON file; schema -o missing/ writes playbook.schema.json', () => {
        const dir = tempTree({ 'a.playbook': PIPELINE });
        expect(playbook(['export', 'a.playbook', '-o', 'a.json'], { cwd: dir }).code).toBe(0);
        expect(playbook(['import', 'a.json', '-o', 'back/'], { cwd: dir }).code).toBe(0);
        expect(readFileSync(path.join(dir, 'back/a.playbook'), 'utf8')).toMatch(/^playbook Pipeline \{/);
        expect(playbook(['schema', '-o', 'schemas/'], { cwd: dir }).code).toBe(0);
        expect(JSON.parse(readFileSync(path.join(dir, 'schemas/playbook.schema.json'), 'utf8')).$schema).toMatch(/2020-12/);
    });

    it('a folder that cannot be created is one clear line (exit 2)', () => {
        const dir = tempTree({ 'a.playbook': PIPELINE, 'file': 'a file, not a folder' });
        const result = playbook(['export', 'a.playbook', '-o', 'file/out/'], { cwd: dir });
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/^playbook: cannot create the folder 'file\/out'/m);
        expect(result.stderr).not.toMatch(STACK_FRAME);
    });
});
