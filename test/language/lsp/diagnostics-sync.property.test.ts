/**
 * Whatever an editor sends, the diagnostics the language server publishes are those of a
 * fresh check of the same texts. The bundled server runs over stdio on a workspace folder
 * on disk (a playbook, its deals in a second file, a third playbook and a variant of it with
 * deals of its own, a playbook of follow-up cadences), and receives random
 * sequences of didOpen (texts that differ from the disk), didClose (unsaved changes
 * dropped) and didChange of every shape LSP allows: several ranges in one change (each relative to the text the previous one left),
 * renames of a name across a file (forward or backward, as editors apply a rename), two
 * names swapped, ranges covering several names, keystrokes, whole texts, and mixes of them.
 * After each step (or burst of steps sent without waiting, which makes the server cancel the
 * builds it started) every file's diagnostics must equal a fresh in-process check of all texts.
 *
 * Before it, the same harness replays the shapes that were once wrong, one by one.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createPlaybookServices, validateTexts } from '@playbook/language';
import { StdioLanguageServer, type ContentChange, type PublishedDiagnostic } from './stdio-language-server.js';

const example = (name: string) => readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8');
/** The workspace on disk: file name → text. The deals refer to the playbook of the first file. */
const DISK: Record<string, string> = {
    'big-account.playbook': example('big-account.playbook'),
    'big-account-deals.playbook': example('big-account-deals.playbook'),
    'seven-step-sales.playbook': example('seven-step-sales.playbook'),
    // A variant of the seven-step sale, with its own deals: an edit of the base changes what it means.
    'jewellery-counter.playbook': example('jewellery-counter.playbook'),
    // Activity kinds, follow-up cadences and deals with activities.
    'customer-operation.playbook': example('customer-operation.playbook')
};
const FILES = Object.keys(DISK);

/** The names declared in the workspace: what renames, swaps and pastes work with. */
const NAMES = [...new Set(Object.values(DISK).flatMap(text => [
    ...[...text.matchAll(/\b(?:playbook|deal|stage|task|field|gate|terminate)\s+([A-Za-z_]\w*)/g)].map(m => m[1]),
    ...[...text.matchAll(/enum\s*\{([^}]*)\}/g)].flatMap(m => m[1].split(',').map(v => v.trim()))
]))].filter(name => /^[A-Za-z_]\w*$/.test(name)).sort();
/** The workspace-wide names (playbooks and deals): renamed into one another, they collide across files. */
const TOP_LEVEL_NAMES = [...new Set(Object.values(DISK).flatMap(text => [...text.matchAll(/^(?:playbook|deal)\s+(\w+)/gm)].map(m => m[1])))].sort();

// ---------------------------------------------------------------------------------------
// Edits, as offsets in the text they apply to, and as LSP content changes.

/** `text`'s [start, end) replaced by `insert`. */
interface Replacement { start: number; end: number; insert: string }

function occurrences(text: string, name: string): Array<[number, number]> {
    return [...text.matchAll(new RegExp(`(?<![\\w])${name}(?![\\w])`, 'g'))].map(m => [m.index, m.index + name.length]);
}

/**
 * What a random edit is, before it meets a text (positions are taken modulo the text's
 * length, names that do not occur give no change).
 */
type EditIntent =
    | { kind: 'rename'; name: string; to: string; mask: number; backward: boolean }
    | { kind: 'swap'; a: string; b: string }
    | { kind: 'span'; where: number; length: number; insert: string }
    | { kind: 'keystroke'; where: number; remove: number; insert: string };

/** The replacements of one intent, in the order an editor sends them: each relative to the text the previous one left. */
function replacementsOf(text: string, intent: EditIntent): Replacement[] {
    switch (intent.kind) {
        case 'rename': {
            // Every occurrence, or those the mask picks (a multi-cursor edit of some of them).
            const chosen = occurrences(text, intent.name).filter((_, i) => intent.mask === 0 || ((intent.mask >> (i % 16)) & 1) === 1);
            // Backward (as most editors apply a rename: earlier offsets stay valid), or forward (each shifted by the ones before).
            if (intent.backward) return chosen.reverse().map(([start, end]) => ({ start, end, insert: intent.to }));
            const delta = intent.to.length - intent.name.length;
            return chosen.map(([start, end], i) => ({ start: start + i * delta, end: end + i * delta, insert: intent.to }));
        }
        case 'swap': {
            if (intent.a === intent.b) return [];
            const all = [...occurrences(text, intent.a), ...occurrences(text, intent.b)].sort((x, y) => y[0] - x[0]);
            return all.map(([start, end]) => ({ start, end, insert: text.slice(start, end) === intent.a ? intent.b : intent.a }));
        }
        case 'span': {
            const start = intent.where % (text.length + 1);
            return [{ start, end: Math.min(text.length, start + intent.length), insert: intent.insert }];
        }
        case 'keystroke': {
            const start = intent.where % (text.length + 1);
            return [{ start, end: Math.min(text.length, start + intent.remove), insert: intent.insert }];
        }
    }
}

