/**
 * Every broken fixture produces exactly the diagnostics its `// expect: <code>` markers name,
 * on the marked lines; every valid fixture produces no error or warning, and every example
 * no error and only the deal violations its comments name (`// follow-up-late: …`): a deal's
 * violation is a record of what happened, which an example may show on purpose.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEAL_VIOLATION_CODES } from '@playbook/model';
import { check } from '../../helpers.js';

const root = resolve(__dirname, '../../..');
const fixtures = join(root, 'test/fixtures');

function playbookFiles(dir: string): string[] {
    return readdirSync(dir).flatMap(name => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? playbookFiles(path) : name.endsWith('.playbook') ? [path] : [];
    }).sort();
}

/** `line:code` for every marker, in line order. */
function expectedMarkers(text: string): string[] {
    return text.split('\n').flatMap((line, index) =>
        [...line.matchAll(/\/\/.*?expect:\s*([a-z-]+(?:\s*,\s*[a-z-]+)*)/g)].flatMap(m => m[1].split(/\s*,\s*/).map(code => `${index + 1}:${code}`)));
}

async function checkFolder(dir: string): Promise<Map<string, string[]>> {
    const files = playbookFiles(dir);
    const diagnostics = await check(...files.map(file => ({ uri: file, text: readFileSync(file, 'utf8') })));
    const byFile = new Map<string, string[]>(files.map(f => [f, []]));
    for (const d of diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning')) {
        const file = d.file.startsWith('file://') ? new URL(d.file).pathname : d.file;
        byFile.get(decodeURIComponent(file))?.push(`${d.line}:${d.code}`);
    }
    return byFile;
}

const sortMarkers = (markers: string[]): string[] => [...markers].sort((a, b) => parseInt(a) - parseInt(b) || a.localeCompare(b));

describe('broken fixtures report exactly their markers', () => {
    const dir = join(fixtures, 'invalid');
    const files = playbookFiles(dir);
    it('has a fixture for every rule', () => {
        expect(files.length).toBeGreaterThanOrEqual(20);
    });
    for (const file of files) {
        it(relative(fixtures, file), async () => {
            // Each file on its own, so that one fixture's names cannot collide with another's.
            const diagnostics = await checkFolderOf(file);
            const expected = expectedMarkers(readFileSync(file, 'utf8'));
            expect(expected.length).toBeGreaterThan(0);
            expect(sortMarkers(diagnostics)).toEqual(sortMarkers(expected));
        });
    }
});

async function checkFolderOf(file: string): Promise<string[]> {
    const diagnostics = await check({ uri: file, text: readFileSync(file, 'utf8') });
    return diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning').map(d => `${d.line}:${d.code}`);
}

describe('folders checked as one workspace', () => {
    for (const folder of ['valid', 'cross-file', 'cross-file-bad']) {
        it(`${folder}: markers match`, async () => {
            const dir = join(fixtures, folder);
            for (const [file, found] of await checkFolder(dir)) {
                const expected = expectedMarkers(readFileSync(file, 'utf8'));
                expect({ file: relative(root, file), found: sortMarkers(found) }).toEqual({ file: relative(root, file), found: sortMarkers(expected) });
            }
        });
    }

    it('examples have no errors, and no warnings but the deal violations their comments name', async () => {
        const found = await checkFolder(join(root, 'examples'));
        expect(found.size).toBeGreaterThanOrEqual(5);
        for (const [file, problems] of found) {
            const named = readFileSync(file, 'utf8').split('\n').flatMap((line, index) =>
                [...line.matchAll(/\/\/\s*([a-z-]+):/g)].filter(m => DEAL_VIOLATION_CODES.has(m[1])).map(m => `${index + 1}:${m[1]}`));
            expect({ file: relative(root, file), problems: sortMarkers(problems) }).toEqual({ file: relative(root, file), problems: sortMarkers(named) });
        }
    });
});
