// Builds the playground into dist/: index.html, playground.css and playground.js (the page,
// with CodeMirror, the examples and the language server's worker script inside). A static
// page: served from any folder, or opened as a file.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { playbookKeywords } from '@playbook/model';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

const worker = `${root}packages/language/dist/language-server-worker.js`;
if (!existsSync(worker)) {
    throw new Error(`${worker} is missing: run \`node packages/language/esbuild.mjs\` (or \`npm run build\` at the root) first`);
}

/** Each example of the repository, with the file of its deals when it has one (`x-deals.playbook`). */
function readExamples() {
    const folder = `${root}examples`;
    const names = readdirSync(folder).filter(name => name.endsWith('.playbook')).sort();
    return names.filter(name => !name.endsWith('-deals.playbook')).map(name => {
        const id = name.slice(0, -'.playbook'.length);
        const files = [name, `${id}-deals.playbook`].filter(file => names.includes(file))
            .map(file => ({ name: file, text: readFileSync(`${folder}/${file}`, 'utf8') }));
        const text = files[0].text;
        const title = /^\s*title\s+"((?:[^"\\]|\\.)*)"/m.exec(text)?.[1] ?? /^\s*playbook\s+(\w+)/m.exec(text)?.[1] ?? id;
        return { id, title, files };
    });
}

mkdirSync(`${here}dist`, { recursive: true });
await esbuild.build({
    entryPoints: { playground: `${here}src/main.ts` },
    outdir: `${here}dist`,
    bundle: true,
    // A classic script: a page opened as a file may not load a module script.
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: !process.env.PLAYBOOK_SOURCEMAP,
    sourcemap: process.env.PLAYBOOK_SOURCEMAP ? 'linked' : false,
    define: {
        PLAYGROUND_WORKER_SOURCE: JSON.stringify(readFileSync(worker, 'utf8')),
        PLAYGROUND_EXAMPLES: JSON.stringify(readExamples()),
        PLAYBOOK_KEYWORDS: JSON.stringify(playbookKeywords())
    },
    logLevel: 'warning'
});
copyFileSync(`${here}src/index.html`, `${here}dist/index.html`);
copyFileSync(`${here}src/style.css`, `${here}dist/playground.css`);
