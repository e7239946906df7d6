/**
 * Each quick fix, applied: the fixes offered, the resulting text (in the formatter's layout
 * when the source was), and the problem it fixes gone on revalidation.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { clearDocuments } from 'langium/test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import { isPlaybookTextFormatted } from '../../../../packages/language/src/formatting/format-text.js';
import { IssueCodes } from '@playbook/model';
import { QUICK_FIXES } from '../../../../packages/language/src/lsp/code-actions/playbook-code-action-provider.js';
import { createPlaybookLspServices } from '../../../../packages/language/src/lsp/index.js';
import { DEALS, PB, QUICK_FIX_CASES, type Sources } from './quick-fix-cases.js';

const services = createPlaybookLspServices(EmptyFileSystem);

afterEach(async () => {
    await clearDocuments(services.shared);
});

/** Opens the texts as one workspace (and nothing else), linked and validated. */
async function open(sources: Sources): Promise<Map<string, LangiumDocument>> {
    await clearDocuments(services.shared);
    const workspace = services.shared.workspace;
    const documents = Object.entries(sources).map(([uri, text]) => {
        const document = workspace.LangiumDocumentFactory.fromString(text, URI.parse(uri));
        workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await workspace.DocumentBuilder.build(documents, { validation: true });
    return new Map(documents.map(d => [d.uri.toString(), d]));
}

interface Fixes {
    diagnostic: Diagnostic;
    actions: CodeAction[];
    /** The texts of the workspace after applying the action with this title. */
    apply(title: string): Sources;
}

async function codeActions(document: LangiumDocument, diagnostic: Diagnostic): Promise<CodeAction[]> {
    return (await services.Playbook.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri: document.uri.toString() },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] }
    }) ?? []) as CodeAction[];
}

/** The quick fixes offered for the one diagnostic with `code` in `uri` (on `line`, when given). */
async function fixesFor(sources: Sources, uri: string, code: string, line?: number): Promise<Fixes> {
    const documents = await open(sources);
    const document = documents.get(uri)!;
    const diagnostics = (document.diagnostics ?? []).filter(d => d.code === code && (line === undefined || d.range.start.line === line));
    expect(diagnostics, `exactly one ${code}`).toHaveLength(1);
    const [diagnostic] = diagnostics;
    const actions = await codeActions(document, diagnostic);
    return {
        diagnostic,
        actions,
        apply(title) {
            const action = actions.find(a => a.title === title);
            expect(action, `an action titled ${title}; offered: ${actions.map(a => a.title).join(' | ')}`).toBeDefined();
            const result: Sources = { ...sources };
            for (const [target, edits] of Object.entries(action!.edit!.changes!)) {
                result[target] = TextDocument.applyEdits(TextDocument.create(target, 'playbook', 0, sources[target]), edits);
            }
            return result;
        }
    };
}

/** Revalidates the texts: the codes left in `uri`. */
async function codesAfter(sources: Sources, uri: string): Promise<string[]> {
    const documents = await open(sources);
    return (documents.get(uri)!.diagnostics ?? []).map(d => String(d.code));
}

describe('quick fixes', () => {
    it.each(QUICK_FIX_CASES.map(c => [`${c.code}: ${c.name}`, c] as const))('%s', async (_, testCase) => {
        const { code, sources, uri, line, offered, apply, expected, byHand } = testCase;
        if (!byHand) {
            for (const [source, text] of Object.entries(sources)) {
                expect(isPlaybookTextFormatted(services, text), `${source} is in the formatter's layout`).toBe(true);
            }
        }
        const fixes = await fixesFor(sources, uri, code, line);
        expect(fixes.actions.map(a => [a.title, a.isPreferred])).toEqual(offered);
        for (const action of fixes.actions) {
            expect(action).toMatchObject({ kind: CodeActionKind.QuickFix, diagnostics: [fixes.diagnostic] });
        }
        if (!apply) {
            return;
        }
        const fixed = fixes.apply(apply);
        expect(fixed).toEqual({ ...sources, ...expected });
        if (!byHand) {
            for (const [source, text] of Object.entries(fixed)) {
                expect(isPlaybookTextFormatted(services, text), `${source} is still in the formatter's layout:\n${text}`).toBe(true);
            }
        }
        for (const source of Object.keys(sources)) {
            expect(await codesAfter(fixed, source), `${source} after the fix`).not.toContain(code);
        }
    });

    it('cover every code that has a fix, and every code is decided', () => {
        const tested = new Set(QUICK_FIX_CASES.filter(c => c.apply).map(c => c.code));
        expect(Object.keys(QUICK_FIXES).filter(code => !tested.has(code))).toEqual([]);
        // The codes with no quick fix, each for a reason given in the provider (and on the rule's page).
        const withoutFix = ['syntax-error', 'empty-playbook', 'type-mismatch', 'condition-not-boolean', 'duplicate-alias', 'variant-cycle', 'dropped-in-use', 'number-range', 'gate-not-met', 'sla-exceeded', 'event-after-end', 'done-too-early',
            'cadence-range', 'follow-up-late', 'follow-up-missing'];
        expect([...Object.keys(QUICK_FIXES), ...withoutFix].sort()).toEqual(Object.values(IssueCodes).sort());
    });
});

