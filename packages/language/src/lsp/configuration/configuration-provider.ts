/**
 * The editor's settings (`playbook.*`), as Langium's provider fetches them, except that the
 * server asks to be told of changes (`client/registerCapability` for
 * `workspace/didChangeConfiguration`) only of a client that says it accepts such a
 * registration. Langium registers whenever the client can answer `workspace/configuration`;
 * Neovim and Emacs (eglot, lsp-mode) can, but do not register dynamically, and log a
 * warning for the request. They send `workspace/didChangeConfiguration` anyway when their
 * settings change, and the settings are still pulled at start.
 */
import { DefaultConfigurationProvider, type ConfigurationInitializedParams } from 'langium';
import type { InitializeParams } from 'vscode-languageserver';

export class PlaybookConfigurationProvider extends DefaultConfigurationProvider {
    private dynamicRegistration = false;

    override initialize(params: InitializeParams): void {
        super.initialize(params);
        this.dynamicRegistration = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    }

    override async initialized(params: ConfigurationInitializedParams): Promise<void> {
        return super.initialized(this.dynamicRegistration ? params : { ...params, register: undefined });
    }
}
