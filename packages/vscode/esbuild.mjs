// Builds the extension into dist/: extension.cjs (the client; `vscode` is external: a thin
// client with no language core, everything comes from the server), simulation-webview.js
// and diagram-webview.js (the report's and the diagram's scripts in their webviews: the
// diagram's is the drawing's layout, fitted in the page to its width and fonts), a copy of
// the bundled language server, and copies of the rule pages, the grammar and templates.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { singleCopyPlugin } from '../language/esbuild-single-copy.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));
const production = !process.env.PLAYBOOK_SOURCEMAP;

const common = {
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node22', // VS Code 1.101's extension host runs Node 22
    minify: production,
    sourcemap: production ? false : 'linked',
    mainFields: ['module', 'main'],
    logLevel: 'warning',
    external: ['vscode'],
    // One copy of the protocol packages, as in the language server's bundle.
    plugins: [singleCopyPlugin()],
    alias: {
        // The server's protocol alone: method names and types (it imports nothing of the language at run time).
        '@playbook/language/protocol': `${root}packages/language/src/lsp/protocol/playbook-requests.ts`,
        // The diagram's layout, for the diagram webview's script (a browser): it fits the server's drawing to the panel.
        '@playbook/model/diagram-view': `${root}packages/model/src/diagram/diagram-view.ts`
    }
};

await Promise.all([
    esbuild.build({ ...common, entryPoints: { extension: `${here}src/extension.ts` }, outdir: `${here}dist`, outExtension: { '.js': '.cjs' } }),
    // The report view's script runs in the webview (a browser): it renders the plain data it is posted.
    esbuild.build({
        ...common, platform: 'browser', format: 'iife', target: 'chrome120', external: [],
        entryPoints: { 'simulation-webview': `${here}src/simulation/webview.ts`, 'diagram-webview': `${here}src/diagram/webview.ts` }, outdir: `${here}dist`
    })
]);

const server = `${root}packages/language/dist/language-server.cjs`;
if (!existsSync(server)) {
    throw new Error(`${server} is missing: run \`node packages/language/esbuild.mjs\` (or \`npm run build\` at the root) first`);
}
copyFileSync(server, `${here}dist/language-server.cjs`);

// The rule pages the server's diagnostics link to, found beside the server (dist/docs/rules).
mkdirSync(`${here}dist/docs/rules`, { recursive: true });
for (const name of readdirSync(`${root}docs/rules`).filter(name => name.endsWith('.md'))) {
    copyFileSync(`${root}docs/rules/${name}`, `${here}dist/docs/rules/${name}`);
}

mkdirSync(`${here}syntaxes`, { recursive: true });
copyFileSync(`${root}syntaxes/playbook.tmLanguage.json`, `${here}syntaxes/playbook.tmLanguage.json`);

// Templates: the examples of the repository (one per process of the domain) and the ones kept
// here; the server leaves their example deals out of a new playbook. A variant (`playbook X
// variant of Base`) is no template: written alone into a workspace, its base would be missing.
mkdirSync(`${here}templates`, { recursive: true });
for (const name of readdirSync(`${root}examples`)) {
    if (name.endsWith('.playbook') && !name.endsWith('-deals.playbook') && !isVariant(readFileSync(`${root}examples/${name}`, 'utf8'))) {
        copyFileSync(`${root}examples/${name}`, `${here}templates/${name}`);
    }
}

function isVariant(text) {
    return /^\s*playbook\s+\S+\s+variant\s+of\s/mu.test(text);
}
