/**
 * `langium generate` (run by `npm install` through `prepare`) checks the grammar: any warning
 * it prints is noise in every install, and usually a real problem (an attribute written
 * twice with `=` loses the first value). The grammar must generate without one.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');

describe('langium generate', () => {
    it('prints no warning or error for the grammar', () => {
        // The project's configuration, writing into a folder of its own: the generated sources
        // other tests import are not rewritten under them.
        const out = mkdtempSync(join(tmpdir(), 'playbook-generate-'));
        try {
            const config = JSON.parse(readFileSync(join(root, 'langium-config.json'), 'utf8')) as {
                out: string; languages: Array<{ grammar: string; textMate?: { out: string } }>;
            };
            for (const language of config.languages) {
                language.grammar = join(root, language.grammar);
                if (language.textMate) language.textMate.out = join(out, 'playbook.tmLanguage.json');
            }
            config.out = join(out, 'generated');
            writeFileSync(join(out, 'langium-config.json'), JSON.stringify(config));
            const run = spawnSync(process.execPath, [join(root, 'node_modules/langium-cli/bin/langium.js'), 'generate', '--file', join(out, 'langium-config.json')], {
                cwd: out,
                encoding: 'utf8',
                env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }
            });
            const output = `${run.stdout}${run.stderr}`;
            expect(run.status, output).toBe(0);
            expect(run.stderr, output).toBe('');
            // Diagnostics are printed as `<grammar>:<line>:<column> - <message>`.
            expect(output.split('\n').filter(line => /\.langium:\d+:\d+ - /.test(line))).toEqual([]);
            expect(output).toMatch(/generator finished successfully/);
        } finally {
            rmSync(out, { recursive: true, force: true });
        }
    }, 60_000);
});
