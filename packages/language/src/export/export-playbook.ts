/**
 * `playbook export`: the parsed playbooks of a file as export documents (the format is
 * `PlaybookDocument` of @playbook/model, see docs/json-format.md).
 */
import { canonicalDocument, PLAYBOOK_FORMAT_VERSION, PLAYBOOK_SCHEMA_ID, type DealModel, type PlaybookDocument } from '@playbook/model';
import * as ast from '../generated/ast.js';
import { dealToModel, playbookToModel } from '../model/ast-to-model.js';

export interface ExportOptions {
    /** Include the deals that follow the playbook (`--with-deals`). */
    withDeals?: boolean;
    /**
     * The deals to choose from when `withDeals` is set, e.g. those of every file of a
     * workspace (a deal may live in another file than its playbook). Only the deals
     * whose `playbook` is the exported playbook's name are kept. Default: the deals of
     * the playbook's own document.
     */
    deals?: readonly DealModel[];
}

export function exportPlaybook(playbook: ast.Playbook, options: ExportOptions = {}): PlaybookDocument {
    const document: PlaybookDocument = {
        $schema: PLAYBOOK_SCHEMA_ID,
        formatVersion: PLAYBOOK_FORMAT_VERSION,
        playbook: playbookToModel(playbook)
    };
    if (options.withDeals) {
        const candidates = options.deals ?? dealsOfDocument(playbook.$container);
        document.deals = candidates.filter(deal => deal.playbook === playbook.name);
    }
    // A copy: the model is cached per AST node, and a caller may change what it is given.
    return canonicalDocument(document);
}

/** One document per playbook of a parsed file, in file order (a file may declare several). */
export function exportPlaybooks(root: ast.Document, options: ExportOptions = {}): PlaybookDocument[] {
    const deals = options.withDeals ? options.deals ?? dealsOfDocument(root) : undefined;
    return root.elements
        .filter(ast.isPlaybook)
        .map(playbook => exportPlaybook(playbook, { ...options, deals }));
}

/** The deals of parsed documents, as models, in document and source order: what `ExportOptions.deals` takes. */
export function dealsOfDocuments(roots: readonly ast.Document[]): DealModel[] {
    return roots.flatMap(dealsOfDocument);
}

function dealsOfDocument(root: ast.Document | undefined): DealModel[] {
    return (root?.elements ?? []).filter(ast.isDeal).map(deal => dealToModel(deal).model);
}
