/**
 * The language server's own messages, beside LSP, typed in this one file: what an editor
 * shows next to the text of a `.playbook` file (the pipeline diagram, the replay of the
 * deals written in it, a deal's timeline), the export of its playbooks, the report of a CRM
 * export simulated against one of them, and the edit that adds a CRM's stage name as an
 * alias. Any client can send them (the methods are plain names, the params and results plain
 * JSON); the VS Code extension and the playground page do. Lines and characters are LSP's:
 * 0-based, characters in UTF-16 code units.
 *
 * The requests about a document answer for its text as the server last received it, once it
 * is checked (after its `textDocument/publishDiagnostics`); for a document the server does
 * not know, the answer is `null`. Malformed params get -32602 (InvalidParams).
 *
 * Editors that cannot send a request of their own (Neovim, Emacs and Helix can all run a
 * command) reach the same answers through `workspace/executeCommand`: each command of
 * `PLAYBOOK_COMMANDS` takes one argument, the params of its request, and returns its result
 * (see `PlaybookCommandArgument`).
 *
 * Imports only types: a client bundles this file without the language.
 */
import type { DealOutcome, PlaybookModel, SimulationViewData, StageVisit } from '@playbook/model';
import type { Range, TextDocumentIdentifier, TextEdit } from 'vscode-languageserver-types';

export type {
    AggregateReport, DealOutcome, FunnelStage, InputProblem, PlaybookModel, SimulationViewData, StageModel, StageVisit,
    TimeSummary, ViewDeal, ViewStage, ViewViolation, ViolationSummary
} from '@playbook/model';

/** `playbook/diagram`: the pipelines declared in a document, drawn. */
export const DIAGRAM_REQUEST = 'playbook/diagram';

export interface DiagramParams {
    textDocument: TextDocumentIdentifier;
}

export interface DiagramResult {
    /**
     * The diagram as an HTML fragment (no script, every playbook text escaped), drawn as the
     * VS Code extension's diagram panel draws it; with `style`, a page shows it as it is. Each
     * playbook is a `figure` holding an SVG drawn for a default width and, in `data-drawing`,
     * what it was drawn from: `showDiagrams` of `@playbook/model/diagram-view` redraws it for
     * the page's width, turns clicks into places in the text and exports it as SVG or PNG.
     */
    html: string;
    /** The fragment's stylesheet: VS Code's theme variables, each with a fallback for other pages. */
    style: string;
    /**
     * The playbooks drawn, in the JSON-shaped model that `playbook export` writes (see
     * docs/json-format.md): for a client that draws them its own way.
     */
    playbooks: PlaybookModel[];
    /** Syntax errors: the diagram shows what could be read. */
    problems: DiagramProblemAt[];
}

export interface DiagramProblemAt {
    range: Range;
    message: string;
}

/** `playbook/simulate`: each deal written in a document, replayed against its playbook. */
export const SIMULATE_REQUEST = 'playbook/simulate';

export interface SimulateParams {
    textDocument: TextDocumentIdentifier;
}

export interface SimulateResult {
    /** In the order they are written. */
    deals: DealReplay[];
}

/** One deal, as `playbook simulate --format json` reports it, with LSP ranges for its places. */
export interface DealReplay {
    deal: string;
    title?: string;
    /** The playbook the deal follows, as written (`deal X for <playbook>`). */
    playbook: string;
    /** The deal's name in the text: where a client takes the reader. */
    range: Range;
    /**
     * One line a salesperson reads, as in the editor's code lens: "Won in 239 days", "Open at
     * Bidding, 3 days in stage · 2 violations", or why the deal cannot be replayed.
     */
    summary: string;
    /** Absent when the deal cannot be replayed: its playbook is unknown, has no stage or has syntax errors. */
    outcome?: DealOutcome;
    /** Days from the first event to the win or the end; absent for open deals. */
    cycleDays?: number;
    /** Moves back to an earlier stage. */
    regressions: number;
    visits: StageVisit[];
    /** An open deal under a follow-up cadence: when its next follow-up is due (judged at its last event), and whether that day is past. */
    nextFollowUp?: { due: string; overdue: boolean };
    violations: ReplayViolation[];
}

export interface ReplayViolation {
    /** The issue code, as in the diagnostics (`gate-not-met`, `stage-skip`...). */
    code: string;
    severity: 'error' | 'warning';
    date: string;
    message: string;
    /** The event that caused it. */
    range: Range;
}

/** `playbook/export`: the playbooks of a document, as `playbook export` writes them. */
export const EXPORT_REQUEST = 'playbook/export';

