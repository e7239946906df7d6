/**
 * The did-you-mean of unresolved names. `NameSuggester` answers from a trie what
 * `closestName` answers by comparing with every name: the same name, ties to the earliest,
 * with or without a filter on the candidates.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closestName, closestNames, NameSuggester } from '../../../packages/language/src/utils/did-you-mean.js';

describe('closestName', () => {
    it.each([
        ['Cal', ['Call', 'Close'], 'Call'],
        ['Clsoe', ['Call', 'Close'], 'Close'],
        ['close', ['Close', 'CLOSE'], 'Close'],
        ['Teem2', ['Team1', 'Team2', 'Team20'], 'Team2'],
        ['Qualification', ['Lead', 'Close'], undefined],
        ['立项2', ['立项1', 'Discovery'], '立项1']
    ])('%s among %j: %s', (misspelt, names, expected) => {
        expect(closestName(misspelt, names)).toBe(expected);
        expect(new NameSuggester(names.map(n => [n, n] as const)).closest(misspelt)).toBe(expected);
    });
});

describe('NameSuggester', () => {
    // Short names over a small alphabet, so that near misses, ties, swaps and shared prefixes are common.
    const name = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', 'B', 'é', 'É', '立', '1', 'İ'), minLength: 1, maxLength: 9 });

    it('gives what closestName gives over the same names in the same order', () => {
        fc.assert(fc.property(fc.array(name, { maxLength: 40 }), name, (names, misspelt) => {
            const suggester = new NameSuggester(names.map((n, i) => [n, i] as const));
            expect(suggester.closest(misspelt)).toBe(closestName(misspelt, names));
        }), { numRuns: 2000, seed: 6 });
    });

    it('with a filter, gives what closestName gives over the names the filter accepts', () => {
        fc.assert(fc.property(fc.array(name, { maxLength: 40 }), name, fc.integer({ min: 2, max: 4 }), (names, misspelt, modulus) => {
            const suggester = new NameSuggester(names.map((n, i) => [n, i] as const));
            const accepted = names.filter((_, i) => i % modulus !== 0);
            expect(suggester.closest(misspelt, i => i % modulus !== 0)).toBe(closestName(misspelt, accepted));
        }), { numRuns: 2000, seed: 7 });
    });

    it('answers each of many lookups among many names', () => {
        const names = Array.from({ length: 5000 }, (_, i) => `Team${i}`);
        const suggester = new NameSuggester(names.map(n => [n, n] as const));
        for (const i of [0, 7, 123, 4999]) {
            expect(suggester.closest(`Teem${i}`)).toBe(closestName(`Teem${i}`, names));
        }
        expect(suggester.closest('Tema4321')).toBe('Team4321');
    });
});

describe('closestNames', () => {
    it.each([
        ['Lad', ['Lead', 'Load', 'Close'], 3, [['Lead', 1], ['Load', 1]]],
        ['Clsoe', ['Close', 'Clone', 'Call'], 3, [['Close', 1]]],
        ['Negotation', ['Navigation', 'Negotiations', 'Negotiation', 'Nomination'], 3, [['Negotiation', 1], ['Negotiations', 2]]],
        ['Teem2', ['Team1', 'Team2', 'Team20', 'Team2'], 2, [['Team2', 1]]],
        ['Qualification', ['Lead', 'Close'], 3, []]
    ])('%s among %j, at most %i: %j', (misspelt, names, count, expected) => {
        expect(closestNames(misspelt, names, count).map(s => [s.name, s.distance])).toEqual(expected);
    });

    it('starts with what closestName gives', () => {
        const name = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', 'é', '立', '1'), minLength: 1, maxLength: 8 });
        fc.assert(fc.property(fc.array(name, { maxLength: 30 }), name, (names, misspelt) => {
            expect(closestNames(misspelt, names, 3)[0]?.name).toBe(closestName(misspelt, names));
        }), { numRuns: 1000, seed: 8 });
    });
});
