/**
 * Bytes from a file to text, as Windows and Excel write them: UTF-8 with or without a
 * byte-order mark, or UTF-16 (little- or big-endian) announced by its byte-order mark
 * (Excel's "Unicode text", Notepad's "Unicode"). Binary content is told apart from text, so
 * that a wrong file gets one sentence rather than a thousand syntax errors.
 */
import { TextDecoder } from 'node:util';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

/** The encoding a byte-order mark announces, and the mark's length; undefined without one. */
export function encodingByBom(bytes: Uint8Array): { encoding: TextEncodingName; bomLength: number } | undefined {
    if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
        return { encoding: 'utf-8', bomLength: 3 };
    }
    // FF FE 00 00 is UTF-32's mark: not UTF-16, and not supported (see notTextReason).
    if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe && !(bytes.length >= 4 && bytes[2] === 0 && bytes[3] === 0)) {
        return { encoding: 'utf-16le', bomLength: 2 };
    }
    if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
        return { encoding: 'utf-16be', bomLength: 2 };
    }
    return undefined;
}

/** How much of a file is looked at to tell text from binary data. */
const SAMPLE = 8192;

/**
 * Why bytes without a UTF-16 byte-order mark are not text (a phrase such as `not a text file:
 * …`), or undefined when they may be:
 * a NUL byte (no text file holds one; UTF-16 without its mark is said so), a UTF-32 mark,
 * or control characters that text does not use making up more than 1 in 50 of the start
 * (a stray one in a text file is left to the parser, which says where it is).
 */
export function notTextReason(bytes: Uint8Array): string | undefined {
    const sample = bytes.subarray(0, SAMPLE);
    if (sample.length >= 4 && ((sample[0] === 0xff && sample[1] === 0xfe && sample[2] === 0 && sample[3] === 0)
        || (sample[0] === 0 && sample[1] === 0 && sample[2] === 0xfe && sample[3] === 0xff))) {
        return 'it is UTF-32 text, which is not supported; save it as UTF-8';
    }
    const nul = sample.indexOf(0);
    if (nul >= 0) {
        return looksLikeUtf16(sample)
            ? 'not a text file it can read: it looks like UTF-16 without a byte-order mark; save it as UTF-8, or as UTF-16 with a byte-order mark'
            : 'not a text file: it holds binary data (a NUL byte)';
    }
    let controls = 0;
    for (const byte of sample) {
        if (isStrayControl(byte)) controls++;
    }
    return isBinaryShare(controls, sample.length) ? 'not a text file: it holds binary data (control characters)' : undefined;
}

/** Text already decoded (from UTF-16): the same test on its characters. */
export function notTextReasonOfText(text: string): string | undefined {
    const sample = text.slice(0, SAMPLE);
    if (sample.includes('\u0000')) {
        return 'not a text file: it holds binary data (a NUL character)';
    }
    let controls = 0;
    for (let i = 0; i < sample.length; i++) {
        if (isStrayControl(sample.charCodeAt(i))) controls++;
    }
    return isBinaryShare(controls, sample.length) ? 'not a text file: it holds binary data (control characters)' : undefined;
}

/** Enough stray control characters to be data: more than 1 in 50, and more than one slip of the keyboard. */
function isBinaryShare(controls: number, length: number): boolean {
    return controls >= 4 && controls * 50 > length;
}

/** C0 controls other than tab, line breaks, form feed, Ctrl-Z (old DOS files end with it) and escape. */
function isStrayControl(code: number): boolean {
    return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0b && code !== 0x0c && code !== 0x0d && code !== 0x1a && code !== 0x1b) || code === 0x7f;
}

/** ASCII as UTF-16 has a NUL in every other byte. */
function looksLikeUtf16(sample: Uint8Array): boolean {
    let even = 0, odd = 0;
    for (let i = 0; i < sample.length; i++) {
        if (sample[i] === 0) {
            if (i % 2 === 0) even++; else odd++;
        }
    }
    const half = sample.length / 2;
    return Math.max(even, odd) > half * 0.6 && Math.min(even, odd) < half * 0.05;
}

export type DecodedFile =
    | { ok: true; text: string; encoding: TextEncodingName; bom: boolean }
    | { ok: false; reason: string };

/**
 * A whole file's text: decoded by its byte-order mark, else as UTF-8. Bytes that are not
 * UTF-8 are refused (with the line and column of the first), never replaced by U+FFFD: a
 * command that writes the text back (`fmt`) would otherwise destroy them.
 */
export function decodeTextFile(bytes: Uint8Array): DecodedFile {
    const bom = encodingByBom(bytes);
    if (bom?.encoding === 'utf-16le' || bom?.encoding === 'utf-16be') {
        const text = new TextDecoder(bom.encoding).decode(bytes.subarray(bom.bomLength));
        const reason = notTextReasonOfText(text);
        return reason ? { ok: false, reason } : { ok: true, text, encoding: bom.encoding, bom: true };
    }
    const reason = notTextReason(bytes);
    if (reason) {
        return { ok: false, reason };
    }
    const body = bytes.subarray(bom?.bomLength ?? 0);
    try {
        return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), encoding: 'utf-8', bom: bom !== undefined };
    } catch {
        const { offset, line, column } = firstInvalidUtf8(body);
        return { ok: false, reason: `not UTF-8 text: the byte 0x${body[offset].toString(16).toUpperCase().padStart(2, '0')} at line ${line}, column ${column} is not UTF-8; save the file as UTF-8` };
    }
}

/** The text in its encoding again, with the byte-order mark it had: what `decodeTextFile` read. */
export function encodeTextFile(text: string, encoding: TextEncodingName, bom: boolean): Uint8Array {
    if (encoding === 'utf-8') {
        const body = Buffer.from(text, 'utf8');
        return bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
    }
    const body = Buffer.from(`${bom ? '\ufeff' : ''}${text}`, 'utf16le');
    return encoding === 'utf-16be' ? body.swap16() : body;
}

/** Where the first byte that is not UTF-8 is: its offset, and its 1-based line and column (in characters). */
function firstInvalidUtf8(bytes: Uint8Array): { offset: number; line: number; column: number } {
    const offset = invalidUtf8Offset(bytes);
    const before = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, offset));
    const lines = before.split(/\r\n|\r|\n/);
    return { offset, line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** The offset of the first byte that starts no valid UTF-8 sequence (RFC 3629's table). */
function invalidUtf8Offset(bytes: Uint8Array): number {
    const continuation = (i: number, low = 0x80, high = 0xbf): boolean => i < bytes.length && bytes[i] >= low && bytes[i] <= high;
    let i = 0;
    while (i < bytes.length) {
        const lead = bytes[i];
        let length: number;
        let valid: boolean;
        if (lead < 0x80) {
            length = 1; valid = true;
        } else if (lead >= 0xc2 && lead <= 0xdf) {
            length = 2; valid = continuation(i + 1);
        } else if (lead >= 0xe0 && lead <= 0xef) {
            length = 3;
            valid = continuation(i + 1, lead === 0xe0 ? 0xa0 : 0x80, lead === 0xed ? 0x9f : 0xbf) && continuation(i + 2);
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            length = 4;
            valid = continuation(i + 1, lead === 0xf0 ? 0x90 : 0x80, lead === 0xf4 ? 0x8f : 0xbf) && continuation(i + 2) && continuation(i + 3);
        } else {
            length = 1; valid = false;
        }
        if (!valid) return i;
        i += length;
    }
    return Math.max(0, bytes.length - 1);
}
