/**
 * The diagram's texts: their styles, their widths and their line breaks. A page measures
 * with the fonts it has (a canvas); without a page (the language server, tests) widths are
 * estimated from the characters, generously, so that an estimate rarely falls short.
 */

export interface TextStyle {
    /** Pixels. */
    size: number;
    weight: 400 | 600;
    mono: boolean;
    /** Pixels from one baseline to the next. */
    lineHeight: number;
}

function style(size: number, weight: 400 | 600 = 400, mono = false): TextStyle {
    return { size, weight, mono, lineHeight: Math.round(size * 1.38) };
}

/** Every text of the diagram has one of these styles. */
export const TEXT = {
    heading: style(19, 600),
    subheading: style(12),
    legend: style(11.5),
    stageTitle: style(14, 600),
    stageIndex: style(11, 600),
    stageName: style(11.5, 400, true),
    facts: style(11.5),
    task: style(12.5),
    owner: style(11),
    gateTitle: style(12.5, 600),
    label: style(11.5),
    code: style(11.5, 400, true),
    exit: style(11.5),
    won: style(13, 600),
    section: style(13, 600),
    outcome: style(12.5, 600),
    reason: style(12.5),
    empty: style(13)
} satisfies Record<string, TextStyle>;

export type MeasureText = (text: string, style: TextStyle) => number;

/** East Asian wide and fullwidth characters: one em each. */
function isWide(code: number): boolean {
    return (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3)
        || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60)
        || (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x1f300 && code <= 0x1faff) || (code >= 0x20000 && code <= 0x3fffd);
}

/** Ems of one character in a proportional sans-serif, rounded up. */
function proportionalEms(char: string, code: number): number {
    if (isWide(code)) return 1;
    if (char === ' ') return 0.3;
    if ('il.,:;\'|!`'.includes(char)) return 0.3;
    if ('fjtrI()[]{}/\\-"'.includes(char)) return 0.4;
    if ('mwMW@%'.includes(char)) return 0.9;
    if (char >= 'A' && char <= 'Z') return 0.7;
    if (char >= '0' && char <= '9') return 0.58;
    if (char >= 'a' && char <= 'z') return 0.56;
    if (code < 0x80) return 0.6;
    return 0.7;
}

/** A width that fonts seldom exceed: for drawing without a page to measure in. */
export const estimateTextWidth: MeasureText = (text, style) => {
    let ems = 0;
    for (const char of text) {
        const code = char.codePointAt(0)!;
        ems += style.mono ? (isWide(code) ? 1 : 0.62) : proportionalEms(char, code);
    }
    return ems * style.size * (style.weight === 600 ? 1.07 : 1);
};

/** Where a line may break: after spaces, and around each wide (CJK) character. Each piece with its offset. */
function pieces(text: string): Array<{ text: string; start: number }> {
    const parts: Array<{ text: string; start: number }> = [];
    let word = '';
    let wordStart = 0;
    let offset = 0;
    for (const char of text) {
        const code = char.codePointAt(0)!;
        if (char === ' ' || isWide(code)) {
            if (char === ' ') {
                parts.push({ text: word + char, start: wordStart });
            } else {
                if (word) parts.push({ text: word, start: wordStart });
                parts.push({ text: char, start: offset });
            }
            word = '';
            wordStart = offset + char.length;
        } else {
            word += char;
        }
        offset += char.length;
    }
    if (word) parts.push({ text: word, start: wordStart });
    return parts;
}

/**
 * `[start, end)` offsets of a text's parts that should stay on one line when a line holds
 * them. Parts may nest (a clause holding a set): a part no line holds is broken between the
 * parts inside it.
 */
export type Spans = (text: string) => Array<[number, number]>;

/**
 * The lines of a text in `width` pixels: broken after spaces or between wide characters,
 * and inside a word only when the word alone is wider than a line. The parts `together`
 * marks (a stage's title in a list, a clause or `{A, B}` in a condition) are kept on one
 * line when a line holds them. A line keeps its trailing space, so that the lines joined
 * give the text back.
 */
