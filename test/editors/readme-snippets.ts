/**
 * The editor settings of the README, as a reader copies them: each code block follows a
 * `<!-- editor-setup: NAME -->` line, so that a test runs exactly what the README says and
 * breaks when it changes.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const repositoryRoot = resolve(__dirname, '../..');

export function readmeSnippet(name: string): string {
    const readme = readFileSync(resolve(repositoryRoot, 'README.md'), 'utf8');
    const marker = `<!-- editor-setup: ${name} -->`;
    const at = readme.indexOf(marker);
    if (at < 0) throw new Error(`README.md has no ${marker}`);
    const block = /^```[a-z]*\n([\s\S]*?)^```$/m.exec(readme.slice(at + marker.length));
    if (!block) throw new Error(`README.md has no code block after ${marker}`);
    return block[1];
}

/** The package the README tells a user to install, as `packages/language/package.json` names it. */
export function languagePackageName(): string {
    return (JSON.parse(readFileSync(resolve(repositoryRoot, 'packages/language/package.json'), 'utf8')) as { name: string }).name;
}
