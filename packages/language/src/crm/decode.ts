/**
 * Bytes to text without holding the input: UTF-8 (a BOM is dropped) or Windows-1252, the
 * code page Salesforce and Excel write on Western Windows machines (a superset of Latin-1
 * for text: "Negociación" is `Negociaci\xF3n`), or UTF-16 when a byte-order mark says so
 * (Excel's "Unicode text", which is also tab-separated). A byte-order mark wins over
 * `encoding`. Binary data is refused at its first chunk (NotTextError).
 *
 * `auto` decides once per input, at the first byte above 127: if the bytes from there (up
 * to 64 KiB of the chunk) are valid UTF-8, the input is UTF-8, otherwise Windows-1252.
 * Text before that byte is ASCII, the same in both. A UTF-8 file with a broken sequence
 * further on keeps U+FFFD in that cell, and a stage name holding it fails to match: the
 * error then names the row.
 */
import { isAscii, isUtf8 as isValidUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { encodingByBom, notTextReason, notTextReasonOfText } from '../utils/text-decoding.js';
import type { InputEncoding } from './types.js';

/** The input is not text at all: read-deals reports it as a fatal error. */
export class NotTextError extends Error {
    constructor(reason: string) {
        super(reason);
        this.name = 'NotTextError';
    }
}

const SNIFF_BYTES = 64 * 1024;

export async function* decodeText(
    chunks: AsyncIterable<Uint8Array | string>,
    encoding: InputEncoding = 'auto',
    decided?: (encoding: 'utf-8' | 'windows-1252') => void
): AsyncGenerator<string> {
    let decoder: TextDecoder | undefined;
    let first = true;
    let checkText = false;
    for await (const chunk of chunks) {
        if (typeof chunk === 'string') {
            // Already text (a string stream): nothing to decode, only a BOM to drop.
            yield first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
            first = false;
            continue;
        }
        let bytes = chunk;
        if (first) {
            const bom = encodingByBom(bytes);
            if (bom?.encoding === 'utf-16le' || bom?.encoding === 'utf-16be') {
                // The decoder drops the mark; its text is checked once decoded.
                decoder = new TextDecoder(bom.encoding);
                checkText = true;
            } else {
                const reason = notTextReason(bytes);
                if (reason) throw new NotTextError(reason);
                if (bom || encoding !== 'auto') decoder = make(bom ? 'utf-8' : encoding as 'utf-8' | 'windows-1252', decided);
            }
        }
        if (!decoder) {
            // Node's native checks: a per-byte scan in JavaScript was a tenth of a large read.
            if (isAscii(bytes)) {
                yield asciiText(bytes);
                first = false;
                continue;
            }
            const high = bytes.findIndex(b => b > 0x7f);
            if (high > 0) {
                yield asciiText(bytes.subarray(0, high));
                bytes = bytes.subarray(high);
            }
            decoder = make(isUtf8(bytes.subarray(0, SNIFF_BYTES)) ? 'utf-8' : 'windows-1252', decided);
        }
        first = false;
        const text = decoder.decode(bytes, { stream: true });
        if (checkText && text !== '') {
            const reason = notTextReasonOfText(text);
            if (reason) throw new NotTextError(reason);
            checkText = false;
        }
        if (text !== '') yield text;
    }
    const rest = decoder?.decode();
    if (rest) yield rest;
}

function make(encoding: 'utf-8' | 'windows-1252', decided?: (encoding: 'utf-8' | 'windows-1252') => void): TextDecoder {
    decided?.(encoding);
    return new TextDecoder(encoding);
}

function asciiText(bytes: Uint8Array): string {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** Valid UTF-8 so far: a sequence cut at the end of the window (up to 3 bytes) is not held against it. */
function isUtf8(bytes: Uint8Array): boolean {
    for (let cut = 0; cut <= 3 && cut < bytes.length; cut++) {
        if (isValidUtf8(bytes.subarray(0, bytes.length - cut))) return true;
        // Only a trailing lead or continuation byte may be cut off.
        if (bytes[bytes.length - 1 - cut] < 0x80) return false;
    }
    return false;
}
