/**
 * Conditions compiled to closures over a deal's field values, so that replaying a deal
 * never walks an expression tree. Unknown values (a field never set and without default)
 * follow three-valued logic: `undefined` means "not known", a comparison with it is not
 * known, and a condition holds only when it is known to be true.
 */
import type { ExpressionModel, FieldModel, ValueModel } from '../model/playbook-model.js';
import { parseIsoDate } from './dates.js';

/** A field's runtime value: numbers (money, number, days and dates as day numbers), booleans, strings (text, enum). */
export type RuntimeValue = number | boolean | string | undefined;
export type CompiledExpression = (values: readonly RuntimeValue[]) => RuntimeValue;

/**
 * `todaySlot`: where in the values the day `today` stands for is kept (after the fields: the
 * replay writes it before each event); -1 when there is none, and `today` is then unknown.
 */
export function compileExpression(expression: ExpressionModel, fieldIndex: ReadonlyMap<string, number>, todaySlot = -1): CompiledExpression {
    switch (expression.kind) {
        case 'today': return todaySlot < 0 ? () => undefined : values => values[todaySlot];
        case 'field': {
            const index = fieldIndex.get(expression.name);
            return index === undefined ? () => undefined : values => values[index];
        }
        case 'enumValue': { const name = expression.name; return () => name; }
        case 'number': { const value = expression.value; return () => value; }
        case 'bool': { const value = expression.value; return () => value; }
        case 'text': { const value = expression.value; return () => value; }
        case 'date': { const value = parseIsoDate(expression.value); return () => value; }
        case 'not': {
            const operand = compileExpression(expression.operand, fieldIndex, todaySlot);
            return values => { const v = operand(values); return typeof v === 'boolean' ? !v : undefined; };
        }
        case 'negate': {
            const operand = compileExpression(expression.operand, fieldIndex, todaySlot);
            return values => { const v = operand(values); return typeof v === 'number' ? -v : undefined; };
        }
        case 'in': {
            const operand = compileExpression(expression.operand, fieldIndex, todaySlot);
            const allowed = new Set(expression.values);
            return values => { const v = operand(values); return v === undefined ? undefined : allowed.has(v as string); };
        }
        case 'binary':
            return compileBinary(expression.operator, compileExpression(expression.left, fieldIndex, todaySlot), compileExpression(expression.right, fieldIndex, todaySlot));
    }
}

function compileBinary(operator: string, left: CompiledExpression, right: CompiledExpression): CompiledExpression {
    switch (operator) {
        case 'and': return values => {
            const l = left(values);
            if (l === false) return false;
            const r = right(values);
            if (r === false) return false;
            return l === true && r === true ? true : undefined;
        };
        case 'or': return values => {
            const l = left(values);
            if (l === true) return true;
            const r = right(values);
            if (r === true) return true;
            return l === false && r === false ? false : undefined;
        };
        case '==': return values => known2(left(values), right(values), (l, r) => l === r);
        case '!=': return values => known2(left(values), right(values), (l, r) => l !== r);
        case '<': return values => numeric2(left(values), right(values), (l, r) => l < r);
        case '<=': return values => numeric2(left(values), right(values), (l, r) => l <= r);
        case '>': return values => numeric2(left(values), right(values), (l, r) => l > r);
        case '>=': return values => numeric2(left(values), right(values), (l, r) => l >= r);
        case '+': return values => numeric2(left(values), right(values), (l, r) => l + r);
        case '-': return values => numeric2(left(values), right(values), (l, r) => l - r);
        case '*': return values => numeric2(left(values), right(values), (l, r) => l * r);
        case '/': return values => numeric2(left(values), right(values), (l, r) => (r === 0 ? undefined : l / r));
        default: return () => undefined;
    }
}

function known2(l: RuntimeValue, r: RuntimeValue, op: (l: number | boolean | string, r: number | boolean | string) => RuntimeValue): RuntimeValue {
    return l === undefined || r === undefined ? undefined : op(l, r);
}

function numeric2(l: RuntimeValue, r: RuntimeValue, op: (l: number, r: number) => RuntimeValue): RuntimeValue {
    return typeof l === 'number' && typeof r === 'number' ? op(l, r) : undefined;
}

/** A model constant as the runtime value of a field of the given type (dates become day numbers). */
export function toRuntimeValue(value: ValueModel | undefined, field: FieldModel | undefined): RuntimeValue {
    if (value === undefined) {
        return undefined;
    }
    if (field?.type === 'date' && typeof value === 'string') {
        return parseIsoDate(value);
    }
    return value;
}
