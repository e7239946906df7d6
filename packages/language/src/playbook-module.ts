/**
 * The Playbook language services without any editor or LSP dependency: what the CLI, the
 * tests and other tools need (parse, link, validate). The language server adds its
 * editor services on top of this module (see the LSP module).
 */
import {
    createDefaultCoreModule, createDefaultSharedCoreModule, EmptyFileSystem, inject,
    type DefaultSharedCoreModuleContext, type LangiumCoreServices, type LangiumSharedCoreServices,
    type Module, type PartialLangiumCoreServices, type PartialLangiumSharedCoreServices
} from 'langium';
import { PlaybookGeneratedSharedModule, PlaybookLanguageGeneratedModule } from './generated/module.js';
import { PlaybookLinker } from './linking/playbook-linker.js';
import { createGuardedParser } from './parser/guarded-parser.js';
import { MemberReparser } from './parser/member-reparser.js';
import { ReparsedTrees } from './parser/reparsed-trees.js';
import { PlaybookLexer } from './parser/playbook-lexer.js';
import { PlaybookTokenBuilder } from './parser/playbook-token-builder.js';
import { PlaybookValueConverter } from './parser/playbook-value-converter.js';
import { TokenEditReparser } from './parser/token-edit-reparser.js';
import { PlaybookLexerErrorMessageProvider, PlaybookParserErrorMessageProvider } from './parser/syntax-error-messages.js';
import { DeclarationSignatures } from './scoping/declaration-signatures.js';
import { PlaybookScopeComputation } from './scoping/playbook-scope-computation.js';
import { PlaybookScopeProvider } from './scoping/playbook-scope-provider.js';
import { PlaybookSymbolTables } from './scoping/playbook-symbols.js';
import { TopLevelNames } from './scoping/top-level-names.js';
import { DealSimulator } from './model/deal-simulator.js';
import { ConditionValidator } from './validation/condition-validator.js';
import { DealValidator } from './validation/deal-validator.js';
import { PlaybookDocumentValidator } from './validation/document-validator.js';
import { PlaybookValidationRegistry } from './validation/playbook-validation-registry.js';
import { registerValidationChecks } from './validation/playbook-validator.js';
import { StructureValidator } from './validation/structure-validator.js';
import { VariantValidator } from './validation/variant-validator.js';
import { PlaybookAstNodeDescriptionProvider } from './workspace/playbook-ast-node-descriptions.js';
import { PlaybookDocumentBuilder } from './workspace/playbook-document-builder.js';
import { PlaybookDocumentFactory } from './workspace/playbook-document-factory.js';
import { PlaybookIndexManager } from './workspace/playbook-index-manager.js';
import { PlaybookReferenceDescriptionProvider } from './workspace/playbook-reference-descriptions.js';

/** Services the Playbook language adds to Langium's. */
export interface PlaybookAddedServices {
    parser: {
        TokenEditReparser: TokenEditReparser;
        MemberReparser: MemberReparser;
        ReparsedTrees: ReparsedTrees;
    };
    references: {
        PlaybookSymbolTables: PlaybookSymbolTables;
        TopLevelNames: TopLevelNames;
        DeclarationSignatures: DeclarationSignatures;
    };
    validation: {
        StructureValidator: StructureValidator;
        ConditionValidator: ConditionValidator;
        DealValidator: DealValidator;
        VariantValidator: VariantValidator;
    };
    simulation: {
        DealSimulator: DealSimulator;
    };
}

export type PlaybookServices = LangiumCoreServices & PlaybookAddedServices;

export const PlaybookModule: Module<PlaybookServices, PartialLangiumCoreServices & PlaybookAddedServices> = {
    parser: {
        TokenBuilder: () => new PlaybookTokenBuilder(),
        Lexer: services => new PlaybookLexer(services),
        ValueConverter: () => new PlaybookValueConverter(),
        LangiumParser: services => createGuardedParser(services),
        ParserErrorMessageProvider: () => new PlaybookParserErrorMessageProvider(),
        LexerErrorMessageProvider: () => new PlaybookLexerErrorMessageProvider(),
        TokenEditReparser: services => new TokenEditReparser(services),
        MemberReparser: services => new MemberReparser(services),
        ReparsedTrees: () => new ReparsedTrees()
    },
    references: {
        PlaybookSymbolTables: services => new PlaybookSymbolTables(services),
        TopLevelNames: services => new TopLevelNames(services.shared),
        DeclarationSignatures: () => new DeclarationSignatures(),
        ScopeComputation: services => new PlaybookScopeComputation(services),
        ScopeProvider: services => new PlaybookScopeProvider(services),
        Linker: services => new PlaybookLinker(services)
    },
    validation: {
        ValidationRegistry: services => new PlaybookValidationRegistry(services),
        DocumentValidator: services => new PlaybookDocumentValidator(services),
        StructureValidator: services => new StructureValidator(services),
        ConditionValidator: () => new ConditionValidator(),
        DealValidator: services => new DealValidator(services),
        VariantValidator: () => new VariantValidator()
    },
    simulation: {
        DealSimulator: () => new DealSimulator()
    },
    workspace: {
        AstNodeDescriptionProvider: services => new PlaybookAstNodeDescriptionProvider(services),
        ReferenceDescriptionProvider: services => new PlaybookReferenceDescriptionProvider(services)
    }
};

/** Workspace services shared by all documents, for the core and for the language server. */
export const PlaybookSharedModule: Module<LangiumSharedCoreServices, PartialLangiumSharedCoreServices> = {
    workspace: {
        IndexManager: services => new PlaybookIndexManager(services),
        DocumentBuilder: services => new PlaybookDocumentBuilder(services),
        LangiumDocumentFactory: services => new PlaybookDocumentFactory(services)
    }
};

export interface PlaybookCoreServices {
    shared: LangiumSharedCoreServices;
    Playbook: PlaybookServices;
}

/**
 * Creates the core services (no LSP). Pass `NodeFileSystem` from `langium/node` to read
 * files from disk; by default nothing is read from disk.
 */
export function createPlaybookServices(context: DefaultSharedCoreModuleContext = EmptyFileSystem): PlaybookCoreServices {
    const shared = inject(createDefaultSharedCoreModule(context), PlaybookGeneratedSharedModule, PlaybookSharedModule);
    const Playbook = inject(createDefaultCoreModule({ shared }), PlaybookLanguageGeneratedModule, PlaybookModule);
    shared.ServiceRegistry.register(Playbook);
    registerValidationChecks(Playbook);
    return { shared, Playbook };
}
