/**
 * When the language server answers each kind of request, relative to the check of the
 * document it is about. An editor sends, with every opened or edited document, requests for
 * its outline, folds, colours, code lenses and inlay hints; on a text of several megabytes
 * each costs as much as a part of the check, and answered as soon as the text was parsed
 * they ran before its linking and validation, delaying the diagnostics (what the author waits
 * for) by seconds. These wait for the check; what the author asks for by hand (hover,
 * completion, go to definition) still waits only for the names to be linked, and formatting
 * only for the parse.
 */
import { DocumentState } from 'langium';
import type { ServiceRequirements } from 'langium/lsp';

export const PLAYBOOK_SERVICE_REQUIREMENTS: Partial<ServiceRequirements> = {
    DocumentSymbolProvider: DocumentState.Validated,
    FoldingRangeProvider: DocumentState.Validated,
    SemanticTokenProvider: DocumentState.Validated,
    CodeLensProvider: DocumentState.Validated,
    InlayHintProvider: DocumentState.Validated
};
