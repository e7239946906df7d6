/** Shared by the export, import, diagram and handbook tests: texts in, export documents out. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createPlaybookServices, dealsOfDocuments, exportPlaybooks, toPlaybookDiagnostic, validateTexts, type ast, type PlaybookDiagnostic } from '@playbook/language';
import { serializeDocuments, type PlaybookDocument } from '@playbook/model';

const services = createPlaybookServices();
let counter = 0;

export const examplesDir = fileURLToPath(new URL('../../../examples/', import.meta.url));

export interface Example {
    file: string;
    text: string;
}

export function examples(): Example[] {
    return readdirSync(examplesDir).filter(f => f.endsWith('.playbook')).sort()
        .map(file => ({ file, text: readFileSync(`${examplesDir}${file}`, 'utf8') }));
}

export interface Exported {
    /** Per text: one document per playbook it declares. */
    documents: PlaybookDocument[][];
    /** Errors of the texts, as `playbook check` reports them. */
    errors: PlaybookDiagnostic[];
}

/**
 * Validates the texts as one workspace (deals may follow a playbook of another text) and
 * exports each text's playbooks with the deals of every text. The workspace is emptied
 * afterwards, so that the names of one call never collide with the next.
 */
export async function exportTexts(texts: readonly string[], withDeals = true): Promise<Exported> {
    const sources = texts.map(text => ({ uri: `memory:///export-${counter++}.playbook`, text }));
    const results = await validateTexts(services, sources);
    try {
        const roots = results.map(r => r.document.parseResult.value as ast.Document);
        const deals = dealsOfDocuments(roots);
        const errors = results.flatMap(r => r.diagnostics.map(d => toPlaybookDiagnostic(d, r.document.uri.toString())))
            .filter(d => d.severity === 'error');
        return { documents: roots.map(root => exportPlaybooks(root, { withDeals, deals })), errors };
    } finally {
        await services.shared.workspace.DocumentBuilder.update([], results.map(r => r.document.uri));
    }
}

/** One text on its own: its documents serialized as `playbook export` writes them. */
export async function exportText(text: string, withDeals = true): Promise<{ json: string; errors: PlaybookDiagnostic[] }> {
    const { documents, errors } = await exportTexts([text], withDeals);
    return { json: serializeDocuments(documents[0]), errors };
}
