/**
 * @playbook/model is for tools that read the JSON export: it must never need the parser. No
 * file under packages/model imports Langium, Chevrotain, the language package or the LSP
 * libraries, its package.json does not depend on them, and a bundle of its entry points
 * holds none of their files.
 */
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const modelRoot = fileURLToPath(new URL('../../packages/model/', import.meta.url));
const FORBIDDEN = /^(langium|chevrotain|@chevrotain|@playbook\/language|vscode-languageserver|vscode-jsonrpc)(\/|$)/;

function sourceFiles(folder: string): string[] {
    return readdirSync(folder).flatMap(name => {
        const file = path.join(folder, name);
        if (name === 'node_modules' || name === 'out') return [];
        if (statSync(file).isDirectory()) return sourceFiles(file);
        return /\.(ts|mts|cts|js|mjs|cjs)$/.test(name) ? [file] : [];
    });
}

/** Every module a file names: static and dynamic imports, re-exports, `require` and `import type`. */
function importedSpecifiers(text: string): string[] {
    const patterns = [
        /\b(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g,
        /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
        /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g
    ];
    return patterns.flatMap(pattern => [...text.matchAll(pattern)].map(match => match[1]));
}

describe('the model package has no parser in it', () => {
    it('finds the imports of a file, whatever their form (the scan below can fail)', () => {
        const text = [
            "import { a } from 'langium';",
            "import type { B } from '@playbook/language';",
            "export * from 'chevrotain';",
            "const c = await import('langium/lsp');",
            "const d = require('vscode-languageserver');",
            "import 'vscode-jsonrpc/node';",
            "import {\n    e,\n    f\n} from '../../language/src/index.js';"
        ].join('\n');
        expect(importedSpecifiers(text).sort()).toEqual([
            '../../language/src/index.js', '@playbook/language', 'chevrotain', 'langium', 'langium/lsp', 'vscode-jsonrpc/node', 'vscode-languageserver'
        ]);
        expect(importedSpecifiers(text).filter(s => FORBIDDEN.test(s))).toHaveLength(6);
    });

    it('imports no parser, language or LSP module, and nothing outside its folder', () => {
        const files = sourceFiles(modelRoot);
        expect(files.length).toBeGreaterThan(50);
        const offending = files.flatMap(file => importedSpecifiers(readFileSync(file, 'utf8'))
            .filter(specifier => FORBIDDEN.test(specifier)
                || (specifier.startsWith('.') && !path.resolve(path.dirname(file), specifier).startsWith(modelRoot)))
            .map(specifier => `${path.relative(modelRoot, file)}: ${specifier}`));
        expect(offending).toEqual([]);
    });

    it('depends on no parser, language or LSP package', () => {
        const manifest = JSON.parse(readFileSync(path.join(modelRoot, 'package.json'), 'utf8')) as Record<string, unknown>;
        const kinds = ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies', 'bundleDependencies'];
        const names = kinds.flatMap(kind => Object.keys((manifest[kind] ?? {}) as Record<string, string>));
        expect(names.filter(name => FORBIDDEN.test(name))).toEqual([]);
        expect(names).not.toContain('@playbook/cli');
    });

    it.each(['index.ts', 'browser.ts'])('bundles src/%s without a file of Langium or of the language package', async entry => {
        const result = await esbuild.build({
            entryPoints: [path.join(modelRoot, 'src', entry)],
            bundle: true,
            write: false,
            metafile: true,
            platform: entry === 'browser.ts' ? 'browser' : 'node',
            format: 'esm',
            logLevel: 'silent'
        });
        const inputs = Object.keys(result.metafile.inputs);
        expect(inputs.length).toBeGreaterThan(50);
        expect(inputs.filter(input => /node_modules\/(langium|chevrotain|@chevrotain|vscode-)|packages\/language\//.test(input))).toEqual([]);
    });
});
