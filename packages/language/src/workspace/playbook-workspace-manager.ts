/**
 * Which files of the workspace the language server reads: every `.playbook` file under the
 * workspace folders except those under a folder the `playbook.workspace.exclude` setting
 * names (globs relative to the workspace folder, as `files.exclude` in VS Code). By default,
 * folders that hold copies or dependencies rather than the team's playbooks: `node_modules`,
 * build output (`out`, `dist`), and the VS Code extension's templates, which repeat
 * the examples' names, so that with this repository open every example reported its names as
 * duplicates of a template's.
 *
 * The setting is read before the workspace is first traversed (the editor is asked for it
 * once the connection is up); when it changes, or arrives late, files newly excluded are
 * dropped and files newly included are read. A file open in the editor is always checked.
 *
 * Files are listed at start-up, not parsed: Langium parses every file of the workspace
 * before its first build, in one step no editor request can interrupt (some 20 s for a
 * workspace of 24 MB). Here each file is parsed in the build, where a file the editor opens
 * goes first (see the Playbook document builder) and a newer change cancels the rest.
 */
import {
    DefaultWorkspaceManager, DocumentState, URI, UriUtils,
    type ConfigurationProvider, type Stream, type FileSystemNode, type LangiumDocument, type LangiumSharedCoreServices, type WorkspaceFolder
} from 'langium';
import picomatch from 'picomatch/posix.js';

export const DEFAULT_WORKSPACE_EXCLUDE: readonly string[] = ['**/node_modules', '**/out', '**/dist', '**/packages/vscode/templates'];

/** How long the first traversal waits for the editor's settings before it uses the defaults (they still apply when they come). */
const SETTINGS_GRACE_MS = 2000;

export class PlaybookWorkspaceManager extends DefaultWorkspaceManager {
    private readonly configuration: ConfigurationProvider;
    private readonly textDocuments: LangiumSharedCoreServices['workspace']['TextDocuments'];
    private patterns: readonly string[] = DEFAULT_WORKSPACE_EXCLUDE;
    private excluded: (path: string) => boolean = compile(DEFAULT_WORKSPACE_EXCLUDE);

