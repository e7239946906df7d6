/**
 * A deal's replay is kept while the deal is the same node and what the replay reads of its
 * playbook is unchanged: typing into the playbook's title or version gives a new playbook
 * node on every keystroke, with the same members, and typing into a stage's or a task's
 * title a new stage node whose model differs only in that title. Anything else replays the
 * deal again.
 */
import { describe, expect, it } from 'vitest';
import type * as ast from '../../../packages/language/src/generated/ast.js';
import { KEYSTROKE_TEXT } from '../workspace/keystroke-text.js';
import { createTypingServices, documentOf, typeInto } from '../workspace/typing-session.js';

const services = createTypingServices();
const simulator = services.Playbook.simulation.DealSimulator;

/** The example's playbook and deal (the deal moves back from Close to Demo at the end). */
async function example(): Promise<{ playbook: ast.Playbook; deal: ast.Deal }> {
    const uri = 'file:///model/deal-simulator.playbook';
    await typeInto(services, uri, KEYSTROKE_TEXT.replace('2026-01-20 enter Close', '2026-01-20 enter Close\n  2026-01-21 enter Demo'));
    const root = documentOf(services, uri).parseResult.value as ast.Document;
    return { playbook: root.elements[0] as ast.Playbook, deal: root.elements[1] as ast.Deal };
}

/** The deal replayed as if its playbook were `playbook` (a copy of the parsed one, as an edit makes). */
function replayAgainst(deal: ast.Deal, playbook: ast.Playbook) {
    Object.defineProperty(deal.playbook, 'ref', { get: () => playbook, configurable: true });
    return simulator.simulate(deal);
}

describe('the replay of a deal', () => {
    it('is kept when only the playbook\'s title or version changed', async () => {
        const { playbook, deal } = await example();
        const first = replayAgainst(deal, playbook);
        expect(first).toBeDefined();
        expect(replayAgainst(deal, { ...playbook, titles: ['Another title'], versions: ['2.0.0'] })).toBe(first);
    });

    it('is kept when only titles or owners changed in a stage (a new stage node with the same model but for them)', async () => {
        const { playbook, deal } = await example();
        const first = replayAgainst(deal, playbook);
        const reworded = {
            ...playbook,
            stages: playbook.stages.map((s, i) => (i === 0
                ? { ...s, title: 'First contact', tasks: s.tasks.map(t => ({ ...t, title: 'Ring them', owners: ['Inside sales'] })) }
                : s))
        };
        expect(replayAgainst(deal, reworded as ast.Playbook)).toBe(first);
    });

    it.each([
        ['a stage\'s optional mark', (p: ast.Playbook) => ({ ...p, stages: p.stages.map((s, i) => (i === 1 ? { ...s, optional: true } : s)) }), undefined],
        ['a task\'s required mark', (p: ast.Playbook) => ({ ...p, stages: p.stages.map((s, i) => (i === 0 ? { ...s, tasks: s.tasks.map(t => ({ ...t, requiredMarks: [] })) } : s)) }), undefined],
        ['regressions forbidden', (p: ast.Playbook) => ({ ...p, forbidClauses: ['forbid'] }), 'regression-forbidden'],
        ['a stage\'s time limit', (p: ast.Playbook) => ({ ...p, stages: p.stages.map((s, i) => (i === 0 ? { ...s, withinDays: [3] } : s)) }), 'sla-exceeded'],
        ['the playbook\'s name', (p: ast.Playbook) => ({ ...p, name: 'Renamed' }), undefined]
    ] as const)('is made again when %s changed', async (_what, change, code) => {
        const { playbook, deal } = await example();
        const first = replayAgainst(deal, playbook)!;
        const again = replayAgainst(deal, change(playbook) as ast.Playbook)!;
        expect(again).not.toBe(first);
        if (code) {
            expect(first.result.violations.some(v => v.code === code)).toBe(false);
            expect(again.result.violations.some(v => v.code === code)).toBe(true);
        }
    });
});