function applyReplacement(text: string, { start, end, insert }: Replacement): string {
    return text.slice(0, start) + insert + text.slice(end);
}

/** One step an editor takes. */
type Step =
    | { kind: 'open'; file: number; intents: EditIntent[] }
    | { kind: 'change'; file: number; parts: Array<{ whole: boolean; intents: EditIntent[] }> }
    | { kind: 'close'; file: number };

/**
 * The content changes of one didChange and the text they leave: a part is either one
 * whole-text change (the text after its intents) or one range change per replacement.
 */
function contentChangesOf(text: string, parts: Array<{ whole: boolean; intents: EditIntent[] }>): { changes: ContentChange[]; text: string } {
    const changes: ContentChange[] = [];
    for (const part of parts) {
        if (part.whole) {
            for (const intent of part.intents) text = replacementsOf(text, intent).reduce(applyReplacement, text);
            changes.push({ text });
            continue;
        }
        for (const intent of part.intents) {
            for (const replacement of replacementsOf(text, intent)) {
                // Positions in the text as it is at this change (LSP: UTF-16 units, any line break).
                const document = TextDocument.create('memory:///positions', 'playbook', 0, text);
                changes.push({ range: { start: document.positionAt(replacement.start), end: document.positionAt(replacement.end) }, text: replacement.insert });
                text = applyReplacement(text, replacement);
            }
        }
    }
    return { changes, text };
}

// ---------------------------------------------------------------------------------------
// The truth: a fresh check of the same texts, in process.

const render = (d: PublishedDiagnostic): string =>
    `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity ?? 1} ${d.code ?? ''} ${typeof d.message === 'string' ? d.message : d.message.value}`;

async function freshCheck(texts: Map<string, string>): Promise<Map<string, string[]>> {
    const results = await validateTexts(createPlaybookServices(), [...texts].map(([uri, text]) => ({ uri, text })));
    return new Map(results.map(result => [result.document.uri.toString(), result.diagnostics.map(render).sort()]));
}

/** A workspace folder on disk with the files of `DISK`, its server, and what the editor holds open. */
class EditorSession {
    readonly uris: string[];
    /** The editor's text of each open file (the server's view of a closed file is the disk's). */
    readonly open = new Map<string, string>();
    readonly log: string[] = [];

    private constructor(readonly folder: string, readonly server: StdioLanguageServer) {
        this.uris = FILES.map(file => pathToFileURL(join(folder, file)).toString());
    }

    static async start(): Promise<EditorSession> {
        const folder = mkdtempSync(join(tmpdir(), 'playbook-sync-'));
        for (const file of FILES) writeFileSync(join(folder, file), DISK[file]);
        return new EditorSession(folder, await StdioLanguageServer.start(folder));
    }

    /** The texts the server should be checking. */
    texts(): Map<string, string> {
        return new Map(this.uris.map((uri, i) => [uri, this.open.get(uri) ?? DISK[FILES[i]]]));
    }

    /**
     * Opens the `file`-th closed file (counting round), or changes or closes the `file`-th
     * open one; an `open` when every file is open changes one with its intents instead.
     */
    async perform(step: Step): Promise<void> {
        const closed = this.uris.filter(uri => !this.open.has(uri));
        if (step.kind === 'open' && closed.length > 0) {
            const uri = closed[step.file % closed.length];
            let text = DISK[FILES[this.uris.indexOf(uri)]];
            for (const intent of step.intents) text = replacementsOf(text, intent).reduce(applyReplacement, text);
            await this.openText(uri, text, JSON.stringify(step.intents));
            return;
        }
        const opened = [...this.open.keys()];
        if (opened.length === 0) return;
        const uri = opened[step.file % opened.length];
        if (step.kind === 'close') await this.closeFile(uri);
        else await this.changeText(uri, step.kind === 'change' ? step.parts : [{ whole: false, intents: step.intents }]);
    }

