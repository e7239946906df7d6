/**
 * `playbook/simulateDeals`: a CRM export replayed against a playbook of a checked document,
 * as `playbook simulate --deals` does, with the data of a report view and the report in
 * words. In two steps: the playbook is taken from the document under the workspace's read
 * lock (`prepare`, quick), then the export is read and replayed without it (`run`), so that a
 * large export never holds up the checks of the text being typed. Reading CRM exports takes
 * Node (its decoders): a server in a browser answers that it cannot.
 */
import { UriUtils, type LangiumDocument } from 'langium';
import { exportBlockers } from '../../export/export-blockers.js';
import * as ast from '../../generated/ast.js';
import { playbookToModel } from '../../model/ast-to-model.js';
import type { PlaybookModel } from '@playbook/model';
import type { SimulateDealsParams, SimulateDealsResult } from '../protocol/playbook-requests.js';

/** What `prepare` found: the playbook to replay against, or the answer already. */
export type PreparedSimulation =
    | { kind: 'ready'; playbook: PlaybookModel }
    | { kind: 'answer'; result: SimulateDealsResult };

export interface DealsFileProvider {
    /** Under the read lock: the playbook of the document that `params` names, or why there is none. */
    prepare(document: LangiumDocument, params: SimulateDealsParams): PreparedSimulation;
    /** Without the lock: reads the export and replays it. */
    run(playbook: PlaybookModel, params: SimulateDealsParams): Promise<SimulateDealsResult>;
}

export abstract class PlaybookDealsFileProvider implements DealsFileProvider {
    prepare(document: LangiumDocument, params: SimulateDealsParams): PreparedSimulation {
        const target = document as LangiumDocument<ast.Document>;
        const playbooks = target.parseResult.value.elements.filter(ast.isPlaybook);
        const file = UriUtils.basename(document.uri);
        if (playbooks.length === 0) {
            return notSimulated('no-playbook', `${file} declares no playbook to simulate against.`);
        }
        const chosen = params.playbook === undefined ? (playbooks.length === 1 ? playbooks[0] : undefined) : playbooks.find(p => p.name === params.playbook);
        if (!chosen) {
            if (params.playbook !== undefined) {
                return notSimulated('no-playbook', `${file} declares no playbook ${params.playbook} (it declares ${playbooks.map(p => p.name).join(', ')}).`);
            }
            return { kind: 'answer', result: { kind: 'choosePlaybook', playbooks: playbooks.map(playbookToModel).map(p => ({ name: p.name, ...(p.title !== undefined ? { title: p.title } : {}) })) } };
        }
        const errors = exportBlockers(target, [target], false);
        if (errors.length > 0) {
            const first = errors[0].diagnostic;
            const message = typeof first.message === 'string' ? first.message : first.message.value;
            return notSimulated('errors', `Fix the ${errors.length} error${errors.length === 1 ? '' : 's'} of ${file} first (line ${first.range.start.line + 1}: ${message}).`);
        }
        return { kind: 'ready', playbook: playbookToModel(chosen) };
    }

    abstract run(playbook: PlaybookModel, params: SimulateDealsParams): Promise<SimulateDealsResult>;
}

/** Where CRM exports cannot be read (a server in a browser). */
export class UnavailableDealsFileProvider extends PlaybookDealsFileProvider {
    async run(): Promise<SimulateDealsResult> {
        return notSimulated('unreadable-deals', 'This language server cannot read CRM exports (it runs without Node): use `playbook simulate --deals`.').result;
    }
}

export function notSimulated(reason: 'no-playbook' | 'errors' | 'unreadable-deals', message: string): { kind: 'answer'; result: SimulateDealsResult } {
    return { kind: 'answer', result: { kind: 'notSimulated', reason, message } };
}