export function wrapText(text: string, width: number, style: TextStyle, measure: MeasureText, together?: Spans): string[] {
    const clean = text.replace(/\s+/g, ' ');
    const fits = (line: string) => measure(line.trimEnd(), style) <= width;
    const lines: string[] = [];
    let line = '';
    const add = (piece: string) => {
        if (fits(line + piece)) {
            line += piece;
            return;
        }
        if (line) lines.push(line);
        line = '';
        if (fits(piece)) {
            line = piece;
            return;
        }
        // A word wider than a line: cut it where it must be cut.
        for (const char of piece) {
            if (line && !fits(line + char)) {
                lines.push(line);
                line = '';
            }
            line += char;
        }
    };
    const place = (parts: Piece[], spans: Array<[number, number]>) => {
        for (const group of groupPieces(parts, spans)) {
            const joined = group.parts.map(part => part.text).join('');
            if (group.parts.length === 1 || fits(line + joined) || fits(joined)) {
                add(joined);
            } else {
                // Too long for any line: broken between the parts inside it.
                place(group.parts, spans.filter(([start, end]) => group.span && start >= group.span[0] && end <= group.span[1] && (start > group.span[0] || end < group.span[1])));
            }
        }
    };
    place(pieces(clean), together?.(clean) ?? []);
    if (line || lines.length === 0) lines.push(line);
    return lines;
}

type Piece = { text: string; start: number };

/** The pieces in groups: those that start inside one outermost span go together. */
function groupPieces(parts: Piece[], spans: Array<[number, number]>): Array<{ parts: Piece[]; span?: [number, number] }> {
    const outermost = spans.filter(span => !spans.some(other => other !== span && other[0] <= span[0] && other[1] >= span[1] && (other[0] < span[0] || other[1] > span[1])));
    const groups: Array<{ parts: Piece[]; span?: [number, number] }> = [];
    let current: { parts: Piece[]; span?: [number, number] } | undefined;
    for (const part of parts) {
        if (current?.span && part.start < current.span[1]) {
            current.parts.push(part);
            continue;
        }
        current = { parts: [part], span: outermost.find(([start, end]) => part.start >= start && part.start < end) };
        groups.push(current);
    }
    return groups;
}

/**
 * A condition's parts: each clause between `and` and `or` (with the word after it), the
 * bracketed parts (`{A, B}`, `(a or b)`) and the quoted texts.
 */
export const conditionSpans: Spans = text => {
    const spans: Array<[number, number]> = [];
    let depth = 0;
    let start = 0;
    let clause = 0;
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
        const char = text[i];
        if (char === '"') {
            if (depth === 0 && !quoted) start = i;
            quoted = !quoted;
            if (depth === 0 && !quoted) spans.push([start, i + 1]);
        } else if (quoted) {
            continue;
        } else if (char === '{' || char === '(') {
            if (depth++ === 0) start = i;
        } else if ((char === '}' || char === ')') && depth > 0) {
            if (--depth === 0) spans.push([start, i + 1]);
        } else if (depth === 0 && char === ' ') {
            const joiner = /^ (and|or) /.exec(text.slice(i));
            if (joiner) {
                const end = i + joiner[0].length;
                if (end - clause < text.length) spans.push([clause, end]);
                clause = end;
                i = end - 1;
            }
        }
    }
    if (clause > 0 && clause < text.length) spans.push([clause, text.length]);
    return spans;
};

/** A list of names joined by `separator`, each name a span. */
export function listSpans(items: readonly string[], separator: string): Spans {
    return () => {
        const spans: Array<[number, number]> = [];
        let offset = 0;
        for (const item of items) {
            const clean = item.replace(/\s+/g, ' ');
            spans.push([offset, offset + clean.length + separator.length]);
            offset += clean.length + separator.length;
        }
        return spans;
    };
}
