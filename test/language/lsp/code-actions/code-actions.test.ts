/** Each quick fix, applied: the resulting text, and the problem it fixes gone on revalidation. */
import { afterEach, describe, expect, it } from 'vitest';
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { clearDocuments } from 'langium/test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import { createPlaybookLspServices } from '../../../../packages/language/src/lsp/index.js';

const services = createPlaybookLspServices(EmptyFileSystem);

afterEach(async () => {
    await clearDocuments(services.shared);
});

type Sources = Record<string, string>;

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

/** The quick fixes offered for the one diagnostic with `code` in `uri` (on `line`, when given). */
async function fixesFor(sources: Sources, uri: string, code: string, line?: number): Promise<Fixes> {
    const documents = await open(sources);
    const document = documents.get(uri)!;
    const diagnostics = (document.diagnostics ?? []).filter(d => d.code === code && (line === undefined || d.range.start.line === line));
    expect(diagnostics, `exactly one ${code}`).toHaveLength(1);
    const [diagnostic] = diagnostics;
    const actions = (await services.Playbook.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] }
    }) ?? []) as CodeAction[];
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

/** Revalidates the fixed texts: the codes left in `uri`. */
async function codesAfter(sources: Sources, uri: string): Promise<string[]> {
    const documents = await open(sources);
    return (documents.get(uri)!.diagnostics ?? []).map(d => String(d.code));
}

function expectQuickFix(action: CodeAction | undefined, diagnostic: Diagnostic, isPreferred: boolean): void {
    expect(action).toMatchObject({ kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred });
}

const PB = 'file:///ws/sales.playbook';
const DEALS = 'file:///ws/deals.playbook';

describe('unresolved-reference', () => {
    const playbook = (requires: string) => `playbook Sales {
  stage Lead {
    task Call "Call the lead" required
    task Qualify
    gate Qualified {
      requires ${requires}
    }
  }
  stage Close {
    task Sign required
  }
}
`;

    it('did you mean: replaces a misspelt task with the closest declared one', async () => {
        const fixes = await fixesFor({ [PB]: playbook('Qualfy') }, PB, 'unresolved-reference');
        expect(fixes.actions.map(a => a.title)).toEqual(["Did you mean 'Qualify'?", 'Create task Qualfy in stage Lead']);
        expectQuickFix(fixes.actions[0], fixes.diagnostic, true);
        expectQuickFix(fixes.actions[1], fixes.diagnostic, false);
        const fixed = fixes.apply("Did you mean 'Qualify'?");
        expect(fixed[PB]).toBe(playbook('Qualify'));
        expect(await codesAfter(fixed, PB)).not.toContain('unresolved-reference');
    });

    it('creates an unknown task required by a gate in the gate\'s stage', async () => {
        const fixes = await fixesFor({ [PB]: playbook('SendBrochure') }, PB, 'unresolved-reference');
        expect(fixes.actions.map(a => a.title)).toEqual(['Create task SendBrochure in stage Lead']);
        expectQuickFix(fixes.actions[0], fixes.diagnostic, true);
        const fixed = fixes.apply('Create task SendBrochure in stage Lead');
        expect(fixed[PB]).toBe(playbook('SendBrochure').replace('    task Qualify\n', '    task Qualify\n    task SendBrochure required\n'));
        expect(await codesAfter(fixed, PB)).toEqual(['unused-task']); // Qualify, as before
    });

    it('never suggests a later stage\'s task for a gate', async () => {
        const fixes = await fixesFor({ [PB]: playbook('Sgn') }, PB, 'unresolved-reference');
        expect(fixes.actions.map(a => a.title)).toEqual(['Create task Sgn in stage Lead']);
    });

    it('creates the task before the gate in a stage without tasks, on one-line stages too', async () => {
        const text = 'playbook P {\n  stage A { gate G { requires Prep } }\n  stage B { task T required }\n}\n';
        const fixes = await fixesFor({ [PB]: text }, PB, 'unresolved-reference');
        const fixed = fixes.apply('Create task Prep in stage A');
        expect(fixed[PB]).toBe('playbook P {\n  stage A { task Prep required gate G { requires Prep } }\n  stage B { task T required }\n}\n');
        expect(await codesAfter(fixed, PB)).toEqual([]);
    });

    it('did you mean: in a deal of another file, names of the deal\'s playbook', async () => {
        const deal = (stage: string) => `deal Acme for Sales {\n  2026-01-01 enter Lead\n  2026-01-02 done Call\n  2026-01-03 enter ${stage}\n}\n`;
        const fixes = await fixesFor({ [PB]: playbook('Call'), [DEALS]: deal('Clos') }, DEALS, 'unresolved-reference');
        expect(fixes.actions.map(a => a.title)).toEqual(["Did you mean 'Close'?"]);
        expectQuickFix(fixes.actions[0], fixes.diagnostic, true);
        const fixed = fixes.apply("Did you mean 'Close'?");
        expect(fixed[DEALS]).toBe(deal('Close'));
        expect(fixed[PB]).toBe(playbook('Call'));
        expect(await codesAfter(fixed, DEALS)).not.toContain('unresolved-reference');
    });

    it('did you mean: a misspelt playbook name, from the workspace', async () => {
        const deal = (name: string) => `deal Acme for ${name} {\n  2026-01-01 enter Lead\n}\n`;
        const fixes = await fixesFor({ [PB]: playbook('Call'), [DEALS]: deal('Sals') }, DEALS, 'unresolved-reference');
        expect(fixes.actions.map(a => a.title)).toEqual(["Did you mean 'Sales'?"]);
        expect(fixes.apply("Did you mean 'Sales'?")[DEALS]).toBe(deal('Sales'));
    });

    it('offers nothing when no declared name is close', async () => {
        const fixes = await fixesFor({ [PB]: playbook('Call'), [DEALS]: 'deal Acme for Sales {\n  2026-01-01 enter Somewhere\n}\n' }, DEALS, 'unresolved-reference');
        expect(fixes.actions).toEqual([]);
    });
});

