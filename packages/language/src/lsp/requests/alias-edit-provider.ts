/**
 * `playbook/aliasEdit`: the simulation report's "Add alias", as one text edit of the
 * document the server has (laid out by the formatter, see `formatting/alias-edit.ts`).
 */
import type { LangiumDocument } from 'langium';
import { aliasEdit } from '../../formatting/alias-edit.js';
import type { PlaybookServices } from '../../playbook-module.js';
import type { AliasEditParams, AliasEditResult } from '../protocol/playbook-requests.js';

export interface AliasEditProvider {
    aliasEdit(document: LangiumDocument, params: AliasEditParams): AliasEditResult;
}

export class FormattedAliasEditProvider implements AliasEditProvider {
    constructor(private readonly services: PlaybookServices) {}

    aliasEdit(document: LangiumDocument, params: AliasEditParams): AliasEditResult {
        const text = document.textDocument.getText();
        const edit = aliasEdit(this.services, text, params.playbook, params.stage, params.alias);
        if (edit.kind === 'problem') return edit;
        const range = { start: document.textDocument.positionAt(edit.start), end: document.textDocument.positionAt(edit.end) };
        return { kind: 'edit', edit: { range, newText: edit.newText } };
    }
}
