/** Bytes to text by byte-order mark, and what is not text. */
import { describe, expect, it } from 'vitest';
import { decodeTextFile, encodeTextFile, type TextEncodingName } from '@playbook/model';

const bytes = (...values: number[]): Buffer => Buffer.from(values);

describe('decodeTextFile', () => {
    const texts: Array<[string, Buffer, string, TextEncodingName, boolean]> = [
        ['UTF-8', Buffer.from('stage 陌生期', 'utf8'), 'stage 陌生期', 'utf-8', false],
        ['UTF-8 with its mark', Buffer.concat([bytes(0xef, 0xbb, 0xbf), Buffer.from('é', 'utf8')]), 'é', 'utf-8', true],
        ['UTF-16LE with its mark', Buffer.from('\ufeffa\tb\r\n𠮷', 'utf16le'), 'a\tb\r\n𠮷', 'utf-16le', true],
        ['UTF-16BE with its mark', Buffer.from('\ufeffNégo', 'utf16le').swap16(), 'Négo', 'utf-16be', true],
        ['empty', bytes(), '', 'utf-8', false],
        ['a lone stray control character', Buffer.from('stage \u0001 A\n'), 'stage \u0001 A\n', 'utf-8', false]
    ];
    it.each(texts)('%s', (_name, input, text, encoding, bom) => {
        expect(decodeTextFile(input)).toEqual({ ok: true, text, encoding, bom });
    });

    const refused: Array<[string, Buffer, RegExp]> = [
        ['a NUL byte', bytes(0x70, 0x00, 0x71, 0x72, 0x73), /^not a text file: it holds binary data \(a NUL byte\)/],
        ['UTF-16 without its mark', Buffer.from('playbook P { stage A }', 'utf16le'), /UTF-16 without a byte-order mark/],
        ['UTF-32 with its mark', bytes(0xff, 0xfe, 0, 0, 0x41, 0, 0, 0), /UTF-32/],
        ['many control characters', Buffer.from('\u0001\u0002\u0003\u0004abcdefgh'), /binary data \(control characters\)/],
        ['a NUL character in UTF-16', Buffer.from('\ufeffab\u0000c', 'utf16le'), /NUL character/],
        ['Latin-1', Buffer.from('ab\ncafé', 'latin1'), /^not UTF-8 text: the byte 0xE9 at line 2, column 4 is not UTF-8/],
        ['a truncated sequence', Buffer.concat([Buffer.from('x'), bytes(0xe6, 0x88), Buffer.from(' y')]), /the byte 0xE6 at line 1, column 2/],
        ['an encoded surrogate', bytes(0x61, 0xed, 0xa0, 0x80), /the byte 0xED at line 1, column 2/]
    ];
    it.each(refused)('refuses %s', (_name, input, reason) => {
        const result = decodeTextFile(input);
        expect(result.ok).toBe(false);
        expect(!result.ok && result.reason).toMatch(reason);
    });
});

describe('encodeTextFile', () => {
    it.each<[TextEncodingName, boolean]>([['utf-8', false], ['utf-8', true], ['utf-16le', true], ['utf-16be', true], ['utf-16le', false]])(
        'gives back the bytes decodeTextFile read (%s, mark: %s)', (encoding, bom) => {
            const text = 'playbook 商机 {\r\n  stage 𠮷野家 "Négociation"\n}\n';
            const encoded = encodeTextFile(text, encoding, bom);
            if (bom || encoding === 'utf-8') {
                expect(decodeTextFile(encoded)).toEqual({ ok: true, text, encoding, bom });
            } else {
                expect(Buffer.from(encoded).toString('utf16le')).toBe(text);
            }
        });
});
