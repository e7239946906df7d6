/**
 * `npm install` runs the install scripts of some dependencies (esbuild checks its platform
 * binary, @vscode/vsce-sign copies its own) and warns about each one the root package.json
 * does not list under `allowScripts`. Every dependency with an install script is listed
 * there after a look at what the script does, so the install stays quiet; one added to the
 * lockfile fails this test until it is reviewed and listed (or its script denied).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const read = (file: string): unknown => JSON.parse(readFileSync(resolve(root, file), 'utf8'));

describe('install scripts', () => {
    it('are reviewed in package.json for every dependency in the lockfile that has one', () => {
        const lock = read('package-lock.json') as { packages: Record<string, { hasInstallScript?: boolean; link?: boolean }> };
        const withScripts = Object.entries(lock.packages)
            .filter(([path, entry]) => entry.hasInstallScript && !entry.link && path.includes('node_modules/'))
            .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
        const { allowScripts = {} } = read('package.json') as { allowScripts?: Record<string, boolean> };
        const reviewed = Object.keys(allowScripts).map(key => key.replace(/(?<=.)@[^@]*$/, ''));
        expect([...new Set(withScripts)].sort()).toEqual(reviewed.sort());
    });
});
