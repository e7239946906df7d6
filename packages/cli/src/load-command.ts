/**
 * Commands other than `check` and `simulate` are bundles of their own
 * (dist/commands/<name>.cjs, see esbuild.mjs), loaded only when they run, so that no start
 * compiles Ajv, the formatter or the importers. They are loaded with a plain `require` found from the
 * entry script: a dynamic `import()` is not available to code started from Node's
 * start-up snapshot. What they share with `check` (reading and validating files) they take
 * from this bundle (see command-host.ts), and they are compiled with Node's compile cache.
 */
import { existsSync, realpathSync } from 'node:fs';
import { createRequire, enableCompileCache } from 'node:module';
import { dirname, join } from 'node:path';
import { publishHostModules } from './command-host.js';
import { CliError } from './errors.js';

export async function loadCommand<T>(name: string): Promise<T> {
    const file = commandBundle(name);
    await publishHostModules();
    try {
        // Node ≥ 22.1 (the bin already turned it on when it loaded the bundle without a
        // snapshot); a cache that cannot be written only makes the start slower.
        enableCompileCache?.();
    } catch {
        // No cache: still correct.
    }
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
