/** The nearest valid values the value fixes offer. */
import { describe, expect, it } from 'vitest';
import { nearestDate, nearestSemver } from '../../../../packages/language/src/lsp/code-actions/value-fixes.js';
import { SEMVER } from '../../../../packages/language/src/validation/structure-validator.js';

describe('nearestSemver', () => {
    it.each([
        ['1.0', '1.0.0'],
        ['1', '1.0.0'],
        ['v2.1', '2.1.0'],
        ['V 3', '3.0.0'],
        ['1.2.3.4', '1.2.3'],
        ['01.02', '1.2.0'],
        ['1.0 beta', '1.0.0-beta'],
        ['1.0-rc.1', '1.0.0-rc.1'],
        ['2.0+build.7', '2.0.0+build.7'],
        ['1.0 (draft!)', '1.0.0'],
        ['draft', undefined],
        ['', undefined]
    ])('%j → %j', (version, expected) => {
        const nearest = nearestSemver(version);
        expect(nearest).toBe(expected);
        if (nearest !== undefined) expect(nearest).toMatch(SEMVER);
    });
});

describe('nearestDate', () => {
    it.each([
        ['2026-02-30', '2026-02-28'],
        ['2028-02-30', '2028-02-29'],
        ['2026-04-31', '2026-04-30'],
        ['2026-01-00', '2026-01-01'],
        ['2026-01-99', '2026-01-31'],
        ['2026-13-01', undefined],
        ['2026-00-10', undefined],
        ['2026-01-15', undefined]
    ])('%s → %s', (date, expected) => {
        expect(nearestDate(date)).toBe(expected);
    });
});
