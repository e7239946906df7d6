/**
 * `--as-of YYYY-MM-DD` on `check` and `simulate` for deals written in .playbook files: the
 * deals are judged as of that date, and it is what `today` means in their pending rules.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { playbook, tempTree } from './cli-helpers.js';
import { ensureSimulateBuilt, type SimulateJson } from './simulate-helpers.js';
import { AS_OF_CONTRACTS } from '../support/as-of-contracts.js';

beforeAll(() => ensureSimulateBuilt());

const TEXT = AS_OF_CONTRACTS;

describe('--as-of', () => {
    it('check: judges open deals as of the date (their time limits run to it)', () => {
        const dir = tempTree({ 'contracts.playbook': TEXT });
        const before = playbook(['check', 'contracts.playbook', '--as-of', '2026-03-20', '--format', 'json'], { cwd: dir });
        expect(before.code).toBe(0);
        expect(JSON.parse(before.stdout)).toEqual([]);
        const after = playbook(['check', 'contracts.playbook', '--as-of', '2026-04-15', '--format', 'json'], { cwd: dir });
        expect(after.code).toBe(0);
        expect((JSON.parse(after.stdout) as Array<{ code: string; line: number }>).map(d => `${d.line}:${d.code}`)).toEqual(['12:sla-exceeded']);
    });

    it('check: refuses a date that is not one, naming the option', () => {
        const dir = tempTree({ 'contracts.playbook': TEXT });
        const result = playbook(['check', 'contracts.playbook', '--as-of', '2026-02-30'], { cwd: dir });
        expect(result.code).toBe(2);
        expect(result.stderr).toContain('--as-of must be a date written YYYY-MM-DD');
    });

    it('simulate: is what today means in an open deal\'s pending rules', () => {
        const dir = tempTree({ 'contracts.playbook': TEXT });
        const outcome = (asOf: string) => {
            const result = playbook(['simulate', 'contracts.playbook', '--as-of', asOf, '--format', 'json'], { cwd: dir });
            return (JSON.parse(result.stdout) as SimulateJson).deals[0].outcome;
        };
        expect(outcome('2026-04-15')).toEqual({ kind: 'open', stage: 'Signed' });
        expect(outcome('2026-05-01')).toMatchObject({ kind: 'terminated', outcome: 'Lost', reason: 'No contact for 60 days', automatic: true, date: '2026-05-01' });
    });
});