    /** A didClose, unsaved changes discarded. */
    async closeFile(uri: string): Promise<void> {
        this.log.push(`didClose ${uri}`);
        this.open.delete(uri);
        await this.server.close(uri);
    }

    /** A didOpen of `text`; `how` says how it was made from the disk's, for the failure's log. */
    async openText(uri: string, text: string, how = ''): Promise<void> {
        this.log.push(`didOpen ${uri} (${text === DISK[FILES[this.uris.indexOf(uri)]] ? 'as on disk' : 'differs from disk'}) ${how}`);
        this.open.set(uri, text);
        await this.server.open(uri, text);
    }

    /** One didChange of an open file made of `parts` (nothing is sent when they change nothing). */
    async changeText(uri: string, parts: Array<{ whole: boolean; intents: EditIntent[] }>): Promise<void> {
        const { changes, text } = contentChangesOf(this.open.get(uri)!, parts);
        if (changes.length === 0) return;
        this.log.push(`didChange ${uri}: ${JSON.stringify(changes)}`);
        this.open.set(uri, text);
        await this.server.change(uri, changes);
    }

    /** Every file's published diagnostics against a fresh check of the same texts. */
    async expectFreshDiagnostics(): Promise<void> {
        await this.server.settle(this.uris);
        const expected = await freshCheck(this.texts());
        const published = new Map(this.uris.map(uri => [uri, this.server.diagnostics(uri)?.map(render).sort()]));
        expect(published, `after:\n${this.log.join('\n')}\n${this.server.errorOutput()}`).toEqual(expected);
    }

    async stop(): Promise<void> {
        await this.server.stop();
        rmSync(this.folder, { recursive: true, force: true });
    }
}

// ---------------------------------------------------------------------------------------

const name = fc.constantFrom(...NAMES);
/** A new name: another declared name (a collision), a typo of one, one with a letter more, or a fresh one. */
const newName = fc.oneof(name, name.map(n => n.slice(0, -1) || 'Q'), name.map(n => `${n}X`), fc.constantFrom('Fresh', 'Q', 'Renamed'));
const pieces = ['', 'x', ' ', '\n', '"', '{', '}', '1', ',', 'required ', 'task Q required ', 'requires FindGuide, SubmitBid ', 'when grade == A ', '2026-01-01 done FindGuide\n'];
const mask = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 0xffff }));
const topLevelName = fc.constantFrom(...TOP_LEVEL_NAMES);
const intent: fc.Arbitrary<EditIntent> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('rename' as const), name, to: newName, mask, backward: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('rename' as const), name: topLevelName, to: topLevelName, mask, backward: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('swap' as const), a: name, b: name }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('span' as const), where: fc.nat(), length: fc.integer({ min: 0, max: 300 }), insert: fc.oneof(fc.constantFrom(...pieces), name) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('keystroke' as const), where: fc.nat(), remove: fc.integer({ min: 0, max: 2 }), insert: fc.constantFrom('', 'a', 'Z', '_', ' ', '\n', '\r\n', '"', '}') }) }
);
const intents = fc.array(intent, { minLength: 1, maxLength: 3 });
const file = fc.nat({ max: FILES.length - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('open' as const), file, intents: fc.array(intent, { maxLength: 3 }) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('change' as const), file, parts: fc.array(fc.record({ whole: fc.boolean(), intents }), { minLength: 1, maxLength: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), file }) }
);

