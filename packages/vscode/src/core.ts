/**
 * The language core inside the extension host, bundled on its own (dist/core.cjs) and loaded
 * on the first command that needs it, so that activation only starts the client. It parses
 * texts the extension hands it (from open editors or `workspace.fs`, so virtual workspaces
 * work too) and never reads the disk itself.
 */
import { ast, createPlaybookServices, exportPlaybooks, playbookDrawing, playbookToModel, validateTexts, type SourceText } from '@playbook/language';
import { formatAggregateReport, renderDiagramHtml, serializeDocuments, type AggregateReport, type DiagramProblem, type PlaybookModel } from '@playbook/model';
import { URI } from 'langium';
import { aliasEdit, type AliasEdit } from './simulation/alias-edit.js';

const services = createPlaybookServices();

export interface CoreDiagnostic { line: number; column: number; message: string; code?: string }

/** Builds the texts together (a deal may follow a playbook of a sibling file), then forgets them. */
async function withDocuments<T>(sources: readonly SourceText[], use: (roots: ast.Document[], errors: CoreDiagnostic[][]) => T): Promise<T> {
    const documents = services.shared.workspace.LangiumDocuments;
    const uris = sources.map(source => (source.uri.includes('://') ? URI.parse(source.uri) : URI.file(source.uri)));
    const forget = () => {
        for (const uri of uris) {
            if (documents.hasDocument(uri)) documents.deleteDocument(uri);
            services.shared.workspace.IndexManager.remove(uri);
        }
    };
    forget();
    try {
        const validated = await validateTexts(services, sources);
        return use(validated.map(v => v.document.parseResult.value), validated.map(v => v.diagnostics
            .filter(d => (d.severity ?? 1) === 1)
            .map(d => ({ line: d.range.start.line + 1, column: d.range.start.character + 1, message: typeof d.message === 'string' ? d.message : d.message.value, code: d.code === undefined ? undefined : String(d.code) }))));
    } finally {
        // Out of the documents and of the index: the next build must not see these names.
        forget();
    }
}

let diagramCounter = 0;

/** The diagram's HTML body for a text (syntax errors are listed; what parsed is drawn). */
export async function diagramHtml(text: string): Promise<{ html: string; stages: string[] }> {
    const uri = `playbook-diagram:///d${diagramCounter++}.playbook`;
    return withDocuments([{ uri, text }], ([root]) => {
        const doc = services.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri));
        const problems: DiagramProblem[] = [
            ...(doc?.parseResult.lexerErrors ?? []).map(err => ({ line: err.line ?? 0, message: err.message })),
            ...(doc?.parseResult.parserErrors ?? []).map(err => ({ line: err.token.startLine ?? 0, message: err.message }))
        ];
        const drawings = (root?.elements ?? []).filter(ast.isPlaybook).map(playbookDrawing);
        return { html: renderDiagramHtml(drawings, problems), stages: drawings.flatMap(d => d.playbook.stages.map(s => s.name)) };
    });
}

function playbooksOf(root: ast.Document | undefined): PlaybookModel[] {
    return (root?.elements ?? []).filter(ast.isPlaybook).map(playbook => playbookToModel(playbook));
}

export type ExportOutcome =
    | { kind: 'json'; json: string; playbooks: string[] }
    | { kind: 'errors'; errors: CoreDiagnostic[] }
    | { kind: 'no-playbook' };

/** `playbook export` of the first source: refused when it has errors, like the CLI. */
export async function exportJson(sources: readonly SourceText[]): Promise<ExportOutcome> {
    return withDocuments(sources, ([root], [errors]) => {
        if (errors.length > 0) return { kind: 'errors', errors };
        const documents = exportPlaybooks(root);
        if (documents.length === 0) return { kind: 'no-playbook' };
        return { kind: 'json', json: serializeDocuments(documents), playbooks: documents.map(d => d.playbook.name) };
    });
}

/** The playbooks of the first source, for the simulation (which asks which one when there are several). */
export async function playbookModels(sources: readonly SourceText[]): Promise<{ playbooks: PlaybookModel[]; errors: CoreDiagnostic[] }> {
    return withDocuments(sources, ([root], [errors]) => ({ playbooks: playbooksOf(root), errors }));
}

/** The report view's data (see `simulation/simulation-data.ts`). */
export { simulationData } from './simulation/simulation-data.js';

/** The aggregate report as the CLI prints it. */
export function reportText(report: AggregateReport): string {
    return formatAggregateReport(report);
}

/** The edit that adds `alias "name"` to a stage of a playbook text, laid out by the formatter. */
export function addAliasEdit(text: string, playbook: string, stage: string, name: string): AliasEdit {
    return aliasEdit(services, text, playbook, stage, name);
}
