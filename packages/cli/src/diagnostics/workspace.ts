/**
 * The files named on the command line, and what is read beside them, validated as one
 * workspace. A file of deals checked on its own finds the playbook it follows in a .playbook
 * file beside it, as in the editor; but only what the named files need is read, and only
 * their findings count:
 *
 *  - a file beside is read only when it declares a playbook that the named files' deals
 *    follow, that a playbook read is a variant of (`variant of`, its base's base too), or
 *    that `--playbook` names, and the named files do not declare, or, when asked for,
 *    deals that follow the named files' playbooks (`export --with-deals`, `simulate`);
 *  - of such a file, only those declarations are kept (at their lines and columns), so a
 *    20 MB file beside costs at most one parse, and an old copy of the named file beside it
 *    (v1.playbook copied to v2.playbook) is never a second declaration of its names;
 *  - a file that cannot be read or is not text is skipped: it cannot be a playbook;
 *  - each file read beside is said, with why (`notes`).
 */
import { ast, type PlaybookDiagnostic } from '@playbook/language';
import type { AstNode } from 'langium';
import * as path from 'node:path';
import { displayPath } from '../files/display-path.js';
import { playbookFilesIn, readContextText, realPaths } from '../files/files-beside.js';
import { readSources, type Source } from '../files/read-sources.js';
import { compareDiagnostics } from './sort.js';
import { WorkspaceBuild, type ValidatedSource } from './validate.js';

export interface WorkspaceRequest {
    /** Absolute paths of the files named (or found) on the command line. */
    files: readonly string[];
    cwd: string;
    /** Read the playbooks the named files' deals follow from the files beside them (default true); the bases of variants are read always. */
    references?: boolean;
    /** Playbooks asked for by name, read from beside the files when they do not declare them. */
    playbooks?: readonly string[];
    /**
     * Read the deals beside the files that follow their playbooks (or those of `playbooks`):
     * `always`, `when-none` (only when the named files have no such deals), `never` (default).
     */
    dealsBeside?: 'always' | 'when-none' | 'never';
    /** `check --as-of`: the deals are judged as of this date (see `DealSimulator.setAsOf`). */
    asOf?: string;
    /** Texts to check instead of what named files hold, by absolute path (`calibrate --write` checks its edit before writing it). */
    texts?: ReadonlyMap<string, string>;
}

export interface Workspace {
    /** The named files in the order given, then the files read beside them. */
    files: ValidatedSource[];
    /** One sentence per file read beside the named ones: which, and why. */
    notes: string[];
}

export async function loadWorkspace(request: WorkspaceRequest): Promise<Workspace> {
    const named = (await readSources(request.files, request.cwd))
        .map(source => (request.texts?.has(source.path) ? { ...source, text: request.texts.get(source.path)! } : source));
    const build = new WorkspaceBuild(request.asOf);
    const roots = named.map(source => build.add(source).parseResult.value);
    const notes: string[] = [];
    const wanted = wantedDeclarations(request, named, roots);
    if (wanted.size > 0) {
        const exclude = await realPaths(request.files);
        const added = new Set<string>();
        // A base read beside may be a variant itself: its base is looked for in another pass (playbooks only).
        for (let pass = 0, onlyPlaybooks = false; pass < 16 && wanted.size > 0; pass++, onlyPlaybooks = true) {
            let basesWanted = false;
            for (const dir of [...new Set(request.files.map(file => path.dirname(file)))].sort()) {
                for (const file of await playbookFilesIn(dir, exclude)) {
                    if (added.has(file)) continue;
                    if (![...wanted.values()].some(want => want.dirs.has(dir) && (!onlyPlaybooks || want.kind === 'playbook'))) break;
                    const found = await readBeside(file, wanted, dir, build, onlyPlaybooks);
                    if (!found) continue;
                    basesWanted ||= found.basesWanted;
                    added.add(file);
                    const shownAs = displayPath(file, request.cwd);
                    build.add({ path: file, shownAs, text: found.text, reported: false });
                    notes.push(...found.reasons.map(({ what, why }) => `read ${what} from '${shownAs}' (${why})`));
                }
            }
            if (!basesWanted) break;
        }
    }
    return { files: await build.validate(), notes };
}

/**
 * What the named files need from beside them, keyed `playbook:<name>` or `deals:<playbook>`,
 * with the folders to look in and the sentence that says why.
 */
interface Want {
    kind: 'playbook' | 'deals';
    name: string;
    dirs: Set<string>;
    why: string;
}

