/**
 * Static types of conditions, so that a condition mixing types is an error in the editor
 * rather than a surprise at simulation time.
 *
 * A bare number literal (`0`, `100000`) is a `numeral`: it takes the type of what it meets,
 * so `budget > 0` compares money with money. `30 days` is of type days.
 */
import type { AstNode } from 'langium';
import * as ast from '../generated/ast.js';

export type PlaybookType =
    | { kind: 'money' | 'number' | 'days' | 'bool' | 'text' | 'date' | 'numeral' | 'unknown' }
    | { kind: 'enum'; type: ast.EnumType };

export const UNKNOWN: PlaybookType = { kind: 'unknown' };
const BOOL: PlaybookType = { kind: 'bool' };
const NUMERIC_KINDS = new Set(['money', 'number', 'days', 'numeral']);

export type TypeErrorReporter = (node: AstNode, message: string) => void;

export function describeType(type: PlaybookType): string {
    switch (type.kind) {
        // (A value whose name did not parse is left out: its syntax error says so.)
        case 'enum': return `enum {${type.type.values.filter(v => v.name).map(v => v.name).join(', ')}}`;
        case 'numeral': return 'number';
        default: return type.kind;
    }
}

export function fieldType(field: ast.Field | undefined): PlaybookType {
    const type = field?.type;
    if (!type) return UNKNOWN;
    return ast.isEnumType(type) ? { kind: 'enum', type } : { kind: type.kind } as PlaybookType;
}

/** Whether a value of type `value` may stand where `target` is expected (a default, a `set`). */
export function isAssignable(value: PlaybookType, target: PlaybookType): boolean {
    if (value.kind === 'unknown' || target.kind === 'unknown') return true;
    if (value.kind === 'numeral') return NUMERIC_KINDS.has(target.kind);
    if (value.kind === 'enum' || target.kind === 'enum') {
        return value.kind === 'enum' && target.kind === 'enum' && value.type === target.type;
    }
    return value.kind === target.kind;
}

export function inferType(expression: ast.Expression | undefined, report: TypeErrorReporter): PlaybookType {
    if (!expression) return UNKNOWN;
    switch (expression.$type) {
        case ast.NumberLiteral.$type: {
            const unit = (expression as ast.NumberLiteral).unit;
            return { kind: unit === 'days' || unit === 'day' ? 'days' : unit === '%' ? 'number' : 'numeral' };
        }
        case ast.BooleanLiteral.$type: return BOOL;
        case ast.StringLiteral.$type: return { kind: 'text' };
        case ast.DateLiteral.$type: return { kind: 'date' };
        case ast.TodayExpression.$type: return { kind: 'date' };
        case ast.ParenthesizedExpression.$type: return inferType((expression as ast.ParenthesizedExpression).inner, report);
        case ast.ValueReference.$type: {
            const target = (expression as ast.ValueReference).symbol?.ref;
            if (ast.isField(target)) return fieldType(target);
            if (ast.isEnumValue(target)) return { kind: 'enum', type: target.$container };
            return UNKNOWN;
        }
        case ast.NotExpression.$type: {
            const operand = inferType((expression as ast.NotExpression).operand, report);
            expectBool(operand, expression, "'not'", report);
            return BOOL;
        }
        case ast.NegationExpression.$type: {
            const operand = inferType((expression as ast.NegationExpression).operand, report);
            if (!isNumeric(operand) && operand.kind !== 'unknown') {
                report(expression, `Only numbers, money and days can be negated, not ${describeType(operand)}.`);
                return UNKNOWN;
            }
            return operand;
        }
        case ast.MembershipExpression.$type: return inferMembership(expression as ast.MembershipExpression, report);
        case ast.BinaryExpression.$type: return inferBinary(expression as ast.BinaryExpression, report);
        default: return UNKNOWN;
    }
}

