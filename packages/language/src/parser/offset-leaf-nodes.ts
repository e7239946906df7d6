/**
 * The syntax tree's leaves, one per token, hold only their offset, length and token type;
 * their lines and columns are worked out when asked for, from the line index of their
 * tree's text. Langium's leaves also hold four positions and a hidden flag: 104 bytes a leaf
 * instead of 64, a quarter of the memory of a checked file. Reparsers only move offsets.
 *
 * Ranges are asked for by diagnostics, hovers, symbols and highlighting: a binary search
 * in the index, or none when the line is the one asked for last.
 */
import type { AstNode, CompositeCstNode, GrammarAST, LangiumParser, LeafCstNode, RootCstNode } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import type { IToken, TokenType } from 'chevrotain';
import { lineIndexOf } from './line-index.js';

export class OffsetLeafCstNode implements LeafCstNode {
    container: CompositeCstNode | undefined = undefined;
    grammarSource: GrammarAST.AbstractElement | undefined = undefined;
    _offset: number;
    _length: number;
    private readonly _tokenType: TokenType;

    constructor(offset: number, length: number, tokenType: TokenType) {
        // As small integers: a field first written with a heap number would change every leaf's layout.
        this._offset = offset | 0;
        this._length = length | 0;
        this._tokenType = tokenType;
    }

    get offset(): number { return this._offset; }
    get length(): number { return this._length; }
    get end(): number { return this._offset + this._length; }
    get tokenType(): TokenType { return this._tokenType; }
    get hidden(): boolean { return false; }

    get root(): RootCstNode {
        let node: { container?: CompositeCstNode } = this;
        while (node.container) node = node.container;
        return node as RootCstNode;
    }

    get text(): string {
        return this.root.fullText.substring(this._offset, this._offset + this._length);
    }

    get astNode(): AstNode {
        if (!this.container) throw new Error('This node has no associated AST element');
        return this.container.astNode;
    }

    get range(): Range {
        const root = this.root;
        const text = root.fullText;
        if (typeof text !== 'string') return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
        return lineIndexOf(root, text).range(this._offset, this._offset + this._length);
    }
}

/** A comment's leaf. */
export class HiddenOffsetLeafCstNode extends OffsetLeafCstNode {
    override get hidden(): boolean { return true; }
}

interface BuilderInternals {
    createLeafNode(token: IToken, hidden: boolean): LeafCstNode;
}

/** `parser`, building its trees with offset leaves. */
export function withOffsetLeaves(parser: LangiumParser): LangiumParser {
    const builder = (parser as unknown as { nodeBuilder?: BuilderInternals }).nodeBuilder;
    if (builder) {
        builder.createLeafNode = (token, hidden) => hidden
            ? new HiddenOffsetLeafCstNode(token.startOffset, token.image.length, token.tokenType)
            : new OffsetLeafCstNode(token.startOffset, token.image.length, token.tokenType);
    }
    return parser;
}
