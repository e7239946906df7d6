/**
 * The calibrations of the open documents' playbooks against `playbook.simulation.dealsFile`,
 * in a server that runs in Node (it reads the file). Off the typing path:
 * - a document checked (validated) is calibrated a moment later (`DEBOUNCE_MS`), so a burst
 *   of keystrokes starts one calibration, not one per keystroke; the models are taken under
 *   the workspace's read lock, the file read without it, in batches with pauses between;
 * - a calibration no document wants any more (the playbook changed again) stops between two
 *   batches;
 * - results are kept by the file (path, modification time and size), the settings and the
 *   playbook's model, so that an edit that changes no figure of the model (a comment, a deal,
 *   a task's owner) reads nothing again;
 * - the file is read again when it changes: on `workspace/didChangeWatchedFiles` (the server
 *   asks an editor that lets it to watch the file), else when a figure is asked for and the
 *   file's time or size differ;
 * - a change of the settings calibrates every open document again.
 * When the settings are wrong or the file cannot be read there are no figures, and the
 * reason is shown once (`window/showMessage`), not on every keystroke.
 * When a calibration ends, the editor is asked to fetch the code lenses again.
 */
import { stat } from 'node:fs/promises';
import { basename, dirname, resolve as resolvePath } from 'node:path';
import { DocumentState, URI, type LangiumDocument, type LangiumDocuments, type WorkspaceLock } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { groupedCount, parseIsoDate, type PlaybookModel } from '@playbook/model';
import { CodeLensRefreshRequest, DidChangeWatchedFilesNotification, MessageType, ShowMessageNotification, type Connection, type Disposable } from 'vscode-languageserver';
import { exportBlockers } from '../../export/export-blockers.js';
import * as ast from '../../generated/ast.js';
import { playbookToModel } from '../../model/ast-to-model.js';
import { inSettingsWords, simulationSettings, SIMULATION_SETTINGS, type SimulationSettingsValue } from '../configuration/simulation-settings.js';
import { isAbsolutePath } from '../util/absolute-path.js';
import { calibrateFile } from './calibrate-file.js';
import type { PlaybookCalibration, StageCalibrations } from './stage-calibrations.js';

/** How long the editor must send no change before a checked document is calibrated. */
export const DEBOUNCE_MS = 300;
/** Calibrations kept (each a few kilobytes): the open documents' playbooks, and a few before. */
const KEPT = 64;

interface FileStamp {
    mtimeMs: number;
    size: number;
}

interface Kept extends PlaybookCalibration {
    path: string;
    stamp: FileStamp;
}

/** A calibration running or done, shared by every playbook with the same key. */
interface Computation {
    result: Promise<PlaybookCalibration | { unusable: string } | undefined>;
    /** The documents' playbooks (`uri#name`) that wait for it. */
    wanted: Set<string>;
    cancelled: boolean;
}

/** What a round of calibration needs of one document: its playbooks' models, or nothing to do. */
interface DocumentModels {
    uri: string;
    folder: string | undefined;
    playbooks: Array<{ name: string; model: PlaybookModel; json: string }>;
}

export class DealsFileCalibrations implements StageCalibrations {
    private readonly connection: Connection | undefined;
    private readonly documents: LangiumDocuments;
    private readonly lock: WorkspaceLock;
    private readonly shared: LangiumSharedServices;
    /** The latest figures of each open document, by playbook name. */
    private readonly latest = new Map<string, Map<string, Kept>>();
    private readonly computations = new Map<string, Computation>();
    private readonly pending = new Set<string>();
    /** The latest round of each document: an older round that ends later keeps its figures to itself. */
    private readonly rounds = new Map<string, number>();
    private nextRound = 0;
    private timer: ReturnType<typeof setTimeout> | undefined;
    /** Messages already shown since the settings or the file last changed. */
    private readonly told = new Set<string>();
    private refreshSupported = false;
    /** How the editor can be asked to watch the deals file: not at all, by a glob in the workspace, or by folder and name. */
    private watching: 'none' | 'glob' | 'relative' = 'none';
    private watched: { path: string; registration: Promise<Disposable> } | undefined;

