/**
 * The Playbook language core: grammar, AST, scoping, validation, and the turning of the
 * syntax tree into the plain model of @playbook/model (which holds the model's types, the
 * export format, the simulator and the renderers). No editor dependency: usable from the
 * CLI, tests and other tools.
 */
export * from './playbook-module.js';
export * from './rules/rule-documentation.js';
export { RULE_PAGES } from './rules/rule-pages.generated.js';
export * as ast from './generated/ast.js';
export { PlaybookLanguageLanguageMetaData as PlaybookLanguageMetaData } from './generated/module.js';
export * from './model/ast-to-model.js';
export * from './model/deal-simulator.js';
export * from './parse-helpers.js';
export * from './export/export-playbook.js';
export * from './export/export-blockers.js';
export * from './import/import-playbook.js';
export { playbookDrawing, playbookPlaces } from './diagram/diagram-places.js';
export * from './formatting/index.js';
export * from './templates/playbook-from-template.js';
export * from './parser/syntax-errors.js';
