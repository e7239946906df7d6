/**
 * Type checks: conditions must be yes/no and must not mix types; defaults and values a
 * deal sets must fit their field's type.
 */
import { IssueCodes } from '@playbook/model';
import type { ValidationAcceptor } from 'langium';
import * as ast from '../generated/ast.js';
import { describeType, fieldType, inferType, isAssignable, type PlaybookType } from '../types/expression-types.js';

export class ConditionValidator {
    checkGate(gate: ast.Gate, accept: ValidationAcceptor): void {
        for (const condition of gate.conditions) {
            this.checkCondition(condition, accept);
        }
    }

    checkTerminate(rule: ast.Terminate, accept: ValidationAcceptor): void {
        // Every `when` written is checked, also one given twice (reported as duplicate-attribute).
        for (const condition of rule.conditions) {
            this.checkCondition(condition, accept);
        }
    }

    checkCadence(cadence: ast.Cadence, accept: ValidationAcceptor): void {
        for (const condition of cadence.conditions) {
            this.checkCondition(condition, accept);
        }
    }

    checkFieldDefault(field: ast.Field, accept: ValidationAcceptor): void {
        if (field.default && field.name) {
            this.checkValue(field.default, fieldType(field), `Field ${field.name}`, accept);
        }
    }

    checkSetEvent(event: ast.SetEvent, accept: ValidationAcceptor): void {
        const field = event.field?.ref;
        if (field && event.value) {
            this.checkValue(event.value, fieldType(field), `Field ${field.name}`, accept);
        }
    }

    private checkCondition(condition: ast.Expression, accept: ValidationAcceptor): void {
        const type = inferType(condition, (node, message) => accept('error', message, { node, code: IssueCodes.TypeMismatch }));
        if (type.kind !== 'bool' && type.kind !== 'unknown') {
            accept('error', `A condition must be true or false, but this is ${describeType(type)}. Compare it with something, e.g. \`${comparisonExample(type)}\`.`,
                { node: condition, code: IssueCodes.ConditionNotBoolean });
        }
    }

    private checkValue(value: ast.Value, expected: PlaybookType, subject: string, accept: ValidationAcceptor): void {
        const actual = valueType(value);
        if (!isAssignable(actual, expected)) {
            accept('error', `${subject} holds ${describeType(expected)}, not ${describeType(actual)}.`,
                { node: value, code: IssueCodes.TypeMismatch });
        }
    }
}

/** A comparison that makes sense for the type, for the hint of condition-not-boolean. */
function comparisonExample(type: PlaybookType): string {
    switch (type.kind) {
        case 'enum': {
            const values = type.type.values.map(v => v.name).filter(Boolean);
            return values.length > 1 ? `in {${values.slice(0, 2).join(', ')}}` : `= ${values[0] ?? 'A'}`;
        }
        case 'text': return '= "…"';
        case 'date': return '> 2026-01-01';
        case 'days': return '> 30 days';
        default: return '> 0';
    }
}

function valueType(value: ast.Value): PlaybookType {
    if (ast.isNegatedNumber(value)) {
        return { kind: value.unit === 'days' || value.unit === 'day' ? 'days' : 'numeral' };
    }
    if (ast.isEnumValueReference(value)) {
        const target = value.value.ref;
        return target ? { kind: 'enum', type: target.$container } : { kind: 'unknown' };
    }
    return inferType(value, () => undefined);
}
