/** CRM exports in UTF-16 (Excel's "Unicode text") decoded by their byte-order mark, and binary input refused. */
import { describe, expect, it } from 'vitest';
import { collect, eventLines, streamOf } from './crm-test-helpers.js';

const EXPORT = 'deal\tstage\tdate\r\nA\tLead\t2026-01-01\r\nA\tNegociación\t2026-01-05\r\n';

describe('UTF-16 by byte-order mark', () => {
    it.each([
        ['UTF-16LE', Buffer.from(`\ufeff${EXPORT}`, 'utf16le')],
        ['UTF-16BE', Buffer.from(`\ufeff${EXPORT}`, 'utf16le').swap16()]
    ])('%s, tab-separated, a character split between chunks, whatever --encoding says', async (_name, bytes) => {
        for (const encoding of ['auto', 'windows-1252'] as const) {
            const { deals, errors } = await collect(streamOf(bytes.subarray(0, 7), bytes.subarray(7)), { encoding });
            expect(errors).toEqual([]);
            expect(eventLines(deals[0])).toEqual(['2026-01-01 enter Lead', '2026-01-05 enter Negotiation']);
        }
    });
});

describe('binary input', () => {
    it('is one fatal error, "not a text file", not a row error per line', async () => {
        const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
        const { deals, errors } = await collect(streamOf(garbage));
        expect(deals).toEqual([]);
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatchObject({ fatal: true, message: expect.stringMatching(/^not a text file: it holds binary data/) });
    });
});
