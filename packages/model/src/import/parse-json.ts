/**
 * A strict JSON reader (RFC 8259) that, unlike `JSON.parse`, says where things are: the
 * line and column of a syntax error in words a person can act on (V8's messages differ
 * between versions and sometimes give no position), and the position of every value by
 * its JSON pointer, so that schema errors can point into the file as well.
 *
 * It never throws: nesting is bounded, and duplicate keys are an error rather than the
 * silent "last one wins" of `JSON.parse`.
 */

export interface JsonPosition {
    /** 1-based. */
    line: number;
    /** 1-based, in UTF-16 code units like editors' columns. */
    column: number;
}

export type JsonReadResult =
    | { ok: true; value: unknown; positionOf(pointer: string): JsonPosition | undefined }
    | { ok: false; error: JsonPosition & { message: string } };

/** Deeper than any export (conditions are limited far below this), shallow enough for the stack. */
export const MAX_JSON_DEPTH = 1000;

export function readJson(text: string): JsonReadResult {
    const reader = new JsonReader(text);
    try {
        const value = reader.readDocument();
        return { ok: true, value, positionOf: pointer => reader.positionOf(pointer) };
    } catch (error) {
        if (error instanceof JsonSyntaxError) {
            return { ok: false, error: { ...reader.position(error.offset), message: error.message } };
        }
        throw error;
    }
}

class JsonSyntaxError extends Error {
    constructor(readonly offset: number, message: string) {
        super(message);
    }
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

class JsonReader {
    private offset = 0;
    private readonly offsets = new Map<string, number>();
    private lineStarts: number[] | undefined;

    constructor(private readonly text: string) {
        // A byte-order mark is not JSON, but editors on Windows write one: tolerate it.
        if (text.charCodeAt(0) === 0xfeff) this.offset = 1;
    }

    readDocument(): unknown {
        this.skipWhitespace();
        if (this.offset >= this.text.length) {
            this.fail('The file is empty; expected a JSON object or array.');
        }
        const value = this.readValue('', 0);
        this.skipWhitespace();
        if (this.offset < this.text.length) {
            this.fail(`Unexpected ${this.describeHere()} after the end of the JSON value.`);
        }
        return value;
    }

    positionOf(pointer: string): JsonPosition | undefined {
        const offset = this.offsets.get(pointer);
        return offset === undefined ? undefined : this.position(offset);
    }

    position(offset: number): JsonPosition {
        this.lineStarts ??= lineStarts(this.text);
        let low = 0, high = this.lineStarts.length - 1;
        while (low < high) {
            const middle = (low + high + 1) >> 1;
            if (this.lineStarts[middle] <= offset) low = middle; else high = middle - 1;
        }
        return { line: low + 1, column: offset - this.lineStarts[low] + 1 };
    }

    private readValue(pointer: string, depth: number): unknown {
        this.offsets.set(pointer, this.offset);
        const c = this.text[this.offset];
        switch (c) {
            case '{': return this.readObject(pointer, depth + 1);
            case '[': return this.readArray(pointer, depth + 1);
            case '"': return this.readString();
            case 't': return this.readWord('true', true);
            case 'f': return this.readWord('false', false);
            case 'n': return this.readWord('null', null);
            default:
                if (c === '-' || (c >= '0' && c <= '9')) return this.readNumber();
                return this.fail(c === undefined ? 'Unexpected end of the file; expected a value.' : `Expected a value, found ${this.describeHere()}.`);
        }
    }

    private readObject(pointer: string, depth: number): Record<string, unknown> {
        this.checkDepth(depth);
        this.offset++;
        const result: Record<string, unknown> = {};
        this.skipWhitespace();
        if (this.text[this.offset] === '}') {
            this.offset++;
            return result;
        }
        for (;;) {
            this.skipWhitespace();
            if (this.text[this.offset] !== '"') {
                this.fail(this.text[this.offset] === '}'
                    ? 'Trailing comma: remove the \',\' before \'}\'.'
                    : `Expected a property name in double quotes, found ${this.describeHere()}.`);
            }
            const keyOffset = this.offset;
            const key = this.readString();
            if (Object.prototype.hasOwnProperty.call(result, key)) {
                this.fail(`Duplicate property "${key}" in this object.`, keyOffset);
            }
            this.skipWhitespace();
            if (this.text[this.offset] !== ':') {
                this.fail(`Expected ':' after the property name "${key}", found ${this.describeHere()}.`);
            }
            this.offset++;
            this.skipWhitespace();
            // defineProperty, not assignment: a key "__proto__" must stay plain data.
            Object.defineProperty(result, key, {
                value: this.readValue(`${pointer}/${escapePointer(key)}`, depth), enumerable: true, writable: true, configurable: true
            });
            this.skipWhitespace();
            const next = this.text[this.offset];
            if (next === '}') {
                this.offset++;
                return result;
            }
            if (next !== ',') {
                this.fail(`Expected ',' or '}' after the value of "${key}", found ${this.describeHere()}.`);
            }
            this.offset++;
        }
    }

