/**
 * The stable codes of every problem Playbook reports. Editors, CI annotations, severity
 * overrides and quick fixes key on these strings: never rename one.
 */
export const IssueCodes = {
    // Text that is not Playbook syntax, and names that do not resolve.
    SyntaxError: 'syntax-error',
    UnresolvedReference: 'unresolved-reference',
    // Playbook structure.
    DuplicateName: 'duplicate-name',
    DuplicateAttribute: 'duplicate-attribute',
    /** A CRM name (a stage's or an outcome's alias) that already means something else, or is declared twice. */
    DuplicateAlias: 'duplicate-alias',
    EmptyPlaybook: 'empty-playbook',
    GateRequiresLaterTask: 'gate-requires-later-task',
    MissingGate: 'missing-gate',
    ProbabilityRange: 'probability-range',
    ProbabilityDecreasing: 'probability-decreasing',
    WithinRange: 'within-range',
    /** `cadence every 0 days`: a gap between touches must be a whole number of days above zero. */
    CadenceRange: 'cadence-range',
    NumberRange: 'number-range',
    UnusedField: 'unused-field',
    /** An `info field` (profile, not a criterion) that a condition reads all the same. */
    InfoFieldRead: 'info-field-read',
    UnusedTask: 'unused-task',
    VersionFormat: 'version-format',
    InvalidDate: 'invalid-date',
    // Variants (`playbook X variant of Base`).
    /** `variant of` leads back to the playbook. */
    VariantCycle: 'variant-cycle',
    /** A `drop` naming what the base does not have. */
    DropUnknown: 'drop-unknown',
    /** What a variant inherits names something the variant dropped or replaced away. */
    DroppedInUse: 'dropped-in-use',
    // Conditions.
    TypeMismatch: 'type-mismatch',
    ConditionNotBoolean: 'condition-not-boolean',
    // Deals replayed against their playbook.
    StageSkip: 'stage-skip',
    GateNotMet: 'gate-not-met',
    UndeclaredReason: 'undeclared-reason',
    TerminateNotAllowed: 'terminate-not-allowed',
    SlaExceeded: 'sla-exceeded',
    EventAfterEnd: 'event-after-end',
    EventOutOfOrder: 'event-out-of-order',
    RegressionForbidden: 'regression-forbidden',
    /** A deal did a task, or set a field, before the stage its `not before` names. */
    DoneTooEarly: 'done-too-early',
    /** A deal's activity came after the gap its cadence allows. */
    FollowUpLate: 'follow-up-late',
    /** A deal went past the gap its cadence allows without the follow-up (by its end, a change of rule, or the as-of date). */
    FollowUpMissing: 'follow-up-missing'
} as const;

export type IssueCode = typeof IssueCodes[keyof typeof IssueCodes];

/**
 * What a deal did against its playbook, found by replaying it: a record of what happened,
 * not a fault of the text. A file holding such a deal still exports and imports.
 */
export const DEAL_VIOLATION_CODES: ReadonlySet<string> = new Set<IssueCode>([
    IssueCodes.StageSkip, IssueCodes.GateNotMet, IssueCodes.UndeclaredReason, IssueCodes.TerminateNotAllowed,
    IssueCodes.SlaExceeded, IssueCodes.EventAfterEnd, IssueCodes.EventOutOfOrder, IssueCodes.RegressionForbidden, IssueCodes.DoneTooEarly,
    IssueCodes.FollowUpLate, IssueCodes.FollowUpMissing
]);
