/** The editor's validator: the core checks, then the team's severity overrides. */
import type { LangiumDocument, ValidationOptions } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { PlaybookServices } from '../../playbook-module.js';
import { PlaybookDocumentValidator } from '../../validation/document-validator.js';
import type { SeverityOverrides } from './severity-overrides.js';

export class PlaybookLspDocumentValidator extends PlaybookDocumentValidator {
    constructor(services: PlaybookServices, private readonly overrides: SeverityOverrides) {
        super(services);
    }

    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        return this.overrides.apply(await super.validateDocument(document, options, cancelToken));
    }
}
