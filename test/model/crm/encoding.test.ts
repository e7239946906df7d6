/** UTF-8 with or without a BOM, and Windows-1252 as Salesforce and Excel write it on Windows. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collect, eventLines, fixture, streamOf } from './crm-test-helpers.js';

describe('encodings', () => {
    it('reads a Windows-1252 file: "Negociación" matches the alias "Negociación"', async () => {
        const bytes = readFileSync(fixture('salesforce-latin1.csv'));
        expect(bytes.includes(0xf3)).toBe(true); // ó as one Latin-1 byte: not valid UTF-8
        const { deals, errors } = await collect(fixture('salesforce-latin1.csv'));
        expect(errors).toEqual([]);
        expect(eventLines(deals[0])).toEqual(['2026-01-03 enter Lead', '2026-01-10 enter Qualify', '2026-01-15 enter Negotiation']);
        expect(deals[0].amount).toBe(1250.5);
        expect(eventLines(deals[1])).toEqual(['2026-01-02 enter Negotiation']);
    });

    it('would not match if the bytes were read as UTF-8', async () => {
        const { errors } = await collect(fixture('salesforce-latin1.csv'), { encoding: 'utf-8' });
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatchObject({ line: 4, column: 2, deal: '006X' });
    });

    it('decides on the first non-ASCII byte even when it comes in a later chunk', async () => {
        const head = Buffer.from('deal,stage,date\nA,Lead,2026-01-01\n', 'latin1');
        const tail = Buffer.from('A,Negociación,2026-01-05\n', 'latin1');
        const { deals, errors } = await collect(streamOf(head, tail));
        expect(errors).toEqual([]);
        expect(eventLines(deals[0])).toEqual(['2026-01-01 enter Lead', '2026-01-05 enter Negotiation']);
    });

    it('reads UTF-8 with a BOM (the header still matches) and a character split between chunks', async () => {
        const bytes = Buffer.from('\uFEFFdeal,stage,date\nA,Negociación,2026-01-05\n', 'utf8');
        const split = bytes.indexOf(0xc3) + 1; // between the two bytes of "ó"
        const { deals, errors } = await collect(streamOf(bytes.subarray(0, split), bytes.subarray(split)));
        expect(errors).toEqual([]);
        expect(eventLines(deals[0])).toEqual(['2026-01-05 enter Negotiation']);
    });
});
