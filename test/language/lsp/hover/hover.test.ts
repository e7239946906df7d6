/** Hover tells what a declaration means for the process, and where a deal stands after each event. */
import { afterEach, describe, expect, it } from 'vitest';
import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { clearDocuments, expectHover, parseHelper, replaceIndices } from 'langium/test';
import type { Hover } from 'vscode-languageserver';
import { createPlaybookLspServices } from '../../../../packages/language/src/lsp/index.js';

const services = createPlaybookLspServices(EmptyFileSystem);
const hover = expectHover(services.Playbook);
const parse = parseHelper(services.Playbook);

afterEach(async () => {
    await clearDocuments(services.shared);
});

const playbook = `playbook Sales {
  title "Inbound sales"
  field budget: money
  field grade: enum {A, B, C} = B
  field ok: bool = true
  stage <|>Lead "First contact" {
    probability 10%
    within 14 days
    task <|>Call "Call the lead" required owner "SDR"
    task <|>Qualify
    gate Qualified "Worth a demo" {
      requires <|>Qualify
      when budget > 1000 and grade in {A, B}
    }
  }
  optional stage Demo {
    probability 30%
    task ShowDemo
    gate Shown { requires Qualify, ShowDemo }
  }
  stage Close {
    task Sign required
  }
  terminate Lost "Customer withdrew"
  terminate Lost "No budget" when not ok from Lead
}
`;

const stageHover = [
    '```playbook',
    'stage Lead "First contact"',
    '```',
    '',
    'Stage 1 of 3 · probability 10% · within 14 days · not optional (a deal may not skip it)',
    '',
    '**Tasks**',
    '- `Call` (**required**, owner SDR): Call the lead',
    '- `Qualify`',
    '',
    '**Gate** `Qualified`: Worth a demo',
    '- requires `Qualify`',
    '- when `budget > 1000 and grade in {A, B}`'
].join('\n');

const qualifyHover = [
    '```playbook',
    'task Qualify',
    '```',
    '',
    'In stage `Lead` (stage 1 of 3) · not required by its stage · no owner',
    '',
    'Required by gates `Qualified` (Lead), `Shown` (Demo)'
].join('\n');

/** The text with only its `n`-th cursor marker kept. */
function keep(text: string, n: number): string {
    let i = 0;
    return text.replace(/<\|>/g, marker => (i++ === n ? marker : ''));
}

async function hoverText(text: string, uri?: string): Promise<string | undefined> {
    const { output, indices } = replaceIndices({ text });
    const document: LangiumDocument = await parse(output, uri ? { documentUri: uri } : {});
    const result: Hover | undefined = await services.Playbook.lsp.HoverProvider!.getHoverContent(document, {
        textDocument: { uri: document.uri.toString() },
        position: document.textDocument.positionAt(indices[0])
    });
    return result && typeof result.contents === 'object' && 'value' in result.contents ? result.contents.value : undefined;
}

