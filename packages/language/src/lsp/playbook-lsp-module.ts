/**
 * The language server's services: the core Playbook module plus the editor features.
 * Only what is bound here is advertised to the editor.
 */
import { inject, type DeepPartial, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext,
    type LangiumServices, type LangiumSharedServices, type PartialLangiumServices, type PartialLangiumSharedServices
} from 'langium/lsp';
import { PlaybookGeneratedSharedModule, PlaybookLanguageGeneratedModule } from '../generated/module.js';
import { PlaybookModule, PlaybookSharedModule, type PlaybookAddedServices, type PlaybookServices } from '../playbook-module.js';
import { registerValidationChecks } from '../validation/playbook-validator.js';
import { PlaybookCodeLensProvider } from './playbook-code-lens-provider.js';
import { NoStageCalibrations, type StageCalibrations } from './calibration/stage-calibrations.js';
import { PlaybookFormatter } from './formatting/playbook-formatter.js';
import { PlaybookCompletionProvider } from './completion/playbook-completion-provider.js';
import { PlaybookHoverProvider } from './hover/playbook-hover-provider.js';
import { PlaybookCodeActionProvider } from './code-actions/playbook-code-action-provider.js';
import { PlaybookSemanticTokenProvider } from './semantic-tokens/playbook-semantic-token-provider.js';
import { StageDaysInlayHintProvider } from './inlay-hints/stage-days-inlay-hint-provider.js';
import { PlaybookLspDocumentValidator } from './configuration/lsp-document-validator.js';
import { RuleLinks } from './configuration/rule-links.js';
import { SeverityOverrides } from './configuration/severity-overrides.js';
import { AsOfSetting } from './configuration/as-of-setting.js';
import { PlaybookConfigurationProvider } from './configuration/configuration-provider.js';
import { PlaybookWorkspaceSymbolProvider } from './symbols/playbook-workspace-symbol-provider.js';
import { PlaybookDocumentSymbolProvider } from './symbols/playbook-document-symbol-provider.js';
import { PlaybookNodeKindProvider } from './symbols/playbook-node-kind-provider.js';
import { PlaybookRenameProvider } from './rename/playbook-rename-provider.js';
import { PlaybookFoldingRangeProvider } from './folding/playbook-folding-range-provider.js';
import { HtmlDiagramProvider, type DiagramProvider } from './requests/diagram-provider.js';
import { SimulatorDealReplayProvider, type DealReplayProvider } from './requests/deal-replay-provider.js';
import { PlaybookDocumentUpdateHandler } from './document-sync/playbook-document-update-handler.js';
import { PlaybookWorkspaceManager } from '../workspace/playbook-workspace-manager.js';
import { PlaybookExportProvider, type ExportProvider } from './requests/export-provider.js';
import { UnavailableDealsFileProvider, type DealsFileProvider } from './requests/deals-file.js';
import { FormattedAliasEditProvider, type AliasEditProvider } from './requests/alias-edit-provider.js';
import { TemplateNewPlaybookProvider, type NewPlaybookProvider } from './requests/new-playbook-provider.js';
import { PlaybookCommandHandler, type OutputFiles } from './commands/playbook-command-handler.js';

/** Services only the language server has. */
export interface PlaybookLspAddedServices {
    configuration: {
        SeverityOverrides: SeverityOverrides;
        AsOfSetting: AsOfSetting;
        RuleLinks: RuleLinks;
    };
    /** The answers to the server's own requests (see `protocol/playbook-requests.ts`). */
    requests: {
        DiagramProvider: DiagramProvider;
        DealReplayProvider: DealReplayProvider;
        ExportProvider: ExportProvider;
        DealsFileProvider: DealsFileProvider;
        AliasEditProvider: AliasEditProvider;
        NewPlaybookProvider: NewPlaybookProvider;
    };
    /** What the deals of `playbook.simulation.dealsFile` say about each stage (none without a file reader). */
    calibration: {
        StageCalibrations: StageCalibrations;
    };
}

/** How the server was started, for what it cannot learn from the editor. */
export interface PlaybookLspOptions {
    /** The folder of the rule pages the diagnostics link to (see `rulesDocumentationBase`); the web address by default. */
    rulesDocumentationBase?: string;
    /** Where the server's commands may write files (none in a browser). */
    outputFiles?: OutputFiles;
    /** The reader of CRM exports (Node's streams and decoders; none in a browser). */
    dealsFiles?: (services: PlaybookServices) => DealsFileProvider;
    /** The calibrations of the open playbooks against the settings' deals file (Node's file reading; none in a browser). */
    calibrations?: (services: PlaybookLspServices) => StageCalibrations;
}

