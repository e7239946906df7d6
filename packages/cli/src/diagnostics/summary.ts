/** Counts of findings by severity, shared by the outputs and the exit code. */
import type { PlaybookDiagnostic } from '@playbook/language';

export interface Counts {
    errors: number;
    warnings: number;
    /** Infos and hints: shown, never failing. */
    infos: number;
}

export function countBySeverity(diagnostics: readonly PlaybookDiagnostic[]): Counts {
    const counts: Counts = { errors: 0, warnings: 0, infos: 0 };
    for (const d of diagnostics) {
        if (d.severity === 'error') {
            counts.errors++;
        } else if (d.severity === 'warning') {
            counts.warnings++;
        } else {
            counts.infos++;
        }
    }
    return counts;
}
