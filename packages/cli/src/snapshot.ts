/**
 * Runs only while Node builds a start-up snapshot (`node --snapshot-blob … --build-snapshot
 * dist/playbook.cjs`, see esbuild.mjs). Everything a check does before reading its files is
 * done here, once, and kept in the snapshot: the bundle compiled, the modules loaded, the
 * grammar deserialised, the lexer and parser built, and the validation code warmed up.
 */
import { startupSnapshot } from 'node:v8';
import './commands/check.js';
import { prepareServices } from './diagnostics/validate.js';

export async function prepareSnapshot(start: () => void): Promise<void> {
    await prepareServices();
    startupSnapshot.setDeserializeMainFunction(() => start());
}
