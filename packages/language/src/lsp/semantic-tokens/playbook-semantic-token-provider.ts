/**
 * Semantic tokens: what the TextMate grammar cannot know, because it needs the syntax tree.
 * A name after `requires` is a task and one after `enter` a stage; an identifier in a
 * condition is a field or an enum value depending on what it resolves to. Each kind of
 * declaration gets its own standard token type, so that every theme colours them apart:
 *
 *   playbook → namespace    stage → class        task → function     gate → interface
 *   field → property        enum value → enumMember                  outcome → event
 *   deal → variable         field type (`money`) → type              activity → method
 *
 * Declarations carry the `declaration` modifier, references none, as in TypeScript.
 * Literals get their own kind: percentages (`10%`, the sign included) and day counts are
 * numbers; dates are strings (an ISO date is a timestamp, not a quantity to compute with),
 * which keeps them apart from percentages and amounts in the same theme.
 *
 * Keywords, operators (`and`, `or`, `not`, `in` and the signs), texts in quotes and comments
 * get the standard `keyword`, `operator`, `string` and `comment` types too: VS Code colours
 * them with the TextMate grammar already, but Neovim and Helix have no TextMate grammar and
 * colour only what the server sends. Punctuation (`{`, `,`, `:`) has no standard type and
 * stays plain.
 */
import { AstUtils, GrammarAST, GrammarUtils, isCompositeCstNode, isLeafCstNode, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes, type CancellationToken } from 'vscode-languageserver';
import * as ast from '../../generated/ast.js';
import { takeTurns } from '../util/turns.js';

/** The token type of each kind of declaration, for its name and for every reference to it. */
export const PlaybookTokenTypes = {
    playbook: SemanticTokenTypes.namespace,
    stage: SemanticTokenTypes.class,
    task: SemanticTokenTypes.function,
    gate: SemanticTokenTypes.interface,
    field: SemanticTokenTypes.property,
    enumValue: SemanticTokenTypes.enumMember,
    outcome: SemanticTokenTypes.event,
    deal: SemanticTokenTypes.variable,
    activity: SemanticTokenTypes.method,
    fieldType: SemanticTokenTypes.type,
    number: SemanticTokenTypes.number,
    percentage: SemanticTokenTypes.number,
    date: SemanticTokenTypes.string,
    keyword: SemanticTokenTypes.keyword,
    operator: SemanticTokenTypes.operator,
    text: SemanticTokenTypes.string,
    comment: SemanticTokenTypes.comment
} as const;

/** Keywords that are operators of conditions (and the `=` of a value). */
const OPERATORS = new Set(['and', 'or', 'not', 'in', '<', '<=', '>', '>=', '=', '==', '!=', '+', '-', '*', '/']);
const COMMENTS = new Set(['ML_COMMENT', 'SL_COMMENT']);

const DECLARATION = SemanticTokenModifiers.declaration;

export class PlaybookSemanticTokenProvider extends AbstractSemanticTokenProvider {
    /**
     * Langium's loop, giving the event loop a turn every few thousand nodes rather than
     * awaiting a promise at every node: the same tokens, in less time (the colours of a
     * 4 MB text are requested after every edit), still cancelled by the next keystroke.
     */
    protected override async computeHighlighting(document: LangiumDocument, acceptor: SemanticTokenAcceptor, cancelToken: CancellationToken): Promise<void> {
        const turn = takeTurns(cancelToken);
        const nodes = AstUtils.streamAst(document.parseResult.value, { range: this.currentRange }).iterator();
        for (let next = nodes.next(); !next.done; next = nodes.next()) {
            const pending = turn();
            if (pending) await pending;
            if (this.highlightElement(next.value, acceptor) === 'prune') {
                nodes.prune();
            }
            this.highlightOwnLeaves(next.value, acceptor);
        }
    }

