/**
 * The language server's own requests, beside LSP: what an editor shows next to the text of a
 * `.playbook` file, the pipeline diagram and the replay of the deals written in it. Any
 * client can send them (the methods are plain names, the params and results plain JSON);
 * the playground page does. Lines and characters are LSP's: 0-based, characters in UTF-16
 * code units.
 *
 * Both requests answer for the text as the server last received it, once it is checked
 * (after its `textDocument/publishDiagnostics`); for a document the server does not know,
 * the answer is `null`. Malformed params get -32602 (InvalidParams).
 *
 * Imports only types: a client bundles this file without the language.
 */
import type { DealOutcome, PlaybookModel, StageVisit } from '@playbook/model';
import type { Range, TextDocumentIdentifier } from 'vscode-languageserver-types';

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
