/**
 * `playbook.severityOverrides`: a team may raise, lower or silence any check by its code
 * (`{"unused-field": "off", "sla-exceeded": "error"}`). The editor sends the setting as the
 * `playbook` configuration section; when it changes, every open document is checked again so
 * that the squiggles follow at once.
 */
import type { LangiumSharedServices } from 'langium/lsp';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { revalidateAllDocuments } from './revalidate-documents.js';

export type SeverityOverride = 'error' | 'warning' | 'info' | 'hint' | 'off';

const SEVERITIES: Record<Exclude<SeverityOverride, 'off'>, DiagnosticSeverity> = {
    error: DiagnosticSeverity.Error,
    warning: DiagnosticSeverity.Warning,
    info: DiagnosticSeverity.Information,
    hint: DiagnosticSeverity.Hint
};

export class SeverityOverrides {
    private overrides = new Map<string, SeverityOverride>();

    constructor(private readonly shared: LangiumSharedServices) {
        const configuration = shared.workspace.ConfigurationProvider;
        configuration.onConfigurationSectionUpdate(update => {
            if (update.section === 'playbook') {
                this.set((update.configuration as { severityOverrides?: unknown } | undefined)?.severityOverrides);
            }
        });
        // The settings fetched when the client initialised.
        void configuration.ready.then(async () => this.set(await configuration.getConfiguration('playbook', 'severityOverrides')));
    }

    /** The diagnostics with each code's severity overridden, and those set to "off" left out. */
    apply(diagnostics: Diagnostic[]): Diagnostic[] {
        if (this.overrides.size === 0) {
            return diagnostics;
        }
        const result: Diagnostic[] = [];
        for (const diagnostic of diagnostics) {
            const override = typeof diagnostic.code === 'string' ? this.overrides.get(diagnostic.code) : undefined;
            if (override === 'off') continue;
            result.push(override ? { ...diagnostic, severity: SEVERITIES[override] } : diagnostic);
        }
        return result;
    }

    private set(value: unknown): void {
        const next = new Map<string, SeverityOverride>();
        if (value && typeof value === 'object') {
            for (const [code, severity] of Object.entries(value as Record<string, unknown>)) {
                if (typeof severity === 'string' && (severity === 'off' || severity in SEVERITIES)) {
                    next.set(code, severity as SeverityOverride);
                }
            }
        }
        const changed = next.size !== this.overrides.size || [...next].some(([code, severity]) => this.overrides.get(code) !== severity);
        this.overrides = next;
        if (changed) {
            void revalidateAllDocuments(this.shared);
        }
    }
}
