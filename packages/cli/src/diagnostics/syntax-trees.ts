/**
 * What the commands that replay deals (simulate, calibrate) read of the checked syntax
 * trees: their plain models, and Langium's utilities to find a node's document and text.
 * Hosted by the main bundle (see command-host.ts): it has them compiled, so a command bundle
 * does not carry a second copy of the language's model code and of Langium under it, and
 * their caches (a variant resolved, a playbook's model) are the ones the check filled.
 */
export { dealToModel, playbookToModel } from '@playbook/language';
export { AstUtils, GrammarUtils } from 'langium';
