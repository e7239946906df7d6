/**
 * SARIF 2.1.0, the format code scanning (GitHub, Azure DevOps, IDE viewers) imports.
 * File locations are relative URIs against %SRCROOT%, the directory the check ran in, so the
 * log is the same on every machine and GitHub maps it onto the repository.
 */
import { pathToFileURL } from 'node:url';
import type { PlaybookDiagnostic, Severity } from '@playbook/language';
import { version } from '../version.js';
import type { ReportContext } from './formats.js';
import { documentedRules, undocumentedRule, type SarifRule } from './rule-descriptions.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';
const LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function formatSarif(diagnostics: readonly PlaybookDiagnostic[], context: ReportContext): string {
    return JSON.stringify(sarifLog(diagnostics, context.cwd), null, 2) + '\n';
}

/** A log of one run; `invocations` is set by a run that could not be done (see failure.ts). */
export interface SarifLog {
    $schema: string;
    version: '2.1.0';
    runs: Array<{ invocations?: unknown[]; [key: string]: unknown }>;
}

export function sarifLog(diagnostics: readonly PlaybookDiagnostic[], cwd: string): SarifLog {
    // Every documented rule, then any code the language reports that the pages do not know yet.
    const rules: SarifRule[] = documentedRules();
    const ruleIndex = new Map(rules.map((r, index) => [r.id, index]));
    for (const d of diagnostics) {
        if (!ruleIndex.has(d.code)) {
            ruleIndex.set(d.code, rules.length);
            rules.push(undocumentedRule(d.code));
        }
    }
    return {
        $schema: SARIF_SCHEMA,
        version: '2.1.0',
        runs: [{
            tool: {
                driver: { name: 'playbook', version, semanticVersion: version, rules }
            },
            originalUriBaseIds: {
                [SRCROOT]: { uri: directoryUri(cwd) }
            },
            columnKind: 'utf16CodeUnits',
            results: diagnostics.map(d => ({
                ruleId: d.code,
                ruleIndex: ruleIndex.get(d.code),
                level: LEVELS[d.severity],
                message: { text: d.message },
                locations: [{
                    physicalLocation: {
                        ...sarifLocation(d.file).physicalLocation,
                        region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn }
                    }
                }]
            }))
        }]
    };
}

/** A file's location, relative to %SRCROOT%. */
export function sarifLocation(file: string): { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } } {
    const uri = relativeUri(file);
    return { physicalLocation: { artifactLocation: uri.startsWith('file:') ? { uri } : { uri, uriBaseId: SRCROOT } } };
}

/** A file URI ending in `/`, as SARIF requires of a base. */
function directoryUri(dir: string): string {
    const uri = pathToFileURL(dir).href;
    return uri.endsWith('/') ? uri : `${uri}/`;
}

/** A relative URI reference: each segment percent-encoded (spaces, non-ASCII letters, `#`, `%`). */
function relativeUri(file: string): string {
    if (/^([A-Za-z]:)?\//.test(file)) {
        return pathToFileURL(file).href;
    }
    return file.split('/').map(segment => (segment === '..' || segment === '.' ? segment : encodeURIComponent(segment))).join('/');
}
