/**
 * Langium gives every rule call a node of the syntax tree. A condition's operand goes
 * through the whole precedence chain (Or, And, Not, Comparison, Additive, Multiplicative,
 * Primary, ValueReference): up to eight nested nodes, each with one child, of which only the
 * outermost stands for an AST node. The inner ones say only that a rule was called without
 * an assignment, and nothing reads them: a property's nodes are found through assigned
 * calls, keywords and terminals, and a node's AST node is that of its nearest ancestor that
 * has one. They are taken out after the parse, each replaced by its only child: 46% of the
 * composite nodes of the benchmark's playbook, some 120 bytes each with their child lists.
 *
 * A call inside an assignment is kept even without an AST node of its own: that is a call of
 * a data-type rule (`name=QualifiedName`; the grammar has none today), whose node is the
 * property's value.
 */
import { GrammarAST, type CstNode, type LangiumParser } from 'langium';
import type { CompositeInternals } from './syntax-tree-internals.js';

/** Whether a node of `element` may be replaced by its only child: an unassigned rule call. */
const passThrough = new WeakMap<object, boolean>();

function isPassThrough(element: GrammarAST.AbstractElement | undefined): boolean {
    if (!element) return false;
    let known = passThrough.get(element);
    if (known === undefined) {
        known = GrammarAST.isRuleCall(element) && !insideAssignment(element);
        passThrough.set(element, known);
    }
    return known;
}

function insideAssignment(element: GrammarAST.AbstractElement): boolean {
    for (let at: unknown = element; at && !GrammarAST.isAbstractRule(at); at = (at as GrammarAST.AbstractElement).$container) {
        if (GrammarAST.isAssignment(at)) return true;
    }
    return false;
}

/** Takes the pass-through nodes out of a tree. */
export function removePassThroughNodes(root: CompositeInternals): void {
    const stack: CompositeInternals[] = [root];
    while (stack.length > 0) {
        const node = stack.pop()!;
        const content = node.content;
        for (let i = 0; i < content.length; i++) {
            let child = content[i] as CompositeInternals;
            if (child.content === undefined) continue;
            while (child.content !== undefined && child._astNode === undefined && child.content.length === 1 && isPassThrough(child.grammarSource)) {
                child = child.content[0] as CompositeInternals;
            }
            if (child !== content[i]) {
                (child as { container?: CstNode }).container = node;
                content[i] = child;
            }
            if (child.content !== undefined) stack.push(child);
        }
    }
}

/** `parser`, whose trees have no pass-through nodes. */
export function withoutPassThroughNodes(parser: LangiumParser): LangiumParser {
    const parse = parser.parse.bind(parser);
    parser.parse = ((input: string, options?: Parameters<LangiumParser['parse']>[1]) => {
        const result = parse(input, options);
        const root = result.value?.$cstNode as CompositeInternals | undefined;
        if (root) removePassThroughNodes(root);
        return result;
    }) as LangiumParser['parse'];
    return parser;
}