    protected highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void | undefined | 'prune' {
        if (ast.isPlaybook(node)) {
            declaration(node, PlaybookTokenTypes.playbook, acceptor);
            if (node.forecasts.length > 0) acceptor({ node, property: 'forecasts', type: PlaybookTokenTypes.field });
            if (node.base) acceptor({ node, property: 'base', type: PlaybookTokenTypes.playbook });
        } else if (ast.isDropStages(node)) {
            acceptor({ node, property: 'stages', type: PlaybookTokenTypes.stage });
        } else if (ast.isDropFields(node)) {
            acceptor({ node, property: 'fields', type: PlaybookTokenTypes.field });
        } else if (ast.isDropTerminations(node)) {
            if (node.outcome) acceptor({ node, property: 'outcome', type: PlaybookTokenTypes.outcome });
        } else if (ast.isOutcomeAlias(node)) {
            if (node.outcome) acceptor({ node, property: 'outcome', type: PlaybookTokenTypes.outcome });
        } else if (ast.isStage(node)) {
            declaration(node, PlaybookTokenTypes.stage, acceptor);
            if (node.anchor) acceptor({ node, property: 'anchor', type: PlaybookTokenTypes.stage });
            this.highlightStageNumbers(node, acceptor);
        } else if (ast.isTask(node)) {
            declaration(node, PlaybookTokenTypes.task, acceptor);
            if (node.notBefore.length > 0) acceptor({ node, property: 'notBefore', type: PlaybookTokenTypes.stage });
        } else if (ast.isGate(node)) {
            declaration(node, PlaybookTokenTypes.gate, acceptor);
            acceptor({ node, property: 'requires', type: PlaybookTokenTypes.task });
        } else if (ast.isField(node)) {
            declaration(node, PlaybookTokenTypes.field, acceptor);
            if (node.notBefore.length > 0) acceptor({ node, property: 'notBefore', type: PlaybookTokenTypes.stage });
        } else if (ast.isPrimitiveType(node)) {
            acceptor({ node, property: 'kind', type: PlaybookTokenTypes.fieldType });
        } else if (ast.isEnumValue(node)) {
            declaration(node, PlaybookTokenTypes.enumValue, acceptor);
        } else if (ast.isTerminate(node)) {
            declaration(node, PlaybookTokenTypes.outcome, acceptor);
            acceptor({ node, property: 'from', type: PlaybookTokenTypes.stage });
        } else if (ast.isActivity(node)) {
            declaration(node, PlaybookTokenTypes.activity, acceptor);
        } else if (ast.isCadence(node)) {
            for (const every of GrammarUtils.findNodesForProperty(node.$cstNode, 'everyDays')) acceptor({ cst: every, type: PlaybookTokenTypes.number });
            acceptor({ node, property: 'stages', type: PlaybookTokenTypes.stage });
            acceptor({ node, property: 'kinds', type: PlaybookTokenTypes.activity });
        } else if (ast.isValueReference(node)) {
            // Resolved: what it is. Unresolved: most names in conditions are fields.
            const type = ast.isEnumValue(node.symbol?.ref) ? PlaybookTokenTypes.enumValue : PlaybookTokenTypes.field;
            acceptor({ node, property: 'symbol', type });
        } else if (ast.isMembershipExpression(node)) {
            acceptor({ node, property: 'values', type: PlaybookTokenTypes.enumValue });
        } else if (ast.isEnumValueReference(node)) {
            acceptor({ node, property: 'value', type: PlaybookTokenTypes.enumValue });
        } else if (ast.isNumberLiteral(node) || ast.isNegatedNumber(node)) {
            this.highlightNumber(node, acceptor);
        } else if (ast.isDateLiteral(node)) {
            acceptor({ node, property: 'value', type: PlaybookTokenTypes.date });
        } else if (ast.isDeal(node)) {
            declaration(node, PlaybookTokenTypes.deal, acceptor);
            acceptor({ node, property: 'playbook', type: PlaybookTokenTypes.playbook });
        } else if (ast.isEvent(node)) {
            this.highlightEvent(node, acceptor);
        }
    }

    /**
     * The keywords, operators, quoted texts and comments of the node's own syntax (not those of
     * the nodes inside it, visited in their turn), within the requested range.
     */
    private highlightOwnLeaves(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        const root = node.$cstNode;
        if (!root || !isCompositeCstNode(root)) return;
        const range = this.currentRange;
        const pending: CstNode[] = [...root.content];
        while (pending.length > 0) {
            const cst = pending.pop()!;
            if (cst.astNode !== node) continue;
            if (isCompositeCstNode(cst)) {
                pending.push(...cst.content);
                continue;
            }
            if (!isLeafCstNode(cst) || cst.length === 0) continue;
            if (range && (isBefore(cst.range.end, range.start) || isBefore(range.end, cst.range.start))) continue;
            const type = leafType(node, cst);
            if (type) {
                acceptor({ cst, type });
            }
        }
    }