export type PlaybookLspServices = LangiumServices & PlaybookAddedServices & PlaybookLspAddedServices;

export const PlaybookLspModule: Module<PlaybookLspServices, PartialLangiumServices & PlaybookLspAddedServices> = {
    configuration: {
        SeverityOverrides: services => new SeverityOverrides(services.shared),
        AsOfSetting: services => new AsOfSetting(services.shared, services.simulation.DealSimulator),
        RuleLinks: () => new RuleLinks()
    },
    requests: {
        DiagramProvider: () => new HtmlDiagramProvider(),
        DealReplayProvider: services => new SimulatorDealReplayProvider(services),
        ExportProvider: services => new PlaybookExportProvider(services),
        DealsFileProvider: () => new UnavailableDealsFileProvider(),
        AliasEditProvider: services => new FormattedAliasEditProvider(services),
        NewPlaybookProvider: services => new TemplateNewPlaybookProvider(services)
    },
    calibration: {
        StageCalibrations: () => new NoStageCalibrations()
    },
    validation: {
        DocumentValidator: services => new PlaybookLspDocumentValidator(services, services.configuration.SeverityOverrides, services.configuration.RuleLinks)
    },
    lsp: {
        Formatter: services => new PlaybookFormatter(services),
        CodeLensProvider: services => new PlaybookCodeLensProvider(services, services.calibration.StageCalibrations),
        CompletionProvider: services => new PlaybookCompletionProvider(services),
        HoverProvider: services => new PlaybookHoverProvider(services, services.calibration.StageCalibrations),
        CodeActionProvider: services => new PlaybookCodeActionProvider(services, services.calibration.StageCalibrations),
        SemanticTokenProvider: services => new PlaybookSemanticTokenProvider(services),
        InlayHintProvider: () => new StageDaysInlayHintProvider(),
        DocumentSymbolProvider: services => new PlaybookDocumentSymbolProvider(services),
        FoldingRangeProvider: services => new PlaybookFoldingRangeProvider(services),
        RenameProvider: services => new PlaybookRenameProvider(services)
    }
};

/** Editor services shared by the whole workspace. */
export const PlaybookSharedLspModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    workspace: {
        // Only the server reads a workspace (the command line is given its files).
        WorkspaceManager: services => new PlaybookWorkspaceManager(services),
        ConfigurationProvider: services => new PlaybookConfigurationProvider(services)
    },
    lsp: {
        NodeKindProvider: () => new PlaybookNodeKindProvider(),
        WorkspaceSymbolProvider: services => new PlaybookWorkspaceSymbolProvider(services),
        DocumentUpdateHandler: services => new PlaybookDocumentUpdateHandler(services)
    }
};

/** The server's commands (`workspace/executeCommand`), writing files where the options allow. */
function commandsModule(options: PlaybookLspOptions): Module<LangiumSharedServices, PartialLangiumSharedServices> {
    return { lsp: { ExecuteCommandHandler: services => new PlaybookCommandHandler(services, options.outputFiles) } };
}

export function createPlaybookLspServices(context: DefaultSharedModuleContext, options: PlaybookLspOptions = {}): { shared: LangiumSharedServices; Playbook: PlaybookLspServices } {
    const shared = inject(createDefaultSharedModule(context), PlaybookGeneratedSharedModule, PlaybookSharedModule, PlaybookSharedLspModule, commandsModule(options));
    const { dealsFiles, calibrations } = options;
    const startedWith: Module<PlaybookLspServices, DeepPartial<PlaybookLspAddedServices>> = {
        ...(options.rulesDocumentationBase === undefined ? {} : { configuration: { RuleLinks: () => new RuleLinks(options.rulesDocumentationBase) } }),
        // The reader of CRM exports, where there is one.
        ...(dealsFiles ? { requests: { DealsFileProvider: (services: PlaybookLspServices) => dealsFiles(services) } } : {}),
        ...(calibrations ? { calibration: { StageCalibrations: (services: PlaybookLspServices) => calibrations(services) } } : {})
    };
    const Playbook = inject(createDefaultModule({ shared }), PlaybookLanguageGeneratedModule, PlaybookModule, PlaybookLspModule, startedWith);
    shared.ServiceRegistry.register(Playbook);
    registerValidationChecks(Playbook);
    return { shared, Playbook };
}
