/**
 * The README's editor settings install the language package under the name its package.json
 * has, and start the installed server: never a bare `npx playbook-language-server`, which
 * downloads and runs whatever package of that name the npm registry has.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { languagePackageName, readmeSnippet, repositoryRoot } from './editor-setup.js';

const EDITORS = ['neovim-0.11', 'neovim-0.7', 'emacs-eglot', 'emacs-lsp-mode', 'helix'];

describe('the README\'s editor settings', () => {
    it('install the language package by the name in its package.json', () => {
        const install = /```sh\n(npm install -D [^\n]*\n)+```/.exec(readFileSync(join(repositoryRoot, 'README.md'), 'utf8'));
        expect(install?.[0]).toContain(`npm install -D ${languagePackageName()} `);
    });

    it.each(EDITORS)('%s: starts the installed server, never a bare npx', name => {
        const snippet = readmeSnippet(name);
        expect(snippet).toMatch(/node_modules\/\.bin\/playbook-language-server|"--no-install",? "playbook-language-server"/);
        expect(snippet).not.toMatch(/["']npx["'],?\s*["']playbook-language-server/);
    });
});
