/**
 * Parses, links and validates the sources as one workspace and returns the findings of the
 * reported files as plain diagnostics, named as the user sees the files.
 *
 * Only the language core is imported (never 'langium/lsp' or the language server): the
 * bundle stays small and the CLI starts fast.
 */
import { createPlaybookServices, toPlaybookDiagnostic, validateTexts, type ast, type PlaybookCoreServices, type PlaybookDiagnostic } from '@playbook/language';
import { URI, type LangiumDocument } from 'langium';
import { PLAYBOOK_EXTENSION } from '../files/collect-files.js';
import type { Source } from '../files/read-sources.js';
import { compareDiagnostics } from './sort.js';

export async function validateSources(sources: readonly Source[]): Promise<PlaybookDiagnostic[]> {
    const diagnostics = (await validateWorkspace(sources))
        .filter(file => file.source.reported)
        .flatMap(file => file.diagnostics);
    return diagnostics.sort(compareDiagnostics);
}

/** One source after validation: its document (for commands that go on to use the model) and its findings. */
export interface ValidatedSource {
    source: Source;
    document: LangiumDocument<ast.Document>;
    diagnostics: PlaybookDiagnostic[];
}

/** Parses, links and validates the sources as one workspace; results in the order of the sources. */
export async function validateWorkspace(sources: readonly Source[]): Promise<ValidatedSource[]> {
    if (sources.length === 0) {
        return [];
    }
    const services = takeServices();
    const results = await validateTexts(services, workspaceUris(sources).map((uri, index) => ({ uri, text: sources[index].text })));
    return results.map((result, index) => ({
        source: sources[index],
        document: result.document,
        diagnostics: result.diagnostics.map(diagnostic => toPlaybookDiagnostic(diagnostic, sources[index].shownAs)).sort(compareDiagnostics)
    }));
}

/**
 * The document URI of each source. Langium picks a language by file extension, so a file the
 * user named with another extension (`deals.txt`, `/dev/stdin`) is given a `.playbook` name in
 * the workspace; outputs name it by its real path (Source.shownAs), never by this URI.
 */
function workspaceUris(sources: readonly Source[]): string[] {
    const taken = new Set(sources.map(source => source.path));
    return sources.map(source => {
        if (source.path.endsWith(PLAYBOOK_EXTENSION)) {
            return source.path;
        }
        let uri = `${source.path}${PLAYBOOK_EXTENSION}`;
        for (let n = 2; taken.has(uri); n++) {
            uri = `${source.path}.${n}${PLAYBOOK_EXTENSION}`;
        }
        taken.add(uri);
        return uri;
    });
}

let prepared: PlaybookCoreServices | undefined;

/**
 * The services for one run. The language reads no files itself (EmptyFileSystem): the CLI has
 * read them already and decides which belong to the workspace. Services prepared ahead (in a
 * start-up snapshot) are used once, then forgotten.
 */
function takeServices(): PlaybookCoreServices {
    const services = prepared ?? createPlaybookServices();
    prepared = undefined;
    return services;
}

/**
 * Builds the services, the lexer and the parser, and runs one small document through every
 * phase so that the code is compiled, then empties the workspace again. Done while building a
 * start-up snapshot, this is most of a check's start-up work done once, at install time.
 */
export async function prepareServices(): Promise<void> {
    const services = createPlaybookServices();
    const uri = 'memory:///playbook-warm-up.playbook';
    await validateTexts(services, [{ uri, text: WARM_UP }]);
    await services.shared.workspace.DocumentBuilder.update([], [URI.parse(uri)]);
    prepared = services;
}

const WARM_UP = `playbook WarmUp {
  field budget: money
  field grade: enum {A, B}
  stage Lead "Lead" { probability 10% within 5 days task Call required
    gate Qualified { requires Call when budget > 0 and grade in {A} } }
  optional stage Offer { task Send }
  stage Won
  terminate Lost "No budget" when not (budget > 0)
}
deal Acme for WarmUp {
  2026-01-01 enter Lead
  2026-01-02 set budget = 10
  2026-01-02 done Call
  2026-01-09 enter Won
}
`;