describe('hover on declarations', () => {
    it('a stage shows its title, position, probability, limit, optionality, tasks and gate', async () => {
        await hover({ text: playbook, index: 0, hover: stageHover, disposeAfterCheck: true });
    });

    it('an optional stage without a time limit says so', async () => {
        const text = playbook.replaceAll('<|>', '').replace('optional stage Demo', 'optional stage <|>Demo');
        await hover({ text, index: 0, hover: /^```playbook\noptional stage Demo\n```\n\nStage 2 of 3 · probability 30% · no time limit · optional \(a deal may skip it\)\n/, disposeAfterCheck: true });
    });

    it('a number too large for the checker shows as written, not as Infinity', async () => {
        const huge = `1${'0'.repeat(400)}`;
        const text = playbook.replaceAll('<|>', '').replace('stage Lead', 'stage <|>Lead').replace('probability 10%', `probability ${huge}%`).replace('within 14 days', `within ${huge} days`);
        await hover({ text, index: 0, hover: new RegExp(`Stage 1 of 3 · probability ${huge}% · within ${huge} days · not optional`), disposeAfterCheck: true });
    });

    it('a task shows its stage, required and owner, and the gates that require it', async () => {
        await hover({
            text: playbook, index: 1, disposeAfterCheck: true,
            hover: ['```playbook', 'task Call "Call the lead"', '```', '', 'In stage `Lead` (stage 1 of 3) · **required**: must be done before a deal leaves Lead · owner SDR', '', 'No gate requires it'].join('\n')
        });
        await hover({ text: playbook, index: 2, hover: qualifyHover, disposeAfterCheck: true });
    });

    it('a reference shows the same as its target', async () => {
        await hover({ text: playbook, index: 3, hover: qualifyHover, disposeAfterCheck: true });
    });

    it('a field shows its type and default, and what reads it', async () => {
        const text = playbook.replaceAll('<|>', '').replace('field grade', 'field <|>grade').replace('field budget', 'field <|>budget');
        await hover({
            text, index: 1, disposeAfterCheck: true,
            hover: ['```playbook', 'field grade: enum {A, B, C} = B', '```', '', 'Type: enum {A, B, C} · default `B`', '', 'Read by gate `Qualified`'].join('\n')
        });
        await hover({
            text, index: 0, disposeAfterCheck: true,
            hover: ['```playbook', 'field budget: money', '```', '', 'Type: money · no default (unknown until a deal sets it)', '', 'Read by gate `Qualified`'].join('\n')
        });
    });

    it('an outcome lists its declared reasons and how each applies', async () => {
        const text = playbook.replaceAll('<|>', '').replace('terminate Lost "Customer', 'terminate <|>Lost "Customer');
        await hover({
            text, index: 0, disposeAfterCheck: true,
            hover: ['```playbook', 'terminate Lost', '```', '', 'Outcome `Lost`: 2 declared reasons', '',
                '- "Customer withdrew": by hand, from any stage',
                '- "No budget": automatic when `not ok`, only from `Lead`'].join('\n')
        });
    });

    it('an outcome and a field say what the CRM calls them and that the forecast weighs them', async () => {
        const text = playbook.replaceAll('<|>', '')
            .replace('terminate Lost "Customer', 'terminate <|>Lost "Customer')
            .replace('field budget', 'forecast budget\n  field <|>budget')
            .replace('from Lead\n}', 'from Lead\n  terminate Lost alias "Closed Lost", "Perdida"\n  won alias "Closed Won"\n}');
        expect(await hoverText(keep(text, 0))).toBe(['```playbook', 'field budget: money', '```', '', 'Type: money · no default (unknown until a deal sets it)', '',
            'Read by gate `Qualified`', '', 'A deal\'s value (`forecast`): the forecast weighs it, and a CRM export\'s amount column fills it'].join('\n'));
        expect(await hoverText(keep(text, 1))).toMatch(/- "No budget": automatic when `not ok`, only from `Lead`\n\nAlso called "Closed Lost", "Perdida" in CRM exports$/);
    });

    it('a won alias and the forecast keyword say what they mean', async () => {
        const text = playbook.replaceAll('<|>', '')
            .replace('field budget', '<|>forecast budget\n  field budget')
            .replace('from Lead\n}', 'from Lead\n  <|>won alias "Closed Won", "Signed"\n  terminate Lost alias "Clo<|>sed Lost"\n}');
        expect(await hoverText(keep(text, 0))).toBe(['```playbook', 'forecast budget', '```', '',
            'A deal\'s value is its field `budget`: the forecast weighs each open deal by it, and a CRM export\'s amount column fills it.'].join('\n'));
        expect(await hoverText(keep(text, 1))).toMatch(/^```playbook\nwon alias "Closed Won", "Signed"\n```\n\nA CRM export's stage or outcome named "Closed Won", "Signed" means the deal is \*\*won\*\*\./);
        expect(await hoverText(keep(text, 2))).toMatch(/ends the deal with outcome `Lost`; its reason comes from the export's reason column, or is none\./);
    });

    it('nothing on blank space', async () => {
        await hover({ text: playbook.replaceAll('<|>', '').replace('  stage Lead', '<|>  stage Lead'), index: 0, hover: undefined, disposeAfterCheck: true });
    });
});

describe('hover on deals', () => {
    const sales = playbook.replaceAll('<|>', '');
    const deal = `deal Acme "Acme Corp" for Sales {
  <|>2026-01-01 enter Lead
  2026-01-05 done Call
  <|>2026-01-09 set budget = 5000
  2026-01-10 <|>done Qualify
  2026-01-20 enter <|>Close
  2026-02-01 terminate Lost "Customer withdrew<|>"
}`;

    it('an event shows the stage, days in it and the open requirements to leave it', async () => {
        await parse(sales, { documentUri: 'file:///ws/sales.playbook' });
        expect(await hoverText(keep(deal, 1), 'file:///ws/deal.playbook')).toBe([
            '**Acme after 2026-01-09** (event 3 of 6)',
            '',
            'In stage `Lead` (stage 1 of 3) for 8 days of 14 days allowed, since 2026-01-01.',
            '',
            '**To leave Lead** (1 open requirement):',
            '- gate `Qualified`: task `Qualify` is not done'
        ].join('\n'));
    });

    it('the first event: the deal has just entered, nothing is done yet', async () => {
        await parse(sales, { documentUri: 'file:///ws/sales.playbook' });
        expect(await hoverText(keep(deal, 0), 'file:///ws/deal.playbook')).toBe([
            '**Acme after 2026-01-01** (event 1 of 6)',
            '',
            'In stage `Lead` (stage 1 of 3) for 0 days of 14 days allowed, since 2026-01-01.',
            '',
            '**To leave Lead** (3 open requirements):',
            '- task `Call` (required) is not done',
            '- gate `Qualified`: task `Qualify` is not done',
            '- gate `Qualified`: `budget > 1000` cannot be decided yet (budget is not set)'
        ].join('\n'));
    });

    it('once every requirement is met, says so', async () => {
        await parse(sales, { documentUri: 'file:///ws/sales.playbook' });
        expect(await hoverText(keep(deal, 2), 'file:///ws/deal.playbook')).toBe([
            '**Acme after 2026-01-10** (event 4 of 6)',
            '',
            'In stage `Lead` (stage 1 of 3) for 9 days of 14 days allowed, since 2026-01-01.',
            '',
            '**To leave Lead**: every requirement is met.'
        ].join('\n'));
    });

    it('a reference in an event shows its target; the end of the deal shows how it ended', async () => {
        await parse(sales, { documentUri: 'file:///ws/sales.playbook' });
        expect(await hoverText(keep(deal, 3), 'file:///ws/deal.playbook')).toMatch(/^```playbook\nstage Close\n```\n\nStage 3 of 3 · no probability · no time limit · not optional/);
        await clearDocuments(services.shared);
        await parse(sales, { documentUri: 'file:///ws/sales.playbook' });
        expect(await hoverText(keep(deal, 4), 'file:///ws/deal.playbook')).toBe([
            '**Acme after 2026-02-01** (event 6 of 6)',
            '',
            'Ended: Lost (Customer withdrew, by hand) on 2026-02-01 after 31 days.'
        ].join('\n'));
    });

    it('an event that breaks a rule lists the violation', async () => {
        await parse(sales, { documentUri: 'file:///ws/sales.playbook' });
        const text = 'deal Rush for Sales {\n  2026-01-01 enter Lead\n  <|>2026-01-03 enter Close\n}';
        const value = await hoverText(text, 'file:///ws/rush.playbook');
        expect(value).toContain('In stage `Close` (stage 3 of 3) for 0 days, since 2026-01-03.');
        expect(value).toContain('**To win** (1 open requirement):\n- task `Sign` (required) is not done');
        expect(value).toContain('**At this event**\n- Error: Leaves Lead while its gate Qualified does not hold');
    });

    it('the deal\'s name shows its replayed result and its stages', async () => {
        await parse(sales, { documentUri: 'file:///ws/sales.playbook' });
        const text = 'deal <|>Slow for Sales {\n  2026-01-01 enter Lead\n  2026-01-30 done Call\n}';
        expect(await hoverText(text, 'file:///ws/slow.playbook')).toBe([
            '```playbook',
            'deal Slow for Sales',
            '```',
            '',
            '**Open at Lead, 29 days in stage · 1 violation**',
            '',
            '**Stages**',
            '- `Lead`: 2026-01-01 → now (29 days)',
            '',
            '**Violations**',
            '- 2026-01-30: Lead has a limit of 14 days, but the deal has been in it for 29 days (since 2026-01-01).'
        ].join('\n'));
    });
});

describe('hover on half-typed text', () => {
    it('answers everywhere without throwing', async () => {
        const { partialTexts } = await import('../completion/partial-texts.js');
        let answered = 0;
        for (const { text, cursor } of partialTexts(40, 11)) {
            const document = await parse(text);
            for (const offset of [cursor, Math.floor(cursor / 2), Math.floor(cursor / 3)]) {
                const result = await services.Playbook.lsp.HoverProvider!.getHoverContent(document, {
                    textDocument: { uri: document.uri.toString() },
                    position: document.textDocument.positionAt(offset)
                });
                if (result) answered++;
            }
            await clearDocuments(services.shared, [document]);
        }
        expect(answered).toBeGreaterThan(5);
    });
});
