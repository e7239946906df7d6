/** What the command is built from: only the language core, one small bundle, a runnable bin. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureBuilt, repoRoot } from './cli-helpers.js';

const cli = path.join(repoRoot, 'packages/cli');

function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap(entry =>
        entry.isDirectory() ? sources(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? [path.join(dir, entry.name)] : []);
}

describe('the playbook command as built', () => {
    it('imports the language core only, never the language server or langium/lsp', () => {
        const files = sources(path.join(cli, 'src'));
        expect(files.length).toBeGreaterThan(5);
        for (const file of files) {
            const text = readFileSync(file, 'utf8');
            expect(text, file).not.toMatch(/from ['"](langium\/lsp|@playbook\/language\/lsp|vscode-languageserver(\/node)?)['"]/);
        }
    });

    it('is one bundle small enough to start fast, without the editor-only parts', () => {
        ensureBuilt();
        const bundle = path.join(cli, 'dist/playbook.cjs');
        // About 910 KB with variants, follow-up cadences, calibrate and simulate; the language
        // server's bundle, with the LSP, is far larger.
        expect(statSync(bundle).size).toBeLessThan(950_000);
        const text = readFileSync(bundle, 'utf8');
        // Marks of the editor services (Langium's LSP handlers), present in the language server's bundle.
        expect(text).not.toMatch(/\bonCompletion\b|\bonHover\b|\bonCodeLens\b/);
        expect(text).not.toMatch(/\brequire\("(langium|commander|tinyglobby|@playbook\/language)[^"]*"\)/);
    });

    it('gives export and calibrate no parser of their own: they read and check files with the main bundle\'s', () => {
        ensureBuilt();
        for (const command of ['export', 'calibrate']) {
            const text = readFileSync(path.join(cli, `dist/commands/${command}.cjs`), 'utf8');
            // Chevrotain's grammar analysis, run when a parser is built.
            expect(text, command).not.toMatch(/performSelfAnalysis/);
            expect(text, command).toMatch(/Symbol\.for\("playbook\.cli\.host"\)/);
        }
        expect(readFileSync(path.join(cli, 'dist/playbook.cjs'), 'utf8')).toMatch(/performSelfAnalysis/);
    });

    it('has simulate in the main bundle, so in the start-up snapshot (test/cli/snapshot.test.ts runs it from there)', () => {
        ensureBuilt();
        expect(existsSync(path.join(cli, 'dist/commands/simulate.cjs'))).toBe(false);
        const text = readFileSync(path.join(cli, 'dist/playbook.cjs'), 'utf8');
        // csv-parse's option check, and the report's column of stage conversions.
        expect(text).toMatch(/Invalid option columns/);
        expect(text).toMatch(/Conversion/);
    });

    it('has bundles of ASCII only: one character beyond Latin-1 makes V8 keep a whole source two bytes a character (in the start-up snapshot too)', () => {
        ensureBuilt();
        const bundles = [
            path.join(cli, 'dist/playbook.cjs'),
            ...readdirSync(path.join(cli, 'dist/commands')).filter(name => name.endsWith('.cjs')).map(name => path.join(cli, 'dist/commands', name))
        ];
        expect(bundles.length).toBeGreaterThan(3);
        for (const bundle of bundles) {
            const text = readFileSync(bundle, 'utf8');
            const beyond = /[^\x00-\x7f]/.exec(text);
            expect(beyond && `${path.basename(bundle)}: ${JSON.stringify(text.slice(Math.max(0, beyond.index - 60), beyond.index + 20))}`).toBeNull();
        }
    });

    it('has a bin that npm can link on every platform: a node shebang (npm\'s Windows shim reads it), executable', () => {
        const bin = path.join(cli, 'bin/playbook.cjs');
        expect(readFileSync(bin, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
        expect(statSync(bin).mode & 0o111).not.toBe(0);
        const pkg = JSON.parse(readFileSync(path.join(cli, 'package.json'), 'utf8'));
        expect(pkg.bin).toEqual({ playbook: './bin/playbook.cjs' });
    });
});