export const EXPORT_FORMATS = ['json', 'mermaid', 'markdown'] as const;
export type ExportFormat = typeof EXPORT_FORMATS[number];

export interface ExportParams {
    textDocument: TextDocumentIdentifier;
    /** `json` (the default), `mermaid` (a flowchart) or `markdown` (a handbook for salespeople). */
    format?: ExportFormat;
    /** JSON with the deals that follow each playbook, from any document of the workspace (`--with-deals`). */
    withDeals?: boolean;
}

export interface ExportResult {
    format: ExportFormat;
    /**
     * What `playbook export --format <format>` writes for this document (one JSON document
     * per playbook, an array for several); `null` when it is not exported: it has errors
     * (`errors`) or declares no playbook.
     */
    content: string | null;
    /** The playbooks of the document, in order; empty when it declares none. */
    playbooks: string[];
    /** The file name extension of `content`: `.json`, `.mmd` or `.md`. */
    extension: string;
    /**
     * The errors that stop the export, as the CLI refuses it: syntax errors and the errors
     * within its playbooks; with deals, also the deals' errors. A deal's violations never stop it.
     */
    errors: PlaceError[];
}

/** A finding somewhere in the workspace. */
export interface PlaceError {
    uri: string;
    range: Range;
    code: string;
    message: string;
}

/** `playbook/simulateDeals`: a CRM export replayed against a playbook of a document, as `playbook simulate --deals` does. */
export const SIMULATE_DEALS_REQUEST = 'playbook/simulateDeals';

export interface SimulateDealsParams {
    /** The document that declares the playbook. */
    textDocument: TextDocumentIdentifier;
    /** Which of its playbooks; needed only when it declares several. */
    playbook?: string;
    deals: DealsSource;
    /** `YYYY-MM-DD` to judge open deals at; default: the latest date in the export. */
    asOf?: string;
    /** A deal first seen mid-pipeline: a late start (`allow`, the default) or skipped (`skip`). */
    lateStart?: 'allow' | 'skip';
}

/**
 * The CRM export (CSV, JSON or JSON Lines; UTF-8, Windows-1252 or UTF-16 with a byte-order
 * mark): a `file:` URI the server reads, or its content sent whole (what an editor read from
 * a virtual workspace or an unsaved buffer), as text or as its bytes in base64. `name` names
 * it in messages.
 */
export type DealsSource =
    | { uri: string }
    | { name: string; text: string }
    | { name: string; base64: string };

export type SimulateDealsResult =
    /** `text`: the report in words, for an editor without a report view. */
    | { kind: 'report'; report: SimulationViewData; text: string }
    /** The document declares several playbooks and `playbook` named none of them. */
    | { kind: 'choosePlaybook'; playbooks: PlaybookChoice[] }
    /** Nothing was replayed: the document declares no playbook, has errors, or the export could not be read. */
    | { kind: 'notSimulated'; reason: 'no-playbook' | 'errors' | 'unreadable-deals'; message: string };

export interface PlaybookChoice {
    name: string;
    title?: string;
}

/** `playbook/replay`: one deal of a document, its timeline through every stage of its playbook and its violations. */
export const REPLAY_REQUEST = 'playbook/replay';

export interface ReplayParams {
    textDocument: TextDocumentIdentifier;
    /** The deal's name. */
    deal: string;
    /** Only with the command: also show the timeline as a message (what a code lens asks for). */
    show?: boolean;
}

export interface ReplayResult {
    /** As `playbook/simulate` gives it. */
    replay: DealReplay;
    /** The stages of its playbook in order, with their titles and limits (absent when the deal cannot be replayed). */
    stages: ReplayStage[];
    /** The deal's events as written, each at its place. */
    events: ReplayEvent[];
    /** The timeline in words, for an editor without a view. */
    text: string;
}

export interface ReplayStage {
    name: string;
    title?: string;
    optional: boolean;
    withinDays?: number;
    /** The deal's stays in it, in order (several when it came back to it); empty when it never was there. */
    visits: StageVisit[];
    /** Where each stay began: the `enter` event that opened it, when one did. */
    entered: Array<Range | null>;
}

export interface ReplayEvent {
    date: string;
    /** The event as written after its date: `enter Negotiation`, `done CollectInfo`. */
    text: string;
    range: Range;
}

/** `playbook/aliasEdit`: the edit that adds a CRM's stage name to a stage's aliases, laid out by the formatter. */
export const ALIAS_EDIT_REQUEST = 'playbook/aliasEdit';

