/**
 * Commands other than `check` are bundles of their own (dist/commands/<name>.cjs, see
 * esbuild.mjs), loaded only when they run, so that `check` starts without compiling CSV
 * parsing, Ajv or the printers. They are loaded with a plain `require` found from the
 * entry script: a dynamic `import()` is not available to code started from Node's
 * start-up snapshot.
 */
import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CliError } from './errors.js';

export function loadCommand<T>(name: string): T {
    const file = commandBundle(name);
    return createRequire(file)(file) as T;
}

function commandBundle(name: string): string {
    const entry = process.argv[1] ? realpathSync(process.argv[1]) : __filename;
    const candidates = [
        join(dirname(entry), '..', 'dist', 'commands', `${name}.cjs`), // started from bin/playbook.cjs
        join(dirname(entry), 'commands', `${name}.cjs`) // started from dist/playbook.cjs
    ];
    const found = candidates.find(candidate => existsSync(candidate));
    if (!found) {
        throw new CliError(`the '${name}' command is not built; run 'npm install' (or 'npm run build') in the repository`);
    }
    return found;
}
