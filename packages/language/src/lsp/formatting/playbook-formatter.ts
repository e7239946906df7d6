/**
 * Document and range formatting for the editor (`textDocument/formatting`,
 * `textDocument/rangeFormatting`). The layout is the token-based one of `layout.ts`: only
 * whitespace between tokens and comments changes, and a document with syntax errors gets
 * no edits at all rather than a mangled layout.
 */
import type { LangiumCoreServices, LangiumDocument, ParseResult } from 'langium';
import type { Formatter } from 'langium/lsp';
import type {
    DocumentFormattingParams, DocumentOnTypeFormattingOptions, DocumentRangeFormattingParams, Range, TextEdit
} from 'vscode-languageserver';
import { layoutOf, parsePlaybook } from '../../formatting/format-text.js';
import { changedGaps, gapsWithinLines, type Gap } from '../../formatting/layout.js';

export class PlaybookFormatter implements Formatter {
    constructor(private readonly services: LangiumCoreServices) {}

    formatDocument(document: LangiumDocument, _params: DocumentFormattingParams): TextEdit[] {
        const text = document.textDocument.getText();
        const gaps = this.layout(document, text);
        return gaps ? this.toEdits(document, changedGaps(text, gaps)) : [];
    }

    /** Formats the lines the range touches, and nothing outside them. */
    formatDocumentRange(document: LangiumDocument, params: DocumentRangeFormattingParams): TextEdit[] {
        const text = document.textDocument.getText();
        const gaps = this.layout(document, text);
        if (!gaps) return [];
        const { start, end } = lineOffsets(document, params.range);
        return this.toEdits(document, changedGaps(text, gapsWithinLines(text, gaps, start, end)));
    }

    formatDocumentOnType(): TextEdit[] {
        return [];
    }

    /** No formatting while typing: a half-typed line is a syntax error anyway. */
    get formatOnTypeOptions(): DocumentOnTypeFormattingOptions | undefined {
        return undefined;
    }

    private layout(document: LangiumDocument, text: string): Gap[] | undefined {
        // The document's parse is reused when it is of this very text.
        let parseResult: ParseResult = document.parseResult;
        if (parseResult.value.$cstNode?.root.fullText !== text) {
            parseResult = parsePlaybook(this.services, text);
        }
        return layoutOf(text, parseResult);
    }

    private toEdits(document: LangiumDocument, gaps: readonly Gap[]): TextEdit[] {
        const textDocument = document.textDocument;
        return gaps.map(gap => ({
            range: { start: textDocument.positionAt(gap.start), end: textDocument.positionAt(gap.end) },
            newText: gap.text
        }));
    }
}

/**
 * The offsets of the whole lines a range covers: from the start of its first line to the end
 * of its last line (before the line break). A range that ends at the start of a line (a
 * selection of whole lines) does not include that line.
 */
function lineOffsets(document: LangiumDocument, range: Range): { start: number; end: number } {
    const textDocument = document.textDocument;
    const firstLine = Math.max(0, Math.min(range.start.line, range.end.line));
    let lastLine = Math.max(range.start.line, range.end.line);
    if (range.end.line > range.start.line && range.end.character === 0) lastLine--;
    lastLine = Math.min(lastLine, textDocument.lineCount - 1);
    const start = textDocument.offsetAt({ line: firstLine, character: 0 });
    const nextLineStart = lastLine + 1 < textDocument.lineCount
        ? textDocument.offsetAt({ line: lastLine + 1, character: 0 })
        : textDocument.getText().length;
    const text = textDocument.getText();
    let end = nextLineStart;
    if (lastLine + 1 < textDocument.lineCount) {
        // Before the line break that ends the last line.
        if (text[end - 1] === '\n') end--;
        if (text[end - 1] === '\r') end--;
    }
    return { start, end };
}