describe('stage-skip', () => {
    const playbook = `playbook Pipeline {
  field met: bool = true
  stage Lead {
    task Call required
  }
  optional stage Demo {
    task ShowDemo required
  }
  stage Meeting {
    gate Met { when met }
  }
  stage Proposal {
    task Send required
  }
  stage Contract {
    task Sign required
  }
}
`;

    it('adds the skipped enter events, on the same date, before the offending event', async () => {
        const deal = 'deal Acme for Pipeline {\n  2026-01-05 enter Lead\n  2026-01-06 done Call\n  2026-01-07 enter Contract  // too fast\n}\n';
        const fixes = await fixesFor({ [PB]: playbook, [DEALS]: deal }, DEALS, 'stage-skip');
        expect(fixes.actions.map(a => a.title)).toEqual(['Add the skipped enter events (Meeting, Proposal)']);
        expectQuickFix(fixes.actions[0], fixes.diagnostic, true);
        const fixed = fixes.apply('Add the skipped enter events (Meeting, Proposal)');
        expect(fixed[DEALS]).toBe('deal Acme for Pipeline {\n  2026-01-05 enter Lead\n  2026-01-06 done Call\n  2026-01-07 enter Meeting\n  2026-01-07 enter Proposal\n  2026-01-07 enter Contract  // too fast\n}\n');
        expect(await codesAfter(fixed, DEALS)).not.toContain('stage-skip');
    });

    it('a deal that starts in a later stage gets the stages before it', async () => {
        const deal = 'deal Late for Pipeline {\n  2026-01-05 enter Meeting\n}\n';
        const fixes = await fixesFor({ [PB]: playbook, [DEALS]: deal }, DEALS, 'stage-skip');
        const fixed = fixes.apply('Add the skipped enter event (Lead)');
        expect(fixed[DEALS]).toBe('deal Late for Pipeline {\n  2026-01-05 enter Lead\n  2026-01-05 enter Meeting\n}\n');
        expect(await codesAfter(fixed, DEALS)).not.toContain('stage-skip');
    });

    it('a win claimed early gets the remaining stages before it', async () => {
        const deal = 'deal Eager for Pipeline {\n  2026-01-05 enter Lead\n  2026-01-06 done Call\n  2026-01-09 enter Meeting\n  2026-01-10 won\n}\n';
        const fixes = await fixesFor({ [PB]: playbook, [DEALS]: deal }, DEALS, 'stage-skip');
        const fixed = fixes.apply('Add the skipped enter events (Proposal, Contract)');
        expect(fixed[DEALS]).toBe('deal Eager for Pipeline {\n  2026-01-05 enter Lead\n  2026-01-06 done Call\n  2026-01-09 enter Meeting\n  2026-01-10 enter Proposal\n  2026-01-10 enter Contract\n  2026-01-10 won\n}\n');
        expect(await codesAfter(fixed, DEALS)).not.toContain('stage-skip');
    });
});

