/**
 * A build takes the files open in the editor first: they are parsed, linked, validated and
 * published before the rest of the workspace is parsed, with exactly the diagnostics a check
 * of the whole workspace gives them. The rest follows; a file that no change can affect is
 * left alone.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DocumentState, URI, type LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { InitializeParams } from 'vscode-languageserver';
import { createPlaybookServices, validateTexts } from '@playbook/language';
import { createPlaybookLspServices } from '../../../packages/language/src/lsp/index.js';
import { MemoryFileSystem } from './memory-file-system.js';

const example = (name: string) => readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8');
const render = (diagnostics: NonNullable<LangiumDocument['diagnostics']>): string[] =>
    diagnostics.map(d => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`).sort();
const FOLDER = 'file:///workspace';

/**
 * A workspace: the deals of BigAccount (the file opened), the playbook they name, a file
 * declaring a deal of the same name as one of them (a duplicate), and unrelated playbooks.
 */
function workspace(): Map<string, string> {
    const files = new Map<string, string>();
    files.set(`${FOLDER}/deals/big-account-deals.playbook`, example('big-account-deals.playbook'));
    files.set(`${FOLDER}/pipelines/big-account.playbook`, example('big-account.playbook'));
    files.set(`${FOLDER}/deals/more-deals.playbook`, 'deal CityMetro for Other3 {\n  2026-01-05 enter Prospecting\n}\n');
    for (let i = 1; i <= 5; i++) {
        files.set(`${FOLDER}/pipelines/other-${i}.playbook`, example('seven-step-sales.playbook').replaceAll('SevenStepSales', `Other${i}`).replace(/deal (\w+)/g, (_, name: string) => `deal ${name}${i}`));
    }
    return files;
}

async function freshCheck(files: Map<string, string>): Promise<Map<string, string[]>> {
    const results = await validateTexts(createPlaybookServices(), [...files].map(([uri, text]) => ({ uri, text })));
    return new Map(results.map(result => [result.document.uri.toString(), render(result.diagnostics)]));
}

function server(files: Map<string, string>) {
    const disk = new MemoryFileSystem();
    for (const [uri, text] of files) disk.write(uri, text);
    const services = createPlaybookLspServices({ fileSystemProvider: () => disk });
    const shared = services.shared;
    const builder = shared.workspace.DocumentBuilder;
    /** Opens a file in the editor, as the server does on didOpen and didChange (the change cancels the build running). */
    const edit = async (uri: string, text: string, version: number): Promise<void> => {
        shared.workspace.TextDocuments!.set(TextDocument.create(uri, 'playbook', version, text));
        await shared.workspace.WorkspaceLock.write(token => builder.update([URI.parse(uri)], [], token));
    };
    const shown = (): Map<string, string[]> => new Map(shared.workspace.LangiumDocuments.all.map(document => [document.uri.toString(), render(document.diagnostics ?? [])] as [string, string[]]).toArray());
    /** The workspace folder read, as the server does once initialized (the build is not awaited). */
    const initialized = (): Promise<void> => {
        const manager = shared.workspace.WorkspaceManager;
        manager.initialize({ workspaceFolders: [{ uri: FOLDER, name: 'workspace' }] } as InitializeParams);
        return manager.initialized({});
    };
    const phases: string[] = [];
    for (const state of [DocumentState.Parsed, DocumentState.Linked, DocumentState.Validated]) {
        builder.onDocumentPhase(state, document => { phases.push(`${DocumentState[state]} ${document.uri.toString().slice(FOLDER.length + 1)}`); });
    }
    return { shared, builder, edit, shown, phases, initialized };
}

