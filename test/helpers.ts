/** Shared test helpers: one set of core services per test file, texts in, plain diagnostics out. */
import { createPlaybookServices, toPlaybookDiagnostic, validateTexts, type PlaybookDiagnostic, type SourceText } from '@playbook/language';

let services: ReturnType<typeof createPlaybookServices> | undefined;
let counter = 0;

export function testServices(): ReturnType<typeof createPlaybookServices> {
    return services ??= createPlaybookServices();
}

/** Validates the texts as one workspace; each text gets a fresh URI unless named. */
export async function check(...texts: Array<string | SourceText>): Promise<PlaybookDiagnostic[]> {
    const sources = texts.map(t => (typeof t === 'string' ? { uri: `memory:///test-${counter++}.playbook`, text: t } : t));
    const results = await validateTexts(testServices(), sources);
    const diagnostics = results.flatMap(r => r.diagnostics.map(d => toPlaybookDiagnostic(d, r.document.uri.toString())))
        .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
    // Leave the shared workspace empty, so that one test's names never collide with another's.
    await testServices().shared.workspace.DocumentBuilder.update([], results.map(r => r.document.uri));
    return diagnostics;
}

/** Only errors and warnings: what a test of a rule cares about. */
export async function problems(...texts: Array<string | SourceText>): Promise<PlaybookDiagnostic[]> {
    return (await check(...texts)).filter(d => d.severity === 'error' || d.severity === 'warning');
}

export function codes(diagnostics: PlaybookDiagnostic[]): string[] {
    return diagnostics.map(d => d.code);
}