    private readonly documentFactory: LangiumSharedCoreServices['workspace']['LangiumDocumentFactory'];

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.documentFactory = services.workspace.LangiumDocumentFactory;
        this.configuration = services.workspace.ConfigurationProvider;
        this.textDocuments = services.workspace.TextDocuments;
        this.configuration.onConfigurationSectionUpdate(update => {
            if (update.section === 'playbook') {
                void this.setExclude(excludeSetting(update.configuration));
            }
        });
    }

    /** The globs in force. */
    get exclude(): readonly string[] {
        return this.patterns;
    }

    protected override async performStartup(folders: WorkspaceFolder[]): Promise<LangiumDocument[]> {
        const settings = this.configuration.ready.then(async () => excludeSetting({ workspace: await this.configuration.getConfiguration('playbook', 'workspace') }));
        let stopWaiting = (): void => undefined;
        const grace = new Promise<undefined>(resolve => {
            const timer = setTimeout(() => resolve(undefined), SETTINGS_GRACE_MS);
            stopWaiting = () => clearTimeout(timer);
        });
        const first = await Promise.race([settings, grace]);
        stopWaiting();
        this.use(first);
        // Settings that came after the grace period apply as a change would.
        void settings.then(async late => this.setExclude(late));
        return super.performStartup(folders);
    }

    /** The workspace's files as documents not yet parsed (as Langium's builder adds a file it learns of). */
    protected override async loadWorkspaceDocuments(uris: Stream<URI>, collector: (document: LangiumDocument) => void): Promise<void> {
        for (const uri of uris) {
            const document = this.documentFactory.fromModel({ $type: 'INVALID' }, uri);
            document.state = DocumentState.Changed;
            collector(document);
        }
    }

    /**
     * Excluded folders are not entered, and no file under one is read (also when the editor
     * reports it changed). Hidden files and folders (`.git`, `.vscode`) are never read, as in
     * Langium; unlike Langium, `node_modules` and `out` are left out by the list, so that a
     * list of one's own may read them.
     */
    override shouldIncludeEntry(entry: FileSystemNode): boolean {
        if (UriUtils.basename(entry.uri).startsWith('.') || this.isExcluded(entry.uri)) {
            return false;
        }
        return entry.isDirectory || (entry.isFile && this.serviceRegistry.hasServices(entry.uri));
    }

    /** Whether `uri`, or a folder it is in, matches an exclusion glob (relative to its workspace folder). */
    isExcluded(uri: URI): boolean {
        const path = this.relativePath(uri);
        const segments = path.split('/');
        for (let end = 1; end <= segments.length; end++) {
            if (this.excluded(segments.slice(0, end).join('/'))) return true;
        }
        return false;
    }

    /**
     * A new list of globs: the files it excludes are dropped (unless open in the editor), the
     * files it no longer excludes are read, and the workspace is checked again.
     */
    async setExclude(patterns: readonly string[] | undefined): Promise<void> {
        if (!this.use(patterns)) return;
        await this.ready;
        await this.mutex.write(async token => {
            const wanted: URI[] = [];
            for (const folder of this.folders ?? []) {
                await this.traverseFolder(this.getRootFolder(folder), wanted);
            }
            const wantedKeys = new Set(wanted.map(uri => uri.toString()));
            const dropped = this.langiumDocuments.all
                .filter(document => !wantedKeys.has(document.uri.toString()) && this.isExcluded(document.uri) && !this.isOpen(document.uri))
                .map(document => document.uri)
                .toArray();
            const added = wanted.filter(uri => !this.langiumDocuments.hasDocument(uri));
            if (dropped.length > 0 || added.length > 0) {
                // A file read or dropped may hold the other declaration of a name that another
                // file reports as a duplicate, though no reference links them: check every file again.
                const droppedKeys = new Set(dropped.map(uri => uri.toString()));
                for (const document of this.langiumDocuments.all) {
                    if (!droppedKeys.has(document.uri.toString()) && document.state > DocumentState.IndexedReferences) {
                        this.documentBuilder.resetToState(document, DocumentState.IndexedReferences);
                    }
                }
                await this.documentBuilder.update(added, dropped, token);
            }
        });
    }

    /** Sets the globs; false when they are the ones in force. Undefined (no setting) means the defaults. */
    private use(patterns: readonly string[] | undefined): boolean {
        const next = patterns ?? DEFAULT_WORKSPACE_EXCLUDE;
        if (next.length === this.patterns.length && next.every((pattern, i) => pattern === this.patterns[i])) {
            return false;
        }
        this.patterns = next;
        this.excluded = compile(next);
        return true;
    }

    private isOpen(uri: URI): boolean {
        return this.textDocuments?.get(uri) !== undefined;
    }

    /** The path below the workspace folder that holds `uri` (the innermost), else the whole path. */
    private relativePath(uri: URI): string {
        let best: string | undefined;
        for (const folder of this.folders ?? []) {
            const root = this.getRootFolder(folder);
            if (!UriUtils.contains(root, uri)) continue;
            const relative = UriUtils.relative(root, uri);
            if (best === undefined || relative.length < best.length) {
                best = relative;
            }
        }
        return best ?? uri.path.replace(/^\/+/, '');
    }
}

function compile(patterns: readonly string[]): (path: string) => boolean {
    return patterns.length > 0 ? picomatch([...patterns], { dot: true }) : () => false;
}

/**
 * `exclude` of the `playbook.workspace` settings: a list of globs. Anything else (no setting,
 * a malformed value) means the defaults; blank entries are ignored.
 */
function excludeSetting(section: unknown): readonly string[] | undefined {
    const settings = section as { workspace?: { exclude?: unknown }; 'workspace.exclude'?: unknown } | undefined;
    const value = settings?.workspace?.exclude ?? settings?.['workspace.exclude'];
    if (!Array.isArray(value)) return undefined;
    return value.filter((pattern): pattern is string => typeof pattern === 'string' && pattern.trim() !== '').map(pattern => pattern.trim().replace(/^\.\//, '').replace(/\/+$/, ''));
}
