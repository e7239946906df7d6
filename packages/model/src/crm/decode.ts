/**
 * Bytes without holding the input: UTF-8 (a BOM is dropped) or Windows-1252, the code page
 * Salesforce and Excel write on Western Windows machines (a superset of Latin-1 for text:
 * "Negociación" is `Negociaci\xF3n`), or UTF-16 when a byte-order mark says so (Excel's
 * "Unicode text", which is also tab-separated). A byte-order mark wins over `encoding`.
 * Binary data is refused at its first chunk (NotTextError).
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

/** The input as text (for JSON), decoded as `decodeUtf8` reads it. */
export async function* decodeText(
    chunks: AsyncIterable<Uint8Array | string>,
    encoding: InputEncoding = 'auto',
    decided?: (encoding: 'utf-8' | 'windows-1252') => void
): AsyncGenerator<string> {
    const decoder = new TextDecoder('utf-8');
    for await (const bytes of decodeUtf8(chunks, encoding, decided)) {
        const text = decoder.decode(bytes, { stream: true });
        if (text !== '') yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
}

/**
 * The input as UTF-8 bytes, without its BOM: ASCII and UTF-8 pass through as they are (the
 * CSV parser reads bytes; decoding them to text first and back was a tenth of a large read),
 * Windows-1252 and UTF-16 are transcoded.
 */
export async function* decodeUtf8(
    chunks: AsyncIterable<Uint8Array | string>,
    encoding: InputEncoding = 'auto',
    decided?: (encoding: 'utf-8' | 'windows-1252') => void
): AsyncGenerator<Uint8Array> {
    let mode: 'utf-8' | 'windows-1252' | 'utf-16' | undefined;
    let transcoder: TextDecoder | undefined;
    let checkText = false;
    let first = true;
    for await (const chunk of chunks) {
        if (typeof chunk === 'string') {
            // Already text (a string stream): nothing to decode, only a BOM to drop.
            const text = first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
            first = false;
            if (text !== '') yield Buffer.from(text, 'utf8');
            continue;
        }
        let bytes = chunk;
        if (first) {
            first = false;
            const bom = encodingByBom(bytes);
            if (bom?.encoding === 'utf-16le' || bom?.encoding === 'utf-16be') {
                // The decoder drops the mark; its text is checked once decoded.
                mode = 'utf-16';
                transcoder = new TextDecoder(bom.encoding);
                checkText = true;
            } else {
                const reason = notTextReason(bytes);
                if (reason) throw new NotTextError(reason);
                if (bom) {
                    bytes = bytes.subarray(bom.bomLength);
                    mode = 'utf-8';
                } else if (encoding !== 'auto') {
                    mode = encoding;
                }
                if (mode) decided?.(mode as 'utf-8' | 'windows-1252');
            }
        }
        if (!mode) {
            // Node's native checks: a per-byte scan in JavaScript was a tenth of a large read.
            if (isAscii(bytes)) {
                yield bytes;
                continue;
            }
            const high = bytes.findIndex(b => b > 0x7f);
            if (high > 0) {
                yield bytes.subarray(0, high);
                bytes = bytes.subarray(high);
            }
            mode = isUtf8(bytes.subarray(0, SNIFF_BYTES)) ? 'utf-8' : 'windows-1252';
            decided?.(mode);
        }
        if (mode === 'utf-8') {
            if (bytes.length > 0) yield bytes;
            continue;
        }
        transcoder ??= new TextDecoder('windows-1252');
        const text = transcoder.decode(bytes, { stream: true });
        if (checkText && text !== '') {
            const reason = notTextReasonOfText(text);
            if (reason) throw new NotTextError(reason);
            checkText = false;
        }
        if (text !== '') yield Buffer.from(text, 'utf8');
    }
    const rest = transcoder?.decode();
    if (rest) yield Buffer.from(rest, 'utf8');
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