describe('undeclared-reason', () => {
    const playbook = `playbook Sales {
  stage Lead {
    task Call required
  }
  stage Close {
    task Sign required
  }
  terminate Lost "Customer withdrew"
  terminate Disqualified "No budget"
}
`;
    const deal = (reason: string) => `deal Acme for Sales {\n  2026-01-05 enter Lead\n  2026-01-06 terminate Lost "${reason}"\n}\n`;

    it('declares the reason in the playbook of another file', async () => {
        const fixes = await fixesFor({ [PB]: playbook, [DEALS]: deal('Too expensive') }, DEALS, 'undeclared-reason');
        expect(fixes.actions.map(a => a.title)).toEqual(['Declare reason "Too expensive" for Lost']);
        expectQuickFix(fixes.actions[0], fixes.diagnostic, true);
        expect(Object.keys(fixes.actions[0].edit!.changes!)).toEqual([PB]);
        const fixed = fixes.apply('Declare reason "Too expensive" for Lost');
        expect(fixed[PB]).toBe(playbook.replace('  terminate Disqualified "No budget"\n', '  terminate Disqualified "No budget"\n  terminate Lost "Too expensive"\n'));
        expect(fixed[DEALS]).toBe(deal('Too expensive'));
        expect(await codesAfter(fixed, DEALS)).toEqual([]);
    });

    it('offers the closest declared reason first when the reason looks misspelt', async () => {
        const fixes = await fixesFor({ [PB]: playbook, [DEALS]: deal('Customer withdraw') }, DEALS, 'undeclared-reason');
        expect(fixes.actions.map(a => [a.title, a.isPreferred])).toEqual([
            ['Change to declared reason "Customer withdrew"', true],
            ['Declare reason "Customer withdraw" for Lost', false]
        ]);
        const fixed = fixes.apply('Change to declared reason "Customer withdrew"');
        expect(fixed[DEALS]).toBe(deal('Customer withdrew'));
        expect(await codesAfter(fixed, DEALS)).toEqual([]);
    });

    it('declares the first terminate rule of a playbook that has none at its end', async () => {
        const bare = 'playbook Bare {\n  stage Only {\n    task T required\n  }\n}\n';
        const fixes = await fixesFor({ [PB]: bare, [DEALS]: 'deal D for Bare {\n  2026-01-01 enter Only\n  2026-01-02 terminate Lost "Gone"\n}\n' }, DEALS, 'undeclared-reason');
        const fixed = fixes.apply('Declare reason "Gone" for Lost');
        expect(fixed[PB]).toBe('playbook Bare {\n  stage Only {\n    task T required\n  }\n  terminate Lost "Gone"\n}\n');
    });
});

