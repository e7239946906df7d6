/**
 * Every message that crosses a boundary of the extension, typed in one place:
 * - the settings the client hands the language server (initializationOptions and
 *   workspace/didChangeConfiguration, section `playbook`);
 * - the language server's own requests and commands, which are typed where the server
 *   answers them (`@playbook/language/protocol`) and re-exported here: the extension is a thin
 *   client, everything it shows of a playbook comes from the server;
 * - the messages between the extension host and the diagram, report and replay webviews.
 */
import type { ReplayResult, SimulationViewData } from '@playbook/language/protocol';

export * from '@playbook/language/protocol';

/** `playbook.severityOverrides`: validation code → severity ("off" hides the finding). */
export type SeverityOverride = 'error' | 'warning' | 'info' | 'off';
export type SeverityOverrides = Record<string, SeverityOverride>;

/** What the server receives in `initializationOptions` (and again as the `playbook` section on changes). */
export interface PlaybookInitializationOptions {
    severityOverrides: SeverityOverrides;
}

/** Extension host → replay webview: the deal's timeline, drawn in the extension host (every text escaped). */
export type ToReplayWebview =
    | { type: 'render'; title: string; html: string };

/** Replay webview → extension host. */
export type FromReplayWebview =
    | { type: 'ready' }
    /** Select this range of the deal's document (an event, a violation's event). */
    | { type: 'reveal'; line: number; character: number; endLine: number; endCharacter: number };

/** Extension host → diagram webview. */
export type ToDiagramWebview =
    | { type: 'render'; title: string; html: string };

/** Diagram webview → extension host. */
export type FromDiagramWebview =
    | { type: 'ready' }
    /** An element of the drawing was clicked: select where it is written (0-based, as in LSP). */
    | { type: 'reveal'; range: { start: { line: number; character: number }; end: { line: number; character: number } } }
    /** Save an export: the SVG's text, or the PNG as a `data:image/png;base64,` URL. */
    | { type: 'save'; format: 'svg' | 'png'; fileName: string; data: string };

/** Extension host → simulation report webview. `run` numbers the simulations shown in the panel. */
export type ToSimulationWebview =
    | { type: 'show'; run: number; data: SimulationViewData }
    | { type: 'aliasAdded'; name: string; stage: string }
    /** "Run again" is replaying (the view says so itself: no notification covers the editor), or is done. */
    | { type: 'running'; running: boolean };

/** Simulation report webview → extension host. */
export type FromSimulationWebview =
    | { type: 'ready' }
    | { type: 'rendered'; info: RenderedReport }
    /** Select these lines of the deals file (a deal's rows, or one row). */
    | { type: 'openRows'; lines: number[] }
    /** Add `alias "name"` to `stage`, or to a stage the user picks when none is given. */
    | { type: 'addAlias'; name: string; stage?: string }
    | { type: 'rerun' };

/** What the webview rendered last, counted in its DOM: what tests check. */
export interface RenderedReport {
    run: number;
    /** The panel's width the funnel was drawn to. */
    width: number;
    /** Stage names of the funnel's rows, `won` last. */
    funnel: string[];
    problems: number;
    aliasActions: number;
    groups: number;
    /** Deal rows rendered in the open groups. */
    deals: number;
    /** Pixels the page is wider than the panel (0: nothing needs a horizontal scroll). */
    overflow: number;
}

/** The extension's commands (package.json `contributes.commands`). The server's own (`PLAYBOOK_COMMANDS`) run through the client. */
export const COMMANDS = {
    exportJson: 'playbook.exportJson',
    exportAs: 'playbook.exportAs',
    showDiagram: 'playbook.showDiagram',
    simulateCsv: 'playbook.simulateCsv',
    newFromTemplate: 'playbook.newFromTemplate',
    restartServer: 'playbook.restartServer'
} as const;

/** Returned by the commands, so that tests (and other extensions) can check what they did. */
export interface ExportCommandResult { written: string[] }

/** What `playbook.replay` returns in VS Code (the lens's command): the replay, and the panel that shows it. */
export interface ReplayShown {
    result: ReplayResult;
    view: ReplayViewHandle;
}

export interface ReplayViewHandle {
    /** The deal shown and what its webview was last sent: what tests check. */
    readonly deal: string;
    readonly renders: number;
    readonly html: string;
    /** Handles a message as if the webview had sent it (what its links send). */
    receive(message: FromReplayWebview): Promise<void>;
}
export interface SimulationSummary {
    deals: number;
    dealsWithViolations: number;
    /** The aggregate report as the CLI prints it (empty when no report was made). */
    report: string;
    /** The report view, for tests: what it rendered, and the messages its webview sends. */
    view: SimulationViewHandle;
}

export interface SimulationViewHandle {
    /** Resolves with what the webview rendered once it has rendered run `run` (default: the latest). */
    rendered(run?: number): Promise<RenderedReport>;
    /** Handles a message as if the webview had sent it (what its buttons and links send). */
    receive(message: FromSimulationWebview): Promise<void>;
    readonly run: number;
}
