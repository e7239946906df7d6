/**
 * Where the lines of a text start, to turn offsets into lines and columns. The syntax tree's
 * leaves keep only their offsets (see offset-leaf-nodes.ts) and ask the index of their tree's
 * text for their range. Line breaks are counted as the lexer and editors count them: LF,
 * CR LF and a lone CR; columns in UTF-16 code units, as offsets and LSP positions are.
 */
import type { Position, Range } from 'vscode-languageserver-types';

export class LineIndex {
    private readonly starts: Int32Array;
    /** The line found last: ranges are mostly asked for in text order, line after line. */
    private last = 0;

    constructor(readonly text: string) {
        this.starts = lineStarts(text);
    }

    /** The line (0-based) that holds `offset`. */
    lineOf(offset: number): number {
        const starts = this.starts;
        const last = this.last;
        if (starts[last] <= offset && (last + 1 === starts.length || offset < starts[last + 1])) return last;
        if (last + 1 < starts.length && starts[last + 1] <= offset && (last + 2 === starts.length || offset < starts[last + 2])) return (this.last = last + 1);
        let low = 0, high = starts.length - 1;
        while (low < high) {
            const middle = (low + high + 1) >>> 1;
            if (starts[middle] <= offset) low = middle;
            else high = middle - 1;
        }
        return (this.last = low);
    }

    position(offset: number): Position {
        const line = this.lineOf(offset);
        return { line, character: offset - this.starts[line] };
    }

    range(start: number, end: number): Range {
        const from = this.position(start);
        // A token on one line (all but block comments) ends on the line it starts on.
        const lineEnd = from.line + 1 < this.starts.length ? this.starts[from.line + 1] : Infinity;
        return { start: from, end: end < lineEnd ? { line: from.line, character: end - this.starts[from.line] } : this.position(end) };
    }
}

/** The offsets at which lines start: 0, and the offset after each line break. */
function lineStarts(text: string): Int32Array {
    const starts: number[] = [0];
    if (text.indexOf('\r') < 0) {
        // Line feeds only (most texts): found natively.
        for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
    } else {
        for (let i = 0; i < text.length; i++) {
            const c = text.charCodeAt(i);
            if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) starts.push(i + 1);
        }
    }
    return Int32Array.from(starts);
}

const indexes = new WeakMap<object, LineIndex>();

/** The line index of a tree's text, made again when the tree was given a new text (a reparse). */
export function lineIndexOf(root: object, text: string): LineIndex {
    let index = indexes.get(root);
    if (index === undefined || index.text !== text) {
        index = new LineIndex(text);
        indexes.set(root, index);
    }
    return index;
}
