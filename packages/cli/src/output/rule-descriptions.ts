/**
 * One sentence per check code, for SARIF's rule list (code scanning shows it as the rule's
 * name). Keyed by IssueCode so that a code added to the language without a description here
 * fails to compile.
 */
import type { IssueCode } from '@playbook/language';

export const RULE_DESCRIPTIONS: Record<IssueCode, string> = {
    'syntax-error': 'The text is not valid Playbook syntax.',
    'unresolved-reference': 'A name refers to nothing declared.',
    'duplicate-name': 'Two declarations share a name where names must be unique.',
    'duplicate-attribute': 'An attribute (title, version, probability, …) is given more than once.',
    'empty-playbook': 'A playbook declares no stages.',
    'gate-requires-later-task': 'A gate requires a task of a later stage.',
    'missing-gate': 'A stage other than the last has no gate.',
    'probability-range': 'A stage probability is outside 0–100%.',
    'probability-decreasing': 'A stage probability is lower than an earlier stage\'s.',
    'within-range': 'A time-in-stage limit is not a positive number of days.',
    'unused-field': 'A field is declared but never used.',
    'unused-task': 'A task is neither required nor named by a gate.',
    'version-format': 'A playbook version is not a semantic version.',
    'invalid-date': 'A date does not exist in the calendar.',
    'type-mismatch': 'A condition combines values of incompatible types.',
    'condition-not-boolean': 'A condition is not true or false.',
    'stage-skip': 'A deal skips a stage that is not optional.',
    'gate-not-met': 'A deal leaves a stage, or claims the win, while the stage\'s gate does not hold.',
    'undeclared-reason': 'A deal is terminated for a reason the playbook does not declare.',
    'terminate-not-allowed': 'A deal is terminated from a stage the termination rule does not apply to.',
    'sla-exceeded': 'A deal stays in a stage longer than the stage allows.',
    'event-after-end': 'A deal has events after it was won or terminated.',
    'event-out-of-order': 'A deal\'s events are not in date order.',
    'regression-forbidden': 'A deal moves back to an earlier stage although the playbook forbids it.'
};
