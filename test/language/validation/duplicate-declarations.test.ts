/**
 * A duplicated name points to the other declaration: its file (by its path from this file's
 * folder, since two folders may hold files of the same name) and line in the message, and its
 * location as related information, which editors show as a link.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EmptyFileSystem, URI } from 'langium';
import { clearDocuments } from 'langium/test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createPlaybookServices } from '../../../packages/language/src/playbook-module.js';

const services = createPlaybookServices(EmptyFileSystem);

afterEach(async () => {
    await clearDocuments(services.shared);
});

async function check(files: Record<string, string>): Promise<Map<string, Diagnostic[]>> {
    const documents = Object.entries(files).map(([path, text]) => {
        const document = services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///repo/${path}`));
        services.shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await services.shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return new Map(documents.map(d => [d.uri.path.slice('/repo/'.length), (d.diagnostics ?? []).filter(x => x.code === 'duplicate-name')]));
}

/** A diagnostic as `line: message → related uri line:character (message)`. */
function show(diagnostic: Diagnostic): string {
    const related = (diagnostic.relatedInformation ?? []).map(r => ` → ${r.location.uri.replace('file:///repo/', '')} ${r.location.range.start.line}:${r.location.range.start.character} (${r.message})`);
    return `${diagnostic.range.start.line}: ${diagnostic.message}${related.join('')}`;
}

describe('a name declared in another file', () => {
    it('is named by its path from this file\'s folder and its line, and linked as related information', async () => {
        const found = await check({
            'examples/big-account.playbook': 'playbook BigAccount { stage Lead }',
            'packages/vscode/templates/big-account.playbook': '// a template\nplaybook BigAccount { stage Lead }'
        });
        expect(found.get('examples/big-account.playbook')!.map(show)).toEqual([
            "0: Another playbook named 'BigAccount' is declared in ../packages/vscode/templates/big-account.playbook (line 2). → packages/vscode/templates/big-account.playbook 1:9 ('BigAccount' is also declared here)"
        ]);
        expect(found.get('packages/vscode/templates/big-account.playbook')!.map(show)).toEqual([
            "1: Another playbook named 'BigAccount' is declared in ../../../examples/big-account.playbook (line 1). → examples/big-account.playbook 0:9 ('BigAccount' is also declared here)"
        ]);
    });

    it('in the same folder, by its file name', async () => {
        const found = await check({ 'a.playbook': 'playbook P { stage S }\ndeal D for P { }', 'b.playbook': '\n\ndeal D for P { }' });
        expect(found.get('a.playbook')!.map(show)).toEqual(["1: Another deal named 'D' is declared in b.playbook (line 3). → b.playbook 2:5 ('D' is also declared here)"]);
    });
});

describe('a name declared twice in one file', () => {
    it.each([
        ['a playbook', 'playbook P { stage S }\nplaybook P { stage S }', ["1: Another playbook named 'P' is declared above in this file (line 1). → a.playbook 0:9 ('P' is first declared here)"]],
        ['a stage', 'playbook P {\n  stage S\n  stage S\n}', ["2: Another stage named 'S' is declared above (line 2); names must be unique. → a.playbook 1:8 ('S' is first declared here)"]],
        ['a task in another stage', 'playbook P {\n  stage S { task T required }\n  stage U { task T required }\n}',
            ["2: Another task named 'T' is declared above (line 2); names must be unique. → a.playbook 1:17 ('T' is first declared here)"]],
        ['an enum value', 'playbook P {\n  field f: enum {A, A}\n  stage S { gate G { when f = A } }\n}',
            ["1: Another value of this enum named 'A' is declared above (line 2); names must be unique. → a.playbook 1:17 ('A' is first declared here)"]],
        ['a termination rule', 'playbook P {\n  stage S\n  terminate Lost "x"\n  terminate Lost "x"\n}',
            ['3: Lost "x" is already declared above (line 3). → a.playbook 2:12 (\'Lost\' is first declared here)']]
    ])('%s points to the first declaration', async (_what, text, expected) => {
        const found = await check({ 'a.playbook': text });
        expect(found.get('a.playbook')!.map(show)).toEqual(expected);
    });
});
