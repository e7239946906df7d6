// Bundles the language server into one CommonJS file: Langium is ESM-only, and a single
// minified file starts much faster than a tree of ES modules.
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import { singleCopyPlugin } from './esbuild-single-copy.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));

await esbuild.build({
    entryPoints: { 'language-server': `${here}src/lsp/main.ts` },
    outdir: `${here}dist`,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node22',
    // PLAYBOOK_MINIFY=0 keeps names readable, e.g. for a profile of the server (bench/profile.mjs).
    minify: process.env.PLAYBOOK_MINIFY !== '0',
    sourcemap: process.env.PLAYBOOK_SOURCEMAP ? 'linked' : false,
    mainFields: ['module', 'main'],
    // One vscode-jsonrpc: with two, error responses went out as results.
    plugins: [singleCopyPlugin()],
    logLevel: 'warning',
    outExtension: { '.js': '.cjs' }
});