describe('missing-gate', () => {
    it('adds an empty gate named after the stage to a stage without tasks', async () => {
        const text = 'playbook P {\n  stage Lead {\n    task Call required\n  }\n  stage Meeting "Meeting" {\n    probability 30%\n  }\n  stage Close {\n    task Sign required\n  }\n}\n';
        const fixes = await fixesFor({ [PB]: text }, PB, 'missing-gate');
        expect(fixes.actions.map(a => a.title)).toEqual(['Add a gate MeetingDone to stage Meeting']);
        expectQuickFix(fixes.actions[0], fixes.diagnostic, true);
        const fixed = fixes.apply('Add a gate MeetingDone to stage Meeting');
        expect(fixed[PB]).toBe(text.replace('    probability 30%\n', '    probability 30%\n    gate MeetingDone { }\n'));
        expect(await codesAfter(fixed, PB)).not.toContain('missing-gate');
    });

    it('a gate requiring the stage\'s tasks, with a free name, on a stage without a block', async () => {
        const text = 'playbook P {\n  stage Lead {\n    task Call\n    task Visit\n  }\n  stage LeadDone\n  stage Close {\n    task Sign required\n    gate LeadDone { requires Call }\n  }\n}\n';
        const fixes = await fixesFor({ [PB]: text }, PB, 'missing-gate', 5);
        const fixed = fixes.apply('Add a gate LeadDoneDone to stage LeadDone');
        expect(fixed[PB]).toBe(text.replace('  stage LeadDone\n', '  stage LeadDone {\n    gate LeadDoneDone { }\n  }\n'));
        const lead = await fixesFor({ [PB]: fixed[PB] }, PB, 'missing-gate', 1);
        const fixedLead = lead.apply('Add a gate LeadDone2 to stage Lead');
        expect(fixedLead[PB]).toBe(fixed[PB].replace('    task Visit\n', '    task Visit\n    gate LeadDone2 {\n      requires Call, Visit\n    }\n'));
        expect(await codesAfter(fixedLead, PB)).not.toContain('missing-gate');
    });
});

describe('duplicate-attribute', () => {
    it('removes the duplicate line, with its comment', async () => {
        const text = 'playbook P {\n  stage Lead {\n    probability 10%\n    probability 20%  // again\n    task Call required\n  }\n  stage Close {\n    probability 90%\n  }\n}\n';
        const fixes = await fixesFor({ [PB]: text }, PB, 'duplicate-attribute');
        expect(fixes.actions.map(a => a.title)).toEqual(["Remove the duplicate 'probability 20%'"]);
        expectQuickFix(fixes.actions[0], fixes.diagnostic, true);
        const fixed = fixes.apply("Remove the duplicate 'probability 20%'");
        expect(fixed[PB]).toBe(text.replace('    probability 20%  // again\n', ''));
        expect(await codesAfter(fixed, PB)).not.toContain('duplicate-attribute');
    });

    it('removes an inline duplicate and nothing else', async () => {
        const text = 'playbook P {\n  title "A" title "B" version "1.0.0"\n  stage Only { task T required owner "Sales" required }\n}\n';
        const title = await fixesFor({ [PB]: text.replace(' required }', ' }') }, PB, 'duplicate-attribute');
        expect(title.apply("Remove the duplicate 'title \"B\"'")[PB]).toBe('playbook P {\n  title "A" version "1.0.0"\n  stage Only { task T required owner "Sales" }\n}\n');
        const required = await fixesFor({ [PB]: text.replace(' title "B"', '') }, PB, 'duplicate-attribute');
        const fixed = required.apply("Remove the duplicate 'required'");
        expect(fixed[PB]).toBe('playbook P {\n  title "A" version "1.0.0"\n  stage Only { task T required owner "Sales" }\n}\n');
        expect(await codesAfter(fixed, PB)).not.toContain('duplicate-attribute');
    });

    it('removes a whole duplicate condition', async () => {
        const text = 'playbook P {\n  field ok: bool\n  stage Only { task T required }\n  terminate Lost "Gone" when not ok\n    when ok and not ok\n}\n';
        const fixes = await fixesFor({ [PB]: text }, PB, 'duplicate-attribute');
        const fixed = fixes.apply("Remove the duplicate 'when ok and not ok'");
        expect(fixed[PB]).toBe('playbook P {\n  field ok: bool\n  stage Only { task T required }\n  terminate Lost "Gone" when not ok\n}\n');
    });
});

describe('other diagnostics', () => {
    it('offer no quick fix', async () => {
        const text = 'playbook P {\n  stage A { probability 50% task T required }\n  stage B { probability 20% task U required }\n}\n';
        const fixes = await fixesFor({ [PB]: text }, PB, 'probability-decreasing');
        expect(fixes.actions).toEqual([]);
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
                const actions = (await services.Playbook.lsp.CodeActionProvider!.getCodeActions(document, {
                    textDocument: { uri: PB }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
                }) ?? []) as CodeAction[];
                for (const action of actions) {
                    offered++;
                    const edits = action.edit!.changes![PB] ?? [];
                    expect(typeof TextDocument.applyEdits(document.textDocument, edits)).toBe('string');
                }
            }
        }
        expect(offered).toBeGreaterThan(0);
    });
});
