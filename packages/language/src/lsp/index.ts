/** Editor services of the Playbook language (`@playbook/language/lsp`): kept apart so the core loads no LSP code. */
export * from './playbook-lsp-module.js';
export * from './deal-code-lens-provider.js';
export * from './formatting/index.js';
export * from './completion/playbook-completion-provider.js';
export * from './hover/playbook-hover-provider.js';
export * from './code-actions/playbook-code-action-provider.js';
export * from './semantic-tokens/playbook-semantic-token-provider.js';
export * from './inlay-hints/stage-days-inlay-hint-provider.js';
export * from './configuration/severity-overrides.js';
export * from './protocol/playbook-requests.js';
export * from './requests/diagram-provider.js';
export * from './requests/deal-replay-provider.js';
export * from './requests/register-playbook-requests.js';
export * from './start-server.js';
export * from './configuration/rule-links.js';
