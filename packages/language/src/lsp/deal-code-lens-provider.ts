/**
 * A code lens above each deal with its replayed result ("Won in 92 days",
 * "Open at Bidding · 2 violations"), kept current as the author types. Clicking it runs
 * `playbook.replay` (see `protocol/playbook-requests.ts`): the VS Code extension opens the
 * deal's timeline beside the text, other editors show the timeline as a message.
 */
import { cannotReplaySummary, summarizeDeal } from '@playbook/model';
import type { LangiumDocument, MaybePromise } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import type { PlaybookServices } from '../playbook-module.js';
import type { DealSimulator } from '../model/deal-simulator.js';
import { PLAYBOOK_COMMANDS, type PlaybookCommands } from './protocol/playbook-requests.js';

export class DealCodeLensProvider implements CodeLensProvider {
    private readonly simulator: DealSimulator;

    constructor(services: PlaybookServices) {
        this.simulator = services.simulation.DealSimulator;
    }

    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): MaybePromise<CodeLens[]> {
        return this.dealLenses(document);
    }

    protected dealLenses(document: LangiumDocument): CodeLens[] {
        const root = document.parseResult.value as ast.Document;
        const lenses: CodeLens[] = [];
        // An open deal's next follow-up is told against today's date (the replay judges it at its last event).
        const today = this.today();
        for (const deal of root.elements ?? []) {
            if (!ast.isDeal(deal) || !deal.$cstNode) continue;
            const simulation = this.simulator.simulate(deal);
            const title = simulation ? summarizeDeal(simulation.result, { today }) : cannotReplaySummary(deal.playbook?.$refText ?? '');
            const line = deal.$cstNode.range.start.line;
            const argument: PlaybookCommands[typeof PLAYBOOK_COMMANDS.replay]['argument'] = {
                textDocument: { uri: document.uri.toString() }, deal: deal.name, show: true
            };
            lenses.push({
                range: { start: { line, character: 0 }, end: { line, character: 0 } },
                command: { title, command: PLAYBOOK_COMMANDS.replay, arguments: [argument] }
            });
        }
        return lenses;
    }

    /** Today's date where the editor runs, `YYYY-MM-DD`. */
    protected today(): string {
        const now = new Date();
        return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    }
}
