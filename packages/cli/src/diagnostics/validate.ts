/**
 * Parses, links and validates the sources as one workspace and returns the findings of the
 * reported files as plain diagnostics, named as the user sees the files.
 *
 * Only the language core is imported (never 'langium/lsp' or the language server): the
 * bundle stays small and the CLI starts fast.
 */
import { createPlaybookServices, toPlaybookDiagnostic, validateTexts, type PlaybookDiagnostic } from '@playbook/language';
import type { Source } from '../files/read-sources.js';
import { compareDiagnostics } from './sort.js';

export async function validateSources(sources: readonly Source[]): Promise<PlaybookDiagnostic[]> {
    if (sources.length === 0) {
        return [];
    }
    // The language reads no files itself (EmptyFileSystem): the CLI has read them already and
    // decides which belong to the workspace.
    const services = createPlaybookServices();
    const results = await validateTexts(services, sources.map(source => ({ uri: source.path, text: source.text })));
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
