/**
 * Parses, links and validates sources as one workspace and turns the findings into plain
 * diagnostics, named as the user sees the files.
 *
 * Only the language core is imported (never 'langium/lsp' or the language server): the
 * bundle stays small and the CLI starts fast.
 */
import { createPlaybookServices, toPlaybookDiagnostic, validateTexts, type ast, type PlaybookCoreServices, type PlaybookDiagnostic } from '@playbook/language';
import { URI, type LangiumDocument } from 'langium';
import { PLAYBOOK_EXTENSION } from '../files/collect-files.js';
import type { Source } from '../files/read-sources.js';
import { afterParse } from '../engine/after-large-parse.js';
import { compareDiagnostics } from './sort.js';

/** One source after validation: its document (for commands that go on to use the model) and its findings. */
export interface ValidatedSource {
    source: Source;
    document: LangiumDocument<ast.Document>;
    diagnostics: PlaybookDiagnostic[];
}

/**
 * Documents added one by one (each parsed once, when added, so that a caller can look at
 * a tree before deciding what else to read), then linked and validated together.
 */
export class WorkspaceBuild {
    private readonly services = takeServices();
    private readonly entries: Array<{ source: Source; document: LangiumDocument<ast.Document> }> = [];
    private readonly uris = new Set<string>();
    private looks = 0;

    constructor(asOf?: string) {
        this.services.Playbook.simulation.DealSimulator.setAsOf(asOf);
    }

    /** Parses a source and adds it to the workspace. */
    add(source: Source): LangiumDocument<ast.Document> {
        const document = this.parse(source.text, URI.file(this.uriOf(source.path)));
        this.services.shared.workspace.LangiumDocuments.addDocument(document);
        this.entries.push({ source, document });
        return document;
    }

    /** Parses a text without adding it: to look at what a file declares. */
    parseOnly(text: string): ast.Document {
        return this.parse(text, URI.parse(`memory:///look-${++this.looks}${PLAYBOOK_EXTENSION}`)).parseResult.value;
    }

    async validate(): Promise<ValidatedSource[]> {
        const documents = this.entries.map(entry => entry.document);
        await this.services.shared.workspace.DocumentBuilder.build(documents, { validation: true });
        return this.entries.map(({ source, document }) => ({
            source,
            document,
            diagnostics: (document.diagnostics ?? []).map(diagnostic => toPlaybookDiagnostic(diagnostic, source.shownAs)).sort(compareDiagnostics)
        }));
    }

    private parse(text: string, uri: URI): LangiumDocument<ast.Document> {
        const document = this.services.shared.workspace.LangiumDocumentFactory.fromString<ast.Document>(text, uri);
        afterParse(text.length);
        return document;
    }

    /**
     * The document URI of a file. Langium picks a language by file extension, so a file the
     * user named with another extension (`deals.txt`, `/dev/stdin`) is given a `.playbook`
     * name in the workspace; outputs name it by its real path (Source.shownAs), never by this.
     */
    private uriOf(path: string): string {
        let uri = path;
        if (!path.endsWith(PLAYBOOK_EXTENSION)) {
            uri = `${path}${PLAYBOOK_EXTENSION}`;
            for (let n = 2; this.uris.has(uri); n++) {
                uri = `${path}.${n}${PLAYBOOK_EXTENSION}`;
            }
        }
        this.uris.add(uri);
        return uri;
    }
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