describe('diagnostic data the fixes read', () => {
    it('probability-decreasing carries the previous stage and its probability', async () => {
        const text = 'playbook P {\n  stage A {\n    probability 50%\n    task T required\n  }\n  stage B {\n    probability 20%\n  }\n}\n';
        const documents = await open({ [PB]: text });
        const diagnostic = documents.get(PB)!.diagnostics!.find(d => d.code === 'probability-decreasing');
        expect(diagnostic?.data).toEqual({ previousStage: 'A', previousProbability: 50 });
    });

    it('a deal\'s violation carries the stage the deal was in', async () => {
        const playbook = 'playbook P {\n  stage A {\n    task T required\n  }\n  stage B {\n    task U required\n  }\n  terminate Lost "Gone" from B\n}\n';
        const documents = await open({ [PB]: playbook, [DEALS]: 'deal D for P {\n  2026-01-01 enter A\n  2026-01-02 terminate Lost "Gone"\n}\n' });
        const diagnostic = documents.get(DEALS)!.diagnostics!.find(d => d.code === 'terminate-not-allowed');
        expect(diagnostic?.data).toEqual({ stage: 'A' });
    });

    it('without the data (an editor that does not send it back), the fix that needs it is not offered', async () => {
        const text = 'playbook P {\n  stage A {\n    probability 50%\n    task T required\n  }\n  stage B {\n    probability 20%\n  }\n}\n';
        const documents = await open({ [PB]: text });
        const document = documents.get(PB)!;
        const { data: _, ...withoutData } = document.diagnostics!.find(d => d.code === 'probability-decreasing')!;
        expect(await codeActions(document, withoutData)).toEqual([]);
    });
});

describe('quick fixes on the invalid fixtures', () => {
    const dir = new URL('../../../fixtures/invalid/', import.meta.url);
    const files = readdirSync(dir).filter(name => name.endsWith('.playbook'));

    it.each(files)('%s: every fix applies, and a preferred one leaves one finding of its code fewer', async file => {
        const uri = `file:///fixtures/${file}`;
        const text = readFileSync(new URL(file, dir), 'utf8');
        const document = (await open({ [uri]: text })).get(uri)!;
        const diagnostics = [...document.diagnostics ?? []];
        const count = (codes: string[], code: unknown) => codes.filter(c => c === code).length;
        const before = diagnostics.map(d => String(d.code));
        for (const diagnostic of diagnostics) {
            for (const action of await codeActions((await open({ [uri]: text })).get(uri)!, diagnostic)) {
                const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'playbook', 0, text), action.edit!.changes![uri] ?? []);
                if (action.isPreferred) {
                    expect(count(await codesAfter({ [uri]: fixed }, uri), diagnostic.code), `${action.title} on ${diagnostic.message}`)
                        .toBeLessThan(count(before, diagnostic.code));
                }
            }
        }
    });
});

describe('quick fixes on half-typed text', () => {
    it('are computed for every diagnostic without throwing, and their edits apply', async () => {
        const { partialTexts } = await import('../completion/partial-texts.js');
        let offered = 0;
        for (const { text } of partialTexts(30, 5)) {
            const documents = await open({ [PB]: text });
            const document = documents.get(PB)!;
            for (const diagnostic of document.diagnostics ?? []) {
                for (const action of await codeActions(document, diagnostic)) {
                    offered++;
                    const edits = action.edit!.changes![PB] ?? [];
                    expect(typeof TextDocument.applyEdits(document.textDocument, edits)).toBe('string');
                }
            }
        }
        expect(offered).toBeGreaterThan(0);
    });
});