    constructor(shared: LangiumSharedServices) {
        this.shared = shared;
        this.connection = shared.lsp.Connection;
        this.documents = shared.workspace.LangiumDocuments;
        this.lock = shared.workspace.WorkspaceLock;
        shared.lsp.LanguageServer.onInitialize(params => {
            this.refreshSupported = params.capabilities.workspace?.codeLens?.refreshSupport === true;
            const watched = params.capabilities.workspace?.didChangeWatchedFiles;
            this.watching = watched?.dynamicRegistration !== true ? 'none' : watched.relativePatternSupport === true ? 'relative' : 'glob';
        });
        shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, document => {
            if (this.isOpen(document.uri.toString())) this.schedule([document.uri.toString()]);
        });
        shared.workspace.ConfigurationProvider.onConfigurationSectionUpdate(update => {
            if (update.section !== 'playbook') return;
            this.told.clear();
            this.scheduleOpen();
        });
        shared.lsp.DocumentUpdateHandler.onWatchedFilesChange(params => {
            const paths = new Set(params.changes.map(change => URI.parse(change.uri)).filter(uri => uri.scheme === 'file').map(uri => uri.fsPath));
            const read = [...this.latest.values()].some(byName => [...byName.values()].some(kept => paths.has(kept.path)));
            if (read || (this.watched && paths.has(this.watched.path))) {
                this.told.clear();
                this.scheduleOpen();
            }
        });
        shared.workspace.TextDocuments.onDidClose(event => {
            this.latest.delete(event.document.uri);
            this.pending.delete(event.document.uri);
            this.rounds.delete(event.document.uri);
        });
    }

    async calibrationOf(document: LangiumDocument, playbook: string): Promise<PlaybookCalibration | undefined> {
        const uri = document.uri.toString();
        const kept = this.latest.get(uri)?.get(playbook);
        if (!kept) return undefined;
        const now = await stampOf(kept.path);
        if (!now || now.mtimeMs !== kept.stamp.mtimeMs || now.size !== kept.stamp.size) {
            // The file changed and no one said so: the figures are old; new ones are on their way.
            this.latest.get(uri)?.delete(playbook);
            this.told.clear();
            this.schedule([uri]);
            return undefined;
        }
        return kept;
    }

    private isOpen(uri: string): boolean {
        return this.shared.workspace.TextDocuments.get(uri) !== undefined;
    }

    private scheduleOpen(): void {
        this.schedule(this.shared.workspace.TextDocuments.all().map(document => document.uri));
    }

    private schedule(uris: readonly string[]): void {
        for (const uri of uris) this.pending.add(uri);
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => {
            this.timer = undefined;
            const round = [...this.pending];
            this.pending.clear();
            this.calibrate(round).catch(error => this.connection?.console.error(`Calibrating against the deals file failed: ${error instanceof Error ? error.message : String(error)}`));
        }, DEBOUNCE_MS);
    }

    /** One round: the settings, the file's stamp, the documents' models, then each calibration. */
    private async calibrate(uris: readonly string[]): Promise<void> {
        const round = ++this.nextRound;
        for (const uri of uris) this.rounds.set(uri, round);
        const settings = await simulationSettings(this.shared.workspace.ConfigurationProvider);
        if ('problem' in settings) return this.without(uris, `The setting ${settings.problem}; the stages show no observed figures.`);
        if (settings.asOf !== undefined && parseIsoDate(settings.asOf) === undefined) {
            return this.without(uris, `The setting ${SIMULATION_SETTINGS}.asOf must be a date written YYYY-MM-DD, not '${settings.asOf}'; the stages show no observed figures.`);
        }
        const dealsFile = settings.dealsFile;
        if (dealsFile === undefined) return this.without(uris);
        const models = await this.lock.read(() => uris.map(uri => this.modelsOf(uri)).filter(found => found !== undefined));
        const work: Array<Promise<void>> = [];
        for (const document of models) {
            const path = this.resolve(dealsFile, document.folder);
            if (path === undefined) {
                this.without([document.uri], `The setting ${SIMULATION_SETTINGS}.dealsFile is a relative path ('${dealsFile}') and no workspace folder is open: give an absolute path.`);
                continue;
            }
            work.push(this.calibrateDocument(document, path, dealsFile, settings, round));
        }
        await Promise.all(work);
    }

    private async calibrateDocument(document: DocumentModels, path: string, dealsFile: string, settings: SimulationSettingsValue, round: number): Promise<void> {
        this.watch(path);
        const stamp = await stampOf(path);
        if (!stamp) {
            return this.without([document.uri], `The deals file ${path} (the setting ${SIMULATION_SETTINGS}.dealsFile) cannot be read: there is no such file; the stages show no observed figures.`);
        }
        const settingsJson = JSON.stringify({ read: settings.read, asOf: settings.asOf, lateStart: settings.lateStart });
        const keys = new Map<string, string>();
        for (const playbook of document.playbooks) keys.set(playbook.name, [path, stamp.mtimeMs, stamp.size, settingsJson, playbook.json].join('\u0000'));
        this.forget(document.uri, new Set(keys.values()));
        const byName = new Map<string, Kept>();
        await Promise.all(document.playbooks.map(async playbook => {
            const key = keys.get(playbook.name)!;
            const result = await this.computation(key, `${document.uri}#${playbook.name}`, playbook, { path, dealsFile, settings, stamp }).result;
            if (result && 'calibration' in result) byName.set(playbook.name, { ...result, path, stamp });
            else if (result) this.log(result.unusable);
        }));
        // Superseded meanwhile (a newer round for this document started): its figures win.
        if (!this.isOpen(document.uri) || this.rounds.get(document.uri) !== round) return;
        const before = this.latest.get(document.uri);
        this.latest.set(document.uri, byName);
        // An edit that changed no figure (a comment, a deal) found its figures kept: the lenses stand.
        if (!before || before.size !== byName.size || [...byName].some(([name, kept]) => before.get(name)?.calibration !== kept.calibration)) this.refresh();
    }

    private computation(key: string, owner: string, playbook: { name: string; model: PlaybookModel; json: string }, file: { path: string; dealsFile: string; settings: SimulationSettingsValue; stamp: FileStamp }): Computation {
        const existing = this.computations.get(key);
        if (existing && !existing.cancelled) {
            existing.wanted.add(owner);
            // Most recently used last: the oldest are let go first.
            this.computations.delete(key);
            this.computations.set(key, existing);
            return existing;
        }
        const { settings } = file;
        const computation: Computation = { wanted: new Set([owner]), cancelled: false, result: Promise.resolve(undefined) };
        computation.result = calibrateFile(playbook.model, {
            path: file.path, shownAs: file.dealsFile, read: settings.read,
            ...(settings.asOf !== undefined ? { asOf: settings.asOf } : {}),
            ...(settings.lateStart !== undefined ? { lateStart: settings.lateStart } : {})
        }, () => computation.cancelled).then(result => {
            if (!result) return undefined;
            if (result.fatal) {
                this.tell(`The deals file ${file.path} (the setting ${SIMULATION_SETTINGS}.dealsFile) cannot be read: ${inSettingsWords(result.fatal.message)}; the stages show no observed figures.`);
                return { unusable: '' };
            }
            if (!result.calibration) {
                return { unusable: `Playbook ${playbook.name} shows no observed figures: ${unusableReason(result.unusable, result.input.unusableRows, result.input.usedRows, file.dealsFile)}.` };
            }
            return { calibration: result.calibration, modelJson: playbook.json, dealsFile: file.dealsFile };
        }, (error: unknown) => {
            this.tell(`The deals file ${file.path} could not be calibrated against: ${error instanceof Error ? error.message : String(error)}.`);
            return undefined;
        });
        this.computations.set(key, computation);
        while (this.computations.size > KEPT) {
            const oldest = this.computations.keys().next().value as string;
            this.computations.delete(oldest);
        }
        return computation;
    }

    /** Asks the editor to say when the deals file changes (or appears), instead of the file watched so far. */
    private watch(path: string): void {
        if (this.watching === 'none' || !this.connection || this.watched?.path === path) return;
        const globPattern = this.watching === 'relative'
            ? { baseUri: URI.file(dirname(path)).toString(), pattern: basename(path) }
            : `**/${basename(path)}`;
        const previous = this.watched;
        const registration = this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern }] })
            // Refused: the figures still follow the file, checked when they are asked for.
            .catch((): Disposable => ({ dispose: () => undefined }));
        this.watched = { path, registration };
        void previous?.registration.then(disposable => disposable.dispose());
    }

    /** The document's playbooks no longer want other calibrations: one nobody wants stops. */
    private forget(uri: string, keys: ReadonlySet<string>): void {
        for (const [key, computation] of this.computations) {
            if (keys.has(key)) continue;
            for (const owner of computation.wanted) {
                if (owner.startsWith(`${uri}#`)) computation.wanted.delete(owner);
            }
            if (computation.wanted.size === 0) {
                computation.cancelled = true;
                this.computations.delete(key);
            }
        }
    }

    /** The models of the document's playbooks, if it is checked and has no error (as `calibrate` asks). */
    private modelsOf(uri: string): DocumentModels | undefined {
        const parsed = URI.parse(uri);
        if (!this.documents.hasDocument(parsed)) return undefined;
        const document = this.documents.getDocument(parsed) as LangiumDocument<ast.Document>;
        // Not checked yet: the round after its check calibrates it.
        if (document.state < DocumentState.Validated) return undefined;
        const folder = this.folderOf(parsed);
        if (exportBlockers(document, [document], false).length > 0) return { uri, folder, playbooks: [] };
        const playbooks = document.parseResult.value.elements.filter(ast.isPlaybook).map(node => {
            const model = playbookToModel(node);
            return { name: node.name, model, json: JSON.stringify(model) };
        });
        return { uri, folder, playbooks };
    }

    /** The workspace folder that holds the document (the first one otherwise), as a path. */
    private folderOf(uri: URI): string | undefined {
        const folders = (this.shared.workspace.WorkspaceManager.workspaceFolders ?? [])
            .map(folder => URI.parse(folder.uri)).filter(folder => folder.scheme === 'file');
        const holding = folders.find(folder => uri.scheme === 'file' && `${uri.fsPath}/`.startsWith(`${folder.fsPath.replace(/[\\/]$/, '')}/`));
        return (holding ?? folders[0])?.fsPath;
    }

    private resolve(dealsFile: string, folder: string | undefined): string | undefined {
        if (isAbsolutePath(dealsFile)) return resolvePath(dealsFile);
        return folder === undefined ? undefined : resolvePath(folder, dealsFile);
    }

    /** No figures for these documents (and why, once), and the lenses fetched again if some were shown. */
    private without(uris: readonly string[], message?: string): void {
        if (message !== undefined) this.tell(message);
        else this.told.clear();
        let dropped = false;
        for (const uri of uris) dropped = this.latest.delete(uri) || dropped;
        for (const uri of uris) this.forget(uri, new Set());
        if (dropped) this.refresh();
    }

    /** A message the author acts on: shown once until the settings or the file change. */
    private tell(message: string): void {
        if (this.told.has(message)) return;
        this.told.add(message);
        // A notification, not `window/showMessageRequest`: nothing to answer, and an editor that shows none still logs it.
        void this.connection?.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
        this.connection?.console.warn(message);
    }

    /** What is worth knowing but not a problem of the settings (a playbook the export is not about): logged once. */
    private log(message: string): void {
        if (message === '' || this.told.has(message)) return;
        this.told.add(message);
        this.connection?.console.info(message);
    }

    private refresh(): void {
        if (this.refreshSupported) void this.connection?.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    }
}

async function stampOf(path: string): Promise<FileStamp | undefined> {
    try {
        const found = await stat(path);
        return found.isFile() ? { mtimeMs: found.mtimeMs, size: found.size } : undefined;
    } catch {
        return undefined;
    }
}

function unusableReason(unusable: string | undefined, unusableRows: number, usedRows: number, dealsFile: string): string {
    const count = groupedCount;
    switch (unusable) {
        case 'mostly-unusable': return `${count(unusableRows)} of ${count(unusableRows + usedRows)} rows of ${dealsFile} are unusable for it ('playbook calibrate' lists why)`;
        default: return `${dealsFile} has no deals`;
    }
}