function inferMembership(expression: ast.MembershipExpression, report: TypeErrorReporter): PlaybookType {
    const operand = inferType(expression.operand, report);
    if (operand.kind === 'unknown') return BOOL;
    if (operand.kind !== 'enum') {
        report(expression, `'in {…}' tests an enum field's value, but this is ${describeType(operand)}.`);
        return BOOL;
    }
    for (const value of expression.values) {
        const target = value.ref;
        if (target && target.$container !== operand.type) {
            report(expression, `'${value.$refText}' is not one of ${describeType(operand)}.`);
        }
    }
    return BOOL;
}

function inferBinary(expression: ast.BinaryExpression, report: TypeErrorReporter): PlaybookType {
    const left = inferType(expression.left, report);
    const right = inferType(expression.right, report);
    const operator = expression.operator;
    if (operator === 'and' || operator === 'or') {
        expectBool(left, expression.left, `'${operator}'`, report);
        expectBool(right, expression.right, `'${operator}'`, report);
        return BOOL;
    }
    if (left.kind === 'unknown' || right.kind === 'unknown') {
        return isComparison(operator) ? BOOL : UNKNOWN;
    }
    const mismatch = (): PlaybookType => {
        report(expression, `Cannot use '${operator}' on ${describeType(left)} and ${describeType(right)}.`);
        return isComparison(operator) ? BOOL : UNKNOWN;
    };
    switch (operator) {
        case '=': case '==': case '!=':
            return sameType(left, right) ? BOOL : mismatch();
        case '<': case '<=': case '>': case '>=':
            return (isNumeric(left) || left.kind === 'date') && sameType(left, right) ? BOOL : mismatch();
        case '+': case '-':
            return additive(operator, left, right) ?? mismatch();
        case '*': case '/':
            return multiplicative(operator, left, right) ?? mismatch();
        default:
            return UNKNOWN;
    }
}

function additive(operator: string, left: PlaybookType, right: PlaybookType): PlaybookType | undefined {
    if (left.kind === 'date') {
        if (right.kind === 'days' || right.kind === 'numeral') return left;                 // date ± days
        if (right.kind === 'date' && operator === '-') return { kind: 'days' };             // date − date
        return undefined;
    }
    if (right.kind === 'date') {
        return operator === '+' && (left.kind === 'days' || left.kind === 'numeral') ? right : undefined;
    }
    if (isNumeric(left) && isNumeric(right)) {
        return unify(left, right);
    }
    return undefined;
}

function multiplicative(operator: string, left: PlaybookType, right: PlaybookType): PlaybookType | undefined {
    if (!isNumeric(left) || !isNumeric(right)) return undefined;
    const scalar = (t: PlaybookType): boolean => t.kind === 'number' || t.kind === 'numeral';
    if (scalar(right)) return left;                                            // money × 2, days / 2
    if (operator === '*' && scalar(left)) return right;                        // 2 × money
    if (operator === '/' && left.kind === right.kind) return { kind: 'number' }; // money / money is a ratio
    return undefined;
}

/** Numeric types combine when equal; a numeral takes the other side's type. */
function unify(left: PlaybookType, right: PlaybookType): PlaybookType | undefined {
    if (left.kind === 'numeral') return right;
    if (right.kind === 'numeral') return left;
    return left.kind === right.kind ? left : undefined;
}

function sameType(left: PlaybookType, right: PlaybookType): boolean {
    if (isNumeric(left) && isNumeric(right)) return unify(left, right) !== undefined;
    if (left.kind === 'enum' || right.kind === 'enum') {
        return left.kind === 'enum' && right.kind === 'enum' && left.type === right.type;
    }
    return left.kind === right.kind;
}

function isNumeric(type: PlaybookType): boolean {
    return NUMERIC_KINDS.has(type.kind);
}

function isComparison(operator: string): boolean {
    return ['<', '<=', '>', '>=', '=', '==', '!='].includes(operator);
}

function expectBool(type: PlaybookType, node: AstNode, what: string, report: TypeErrorReporter): void {
    if (type.kind !== 'bool' && type.kind !== 'unknown') {
        report(node, `${what} needs a yes/no condition, but this is ${describeType(type)}.`);
    }
}
