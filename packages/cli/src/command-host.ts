/**
 * What the command bundles (dist/commands/<name>.cjs) take from the main bundle instead of
 * bundling their own copy: reading, parsing and validating the files. The main bundle has it
 * compiled, with its parser built and warmed up in the start-up snapshot; a copy in a command
 * bundle would be compiled and would build a second parser on every run (half of a small
 * `simulate`'s start-up). esbuild.mjs replaces these modules in command bundles by a lookup
 * of HOST_KEY; loadCommand publishes them before it loads a command.
 */
export const HOST_KEY = Symbol.for('playbook.cli.host');

/** The modules shared, by their path under src/ without extension. */
export interface HostModules {
    'diagnostics/workspace': typeof import('./diagnostics/workspace.js');
    'diagnostics/syntax-trees': typeof import('./diagnostics/syntax-trees.js');
    /** One state for the process: `export` and `fmt` turn Turbofan off in it, and the reads of either bundle turn it back on. */
    'engine/short-run': typeof import('./engine/short-run.js');
}

export async function publishHostModules(): Promise<void> {
    const modules: HostModules = {
        'diagnostics/workspace': await import('./diagnostics/workspace.js'),
        'diagnostics/syntax-trees': await import('./diagnostics/syntax-trees.js'),
        'engine/short-run': await import('./engine/short-run.js')
    };
    (globalThis as Record<symbol, unknown>)[HOST_KEY] = modules;
}
