/**
 * The plain, JSON-shaped model of playbooks and deals.
 *
 * @playbook/language turns the syntax tree into this model once (its ast-to-model.ts); the
 * simulator, the exporters and the diagrams work on it, and other tools may produce it
 * without the DSL.
 * Everything here is plain data: no AST nodes, no functions, no cycles.
 */

export type FieldTypeName = 'money' | 'number' | 'bool' | 'text' | 'date' | 'days' | 'enum';

/** A constant: numbers for money/number/days, booleans, strings for text, `YYYY-MM-DD` for dates, the value's name for enums. */
export type ValueModel = number | boolean | string;

export interface PlaybookModel {
    name: string;
    /**
     * `playbook X variant of Base`: the playbook this one was derived from. The rest of the
     * model is the variant resolved (the base's stages, fields and rules with the variant's
     * changes applied), so that a reader needs nothing else; the name says where it came from.
     */
    variantOf?: string;
    title?: string;
    version?: string;
    /** `forbid regressions`: a deal may never move back to an earlier stage. */
    forbidRegressions: boolean;
    /**
     * `forecast amount`: the money or number field that holds a deal's value. The forecast
     * weighs it, and a CRM export's amount column fills it. Absent: a CRM deal's value is its
     * amount column, and a deal written in a file has none.
     */
    forecastField?: string;
    fields: FieldModel[];
    /** In declaration order, which is the order a deal moves through them. */
    stages: StageModel[];
    terminations: TerminationModel[];
    /** `won alias "Closed Won"`: names in CRM exports that mean the deal is won. Absent when none are declared. */
    wonAliases?: string[];
    /**
     * `terminate Lost alias "Closed Lost"`: names in CRM exports that mean the deal ended with
     * an outcome; one entry per outcome, in the order first declared. Absent when none are declared.
     */
    outcomeAliases?: OutcomeAliasModel[];
    /**
     * `activity visit "Customer visit"`: the kinds of contact a deal records (its dated
     * activities), in declaration order. Absent when none are declared.
     */
    activities?: ActivityModel[];
    /**
     * `cadence every 7 days when grade = A`: how often a deal must be touched while a rule
     * applies, each rule checked on its own, in declaration order. Absent when none are declared.
     */
    cadences?: CadenceModel[];
}

export interface ActivityModel {
    name: string;
    title?: string;
}

export interface CadenceModel {
    title?: string;
    /** The longest gap allowed between two touches, in whole days (`every N days`). */
    everyDays: number;
    /** The rule applies while this holds on the deal's fields. Absent: always. */
    when?: ExpressionModel;
    /** The stages the rule applies in (`during A, B`); empty means every stage. */
    stages: string[];
    /** The activity kinds that count as a touch (`by visit, call`); empty means every kind. */
    kinds: string[];
}

export interface OutcomeAliasModel {
    /** An outcome some termination rule declares. */
    outcome: string;
    aliases: string[];
}

export interface FieldModel {
    name: string;
    type: FieldTypeName;
    /** The allowed values of an `enum` field, in declaration order. */
    values?: string[];
    default?: ValueModel;
    /**
     * `info field lastPurchase: date`: the field records the customer's profile for people to
     * read; no condition needs to read it. `true` when declared so, absent otherwise.
     */
    informational?: boolean;
    /** `not before Consultation`: a deal may not set the field while in a stage before this one. */
    notBefore?: string;
}

export interface StageModel {
    name: string;
    title?: string;
    optional: boolean;
    /** Chance to win from this stage, 0–100. */
    probability?: number;
    /** Time-in-stage limit in days (`within N days`). */
    withinDays?: number;
    /** Names this stage has in CRM exports. */
    aliases: string[];
    tasks: TaskModel[];
    gates: GateModel[];
}

export interface TaskModel {
    name: string;
    title?: string;
    required: boolean;
    owner?: string;
    /** `not before Consultation`: a deal may not do the task while in a stage before this one. */
    notBefore?: string;
}

export interface GateModel {
    name: string;
    title?: string;
    /** Names of tasks (of this stage or an earlier one) that must be done. */
    requires: string[];
    /** Conditions that must all be true. */
    when: ExpressionModel[];
}

export interface TerminationModel {
    outcome: string;
    reason: string;
    /** Fires automatically when this becomes true. Absent: a manual rule. */
    when?: ExpressionModel;
    /** Stages this rule applies from; empty means every stage. */
    from: string[];
}

export type ComparisonOperator = '<' | '<=' | '>' | '>=' | '==' | '!=';
export type ArithmeticOperator = '+' | '-' | '*' | '/';
export type LogicalOperator = 'and' | 'or';
export type BinaryOperator = ComparisonOperator | ArithmeticOperator | LogicalOperator;

export type ExpressionModel =
    | { kind: 'binary'; operator: BinaryOperator; left: ExpressionModel; right: ExpressionModel }
    | { kind: 'not'; operand: ExpressionModel }
    | { kind: 'negate'; operand: ExpressionModel }
    | { kind: 'in'; operand: ExpressionModel; values: string[] }
    | { kind: 'field'; name: string }
    | { kind: 'enumValue'; name: string }
    | { kind: 'number'; value: number; unit?: 'days' | '%' }
    | { kind: 'bool'; value: boolean }
    | { kind: 'text'; value: string }
    | { kind: 'date'; value: string }
    /** `today`: the date the condition is evaluated on (see the simulator). */
    | { kind: 'today' };

export interface DealModel {
    name: string;
    title?: string;
    /** The name of the playbook the deal follows. */
    playbook: string;
    events: EventModel[];
}

export type EventModel =
    | { date: string; kind: 'enter'; stage: string }
    | { date: string; kind: 'done'; tasks: string[] }
    | { date: string; kind: 'set'; field: string; value: ValueModel }
    | { date: string; kind: 'terminate'; outcome: string; reason?: string }
    | { date: string; kind: 'won' }
    /** A contact with the customer, of a kind the playbook declares (`activity`), with an optional note. */
    | { date: string; kind: 'activity'; activity: string; note?: string };
