// Bundles the language server into one CommonJS file: Langium is ESM-only, and a single
// minified file starts much faster than a tree of ES modules. Beside it, the same server
// for a browser's web worker (dist/language-server-worker.js, a classic script: it also
// starts from a page opened as a file), which the playground page embeds.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { singleCopyPlugin } from './esbuild-single-copy.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));

// PLAYBOOK_MINIFY=0 keeps names readable, e.g. for a profile of the server (bench/profile.mjs).
const minify = process.env.PLAYBOOK_MINIFY !== '0';
const sourcemap = process.env.PLAYBOOK_SOURCEMAP ? 'linked' : false;
// The model from its sources, not from its tsc output: never a stale packages/model/out. In a
// browser, its entry without the Node-only CRM file readers (the package's `browser` export).
const model = `${here}../model/src/`;

await Promise.all([esbuild.build({
    entryPoints: { 'language-server': `${here}src/lsp/main.ts` },
    outdir: `${here}dist`,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node22',
    minify,
    sourcemap,
    mainFields: ['module', 'main'],
    alias: { '@playbook/model': `${model}index.ts` },
    // One vscode-jsonrpc: with two, error responses went out as results.
    plugins: [singleCopyPlugin()],
    logLevel: 'warning',
    outExtension: { '.js': '.cjs' }
}), esbuild.build({
    entryPoints: { 'language-server-worker': `${here}src/lsp/main-browser.ts` },
    outdir: `${here}dist`,
    bundle: true,
    format: 'iife',
    // A Node built-in reached from the server's modules fails this build.
    platform: 'browser',
    target: 'es2022',
    minify,
    sourcemap,
    mainFields: ['browser', 'module', 'main'],
    alias: { '@playbook/model': `${model}browser.ts` },
    plugins: [singleCopyPlugin()],
    logLevel: 'warning'
})]);

// The rule pages beside the server: its diagnostics link to them (a file URL, readable offline
// and matching this version; see src/lsp/configuration/rules-documentation-base.ts).
const rules = fileURLToPath(new URL('../../docs/rules/', import.meta.url));
mkdirSync(`${here}dist/docs/rules`, { recursive: true });
for (const name of readdirSync(rules).filter(name => name.endsWith('.md'))) {
    copyFileSync(`${rules}${name}`, `${here}dist/docs/rules/${name}`);
}
