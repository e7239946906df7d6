/**
 * `npm run fuzz -- …`: bundles the harness (TypeScript, with the language core from its
 * sources, as the tests use it) into fuzz/.build/ with esbuild, then runs it in this process.
 * See fuzz/src/main.ts for the options.
 */
import { build, stop } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const outfile = `${here}.build/fuzz.mjs`;
await build({
    entryPoints: [`${here}src/main.ts`],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    sourcemap: 'inline',
    logLevel: 'warning',
    // Dependencies load from node_modules; the language core is compiled from its sources.
    packages: 'external',
    alias: { '@playbook/language': `${here}../packages/language/src/index.ts`, '@playbook/model': `${here}../packages/model/src/index.ts` },
    // esbuild's ESM output has no `require`; some CommonJS dependencies are loaded through it.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" }
});
// esbuild's service process is not needed while the harness runs (for hours, at scale).
await stop();
await import(pathToFileURL(outfile).href);