    private highlightEvent(event: ast.Event, acceptor: SemanticTokenAcceptor): void {
        if (event.date) {
            acceptor({ node: event, property: 'date', type: PlaybookTokenTypes.date });
        }
        if (ast.isEnterEvent(event)) {
            acceptor({ node: event, property: 'stage', type: PlaybookTokenTypes.stage });
        } else if (ast.isDoneEvent(event)) {
            acceptor({ node: event, property: 'tasks', type: PlaybookTokenTypes.task });
        } else if (ast.isSetEvent(event)) {
            acceptor({ node: event, property: 'field', type: PlaybookTokenTypes.field });
        } else if (ast.isTerminateEvent(event)) {
            acceptor({ node: event, property: 'outcome', type: PlaybookTokenTypes.outcome });
        } else if (ast.isActivityEvent(event)) {
            acceptor({ node: event, property: 'activity', type: PlaybookTokenTypes.activity });
        }
    }

    /** `probability 10%` as one percentage token (number and sign); `within 30 days` highlights the count. */
    private highlightStageNumbers(stage: ast.Stage, acceptor: SemanticTokenAcceptor): void {
        const cst = stage.$cstNode;
        // Every occurrence, duplicates included: a duplicate is still a number to the reader.
        const numbers = GrammarUtils.findNodesForProperty(cst, 'probabilities');
        const signs = GrammarUtils.findNodesForKeyword(cst, '%');
        numbers.forEach((number, i) => {
            const sign = signs[i];
            acceptor({ range: sign && sign.range.start.line === number.range.start.line ? spanning(number, sign) : number.range, type: PlaybookTokenTypes.percentage });
        });
        for (const within of GrammarUtils.findNodesForProperty(cst, 'withinDays')) {
            acceptor({ cst: within, type: PlaybookTokenTypes.number });
        }
    }

    private highlightNumber(literal: ast.NumberLiteral | ast.NegatedNumber, acceptor: SemanticTokenAcceptor): void {
        const cst = literal.$cstNode;
        if (!cst) {
            return;
        }
        if (literal.unit === '%' && cst.range.start.line === cst.range.end.line) {
            acceptor({ range: cst.range, type: PlaybookTokenTypes.percentage });
            return;
        }
        // `-5` keeps its sign; `30 days` colours the count and leaves the unit to the keyword colour.
        const value = GrammarUtils.findNodeForProperty(cst, 'value');
        if (value) {
            acceptor({ range: ast.isNegatedNumber(literal) ? spanning(cst, value) : value.range, type: PlaybookTokenTypes.number });
        }
    }
}

/** The type of a keyword, a quoted text or a comment of `node`'s own syntax; undefined for the rest. */
function leafType(node: AstNode, leaf: CstNode): string | undefined {
    if (leaf.hidden) {
        return isLeafCstNode(leaf) && COMMENTS.has(leaf.tokenType.name) ? PlaybookTokenTypes.comment : undefined;
    }
    const source = leaf.grammarSource;
    if (GrammarAST.isKeyword(source)) {
        const value = source.value;
        // `money` is coloured as a type, and `enum` too; `%` and the sign of `-5` belong to their number.
        if (ast.isPrimitiveType(node) || value === '%' || (value === '-' && ast.isNegatedNumber(node))) return undefined;
        if (ast.isEnumType(node) && value === 'enum') return PlaybookTokenTypes.fieldType;
        // `not before Stage` of a task or a field is a clause, not the logical operator.
        if (value === 'not' && (ast.isTask(node) || ast.isField(node))) return PlaybookTokenTypes.keyword;
        if (OPERATORS.has(value)) return PlaybookTokenTypes.operator;
        return /^\p{L}+$/u.test(value) ? PlaybookTokenTypes.keyword : undefined;
    }
    return isLeafCstNode(leaf) && leaf.tokenType.name === 'STRING' ? PlaybookTokenTypes.text : undefined;
}

function isBefore(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
    return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function declaration(node: AstNode & { name?: string }, type: string, acceptor: SemanticTokenAcceptor): void {
    if (node.name) {
        acceptor({ node, property: 'name' as never, type, modifier: DECLARATION });
    }
}

function spanning(from: CstNode, to: CstNode): CstNode['range'] {
    return { start: from.range.start, end: to.range.end };
}
