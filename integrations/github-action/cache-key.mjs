// The Action's cache key for the built `playbook` command (packages/cli/dist): it changes with
// anything the build reads, and with the Node, system and processor the build is for (the
// bundle's start-up snapshot fits only the Node that made it). GitHub's hashFiles() reads only
// the workspace, not the action's folder, hence this script.
//
// Writes `key=playbook-cli-<os>-<arch>-node<version>-<hash>` to $GITHUB_OUTPUT (or stdout).
import { createHash } from 'node:crypto';
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** What a build or an install makes, or what never goes into one. */
const SKIPPED = new Set(['node_modules', 'dist', 'out', 'generated', '.git', '.playbook-build.lock']);

function* sourceFiles(dir) {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
        if (SKIPPED.has(entry.name) || entry.name.endsWith('.tsbuildinfo')) {
            continue;
        }
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            yield* sourceFiles(full);
        } else if (entry.isFile()) {
            yield full;
        }
    }
}

const hash = createHash('sha256');
for (const file of sourceFiles(root)) {
    hash.update(path.relative(root, file).split(path.sep).join('/')).update('\0').update(readFileSync(file)).update('\0');
}
const key = `playbook-cli-${process.platform}-${process.arch}-node${process.versions.node}-${hash.digest('hex').slice(0, 32)}`;

if (process.env.GITHUB_OUTPUT) {
    appendFileSync(process.env.GITHUB_OUTPUT, `key=${key}\n`);
}
console.log(`cache key: ${key}`);
