/**
 * Through the real stdio server: a CRM export whose headers, separator and dates Playbook does
 * not recognise is read in the editor as `playbook simulate --deals` reads it with
 * `--id-column … --delimiter … --date-order dmy`, from the `playbook.simulation` settings the
 * server pulls itself (so Neovim, Emacs and Helix get them too); a wrong setting is named.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { inSettingsWords } from '../../../../packages/language/src/lsp/configuration/simulation-settings.js';
import type { SimulateDealsResult } from '../../../../packages/language/src/lsp/protocol/playbook-requests.js';
import { StdioServer } from '../stdio-server.js';

const URI = 'file:///settings/ventas.playbook';
const PLAYBOOK = `playbook Ventas {
  stage Prospección { alias "Prospección" }
  stage Propuesta { alias "Propuesta" }
  won alias "Ganada"
}
`;
// A Spanish CRM's export: its own header names, `;` between fields, day-first dates.
const EXPORT = {
    name: 'oportunidades.csv',
    text: 'Referencia;Fase;Fecha\nOP-1;Prospección;03/02/2026\nOP-1;Propuesta;14/02/2026\nOP-1;Ganada;20/02/2026\nOP-2;Prospección;05/02/2026\n'
};
const COLUMNS = { id: 'Referencia', stage: 'Fase', date: 'Fecha' };

let server: StdioServer | undefined;
afterEach(async () => {
    await server?.stop();
    server = undefined;
});

async function simulateWith(simulation: Record<string, unknown> | undefined): Promise<SimulateDealsResult> {
    server = await StdioServer.start(
        { capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: {} } } },
        { 'workspace/configuration': () => [simulation === undefined ? {} : { simulation }] }
    );
    const running = server;
    await running.waitFor(() => running.serverRequests.find(r => r.method === 'workspace/configuration'), 'workspace/configuration request');
    const checked = running.nextDiagnostics(URI);
    running.open(URI, PLAYBOOK);
    await checked;
    const answer = await running.request('playbook/simulateDeals', { textDocument: { uri: URI }, deals: EXPORT });
    expect(answer.error).toBeUndefined();
    return answer.result as SimulateDealsResult;
}

describe('playbook.simulation settings', () => {
    it('reads an export by the columns, separator and date order the settings name', async () => {
        const answer = await simulateWith({ columns: COLUMNS, delimiter: ';', dateOrder: 'dmy', asOf: '2026-03-01' });
        if (answer.kind !== 'report') throw new Error(JSON.stringify(answer));
        expect(answer.report.summary).toMatchObject({ deals: 2, errors: 0 });
        expect(answer.report.report?.asOf).toBe('2026-03-01');
        expect(answer.text).toContain('Ventas: 2 deals, as of 2026-03-01: 1 won, 0 ended, 1 open');
    }, 90_000);

    it('without them, the export is not read, and the message names the settings to set', async () => {
        const answer = await simulateWith(undefined);
        if (answer.kind !== 'report') throw new Error(JSON.stringify(answer));
        expect(answer.report.summary.deals).toBe(0);
        expect(answer.report.fatal?.message).toMatch(/no deal id column: .* name it with the setting playbook\.simulation\.columns\.id$/);
    }, 90_000);

    it('a wrong setting is named, and nothing is simulated', async () => {
        const answer = await simulateWith({ columns: { ...COLUMNS, opportunity: 'Referencia' } });
        expect(answer).toMatchObject({ kind: 'notSimulated', reason: 'unreadable-deals' });
        if (answer.kind === 'notSimulated') expect(answer.message).toBe("The setting playbook.simulation.columns has no setting 'opportunity': it names id, stage, date, amount, task, outcome, reason, title, created, closeDate.");
    }, 90_000);
});

describe('a reader\'s advice in the editor\'s words', () => {
    it.each([
        ['no deal id column: none of the headers (A, B) is one Playbook knows; name it with --id-column', 'no deal id column: none of the headers (A, B) is one Playbook knows; name it with the setting playbook.simulation.columns.id'],
        ['name them with --close-date-column and --stage-column', 'name them with the setting playbook.simulation.columns.closeDate and the setting playbook.simulation.columns.stage'],
        ['; the header looks separated by tabs: pass --delimiter tab', '; the header looks separated by tabs: set playbook.simulation.delimiter to "tab"'],
        ['it reads as a date day first: pass --date-order dmy', 'it reads as a date day first: set playbook.simulation.dateOrder to "dmy"'],
        ['which is not optional (counted as a skip by --late-start skip).', 'which is not optional (counted as a skip by playbook.simulation.lateStart "skip").'],
        ['--sorted has no setting: left as it is', '--sorted has no setting: left as it is']
    ])('%s', (cli, editor) => {
        expect(inSettingsWords(cli)).toBe(editor);
    });
});