    private readArray(pointer: string, depth: number): unknown[] {
        this.checkDepth(depth);
        this.offset++;
        const result: unknown[] = [];
        this.skipWhitespace();
        if (this.text[this.offset] === ']') {
            this.offset++;
            return result;
        }
        for (;;) {
            this.skipWhitespace();
            if (this.text[this.offset] === ']') {
                this.fail('Trailing comma: remove the \',\' before \']\'.');
            }
            result.push(this.readValue(`${pointer}/${result.length}`, depth));
            this.skipWhitespace();
            const next = this.text[this.offset];
            if (next === ']') {
                this.offset++;
                return result;
            }
            if (next !== ',') {
                this.fail(`Expected ',' or ']' after an array element, found ${this.describeHere()}.`);
            }
            this.offset++;
        }
    }

    private readString(): string {
        const start = this.offset;
        let i = start + 1;
        for (;;) {
            const code = this.text.charCodeAt(i);
            if (Number.isNaN(code) || code === 0x0a || code === 0x0d) {
                this.fail('Unterminated string: a string must end with \'"\' on the same line.', start);
            }
            if (code === 0x22) break;
            if (code < 0x20) {
                this.fail('Control character in a string: write it as an escape such as \\t or \\u0001.', i);
            }
            if (code === 0x5c) {
                const escape = this.text[i + 1];
                if (escape === 'u') {
                    if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(i + 2, i + 6))) {
                        this.fail('Invalid \\u escape: expected four hexadecimal digits.', i);
                    }
                    i += 6;
                    continue;
                }
                if (!ESCAPES.has(escape)) {
                    this.fail(`Invalid escape '\\${escape ?? ''}' in a string.`, i);
                }
                i += 2;
                continue;
            }
            i++;
        }
        this.offset = i + 1;
        // The lexeme is now known to be a valid JSON string: let the engine unescape it.
        return JSON.parse(this.text.slice(start, i + 1)) as string;
    }

    private readNumber(): number {
        NUMBER.lastIndex = this.offset;
        const match = NUMBER.exec(this.text);
        const next = match ? this.text[this.offset + match[0].length] : undefined;
        if (!match || match[0] === '-' || (next !== undefined && /[0-9A-Za-z.+-]/.test(next))) {
            this.fail('Invalid number: JSON numbers have no leading zeros, no leading \'+\', and digits after a \'.\'.');
        }
        this.offset += match[0].length;
        return Number(match[0]);
    }

    private readWord<T>(word: string, value: T): T {
        if (!this.text.startsWith(word, this.offset) || /[A-Za-z0-9_]/.test(this.text[this.offset + word.length] ?? '')) {
            this.fail(`Expected a value, found ${this.describeHere()} (strings need double quotes).`);
        }
        this.offset += word.length;
        return value;
    }

    private skipWhitespace(): void {
        while (WHITESPACE.has(this.text.charCodeAt(this.offset))) this.offset++;
    }

    private checkDepth(depth: number): void {
        if (depth > MAX_JSON_DEPTH) {
            this.fail(`Nested more than ${MAX_JSON_DEPTH} levels deep.`);
        }
    }

    private describeHere(): string {
        if (this.offset >= this.text.length) return 'the end of the file';
        const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.offset, this.offset + 40));
        return word ? `'${word[0]}'` : `'${String.fromCodePoint(this.text.codePointAt(this.offset)!)}'`;
    }

    private fail(message: string, offset = this.offset): never {
        throw new JsonSyntaxError(offset, message);
    }
}

/** A JSON pointer token (RFC 6901): `~` and `/` escaped, as ajv's `instancePath` has them. */
export function escapePointer(key: string): string {
    return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function lineStarts(text: string): number[] {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) starts.push(i + 1);
    }
    return starts;
}
