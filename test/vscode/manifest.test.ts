/**
 * The extension's manifest and sources as a thin client: it activates on its language only
 * (no search of the workspace's files at start-up), Chinese text is not boxed in Restricted
 * Mode, the one setting that names a file to read is restricted in untrusted workspaces, and
 * nothing of the language core is bundled (only the server's protocol, which is types and
 * method names).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../packages/vscode/src/protocol.js';

const extension = new URL('../../packages/vscode/', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(extension, 'package.json'), 'utf8'));

function sources(folder: string): string[] {
    return readdirSync(folder).flatMap(name => {
        const path = join(folder, name);
        return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
    });
}

describe('the extension manifest', () => {
    it('activates on the language only (its commands activate it too, implicitly)', () => {
        expect(manifest.activationEvents).toEqual(['onLanguage:playbook']);
    });

    it('does not box Chinese text (Restricted Mode highlights every non-ASCII character by default), but still shows invisible ones', () => {
        expect(manifest.contributes.configurationDefaults['[playbook]']).toEqual({
            'editor.unicodeHighlight.nonBasicASCII': false,
            'editor.unicodeHighlight.ambiguousCharacters': false,
            'editor.unicodeHighlight.invisibleCharacters': true
        });
    });

    it('is limited in untrusted workspaces: a workspace may not name a file for it to read', () => {
        const untrusted = manifest.capabilities.untrustedWorkspaces;
        expect(untrusted.supported).toBe('limited');
        expect(untrusted.restrictedConfigurations).toEqual(['playbook.simulation.dealsFile']);
        for (const setting of untrusted.restrictedConfigurations) {
            expect(manifest.contributes.configuration.properties[setting]).toBeDefined();
        }
        expect(manifest.capabilities.virtualWorkspaces).toBe(true);
    });

    it('contributes exactly the commands the extension registers', () => {
        expect(manifest.contributes.commands.map((c: { command: string }) => c.command).sort()).toEqual(Object.values(COMMANDS).sort());
    });

    it('ships no language core: only the client, the server, the webviews\' scripts and the rule pages', () => {
        const shipped = readFileSync(join(extension, '.vscodeignore'), 'utf8').split('\n').filter(line => line.startsWith('!dist/') && !line.startsWith('!dist/docs/'));
        expect(shipped.sort()).toEqual(['!dist/diagram-webview.js', '!dist/extension.cjs', '!dist/language-server.cjs', '!dist/simulation-webview.js']);
    });
});

describe('the extension sources', () => {
    it('import nothing of the language or the model but the server\'s protocol (types and method names), and the diagram\'s layout in its webview', () => {
        const imports = sources(join(extension, 'src')).flatMap(file =>
            [...readFileSync(file, 'utf8').matchAll(/from '(@playbook\/(?:language|model)[^']*|langium[^']*)'/g)].map(m => `${file.slice(extension.length)}: ${m[1]}`));
        // The diagram webview's script (a browser page) fits the server's drawing to the panel's
        // width with the drawing's layout: measuring text takes the page's own fonts.
        expect(imports.filter(line => !line.endsWith(': @playbook/language/protocol'))).toEqual(['src/diagram/webview.ts: @playbook/model/diagram-view']);
    });

    it('bundle nothing of the language into the extension host (the client): no parser, no validator', () => {
        const client = readFileSync(join(extension, 'dist/extension.cjs'), 'utf8');
        expect(client).not.toMatch(/chevrotain|LangiumParser|createPlaybookServices/);
    });
});
