/**
 * Comments cost the parser time linear in their number. Langium hands the comments before
 * each token to the syntax tree by cutting them off the front of the lexer's list of
 * comments (`splice(0, n)`), which moves every comment after them: a file of 15,000 small
 * playbooks with a few comments each spent most of its parse doing that. And it finds the
 * place of a comment before a new declaration by searching its parent's children from the
 * first (`indexOf`), where the declaration is the last one. This parser reads the comments
 * with a cursor and searches from the end; the tree it builds is the same.
 */
import type { IToken } from 'chevrotain';
import type { LangiumParser } from 'langium';

interface ParserInternals {
    lexerResult?: { hidden: IToken[] };
    doParse(rule: unknown): unknown;
    extractHiddenTokens(token: IToken): IToken[];
    nodeBuilder?: CstBuilderInternals;
}

interface CompositeLike { container?: CompositeLike; content: CompositeLike[] }
interface CstBuilderInternals {
    current: CompositeLike;
    rootNode: CompositeLike;
    createLeafNode(token: IToken, hidden: boolean): CompositeLike;
    appendChildren(parent: CompositeLike, children: CompositeLike[]): void;
    insertChildren(parent: CompositeLike, index: number, children: CompositeLike[]): void;
    addHiddenNodes(tokens: IToken[]): void;
    removeNode(node: CompositeLike): void;
}

export function withLinearHiddenTokens(parser: LangiumParser): LangiumParser {
    const internals = parser as unknown as ParserInternals;
    // The comments of the parse in progress, and how many of them are in the tree already.
    let comments: IToken[] | undefined;
    let taken = 0;
    internals.extractHiddenTokens = (token: IToken): IToken[] => {
        const hidden = internals.lexerResult?.hidden ?? [];
        if (hidden !== comments) {
            comments = hidden;
            taken = 0;
        }
        const from = taken;
        while (taken < hidden.length && hidden[taken].startOffset <= token.startOffset) taken++;
        return from === taken ? [] : hidden.slice(from, taken);
    };
    const doParse = internals.doParse.bind(parser);
    internals.doParse = (rule: unknown): unknown => {
        try {
            return doParse(rule);
        } finally {
            // Langium adds the comments still in the list after the last token: leave only those.
            const hidden = internals.lexerResult?.hidden;
            if (hidden && hidden === comments) hidden.splice(0, taken);
            comments = undefined;
            taken = 0;
        }
    };
    const builder = internals.nodeBuilder;
    if (builder) {
        builder.addHiddenNodes = tokens => addHiddenNodes(builder, tokens);
        builder.removeNode = node => {
            const parent = node.container;
            const index = parent ? parent.content.lastIndexOf(node) : -1;
            if (index >= 0) parent!.content.splice(index, 1);
        };
    }
    return parser;
}

/** Langium's `addHiddenNodes`, searching each parent's children from the end. */
function addHiddenNodes(builder: CstBuilderInternals, tokens: IToken[]): void {
    const nodes = tokens.map(token => builder.createLeafNode(token, true));
    let current = builder.current;
    if (current.content.length > 0) {
        builder.appendChildren(current, nodes);
        return;
    }
    // A node just begun: the comments go before it, in the nearest ancestor that has earlier children.
    while (current.container) {
        const index = current.container.content.lastIndexOf(current);
        if (index > 0) {
            builder.insertChildren(current.container, index, nodes);
            return;
        }
        current = current.container;
    }
    builder.insertChildren(builder.rootNode, 0, nodes);
}
