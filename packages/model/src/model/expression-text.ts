/** Prints a condition of the model back as playbook source text, with only the parentheses it needs. */
import type { ExpressionModel } from './playbook-model.js';

const PRECEDENCE: Record<string, number> = {
    or: 1, and: 2, not: 3,
    '<': 4, '<=': 4, '>': 4, '>=': 4, '==': 4, '!=': 4, in: 4,
    '+': 5, '-': 5, '*': 6, '/': 6, negate: 7
};

export function expressionToText(expression: ExpressionModel): string {
    return print(expression);
}

function print(expression: ExpressionModel): string {
    switch (expression.kind) {
        case 'binary': {
            const own = PRECEDENCE[expression.operator];
            // Comparisons do not chain in the grammar, and all binary operators are left-associative,
            // so the right operand needs parentheses at equal precedence, and a comparison's left one too.
            const leftMin = own === 4 ? own + 1 : own;
            return `${wrap(expression.left, leftMin)} ${expression.operator} ${wrap(expression.right, own + 1)}`;
        }
        case 'not': return `not ${wrap(expression.operand, PRECEDENCE.not)}`;
        case 'negate': return `-${wrap(expression.operand, PRECEDENCE.negate)}`;
        case 'in': return `${wrap(expression.operand, PRECEDENCE.in + 1)} in {${expression.values.join(', ')}}`;
        case 'field': return expression.name;
        case 'enumValue': return expression.name;
        case 'number': return expression.unit === 'days' ? daysText(expression.value) : `${formatNumber(expression.value)}${expression.unit ?? ''}`;
        case 'bool': return String(expression.value);
        case 'text': return quote(expression.value);
        case 'date': return expression.value;
        case 'today': return 'today';
    }
}

function wrap(expression: ExpressionModel, minimum: number): string {
    const text = print(expression);
    return precedenceOf(expression) < minimum ? `(${text})` : text;
}

function precedenceOf(expression: ExpressionModel): number {
    switch (expression.kind) {
        case 'binary': return PRECEDENCE[expression.operator];
        case 'not': return PRECEDENCE.not;
        case 'in': return PRECEDENCE.in;
        case 'negate': return PRECEDENCE.negate;
        default: return 100;
    }
}

/** A string literal in playbook syntax. */
export function quote(text: string): string {
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

/**
 * A number as the grammar's NUMBER terminal reads it (digits, an optional fraction, a
 * leading `-` for negative defaults): never exponent notation, which JavaScript uses
 * from 1e21 up and below 1e-6 and the grammar does not accept.
 */
/** `1 day`, `30 days`: a number of days as the language writes it (`day` is the singular of `days`). */
export function daysText(count: number): string {
    return `${formatNumber(count)} ${count === 1 ? 'day' : 'days'}`;
}

export function formatNumber(value: number): string {
    const text = String(value);
    if (!/e/i.test(text)) {
        return text;
    }
    const [mantissa, exponentText] = text.toLowerCase().split('e');
    const exponent = Number(exponentText);
    const negative = mantissa.startsWith('-');
    const [whole, fraction = ''] = mantissa.replace('-', '').split('.');
    const digits = whole + fraction;
    const point = whole.length + exponent;
    const plain = point <= 0
        ? `0.${'0'.repeat(-point)}${digits}`
        : point >= digits.length ? digits + '0'.repeat(point - digits.length) : `${digits.slice(0, point)}.${digits.slice(point)}`;
    return negative ? `-${plain}` : plain;
}
