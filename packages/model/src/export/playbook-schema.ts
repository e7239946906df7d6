/**
 * The JSON Schema (draft 2020-12) of the export format. This module is the source; the
 * published file packages/model/schema/playbook.schema.json is its serialization, and a
 * test fails when the two differ (set PLAYBOOK_UPDATE_SCHEMA=1 to rewrite the file).
 * Names are checked with the grammar's own ID pattern and keyword list.
 */
import { identifierPattern, playbookKeywords } from './identifiers.js';
import { PLAYBOOK_SCHEMA_ID } from './playbook-document.js';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/$defs/${name}` });
const text = (description: string): Schema => ({ type: 'string', description });
const names = (description: string, minItems = 0): Schema => ({
    type: 'array', description, items: ref('name'), ...(minItems > 0 ? { minItems } : {})
});

/** An object with exactly these properties, the listed ones required. */
function object(description: string, required: string[], properties: Record<string, Schema>, extra: Schema = {}): Schema {
    return { type: 'object', description, required, additionalProperties: false, properties, ...extra };
}

/** A member of a union keyed on `key`: its tag is a constant. */
function variant(key: string, tag: string, description: string, required: string[], properties: Record<string, Schema>): Schema {
    // `properties` lists the tag where it belongs in the key order; its schema is filled in here.
    return object(description, required, { ...properties, [key]: { const: tag } });
}

function buildSchema(): Schema {
    const expressionVariants: Record<string, Schema> = {
        binaryExpression: variant('kind', 'binary', 'Two operands joined by an operator, e.g. `budget > 0` or `a and b`.', ['kind', 'operator', 'left', 'right'], {
            kind: {},
            operator: {
                enum: ['or', 'and', '<', '<=', '>', '>=', '==', '!=', '+', '-', '*', '/'],
                description: 'Logical (`and`, `or`), comparison (`=` in the source is written `==`) or arithmetic operator.'
            },
            left: ref('expression'),
            right: ref('expression')
        }),
        notExpression: variant('kind', 'not', 'Logical negation: `not operand`.', ['kind', 'operand'], { kind: {}, operand: ref('expression') }),
        negateExpression: variant('kind', 'negate', 'Arithmetic negation: `-operand`.', ['kind', 'operand'], { kind: {}, operand: ref('expression') }),
        inExpression: variant('kind', 'in', 'Membership of an enum value: `grade in {A, B}`.', ['kind', 'operand', 'values'], {
            kind: {},
            operand: ref('expression'),
            values: names('The enum values tested for, by name.', 1)
        }),
        fieldReference: variant('kind', 'field', 'The current value of a field of the playbook.', ['kind', 'name'], { kind: {}, name: ref('name') }),
        enumValueReference: variant('kind', 'enumValue', 'A value of an enum field, by name.', ['kind', 'name'], { kind: {}, name: ref('name') }),
        numberLiteral: variant('kind', 'number', 'A number as written, e.g. `100000`, `30 days`, `10%`. Negative numbers are a `negate` of a number.', ['kind', 'value'], {
            kind: {},
            value: { type: 'number', minimum: 0, description: 'The number, not negative.' },
            unit: { enum: ['days', '%'], description: 'The unit written after the number, if any; `1 day` is `days` too.' }
        }),
        boolLiteral: variant('kind', 'bool', 'A boolean literal.', ['kind', 'value'], { kind: {}, value: { type: 'boolean', description: '`true` or `false`.' } }),
        textLiteral: variant('kind', 'text', 'A string literal.', ['kind', 'value'], { kind: {}, value: text('The string, unescaped.') }),
        dateLiteral: variant('kind', 'date', 'A date literal.', ['kind', 'value'], { kind: {}, value: ref('date') }),
        today: variant('kind', 'today', '`today` (since 1.2): the date the condition is evaluated on: the date of the deal\'s event, or the reference date (`--as-of`) for an open deal\'s pending rules.', ['kind'], { kind: {} })
    };
    const eventVariants: Record<string, Schema> = {
        enterEvent: variant('kind', 'enter', 'The deal entered a stage.', ['date', 'kind', 'stage'], { date: ref('date'), kind: {}, stage: ref('name') }),
        doneEvent: variant('kind', 'done', 'Tasks were done.', ['date', 'kind', 'tasks'], { date: ref('date'), kind: {}, tasks: names('The tasks done, by name.', 1) }),
        setEvent: variant('kind', 'set', 'A field got a value.', ['date', 'kind', 'field', 'value'], { date: ref('date'), kind: {}, field: ref('name'), value: ref('value') }),
        terminateEvent: variant('kind', 'terminate', 'The deal ended by a termination rule.', ['date', 'kind', 'outcome'], {
            date: ref('date'), kind: {}, outcome: ref('name'), reason: text('The reason given, matching one declared for the outcome.')
        }),
        wonEvent: variant('kind', 'won', 'The deal was won.', ['date', 'kind'], { date: ref('date'), kind: {} }),
        activityEvent: variant('kind', 'activity', 'A contact with the customer (since 1.2): `2026-01-05 visit "Met the buyer"`.', ['date', 'kind', 'activity'], {
            date: ref('date'), kind: {}, activity: { ...ref('name'), description: 'The activity kind, one the playbook declares.' }, note: text('What the contact was about, as written.')
        })
    };
    const fieldType = (types: string[], then: Schema): Schema => ({
        if: { properties: { type: { enum: types } }, required: ['type'] },
        then
    });
    return {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $id: PLAYBOOK_SCHEMA_ID,
        title: 'Playbook export',
        ...object('One playbook (a sales process) with every declared fact, as written by `playbook export` and read by `playbook import`. A file holding several playbooks is a JSON array of such documents.',
            ['$schema', 'formatVersion', 'playbook'], {
            $schema: { const: PLAYBOOK_SCHEMA_ID, description: 'This schema\'s id: identifies the format.' },
            formatVersion: {
                type: 'string', pattern: '^1\\.(0|[1-9][0-9]*)$',
                description: '`MAJOR.MINOR` version of the format. Readers of major version 1 accept any 1.x.'
            },
            playbook: ref('playbook'),
            deals: { type: 'array', description: 'Present when deals were exported: the deals that follow this playbook, in source order.', items: ref('deal') }
        }),
        $defs: {
            name: {
                type: 'string', pattern: identifierPattern(), not: { enum: [...playbookKeywords()] },
                description: 'A name as written in the playbook: a letter (any script) or `_`, then letters, digits or `_`; not a keyword.'
            },
            date: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', format: 'date', description: 'A calendar date, `YYYY-MM-DD`.' },
            value: {
                type: ['number', 'boolean', 'string'],
                description: 'A constant: a number for money, number and days fields; a boolean for bool; a string for text; `YYYY-MM-DD` for date; the value\'s name for enum.'
            },
            playbook: object('A sales process: its fields, its stages in order and how deals end.', ['name', 'forbidRegressions', 'fields', 'stages', 'terminations'], {
                name: ref('name'),
                variantOf: {
                    type: 'string',
                    description: '`playbook X variant of Base` (since 1.2): the playbook this one is a variant of. The document holds the variant resolved (the base\'s stages, fields and rules with the variant\'s changes), so nothing else is needed to read it; `playbook import` writes it as `resolved from "Base"`.'
                },
                title: text('The title shown to people.'),
                version: text('The playbook\'s version, usually a semantic version such as `1.0.0`.'),
                forbidRegressions: { type: 'boolean', description: '`forbid regressions`: a deal may never move back to an earlier stage.' },
                forecastField: { ...ref('name'), description: '`forecast amount` (since 1.1): the money or number field holding a deal\'s value; the forecast weighs it and a CRM export\'s amount column fills it.' },
                fields: { type: 'array', description: 'Facts recorded about each deal, in declaration order.', items: ref('field') },
                stages: { type: 'array', minItems: 1, description: 'The stages in the order a deal moves through them.', items: ref('stage') },
                terminations: { type: 'array', description: 'The rules by which a deal ends without being won, in declaration order.', items: ref('termination') },
                wonAliases: { type: 'array', minItems: 1, items: { type: 'string' }, description: '`won alias "Closed Won"` (since 1.1): names in CRM exports that mean the deal is won.' },
                outcomeAliases: {
                    type: 'array', minItems: 1, items: ref('outcomeAlias'),
                    description: '`terminate Lost alias "Closed Lost"` (since 1.1): names in CRM exports that mean a deal ended with an outcome; one entry per outcome.'
                },
                activities: {
                    type: 'array', minItems: 1, items: ref('activity'),
                    description: '`activity visit "Customer visit"` (since 1.2): the kinds of contact deals record, in declaration order.'
                },
                cadences: {
                    type: 'array', minItems: 1, items: ref('cadence'),
                    description: '`cadence every 7 days when grade = A` (since 1.2): how often a deal must be touched while each rule applies, in declaration order.'
                }
            }),
            activity: object('A kind of contact with the customer that deals record.', ['name'], {
                name: ref('name'),
                title: text('The title shown to people.')
            }),
            cadence: object('A follow-up rule: while it applies, a deal is touched at least every `everyDays` days.', ['everyDays', 'stages', 'kinds'], {
                title: text('The title shown to people.'),
                everyDays: { type: 'integer', exclusiveMinimum: 0, description: 'The longest gap allowed between two touches, in days (`every N days`).' },
                when: { ...ref('expression'), description: 'The rule applies while this condition holds; absent: always.' },
                stages: names('Stages the rule applies in, by name; empty means every stage.'),
                kinds: names('Activity kinds that count as a touch, by name; empty means every kind.')
            }),
            outcomeAlias: object('The names an outcome has in CRM exports.', ['outcome', 'aliases'], {
                outcome: { ...ref('name'), description: 'An outcome a termination rule declares, e.g. `Lost`.' },
                aliases: { type: 'array', minItems: 1, items: { type: 'string' }, description: 'Names in CRM exports that mean this outcome.' }
            }),
            field: object('A fact recorded about each deal, used by conditions.', ['name', 'type'], {
                name: ref('name'),
                type: { enum: ['money', 'number', 'bool', 'text', 'date', 'days', 'enum'], description: 'The field\'s type.' },
                values: { type: 'array', minItems: 1, uniqueItems: true, items: ref('name'), description: 'The allowed values of an `enum` field, in declaration order; only for enums.' },
                default: { ...ref('value'), description: 'The value a deal starts with; absent when none is declared.' },
                informational: { type: 'boolean', description: '`info field` (since 1.2): the field records the customer\'s profile for people to read, not a criterion; `playbook export` writes it only when true.' },
                notBefore: { ...ref('name'), description: '`not before Consultation` (since 1.2): a deal may not set the field while in a stage before this one (`done-too-early`).' }
            }, {
                allOf: [
                    fieldType(['enum'], { required: ['values'], properties: { default: ref('name') } }),
                    fieldType(['money', 'number', 'bool', 'text', 'date', 'days'], { not: { required: ['values'] } }),
                    fieldType(['money', 'number', 'days'], { properties: { default: { type: 'number' } } }),
                    fieldType(['bool'], { properties: { default: { type: 'boolean' } } }),
                    fieldType(['text'], { properties: { default: { type: 'string' } } }),
                    fieldType(['date'], { properties: { default: ref('date') } })
                ]
            }),
            stage: object('A stage of the process.', ['name', 'optional', 'aliases', 'tasks', 'gates'], {
                name: ref('name'),
                variantOf: {
                    type: 'string',
                    description: '`playbook X variant of Base` (since 1.2): the playbook this one is a variant of. The document holds the variant resolved (the base\'s stages, fields and rules with the variant\'s changes), so nothing else is needed to read it; `playbook import` writes it as `resolved from "Base"`.'
                },
                title: text('The title shown to people.'),
                optional: { type: 'boolean', description: 'Whether deals may skip this stage.' },
                probability: { type: 'number', minimum: 0, maximum: 100, description: 'Chance to win from this stage, in percent.' },
                withinDays: { type: 'integer', exclusiveMinimum: 0, description: 'Time limit: at most this many days in the stage (`within N days`).' },
                aliases: { type: 'array', items: { type: 'string' }, description: 'Names this stage has in CRM exports.' },
                tasks: { type: 'array', items: ref('task'), description: 'The work of this stage, in declaration order.' },
                gates: { type: 'array', items: ref('gate'), description: 'Exit criteria: a deal leaves the stage only when every gate holds.' }
            }),
            task: object('A piece of work in a stage.', ['name', 'required'], {
                name: ref('name'),
                variantOf: {
                    type: 'string',
                    description: '`playbook X variant of Base` (since 1.2): the playbook this one is a variant of. The document holds the variant resolved (the base\'s stages, fields and rules with the variant\'s changes), so nothing else is needed to read it; `playbook import` writes it as `resolved from "Base"`.'
                },
                title: text('The title shown to people.'),
                required: { type: 'boolean', description: 'Whether the task must be done before the deal leaves the stage.' },
                owner: text('Who does it: a role or a person.'),
                notBefore: { ...ref('name'), description: '`not before Consultation` (since 1.2): a deal may not do the task while in a stage before this one (`done-too-early`).' }
            }),
            gate: object('An exit criterion of a stage.', ['name', 'requires', 'when'], {
                name: ref('name'),
                variantOf: {
                    type: 'string',
                    description: '`playbook X variant of Base` (since 1.2): the playbook this one is a variant of. The document holds the variant resolved (the base\'s stages, fields and rules with the variant\'s changes), so nothing else is needed to read it; `playbook import` writes it as `resolved from "Base"`.'
                },
                title: text('The title shown to people.'),
                requires: names('Tasks (of this stage or an earlier one) that must be done, by name.'),
                when: { type: 'array', items: ref('expression'), description: 'Conditions that must all be true (one per `when`).' }
            }),
            termination: object('A rule by which a deal ends without being won.', ['outcome', 'reason', 'from'], {
                outcome: { ...ref('name'), description: 'The outcome, e.g. `Lost`; several rules may share one.' },
                reason: text('Why the deal ends this way.'),
                when: { ...ref('expression'), description: 'Fires automatically when this condition becomes true; absent for a rule applied by hand.' },
                from: names('Stages the rule applies from, by name; empty means every stage.')
            }),
            expression: {
                type: 'object',
                description: 'A condition or a part of one, as a tree; `kind` says which.',
                required: ['kind'],
                properties: { kind: { enum: ['binary', 'not', 'negate', 'in', 'field', 'enumValue', 'number', 'bool', 'text', 'date', 'today'] } },
                discriminator: { propertyName: 'kind' },
                oneOf: Object.keys(expressionVariants).map(ref)
            },
            ...expressionVariants,
            deal: object('A dated history of one opportunity, replayed against the playbook.', ['name', 'playbook', 'events'], {
                name: ref('name'),
                variantOf: {
                    type: 'string',
                    description: '`playbook X variant of Base` (since 1.2): the playbook this one is a variant of. The document holds the variant resolved (the base\'s stages, fields and rules with the variant\'s changes), so nothing else is needed to read it; `playbook import` writes it as `resolved from "Base"`.'
                },
                title: text('The title shown to people.'),
                playbook: { ...ref('name'), description: 'The playbook the deal follows.' },
                events: { type: 'array', items: ref('event'), description: 'What happened, in date order.' }
            }),
            event: {
                type: 'object',
                description: 'One dated event of a deal; `kind` says which.',
                required: ['date', 'kind'],
                properties: { kind: { enum: ['enter', 'done', 'set', 'terminate', 'won', 'activity'] } },
                discriminator: { propertyName: 'kind' },
                oneOf: Object.keys(eventVariants).map(ref)
            },
            ...eventVariants
        }
    };
}

let schema: Schema | undefined;

/** The schema as an object, e.g. for a validator. Do not modify it. */
export function playbookSchema(): Schema {
    return schema ??= buildSchema();
}

/** The schema as the text of packages/model/schema/playbook.schema.json (what `playbook schema` writes). */
export function serializeSchema(): string {
    return `${JSON.stringify(playbookSchema(), undefined, 2)}\n`;
}