export interface AliasEditParams {
    textDocument: TextDocumentIdentifier;
    playbook: string;
    stage: string;
    alias: string;
}

/** One edit of the document (its text as the server has it), or why there is none. */
export type AliasEditResult =
    | { kind: 'edit'; edit: TextEdit }
    | { kind: 'problem'; message: string };

/**
 * `playbook/newPlaybook`: a new playbook from a template's text, under the name the author
 * chose (checked: a name of the language, not already a playbook's or a deal's in the
 * workspace), without the template's example deals. Not about a document of the workspace.
 */
export const NEW_PLAYBOOK_REQUEST = 'playbook/newPlaybook';

export interface NewPlaybookParams {
    /** The template's text: a `.playbook` file whose first playbook is the template. */
    template: string;
    name: string;
}

export type NewPlaybookResult =
    /** `playbook`: the template's own name for it. */
    | { kind: 'created'; text: string; playbook: string }
    /** Not a name, a keyword, or taken: `message` says which. */
    | { kind: 'invalid-name'; message: string }
    | { kind: 'invalid-template'; message: string };

/** Each request, its params and its result: what a client's `sendRequest` is typed by. */
export interface PlaybookRequests {
    [DIAGRAM_REQUEST]: { params: DiagramParams; result: DiagramResult | null };
    [SIMULATE_REQUEST]: { params: SimulateParams; result: SimulateResult | null };
    [EXPORT_REQUEST]: { params: ExportParams; result: ExportResult | null };
    [SIMULATE_DEALS_REQUEST]: { params: SimulateDealsParams; result: SimulateDealsResult | null };
    [REPLAY_REQUEST]: { params: ReplayParams; result: ReplayResult | null };
    [ALIAS_EDIT_REQUEST]: { params: AliasEditParams; result: AliasEditResult | null };
    [NEW_PLAYBOOK_REQUEST]: { params: NewPlaybookParams; result: NewPlaybookResult };
}

export type PlaybookRequestMethod = keyof PlaybookRequests;

/**
 * The `workspace/executeCommand` commands the server registers, each the twin of a request:
 * one argument, the request's params (where `textDocument: { uri }` may be written
 * `uri: "file:///…"`), and the request's result. `playbook.diagram` answers what editors
 * without a webview can show: the Mermaid text (`format: "mermaid"`, the default) or a
 * standalone HTML page (`format: "html"`). With `write: true` the server also writes the
 * result beside the playbook (`<name>.json`, `.mmd`, `.md`, `.html`; a simulation's report
 * as `<name>.simulation.txt`), never over a `.playbook` file, and asks the editor to open it
 * (`window/showDocument`), for editors that do not show a command's result (Helix).
 */
export const PLAYBOOK_COMMANDS = {
    export: 'playbook.export',
    diagram: 'playbook.diagram',
    simulate: 'playbook.simulate',
    simulateDeals: 'playbook.simulateDeals',
    replay: 'playbook.replay'
} as const;

export type PlaybookCommand = typeof PLAYBOOK_COMMANDS[keyof typeof PLAYBOOK_COMMANDS];

/** How a command names its document: as the request does, or by its URI alone. */
export type DocumentArgument = { textDocument: TextDocumentIdentifier } | { uri: string };

/** What each command takes (one argument) and returns. */
export interface PlaybookCommands {
    [PLAYBOOK_COMMANDS.export]: { argument: Omit<ExportParams, 'textDocument'> & DocumentArgument & Writable; result: ExportResult & Written };
    [PLAYBOOK_COMMANDS.diagram]: { argument: DocumentArgument & Writable & { format?: 'mermaid' | 'html' }; result: DiagramCommandResult & Written };
    [PLAYBOOK_COMMANDS.simulate]: { argument: DocumentArgument; result: SimulateResult };
    [PLAYBOOK_COMMANDS.simulateDeals]: { argument: Omit<SimulateDealsParams, 'textDocument'> & DocumentArgument & Writable; result: SimulateDealsResult & Written };
    [PLAYBOOK_COMMANDS.replay]: { argument: Omit<ReplayParams, 'textDocument'> & DocumentArgument; result: ReplayResult };
}

export interface Writable {
    /** Also write the result beside the playbook and ask the editor to open it. */
    write?: boolean;
}

export interface Written {
    /** The URI of the file written (with `write: true`). */
    written?: string;
}

export interface DiagramCommandResult {
    format: 'mermaid' | 'html';
    /** The Mermaid flowcharts of the document's playbooks, or a whole HTML page (stylesheet included, no script). */
    content: string;
    playbooks: string[];
    problems: DiagramProblemAt[];
}
