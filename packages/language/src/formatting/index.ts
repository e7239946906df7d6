/** Formatting: the canonical layout of Playbook documents, shared by `playbook fmt` and the editor. */
export * from './format-text.js';
export * from './layout.js';
export * from './alias-edit.js';
export * from './calibration-edits.js';