describe('a build with files open in the editor', () => {
    it('publishes the file opened with the workspace before it parses the files that do not name its names', async () => {
        const files = workspace();
        const { shared, edit, shown, phases, initialized } = server(files);
        const opened = `${FOLDER}/deals/big-account-deals.playbook`;
        let publishedFirst: { uri: string; diagnostics: string[]; parsed: string[] } | undefined;
        shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, document => {
            publishedFirst ??= {
                uri: document.uri.toString(),
                diagnostics: render(document.diagnostics ?? []),
                parsed: phases.filter(phase => phase.startsWith('Parsed ')).map(phase => phase.slice('Parsed '.length)).sort()
            };
        });
        const building = initialized();
        // The editor opens a file as soon as the server is initialized.
        await edit(opened, files.get(opened)!, 1);
        await building;

        const fresh = await freshCheck(files);
        expect(fresh.get(opened)).toContainEqual(expect.stringContaining('duplicate'));
        expect(publishedFirst).toEqual({
            uri: opened,
            diagnostics: fresh.get(opened),
            // The files that may declare BigAccount or one of the deals' names; not the unrelated playbooks.
            parsed: ['deals/big-account-deals.playbook', 'deals/more-deals.playbook', 'pipelines/big-account.playbook']
        });
        expect(shown()).toEqual(fresh);
    });

    it('publishes a playbook typed into before it links again the deals that name it', async () => {
        const files = workspace();
        const { edit, shown, phases, initialized } = server(files);
        const playbook = `${FOLDER}/pipelines/big-account.playbook`;
        await initialized();
        await edit(playbook, files.get(playbook)!, 1);
        phases.length = 0;
        files.set(playbook, files.get(playbook)!.replace('playbook BigAccount {', 'playbook BigAccount {\n  // a comment'));
        await edit(playbook, files.get(playbook)!, 2);

        expect(phases).toEqual([
            'Parsed pipelines/big-account.playbook',
            'Linked pipelines/big-account.playbook',
            'Validated pipelines/big-account.playbook',
            'Linked deals/big-account-deals.playbook',
            'Validated deals/big-account-deals.playbook'
        ]);
        expect(shown()).toEqual(await freshCheck(files));
    });

    it('waits for the editor to pause before it goes on to the files not open', async () => {
        const files = workspace();
        const { builder, shared, edit, shown, phases, initialized } = server(files);
        const opened = `${FOLDER}/pipelines/other-2.playbook`;
        const typing = Object.assign(builder, { idleMs: 3_600_000 });   // no pause while the test runs
        const building = initialized();
        let text = files.get(opened)!;
        const keystrokes: Array<Promise<void>> = [];
        for (let version = 1; version <= 3; version++) {
            text = text.replace('playbook Other2 {', `playbook Other2 {\n  // ${version}`);
            const published = new Promise<void>(resolve => {
                const listener = shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, document => {
                    if (document.uri.toString() === opened) { listener.dispose(); resolve(); }
                });
            });
            keystrokes.push(edit(opened, text, version));
            await published;
            // Time enough for the rest of the build to start, had it not waited for a pause.
            await new Promise(resolve => setTimeout(resolve, 50));
        }
        // Each keystroke was published; none of the files not open was parsed (none names Other2).
        expect(phases.filter(phase => phase.startsWith('Parsed ')).every(phase => phase === 'Parsed pipelines/other-2.playbook')).toBe(true);
        typing.idleMs = 0;
        files.set(opened, text);
        await edit(opened, text, 4);
        await Promise.all([building, ...keystrokes]);
        expect(shown()).toEqual(await freshCheck(files));
    });

    it('leaves alone a file whose unresolved names no other file can declare', async () => {
        const files = workspace();
        // A deal naming a stage its playbook does not have: only its own playbook can change that.
        const broken = `${FOLDER}/pipelines/other-1.playbook`;
        files.set(broken, files.get(broken)!.replace('enter Prospecting', 'enter Nowhere'));
        const { edit, shown, phases, initialized } = server(files);
        const opened = `${FOLDER}/pipelines/other-2.playbook`;
        await initialized();
        await edit(opened, files.get(opened)!, 1);
        expect(shown().get(broken)).toContainEqual(expect.stringContaining('Nowhere'));
        phases.length = 0;
        files.set(opened, files.get(opened)!.replace('playbook Other2 {', 'playbook Other2 {\n  // a comment'));
        await edit(opened, files.get(opened)!, 2);

        expect(phases).toEqual(['Parsed pipelines/other-2.playbook', 'Linked pipelines/other-2.playbook', 'Validated pipelines/other-2.playbook']);
        expect(shown()).toEqual(await freshCheck(files));
    });
});
