/**
 * Every message that crosses a boundary of the extension, typed in one place:
 * - the settings the client hands the language server (initializationOptions and
 *   workspace/didChangeConfiguration, section `playbook`);
 * - the messages between the extension host and the diagram / report webviews.
 * The language server speaks plain LSP today; no custom LSP request is used.
 */

/** `playbook.severityOverrides`: validation code → severity ("off" hides the finding). */
export type SeverityOverride = 'error' | 'warning' | 'info' | 'off';
export type SeverityOverrides = Record<string, SeverityOverride>;

/** What the server receives in `initializationOptions` (and again as the `playbook` section on changes). */
export interface PlaybookInitializationOptions {
    severityOverrides: SeverityOverrides;
}

/** Extension host → diagram webview. */
export type ToDiagramWebview =
    | { type: 'render'; title: string; html: string };

/** Diagram webview → extension host. */
export type FromDiagramWebview =
    | { type: 'ready' };

export const COMMANDS = {
    exportJson: 'playbook.exportJson',
    showDiagram: 'playbook.showDiagram',
    simulateCsv: 'playbook.simulateCsv',
    newFromTemplate: 'playbook.newFromTemplate',
    restartServer: 'playbook.restartServer'
} as const;

/** Returned by the commands, so that tests (and other extensions) can check what they did. */
export interface ExportResult { written: string[] }
export interface SimulationSummary { deals: number; dealsWithViolations: number; report: string }
