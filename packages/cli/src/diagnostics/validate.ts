/**
 * Parses, links and validates the sources as one workspace and returns the findings of the
 * reported files as plain diagnostics, named as the user sees the files.
 *
 * Only the language core is imported (never 'langium/lsp' or the language server): the
 * bundle stays small and the CLI starts fast.
 */
import { createPlaybookServices, toPlaybookDiagnostic, validateTexts, type PlaybookDiagnostic } from '@playbook/language';
import { PLAYBOOK_EXTENSION } from '../files/collect-files.js';
import type { Source } from '../files/read-sources.js';
import { compareDiagnostics } from './sort.js';

export async function validateSources(sources: readonly Source[]): Promise<PlaybookDiagnostic[]> {
    if (sources.length === 0) {
        return [];
    }
    // The language reads no files itself (EmptyFileSystem): the CLI has read them already and
    // decides which belong to the workspace.
    const services = createPlaybookServices();
    const results = await validateTexts(services, workspaceUris(sources).map((uri, index) => ({ uri, text: sources[index].text })));
    const diagnostics: PlaybookDiagnostic[] = [];
    results.forEach((result, index) => {
        const source = sources[index];
        if (source.reported) {
            for (const diagnostic of result.diagnostics) {
                diagnostics.push(toPlaybookDiagnostic(diagnostic, source.shownAs));
            }
        }
    });
    return diagnostics.sort(compareDiagnostics);
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
