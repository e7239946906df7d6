/**
 * `playbook/export`: the playbooks of a checked document as `playbook export` writes them
 * (JSON, a Mermaid flowchart or a Markdown handbook), refused as the CLI refuses it when the
 * playbooks have errors (`exportBlockers`); with deals, those of every document of the
 * workspace that follow them.
 */
import type { LangiumDocument, LangiumDocuments } from 'langium';
import { playbookToMarkdown, playbookToMermaid, serializeDocuments, type PlaybookDocument } from '@playbook/model';
import { exportBlockers } from '../../export/export-blockers.js';
import { dealsOfDocuments, exportPlaybooks } from '../../export/export-playbook.js';
import * as ast from '../../generated/ast.js';
import type { PlaybookServices } from '../../playbook-module.js';
import type { ExportFormat, ExportParams, ExportResult, PlaceError } from '../protocol/playbook-requests.js';

export interface ExportProvider {
    export(document: LangiumDocument, params: ExportParams): ExportResult;
}

export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = { json: '.json', mermaid: '.mmd', markdown: '.md' };

export class PlaybookExportProvider implements ExportProvider {
    private readonly documents: LangiumDocuments;

    constructor(services: PlaybookServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    export(document: LangiumDocument, params: ExportParams): ExportResult {
        const format = params.format ?? 'json';
        const withDeals = params.withDeals === true;
        const target = document as LangiumDocument<ast.Document>;
        const root = target.parseResult.value;
        const playbooks = root.elements.filter(ast.isPlaybook).map(playbook => playbook.name);
        const workspace = withDeals ? this.documents.all.filter(other => ast.isDocument(other.parseResult.value)).toArray() as Array<LangiumDocument<ast.Document>> : [target];
        const errors: PlaceError[] = exportBlockers(target, workspace, withDeals).map(({ document: where, diagnostic }) => ({
            uri: where.uri.toString(),
            range: diagnostic.range,
            code: String(diagnostic.code ?? 'error'),
            message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value
        }));
        const result = { format, playbooks, extension: EXPORT_EXTENSIONS[format], errors };
        if (errors.length > 0 || playbooks.length === 0) {
            return { ...result, content: null };
        }
        const exported = exportPlaybooks(root, withDeals ? { withDeals, deals: dealsOfDocuments(workspace.map(other => other.parseResult.value)) } : {});
        return { ...result, content: render(exported, format) };
    }
}

/** As `playbook export --format <format>` writes one file. */
function render(documents: readonly PlaybookDocument[], format: ExportFormat): string {
    switch (format) {
        case 'mermaid': return documents.map(document => withNewline(playbookToMermaid(document.playbook))).join('\n');
        case 'markdown': return documents.map(document => withNewline(playbookToMarkdown(document.playbook))).join('\n');
        default: return serializeDocuments(documents);
    }
}

function withNewline(text: string): string {
    return text.endsWith('\n') ? text : `${text}\n`;
}
