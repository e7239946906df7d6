/**
 * `playbook/newPlaybook`: the text of a new playbook made from a template (see
 * `templates/playbook-from-template.ts`), refused with a sentence when the chosen name is not
 * a name of the language or is already a playbook's or a deal's somewhere in the workspace
 * (names of playbooks and deals are global: the new file would not check).
 */
import { UriUtils } from 'langium';
import * as ast from '../../generated/ast.js';
import type { PlaybookServices } from '../../playbook-module.js';
import type { TopLevelNames } from '../../scoping/top-level-names.js';
import { playbookFromTemplate } from '../../templates/playbook-from-template.js';
import type { NewPlaybookParams, NewPlaybookResult } from '../protocol/playbook-requests.js';

export interface NewPlaybookProvider {
    newPlaybook(params: NewPlaybookParams): NewPlaybookResult;
}

export class TemplateNewPlaybookProvider implements NewPlaybookProvider {
    private readonly names: TopLevelNames;

    constructor(private readonly services: PlaybookServices) {
        this.names = services.references.TopLevelNames;
    }

    newPlaybook(params: NewPlaybookParams): NewPlaybookResult {
        for (const [type, what] of [[ast.Playbook.$type, 'playbook'], [ast.Deal.$type, 'deal']] as const) {
            const taken = this.names.named(type, params.name)[0];
            if (taken) {
                return { kind: 'invalid-name', message: `A ${what} named ${params.name} already exists (in ${UriUtils.basename(taken.documentUri)}): choose another name.` };
            }
        }
        return playbookFromTemplate(this.services, params.template, params.name);
    }
}
