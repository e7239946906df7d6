// Bundles the CLI into one minified CommonJS file, dist/playbook.cjs, with Langium and every
// other dependency inside: one file compiles (and is cached by Node's compile cache) far
// faster than a tree of ES modules is resolved and loaded, and start-up time is a product
// target (`playbook check` on a small file within twice the time of `node -e 0`).
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
// fdir (tinyglobby's directory walker) builds `createRequire(import.meta.url)` when its ES
// module loads, and import.meta.url is undefined in a CommonJS bundle: take its CommonJS build.
const requireFromGlob = createRequire(createRequire(`${here}package.json`).resolve('tinyglobby'));
const fdirCommonJs = requireFromGlob.resolve('fdir');

const { version } = JSON.parse(readFileSync(`${here}package.json`, 'utf8'));

const result = await esbuild.build({
    entryPoints: [`${here}src/main.ts`],
    outfile: `${here}dist/playbook.cjs`,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node22',
    minify: true,
    // A source map only on request (PLAYBOOK_SOURCEMAP=1): the bundle stays one small file.
    sourcemap: process.env.PLAYBOOK_SOURCEMAP ? 'linked' : false,
    // Langium and its dependencies ship ES modules under "module": prefer them, they tree-shake.
    mainFields: ['module', 'main'],
    // The language from its sources, not from its tsc output: the bundle never picks up a
    // stale packages/language/out, and the generated parser is the one just generated.
    alias: { '@playbook/language': `${here}../language/src/index.ts`, fdir: fdirCommonJs },
    define: { PLAYBOOK_VERSION: JSON.stringify(version) },
    metafile: Boolean(process.env.PLAYBOOK_METAFILE),
    logLevel: 'warning',
    legalComments: 'none'
});

if (result.metafile) {
    console.log(await esbuild.analyzeMetafile(result.metafile));
}
