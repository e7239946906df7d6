/** `playbook export`, `import` and `schema` as a user runs them: files in, files out, exit codes. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { playbook, repoRoot, STACK_FRAME, tempTree } from './cli-helpers.js';

const TWO = `playbook Inbound { field budget: money stage Lead { gate G { when budget > 0 } } stage Won }
playbook Outbound { title "Outbound" field budget: money stage Call { gate G { when budget > 0 } } stage Close }
deal Acme for Inbound { 2026-01-01 enter Lead }
`;

describe('playbook export', () => {
    it('writes one JSON document valid against the published schema, the same bytes every time', () => {
        const first = playbook(['export', 'examples/big-account.playbook']);
        expect(first.code).toBe(0);
        expect(first.stdout).toBe(playbook(['export', 'examples/big-account.playbook']).stdout);
        const document = JSON.parse(first.stdout);
        expect(document.formatVersion).toBe('1.2');
        expect(document.playbook.stages.map((s: { name: string }) => s.name)).toEqual(['Development', 'Initiation', 'Proposal', 'Bidding', 'Negotiation', 'Implementation']);
        const schema = JSON.parse(playbook(['schema']).stdout);
        const ajv = new Ajv2020({ allErrors: true, strict: false });
        addFormats.default(ajv);
        expect(ajv.validate(schema, document), JSON.stringify(ajv.errors)).toBe(true);
    });

    it('includes the deals of sibling files with --with-deals', () => {
        const document = JSON.parse(playbook(['export', 'examples/big-account.playbook', '--with-deals']).stdout);
        expect(document.deals.length).toBeGreaterThan(0);
        expect(document.deals.every((d: { playbook: string }) => d.playbook === 'BigAccount')).toBe(true);
    });

    it('several playbooks give an array, or one file each into a folder (created if need be)', () => {
        const dir = tempTree({ 'two.playbook': TWO });
        const array = playbook(['export', 'two.playbook'], { cwd: dir });
        expect(JSON.parse(array.stdout).map((d: { playbook: { name: string } }) => d.playbook.name)).toEqual(['Inbound', 'Outbound']);
        expect(playbook(['export', 'two.playbook', '-o', 'out/'], { cwd: dir }).code).toBe(0);
        expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['Inbound.json', 'Outbound.json']);
        const made = tempTree({ 'two.playbook': TWO, 'out/.keep': '' });
        expect(playbook(['export', 'two.playbook', '-o', 'out'], { cwd: made }).code).toBe(0);
        expect(readdirSync(path.join(made, 'out')).sort()).toEqual(['.keep', 'Inbound.json', 'Outbound.json']);
    });

    it('draws Mermaid and writes a Markdown handbook', () => {
        const mermaid = playbook(['export', 'examples/relationship-lifecycle.playbook', '--format', 'mermaid']);
        expect(mermaid.code).toBe(0);
        expect(mermaid.stdout).toMatch(/^flowchart LR\n/);
        expect(mermaid.stdout).toContain('陌生期');
        const markdown = playbook(['export', 'examples/jewellery-store.playbook', '--format', 'markdown']);
        expect(markdown.stdout).toMatch(/^# /);
        expect(markdown.stdout).toContain('闲逛');
    });

    it('refuses a file with errors, printing them, and writes nothing', () => {
        const dir = tempTree({ 'bad.playbook': 'playbook P { stage A { gate G { requires Nope } } stage B }\n' });
        const result = playbook(['export', 'bad.playbook', '-o', 'out.json'], { cwd: dir });
        expect(result.code).toBe(1);
        expect(result.stderr).toContain('bad.playbook:1:');
        expect(result.stderr).toContain('unresolved-reference');
        expect(existsSync(path.join(dir, 'out.json'))).toBe(false);
        expect(result.stderr).not.toMatch(STACK_FRAME);
    });

    it('a missing file is bad input (exit 2)', () => {
        const result = playbook(['export', 'nope.playbook']);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain("cannot read 'nope.playbook'");
    });
});

describe('playbook import', () => {
    // One test per example: each is four CLI runs, so that no test's time grows with examples/.
    const examplesToExport = readdirSync(path.join(repoRoot, 'examples'))
        .filter(file => file.endsWith('.playbook') && /^\s*playbook\s/m.test(readFileSync(path.join(repoRoot, 'examples', file), 'utf8')));
    it.each(examplesToExport)('export → import → export is lossless: %s', example => {
        const dir = tempTree({});
        const exported = playbook(['export', `examples/${example}`, '--with-deals', '-o', path.join(dir, 'a.json')]);
        expect(exported.code, exported.stderr).toBe(0);
        const imported = playbook(['import', 'a.json', '-o', 'a.playbook'], { cwd: dir });
        expect(imported.code, imported.stderr).toBe(0);
        expect(playbook(['check', 'a.playbook'], { cwd: dir }).code).toBe(0);
        const again = playbook(['export', 'a.playbook', '--with-deals'], { cwd: dir });
        expect(again.stdout).toBe(readFileSync(path.join(dir, 'a.json'), 'utf8'));
    });

    it('malformed JSON: the position, nothing written, an existing file left alone', () => {
        const dir = tempTree({ 'bad.json': '{\n  "formatVersion": "1.0",\n}\n', 'keep.playbook': 'precious' });
        const result = playbook(['import', 'bad.json', '-o', 'keep.playbook'], { cwd: dir });
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(/^bad\.json:3:1: /m);
        expect(readFileSync(path.join(dir, 'keep.playbook'), 'utf8')).toBe('precious');
    });

    it('a schema violation names the JSON path', () => {
        const dir = tempTree({});
        playbook(['export', 'examples/jewellery-store.playbook', '-o', path.join(dir, 'j.json')]);
        const json = JSON.parse(readFileSync(path.join(dir, 'j.json'), 'utf8'));
        json.playbook.stages[1].probability = 150;
        writeFileSync(path.join(dir, 'j.json'), JSON.stringify(json, null, 2));
        const result = playbook(['import', 'j.json'], { cwd: dir });
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(/^j\.json:\d+:\d+: \/playbook\/stages\/1\/probability: /m);
        expect(result.stdout).toBe('');
    });
});

describe('playbook schema', () => {
    it('prints the schema file shipped in the package', () => {
        const result = playbook(['schema']);
        expect(result.code).toBe(0);
        expect(result.stdout).toBe(readFileSync(path.join(repoRoot, 'packages/model/schema/playbook.schema.json'), 'utf8'));
    });
});
