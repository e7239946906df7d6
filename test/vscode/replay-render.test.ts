/**
 * A deal's replay view (packages/vscode/src/replay/render.ts), drawn from the server's
 * `playbook/replay` answer: every stage of the playbook in order, the stays with their days
 * and the limit they broke, the stages never reached, the violations and events linked to
 * their lines, every text escaped.
 */
import { EmptyFileSystem, URI } from 'langium';
import { parseHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import type { ast } from '@playbook/language';
import { createPlaybookLspServices } from '../../packages/language/src/lsp/index.js';
import { renderReplay } from '../../packages/vscode/src/replay/render.js';

const services = createPlaybookLspServices(EmptyFileSystem);
const parse = parseHelper<ast.Document>(services.Playbook);

const text = `playbook Sales {
  field ok: bool
  stage Lead "线索 <b>" { within 5 days task Call required gate G { when ok } }
  optional stage Demo
  stage Close { task Sign required }
  terminate Lost "Withdrew"
}
deal Slow "Acme & <Co>" for Sales {
  2026-01-01 enter Lead
  2026-01-02 done Call
  2026-01-20 enter Close
}
`;

async function replayOf(deal: string) {
    const uri = 'file:///ws/replay.playbook';
    await parse(text, { documentUri: uri, validation: true });
    const document = services.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri))!;
    return services.Playbook.requests.DealReplayProvider.replayOne(document, deal)!;
}

describe('the replay view', async () => {
    const result = await replayOf('Slow');
    const html = renderReplay(result, 'replay.playbook');

    it('lists every stage of the playbook in order, reached or not', () => {
        expect([...html.matchAll(/<tr class="([^"]+)" data-stage="([^"]+)"/g)].map(m => [m[2], m[1]])).toEqual([
            ['Lead', 'stay late'], ['Demo', 'not-reached'], ['Close', 'stay']
        ]);
        expect(html).toContain('19 days <span class="muted">/ 5</span>');
        expect(html).toContain('<span class="badge">optional</span>');
    });

    it('links each violation, event and stay to its line', () => {
        const ranges = [...html.matchAll(/data-range="(\d+),\d+,\d+,\d+"/g)].map(m => Number(m[1]));
        expect(ranges).toContain(10); // the gate-not-met of `enter Close`, and the event itself
        expect(html).toMatch(/<li class="error" data-code="gate-not-met">.*line 11/);
        expect(result.events.map(e => e.text)).toEqual(['enter Lead', 'done Call', 'enter Close']);
        // The stay in Lead and the event that opened it, both at line 9.
        expect([...html.matchAll(/<a href="#" data-range="8,2,8,23" title="Go to line 9">2026-01-01<\/a>/g)]).toHaveLength(2);
    });

    it('escapes every text of the playbook', () => {
        expect(html).toContain('线索 &#60;b&#62;');
        expect(html).toContain('Acme &#38; &#60;Co&#62;');
        expect(html).not.toMatch(/<b>|<Co>/);
    });

    it('says when the deal cannot be replayed', async () => {
        await parse('deal Orphan for Nowhere { 2026-01-01 enter Lead }', { documentUri: 'file:///ws/orphan.playbook' });
        const document = services.shared.workspace.LangiumDocuments.getDocument(URI.parse('file:///ws/orphan.playbook'))!;
        const orphan = services.Playbook.requests.DealReplayProvider.replayOne(document, 'Orphan')!;
        expect(orphan.stages).toEqual([]);
        expect(renderReplay(orphan, 'orphan.playbook')).toContain('cannot be replayed');
    });
});