describe('the language server over stdio keeps its diagnostics equal to a fresh check', () => {
    let session: EditorSession;
    beforeAll(async () => { session = await EditorSession.start(); }, 30_000);
    afterAll(async () => { await session?.stop(); });

    const playbookUri = () => session.uris[0];
    const dealsUri = () => session.uris[1];
    const playbook = DISK['big-account.playbook'];
    const deals = DISK['big-account-deals.playbook'];

    // Once wrong: one change that renamed two or more names left references on the old names.
    it('opens a workspace file whose text differs from the disk in two names', async () => {
        await session.openText(playbookUri(), playbook.replace('task FindGuide', 'task FindMentor').replace('task SubmitBid', 'task SendBid'));
        await session.expectFreshDiagnostics();
        expect(session.server.diagnostics(dealsUri())!.some(d => render(d).includes("no task named 'FindGuide'"))).toBe(true);
    }, 30_000);

    it('renames a task across the file in one change of several ranges, then renames it back', async () => {
        for (const [from, to, backward] of [['FindMentor', 'FindGuide', true], ['SendBid', 'SubmitBid', false], ['FindGuide', 'Scout', true]] as const) {
            await session.changeText(playbookUri(), [{ whole: false, intents: [{ kind: 'rename', name: from, to, mask: 0, backward }] }]);
            await session.expectFreshDiagnostics();
        }
    }, 30_000);

    it('swaps two names and breaks two references in one change', async () => {
        await session.changeText(playbookUri(), [{ whole: false, intents: [
            { kind: 'swap', a: 'Scout', b: 'CollectInfo' },
            { kind: 'rename', name: 'SubmitBid', to: 'SubmitBi', mask: 0b10, backward: false },
            { kind: 'rename', name: 'ShapeCriteria', to: 'ShapeCriteri', mask: 0b10, backward: false }
        ] }]);
        await session.expectFreshDiagnostics();
    }, 30_000);

    // Once wrong: files depending on a workspace-wide name that an edit added or removed kept their diagnostics.
    it('renames the playbook to the name of a playbook in a closed file, and back', async () => {
        await session.changeText(playbookUri(), [{ whole: false, intents: [{ kind: 'rename', name: 'BigAccount', to: 'SevenStepSales', mask: 0, backward: false }] }]);
        await session.expectFreshDiagnostics();
        expect(session.server.diagnostics(session.uris[2])!.some(d => d.code === 'duplicate-name')).toBe(true);
        await session.changeText(playbookUri(), [{ whole: false, intents: [{ kind: 'rename', name: 'SevenStepSales', to: 'BigAccount', mask: 0, backward: true }] }]);
        await session.expectFreshDiagnostics();
    }, 30_000);

    // Once wrong: a file closed with unsaved changes kept the diagnostics of the discarded text.
    it('closes the playbook with unsaved changes: the disk is the truth again', async () => {
        await session.closeFile(playbookUri());
        await session.expectFreshDiagnostics();
        await session.openText(playbookUri(), playbook.replace('requires FindGuide', 'requires FindGuid'));
        await session.expectFreshDiagnostics();
    }, 30_000);

    it('replaces the whole text of the deals and of the playbook', async () => {
        await session.openText(dealsUri(), deals);
        await session.changeText(dealsUri(), [{ whole: true, intents: [{ kind: 'rename', name: 'FindGuide', to: 'Scout', mask: 0, backward: true }] }]);
        await session.expectFreshDiagnostics();
        await session.changeText(playbookUri(), [{ whole: true, intents: [{ kind: 'swap', a: 'Scout', b: 'CollectInfo' }, { kind: 'rename', name: 'decisionMaker', to: 'sponsor', mask: 0, backward: false }] }]);
        await session.expectFreshDiagnostics();
    }, 30_000);
});

/** A longer search: `PLAYBOOK_SYNC_RUNS=500 PLAYBOOK_SYNC_SEED=7 npx vitest run test/language/lsp/diagnostics-sync`. */
const RUNS = Number(process.env.PLAYBOOK_SYNC_RUNS ?? 15);
const SEED = Number(process.env.PLAYBOOK_SYNC_SEED ?? 20261207);

describe('random edit sessions over stdio', () => {
    it('publish after every step the diagnostics of a fresh check of the same texts', async () => {
        await fc.assert(fc.asyncProperty(file, fc.array(intent, { maxLength: 3 }), fc.array(fc.record({ step, quick: fc.boolean() }), { minLength: 2, maxLength: 8 }), async (first, firstIntents, steps) => {
            const session = await EditorSession.start();
            try {
                // The first step opens a file, so that the server has checked the whole workspace.
                await session.perform({ kind: 'open', file: first, intents: firstIntents });
                await session.expectFreshDiagnostics();
                for (const [i, { step: next, quick }] of steps.entries()) {
                    await session.perform(next);
                    // A quick step is followed at once by the next (a fast typist): the server
                    // cancels the build it started, and must still end where a fresh check does.
                    if (quick && i < steps.length - 1) continue;
                    await session.expectFreshDiagnostics();
                }
            } finally {
                await session.stop();
            }
        }), { numRuns: RUNS, seed: SEED, endOnFailure: true });
    }, 120_000 + RUNS * 10_000);
});