function wantedDeclarations(request: WorkspaceRequest, named: readonly Source[], roots: readonly ast.Document[]): Map<string, Want> {
    const declared = new Set(roots.flatMap(root => root.elements.filter(ast.isPlaybook).map(p => p.name)));
    const wanted = new Map<string, Want>();
    const want = (kind: Want['kind'], name: string, source: Source, why: string): void => {
        const key = `${kind}:${name}`;
        const existing = wanted.get(key);
        if (existing) {
            existing.dirs.add(path.dirname(source.path));
        } else {
            wanted.set(key, { kind, name, dirs: new Set([path.dirname(source.path)]), why });
        }
    };
    roots.forEach((root, i) => {
        // A variant is its base with changes: without the base there is no playbook to check or export.
        for (const playbook of root.elements.filter(ast.isPlaybook)) {
            const base = playbook.base?.$refText;
            if (base && !declared.has(base)) {
                want('playbook', base, named[i], `playbook ${playbook.name} is a variant of it`);
            }
        }
        if (request.references === false) return;
        for (const deal of root.elements.filter(ast.isDeal)) {
            const name = deal.playbook?.$refText;
            if (name && !declared.has(name)) {
                want('playbook', name, named[i], `the deals of '${named[i].shownAs}' follow it`);
            }
        }
    });
    for (const name of request.playbooks ?? []) {
        if (!declared.has(name)) {
            named.forEach(source => want('playbook', name, source, 'asked for with --playbook'));
        }
    }
    const dealsBeside = request.dealsBeside ?? 'never';
    if (dealsBeside !== 'never') {
        const playbooks = request.playbooks && request.playbooks.length > 0 ? new Set(request.playbooks) : declared;
        const followed = roots.some(root => root.elements.some(element => ast.isDeal(element) && playbooks.has(element.playbook?.$refText)));
        if (dealsBeside === 'always' || !followed) {
            for (const name of playbooks) {
                named.forEach(source => want('deals', name, source, `they follow playbook ${name}`));
            }
        }
    }
    return wanted;
}

/**
 * What a file beside provides of what is wanted: the text of those declarations only, at
 * their places, and why each was read. Wanted playbooks it provides are wanted no more
 * (the first file, in name order, provides a playbook); deals are looked for in every file.
 */
async function readBeside(file: string, wanted: Map<string, Want>, dir: string, build: WorkspaceBuild, onlyPlaybooks: boolean):
    Promise<{ text: string; reasons: Array<{ what: string; why: string }>; basesWanted: boolean } | undefined> {
    const text = await readContextText(file);
    const wants = [...wanted.values()].filter(want => want.dirs.has(dir) && (!onlyPlaybooks || want.kind === 'playbook'));
    // Parsing is what costs: a file that does not even mention a wanted name is not parsed.
    if (text === undefined || !wants.some(want => text.includes(want.name))) {
        return undefined;
    }
    const kept: AstNode[] = [];
    const reasons: Array<{ what: string; why: string }> = [];
    const dealCounts = new Map<string, number>();
    let basesWanted = false;
    for (const element of build.parseOnly(text).elements) {
        if (ast.isPlaybook(element)) {
            const want = wanted.get(`playbook:${element.name}`);
            if (want?.dirs.has(dir)) {
                kept.push(element);
                reasons.push({ what: `playbook ${element.name}`, why: want.why });
                wanted.delete(`playbook:${element.name}`);
                const base = element.base?.$refText;
                if (base && !wanted.has(`playbook:${base}`) && base !== element.name) {
                    wanted.set(`playbook:${base}`, { kind: 'playbook', name: base, dirs: new Set([dir]), why: `playbook ${element.name} is a variant of it` });
                    basesWanted = true;
                }
            }
        } else if (!onlyPlaybooks && ast.isDeal(element)) {
            const name = element.playbook?.$refText ?? '';
            if (wanted.get(`deals:${name}`)?.dirs.has(dir)) {
                kept.push(element);
                dealCounts.set(name, (dealCounts.get(name) ?? 0) + 1);
            }
        }
    }
    for (const [name, count] of dealCounts) {
        reasons.push({ what: `${count} deal${count === 1 ? '' : 's'}`, why: wanted.get(`deals:${name}`)!.why });
    }
    return kept.length > 0 ? { text: textHolding(text, kept), reasons, basesWanted } : undefined;
}

/**
 * A text holding only these top-level declarations, each at its line and column in the
 * original, so that anything said about them points at the right place in the file.
 */
function textHolding(text: string, nodes: readonly AstNode[]): string {
    let result = '';
    let line = 0;
    let column = 0;
    for (const node of nodes) {
        const cst = node.$cstNode;
        if (!cst) continue;
        const { start, end } = cst.range;
        if (start.line > line) {
            result += '\n'.repeat(start.line - line);
            column = 0;
        }
        result += ' '.repeat(Math.max(0, start.character - column));
        result += text.slice(cst.offset, cst.end);
        line = end.line;
        column = end.character;
    }
    return `${result}\n`;
}

/** The findings of the named files, sorted as every output prints them. */
export function reportedDiagnostics(files: readonly ValidatedSource[]): PlaybookDiagnostic[] {
    return files.filter(file => file.source.reported).flatMap(file => file.diagnostics).sort(compareDiagnostics);
}
