/** The texts mutations start from: the examples and the test fixtures, as authors wrote them. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Corpus {
    /** Single `.playbook` files. */
    files: string[];
    /** Groups of files that belong together (a playbook and the deals in a sibling file). */
    groups: string[][];
    /** CRM exports (CSV). */
    crm: string[];
}

export function loadCorpus(root: string): Corpus {
    const files = [
        ...playbooksIn(join(root, 'examples')),
        ...playbooksIn(join(root, 'test/fixtures/valid')),
        ...playbooksIn(join(root, 'test/fixtures/invalid'))
    ];
    const groups = [
        ['big-account.playbook', 'big-account-deals.playbook'].map(file => read(join(root, 'examples', file))),
        playbooksIn(join(root, 'test/fixtures/cross-file'))
    ].filter(group => group.length > 1);
    const crmDir = join(root, 'test/fixtures/crm');
    const crm = safeList(crmDir).filter(file => file.endsWith('.csv')).map(file => read(join(crmDir, file)));
    if (files.length === 0) throw new Error(`No .playbook files found under ${root}: is it the repository's root?`);
    return { files, groups, crm };
}

function playbooksIn(dir: string): string[] {
    return safeList(dir).filter(file => file.endsWith('.playbook')).map(file => read(join(dir, file)));
}

function safeList(dir: string): string[] {
    try {
        return statSync(dir).isDirectory() ? readdirSync(dir).sort() : [];
    } catch {
        return [];
    }
}

function read(path: string): string {
    return readFileSync(path, 'utf8');
}
