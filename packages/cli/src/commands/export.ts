/**
 * `playbook export <file> [-o out] [--format json|mermaid|markdown] [--with-deals]`: every
 * playbook of the file as JSON (the published format), as a Mermaid flowchart, or as a
 * Markdown handbook for salespeople. One playbook gives one document; several give a JSON
 * array (or one file each with `-o <folder>/`).
 */
import { dealsOfDocuments, exportPlaybooks } from '@playbook/language';
import { playbookToMarkdown, playbookToMermaid, serializeDocument, serializeDocuments, type PlaybookDocument } from '@playbook/model';
import { join } from 'node:path';
import { loadFileToExport } from '../diagnostics/load-file-to-export.js';
import { startShortRun } from '../engine/short-run.js';
import { CliError, ExitCode } from '../errors.js';
import { outputTarget, writeFiles, writeOutput } from '../files/write-output.js';

export const EXPORT_FORMATS = ['json', 'mermaid', 'markdown'] as const;
export type ExportFormat = typeof EXPORT_FORMATS[number];

export interface ExportOptions {
    output?: string;
    format: ExportFormat;
    withDeals: boolean;
    conditions: boolean;
}

const EXTENSIONS: Record<ExportFormat, string> = { json: '.json', mermaid: '.mmd', markdown: '.md' };

export async function exportCommand(file: string, options: ExportOptions): Promise<number> {
    startShortRun();
    const cwd = process.cwd();
    const output = await outputTarget(options.output, cwd);
    const { target, workspace } = await loadFileToExport(file, cwd, options.withDeals);
    const documents = exportPlaybooks(target.document.parseResult.value, {
        withDeals: options.withDeals,
        deals: dealsOfDocuments(workspace.map(loaded => loaded.document.parseResult.value))
    });
    if (documents.length === 0) {
        throw new CliError(`'${target.source.shownAs}' declares no playbook to export`, ExitCode.Usage);
    }
    const render = (document: PlaybookDocument): string => renderOne(document, options);
    // Every file read is an input: none may be written over.
    const inputs = workspace.map(loaded => loaded.source.path);
    if (output.kind === 'folder') {
        const files = documents.map(document => ({ path: join(output.path, `${document.playbook.name}${EXTENSIONS[options.format]}`), text: render(document) }));
        await writeFiles(files, inputs, 'other', cwd);
        return ExitCode.Ok;
    }
    const text = options.format === 'json' ? serializeDocuments(documents) : documents.map(render).join('\n');
    await writeOutput(text, output, inputs, 'other', cwd);
    return ExitCode.Ok;
}

function renderOne(document: PlaybookDocument, options: ExportOptions): string {
    switch (options.format) {
        case 'mermaid': return ensureNewline(playbookToMermaid(document.playbook, { conditions: options.conditions }));
        case 'markdown': return ensureNewline(playbookToMarkdown(document.playbook));
        default: return serializeDocument(document);
    }
}

function ensureNewline(text: string): string {
    return text.endsWith('\n') ? text : `${text}\n`;
}
