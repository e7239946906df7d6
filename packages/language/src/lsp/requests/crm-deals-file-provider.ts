/** The reader of CRM exports for `playbook/simulateDeals` in a Node server (see `deals-file.ts`). */
import { URI, UriUtils, type ConfigurationProvider, type FileSystemProvider } from 'langium';
import type { PlaybookServices } from '../../playbook-module.js';
import { dealsFileReportText, simulationData, type PlaybookModel } from '@playbook/model';
import type { DealsSource, SimulateDealsParams, SimulateDealsResult } from '../protocol/playbook-requests.js';
import { inSettingsWords, simulationSettings } from '../configuration/simulation-settings.js';
import { isAbsolutePath } from '../util/absolute-path.js';
import { notSimulated, PlaybookDealsFileProvider } from './deals-file.js';

export class CrmDealsFileProvider extends PlaybookDealsFileProvider {
    private readonly fileSystem: FileSystemProvider;
    private readonly configuration: ConfigurationProvider;

    constructor(services: PlaybookServices) {
        super();
        this.fileSystem = services.shared.workspace.FileSystemProvider;
        this.configuration = services.shared.workspace.ConfigurationProvider;
    }

    async run(playbook: PlaybookModel, params: SimulateDealsParams): Promise<SimulateDealsResult> {
        // The request's as-of and late-start win over the settings: a client may ask for another day.
        const settings = await simulationSettings(this.configuration);
        if ('problem' in settings) return notSimulated('unreadable-deals', `The setting ${settings.problem}.`).result;
        const read = await this.read(params.deals);
        if ('problem' in read) return notSimulated('unreadable-deals', read.problem).result;
        const asOf = params.asOf ?? settings.asOf;
        const lateStart = params.lateStart ?? settings.lateStart;
        const report = await simulationData({
            playbook,
            deals: { name: read.name, bytes: read.bytes },
            ...(asOf !== undefined ? { asOf } : {}),
            ...(lateStart !== undefined ? { lateStart } : {}),
            read: settings.read
        });
        // Advice names the settings an editor's user has, not the CLI's options.
        if (report.fatal) report.fatal.message = inSettingsWords(report.fatal.message);
        for (const problem of report.problems) {
            problem.message = inSettingsWords(problem.message);
            if (problem.fix !== undefined) problem.fix = inSettingsWords(problem.fix);
        }
        for (const violation of report.deals.flatMap(deal => deal.violations)) violation.message = inSettingsWords(violation.message);
        return { kind: 'report', report, text: inSettingsWords(dealsFileReportText(report, read.where)) };
    }

    private async read(source: DealsSource): Promise<{ name: string; where: string; bytes: Uint8Array } | { problem: string }> {
        if ('uri' in source) {
            const uri = isAbsolutePath(source.uri) ? URI.file(source.uri) : URI.parse(source.uri);
            const where = uri.scheme === 'file' ? uri.fsPath : source.uri;
            try {
                return { name: UriUtils.basename(uri), where, bytes: await this.fileSystem.readBinary(uri) };
            } catch (error) {
                const missing = (error as { code?: unknown }).code === 'ENOENT';
                const reason = missing ? 'there is no such file' : error instanceof Error ? error.message : String(error);
                return { problem: `The deals file ${where} could not be read: ${reason}.` };
            }
        }
        if ('text' in source) {
            return { name: source.name, where: source.name, bytes: new TextEncoder().encode(source.text) };
        }
        try {
            return { name: source.name, where: source.name, bytes: Uint8Array.from(atob(source.base64), c => c.charCodeAt(0)) };
        } catch {
            return { problem: `The content of ${source.name} is not base64.` };
        }
    }
}

