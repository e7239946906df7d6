/** The editor's validator: the core checks, then the team's severity overrides, and each finding linked to its rule's page. */
import type { LangiumDocument, ValidationOptions } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { PlaybookServices } from '../../playbook-module.js';
import { PlaybookDocumentValidator } from '../../validation/document-validator.js';
import type { RuleLinks } from './rule-links.js';
import type { SeverityOverrides } from './severity-overrides.js';

export class PlaybookLspDocumentValidator extends PlaybookDocumentValidator {
    constructor(services: PlaybookServices, private readonly overrides: SeverityOverrides, private readonly links: RuleLinks) {
        super(services);
    }

    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        return this.links.apply(this.overrides.apply(await super.validateDocument(document, options, cancelToken)));
    }
}
