// Bundles the CLI into one minified CommonJS file, dist/playbook.cjs, with Langium and every
// other dependency inside: one file compiles (and is cached by Node's compile cache) far
// faster than a tree of ES modules is resolved and loaded, and start-up time is a product
// target (`playbook check` on a small file within twice the time of `node -e 0`).
import * as esbuild from 'esbuild';
import { buildSnapshot } from './build-snapshot.mjs';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { singleCopyPlugin } from '../language/esbuild-single-copy.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
// fdir (tinyglobby's directory walker) builds `createRequire(import.meta.url)` when its ES
// module loads, and import.meta.url is undefined in a CommonJS bundle: take its CommonJS build.
const requireFromGlob = createRequire(createRequire(`${here}package.json`).resolve('tinyglobby'));
const fdirCommonJs = requireFromGlob.resolve('fdir');

const languageSources = fileURLToPath(new URL('../language/src/', import.meta.url));
const modelSources = fileURLToPath(new URL('../model/src/', import.meta.url));
const isSource = path => path.startsWith(languageSources) || path.startsWith(modelSources);

/**
 * The indexes of the language and the model re-export everything (export, import, CRM
 * readers, …) and their modules only declare things: telling esbuild so lets it drop what
 * `check` never calls (Ajv, CSV parsing, …) instead of loading it on every start.
 */
const languageWithoutSideEffects = {
    name: 'language-without-side-effects',
    setup(build) {
        build.onResolve({ filter: /^\.\.?\// }, async args => {
            if (!isSource(args.importer) || args.pluginData === 'resolving') {
                return undefined;
            }
            const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'resolving' });
            if (resolved.errors.length > 0 || !isSource(resolved.path)) {
                return resolved;
            }
            return { ...resolved, sideEffects: false };
        });
    }
};

/**
 * In a command bundle, the modules that command-host.ts lists are not bundled again: each is a
 * lookup of what the main bundle published (compiled, and in the snapshot with a parser built).
 */
const HOSTED = ['diagnostics/workspace', 'diagnostics/syntax-trees', 'engine/short-run'];
const cliSources = fileURLToPath(new URL('./src/', import.meta.url));
const fromHost = {
    name: 'from-host',
    setup(build) {
        build.onResolve({ filter: /^\.\.?\// }, args => {
            const hosted = HOSTED.find(name => path.join(args.resolveDir, args.path) === path.join(cliSources, `${name}.js`));
            return hosted ? { path: hosted, namespace: 'playbook-host' } : undefined;
        });
        build.onLoad({ filter: /.*/, namespace: 'playbook-host' }, args => ({
            loader: 'js',
            contents: `const host = globalThis[Symbol.for('playbook.cli.host')];
if (!host) throw new Error('a playbook command bundle was loaded without the main bundle (dist/playbook.cjs)');
module.exports = host[${JSON.stringify(args.path)}];`
        }));
    }
};

/**
 * string-width builds an `Intl.Segmenter` when its module loads, and a V8 start-up snapshot
 * cannot hold ICU objects: with `simulate` in the main bundle (its report measures names in
 * Chinese), the snapshot could not be built. It is loaded on its first use instead.
 */
const stringWidthPath = createRequire(`${here}../model/package.json`).resolve('string-width');
const lazyStringWidth = {
    name: 'lazy-string-width',
    setup(build) {
        build.onResolve({ filter: /^string-width$/ }, () => ({ path: 'string-width', namespace: 'lazy-string-width' }));
        build.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, () => ({
            loader: 'js',
            resolveDir: here,
            contents: `let stringWidth;
module.exports = function lazyStringWidth(text, options) {
    stringWidth ??= require(${JSON.stringify(stringWidthPath)}).default;
    return stringWidth(text, options);
};`
        }));
    }
};

const { version } = JSON.parse(readFileSync(`${here}package.json`, 'utf8'));

/**
 * `check` and `simulate` are in the main bundle, and so in the start-up snapshot: their
 * start-up times are product targets (`simulate`'s within 1.2x `check`'s, which compiling a
 * bundle of its own on every run missed). Every other command (export, import, fmt, …) is a
 * bundle of its own, dist/commands/<name>.cjs, loaded only when it runs (see
 * src/load-command.ts), so that no start compiles Ajv, the formatter or the importers.
 */
const IN_MAIN_BUNDLE = new Set(['check', 'simulate']);
const commandNames = readdirSync(`${here}src/commands`)
    .filter(file => file.endsWith('.ts'))
    .map(file => file.slice(0, -3))
    .filter(name => !IN_MAIN_BUNDLE.has(name));

/** Options of every bundle: the main one and each command's. */
const shared = {
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node22',
    minify: true,
    // A source map only on request (PLAYBOOK_SOURCEMAP=1): the bundle stays one small file.
    sourcemap: process.env.PLAYBOOK_SOURCEMAP ? 'linked' : false,
    // Langium and its dependencies ship ES modules under "module": prefer them, they tree-shake.
    mainFields: ['module', 'main'],
    // The language and the model from their sources, not from their tsc output: the bundle
    // never picks up a stale out folder, and the generated parser is the one just generated.
    alias: { '@playbook/language': `${here}../language/src/index.ts`, '@playbook/model': `${here}../model/src/index.ts`, fdir: fdirCommonJs },
    define: { PLAYBOOK_VERSION: JSON.stringify(version) },
    plugins: [languageWithoutSideEffects, lazyStringWidth, singleCopyPlugin()],
    logLevel: 'warning',
    legalComments: 'none'
};

// A command moved into the main bundle must not leave its old bundle behind.
rmSync(`${here}dist/commands`, { recursive: true, force: true });
if (commandNames.length > 0) {
    await esbuild.build({
        ...shared,
        entryPoints: Object.fromEntries(commandNames.map(name => [name, `${here}src/commands/${name}.ts`])),
        plugins: [fromHost, ...shared.plugins],
        outdir: `${here}dist/commands`,
        outExtension: { '.js': '.cjs' }
    });
}

const result = await esbuild.build({
    ...shared,
    entryPoints: [`${here}src/main.ts`],
    outfile: `${here}dist/playbook.cjs`,
    metafile: Boolean(process.env.PLAYBOOK_METAFILE)
});

if (result.metafile) {
    console.log(await esbuild.analyzeMetafile(result.metafile));
}

// Built by this very Node (the one `npm install` runs), which is the one bin/playbook.cjs
// checks for before using it.
buildSnapshot();
