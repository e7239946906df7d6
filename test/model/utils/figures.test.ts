/**
 * The figures the commands print (packages/model/src/utils/figures.ts): written by hand to
 * spare ICU's and string-width's set-up at start-up, they must read exactly as
 * `toLocaleString('en-US')` and string-width give them.
 */
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { displayWidth, groupedCount, textTable } from '@playbook/model';

describe('figures as the commands print them', () => {
    it('groups any number\'s digits as en-US does', () => {
        fc.assert(fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.double({ noNaN: true }), fc.constantFrom(0, 999, 1000, 1e21, -1e21, 123456789012)), n => {
            expect(groupedCount(n)).toBe(n.toLocaleString('en-US'));
        }), { numRuns: 5000 });
    });

    it('measures every character of the ranges it reads by hand as string-width does', () => {
        for (const [from, to] of [[0x20, 0x7e], [0xa0, 0x2ff], [0x2000, 0x206f]]) {
            for (let c = from; c <= to; c++) expect(displayWidth(String.fromCharCode(c)), c.toString(16)).toBe(stringWidth(String.fromCharCode(c)));
        }
    });

    it('measures any text as string-width does', () => {
        const narrowRanges = fc.string({ unit: fc.oneof(fc.integer({ min: 0x00, max: 0x2ff }), fc.integer({ min: 0x2000, max: 0x206f })).map(c => String.fromCharCode(c)) });
        fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), narrowRanges, fc.constantFrom('華聯商廈', '😀 ok', 'Ａ', 'tab\there', '—', 'e\u0301', 'soft\u00adhyphen', '')), text => {
            expect(displayWidth(text)).toBe(stringWidth(text));
        }), { numRuns: 5000 });
    });

    it('pads columns by display width', () => {
        expect(textTable(['Stage', 'Deals'], [['线索', '1,200'], ['Demo', '7']], column => column === 0).split('\n')).toEqual([
            'Stage  Deals',
            '-----  -----',
            '线索   1,200',
            'Demo       7'
        ]);
    });
});
