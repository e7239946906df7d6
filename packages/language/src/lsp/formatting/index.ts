/** Formatting: the canonical layout of Playbook documents, for the editor and the CLI. */
export * from './format-text.js';
export * from './layout.js';
export * from './playbook-formatter.js';
