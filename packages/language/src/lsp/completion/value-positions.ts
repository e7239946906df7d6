/**
 * What a value being written must be, from where it is written: the field a `set` event or a
 * field's default gives a value to, or the field a condition compares with (`ok = `,
 * `budget > `). Completion offers only what fits: after `ok = ` a yes/no, after `grade = ` the
 * values of grade, after `budget > ` an amount or another money or number field.
 */
import { AstUtils, GrammarUtils, type AstNode } from 'langium';
import type { CompletionContext } from 'langium/lsp';
import * as ast from '../../generated/ast.js';

const COMPARISONS = new Set(['<', '<=', '>', '>=', '=', '==', '!=']);

/**
 * The field a value is being written for: the `set` event's field, or the field whose
 * default follows `=`. Undefined elsewhere.
 */
export function valueOwnerField(context: CompletionContext, node: unknown): ast.Field | undefined {
    const start = (node && typeof node === 'object' && '$type' in node ? node : context.node) as AstNode | undefined;
    const set = AstUtils.getContainerOfType(start, ast.isSetEvent);
    if (set) {
        return set.field?.ref;
    }
    const field = AstUtils.getContainerOfType(start, ast.isField);
    // Only after the field's `=`: before it, the cursor is at the type, not the default.
    if (field?.$cstNode) {
        const equals = field.$cstNode.text.indexOf('=');
        if (equals >= 0 && context.offset > field.$cstNode.offset + equals) {
            return field;
        }
    }
    return undefined;
}

/**
 * In a condition, the field the operand at the cursor is compared with: `ok` in `ok = |` or
 * `ok != tr|`. Undefined when the cursor is not right of a comparison whose left side is a
 * field (`when |`, `budget + |`, `5 < |`).
 */
export function comparedField(context: CompletionContext): ast.Field | undefined {
    for (let node: AstNode | undefined = context.node; node && !ast.isGate(node) && !ast.isTerminate(node); node = node.$container) {
        if (!ast.isBinaryExpression(node) || !COMPARISONS.has(node.operator)) continue;
        const operator = GrammarUtils.findNodeForProperty(node.$cstNode, 'operator');
        if (!operator || operator.end > context.tokenOffset) continue;
        const left = node.left;
        return ast.isValueReference(left) && ast.isField(left.symbol?.ref) ? left.symbol.ref : undefined;
    }
    return undefined;
}

/** `bool`, `money`…, or `enum`; undefined for a field whose type is not written yet. */
export function fieldKind(field: ast.Field): string | undefined {
    const type = field.type;
    if (ast.isEnumType(type)) return 'enum';
    return ast.isPrimitiveType(type) ? type.kind : undefined;
}

/** Kinds a condition may compare with each other: an amount with a plain number, else the same kind. */
export function comparable(a: string | undefined, b: string | undefined): boolean {
    const numeric = (kind: string | undefined) => kind === 'money' || kind === 'number';
    return a !== undefined && (a === b || (numeric(a) && numeric(b)));
}
