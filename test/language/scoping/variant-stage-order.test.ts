/**
 * Where a variant's stages go (packages/language/src/scoping/playbook-variants.ts), on stage
 * lists of any shape, duplicates and missing anchors included: the order equals that of the
 * plain array algorithm the rules describe (below), and placing costs work linear in the
 * number of stages, shown without a clock by counting reads of the stages' names.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolvePlaybook } from '../../../packages/language/src/scoping/playbook-variants.js';
import type * as ast from '../../../packages/language/src/generated/ast.js';

interface StageSpec {
    name: string;
    placement?: 'after' | 'before';
    anchor?: string;
}

function stageNode(spec: StageSpec, onNameRead?: () => void): ast.Stage {
    const stage: Record<string, unknown> = {
        $type: 'Stage',
        placement: spec.placement,
        anchor: spec.anchor === undefined ? undefined : { $refText: spec.anchor }
    };
    if (onNameRead) {
        Object.defineProperty(stage, 'name', { get: () => { onNameRead(); return spec.name; } });
    } else {
        stage.name = spec.name;
    }
    return stage as unknown as ast.Stage;
}

function playbookNode(name: string, stages: ast.Stage[], base?: ast.Playbook): ast.Playbook {
    return {
        $type: 'Playbook', name, base: base ? { ref: base, $refText: base.name } : undefined,
        stages, fields: [], terminations: [], drops: [], titles: [], versions: [], forbidClauses: [],
        forecasts: [], outcomeAliases: [], activities: [], cadences: []
    } as unknown as ast.Playbook;
}

/** The rules of the module's comment, on an array: what the linked list must agree with. */
function expectedOrder(inherited: ast.Stage[], own: ast.Stage[]): ast.Stage[] {
    const list = [...inherited];
    const atAnchor = (stage: ast.Stage): void => {
        const anchor = stage.anchor?.$refText ? list.findIndex(s => s.name === stage.anchor!.$refText) : -1;
        if (anchor < 0) list.push(stage);
        else list.splice(stage.placement === 'before' ? anchor : anchor + 1, 0, stage);
    };
    let previous: ast.Stage | undefined;
    for (const stage of own) {
        const index = stage.name ? list.findIndex(s => s.name === stage.name && inherited.includes(s)) : -1;
        if (index >= 0) {
            list[index] = stage;
            if (stage.placement) {
                list.splice(index, 1);
                atAnchor(stage);
            }
        } else if (stage.placement) {
            atAnchor(stage);
        } else if (previous) {
            list.splice(list.indexOf(previous) + 1, 0, stage);
        } else {
            list.push(stage);
        }
        previous = stage;
    }
    return list;
}

const names = fc.constantFrom('Lead', 'Demo', 'Close', 'Trial', '线索', '');
const stageSpec: fc.Arbitrary<StageSpec> = fc.record({
    name: names,
    placement: fc.constantFrom(undefined, 'after' as const, 'before' as const),
    anchor: fc.option(names, { nil: undefined })
});

describe('a variant\'s stage order', () => {
    it('equals the array algorithm\'s for any stages, duplicate names and missing anchors included', () => {
        fc.assert(fc.property(fc.array(stageSpec, { maxLength: 8 }), fc.array(stageSpec, { maxLength: 8 }), (baseSpecs, ownSpecs) => {
            const inherited = baseSpecs.map(spec => stageNode({ name: spec.name }));
            const own = ownSpecs.map(spec => stageNode(spec));
            const base = playbookNode('Base', inherited);
            const variant = playbookNode('Variant', own, base);
            const resolved = resolvePlaybook(variant);
            expect(resolved.stages).toEqual(expectedOrder(inherited, own));
            // Each base stage replaced is paired with the variant's stage that took its place.
            for (const [mine, theirs] of resolved.changes.replacedStages) {
                expect(mine.name).toBe(theirs.name);
                expect(resolved.stages).not.toContain(theirs);
            }
        }), { numRuns: 2000 });
    });

    it.each([
        ['each new stage after the one written before it', (i: number): StageSpec => ({ name: `S${i}` })],
        ['each placed after the one before it', (i: number): StageSpec => (i === 0 ? { name: 'S0', placement: 'after', anchor: 'B0' } : { name: `S${i}`, placement: 'after', anchor: `S${i - 1}` })],
        ['each placed before a base stage', (i: number): StageSpec => ({ name: `S${i}`, placement: 'before', anchor: `B${i}` })],
        ['each replacing a base stage', (i: number): StageSpec => ({ name: `B${i}` })],
        ['the same name again and again (a mangled file)', (): StageSpec => ({ name: 'S' })]
    ])('reads stage names a number of times linear in the stages: %s', (_shape, ownStage) => {
        const nameReads = (n: number): number => {
            let reads = 0;
            const count = (): void => { reads++; };
            const inherited = Array.from({ length: n }, (_, i) => stageNode({ name: `B${i}` }, count));
            const own = Array.from({ length: n }, (_, i) => stageNode(ownStage(i), count));
            resolvePlaybook(playbookNode('Variant', own, playbookNode('Base', inherited)));
            return reads;
        };
        const small = nameReads(500);
        const large = nameReads(2000);
        expect(small).toBeGreaterThan(0);
        // 4 times the stages: about 4 times the reads when linear, 16 times when quadratic.
        expect(large / small).toBeLessThan(5);
    });
});

describe('a long chain of variants', () => {
    /** Playbooks P0 … Pn, each a variant of the one before it, counting reads of their `variant of`. */
    function chain(length: number, cycle = false): { playbooks: ast.Playbook[]; baseReads: () => number } {
        let reads = 0;
        const playbooks: ast.Playbook[] = [];
        for (let i = 0; i < length; i++) {
            const playbook = playbookNode(`P${i}`, [stageNode({ name: `S${i}` })]);
            const base = i > 0 ? playbooks[i - 1] : undefined;
            const reference = base ? { ref: base, $refText: base.name } : undefined;
            Object.defineProperty(playbook, 'base', { get: () => { reads++; return reference; } });
            playbooks.push(playbook);
        }
        if (cycle) {
            const last = playbooks[length - 1];
            Object.defineProperty(playbooks[0], 'base', { get: () => { reads++; return { ref: last, $refText: last.name }; } });
        }
        return { playbooks, baseReads: () => reads };
    }

    it('resolves each playbook to its bases\' stages and its own, in order', () => {
        const { playbooks } = chain(50);
        const resolved = playbooks.map(resolvePlaybook);
        expect(resolved[49].stages.map(s => s.name)).toEqual(Array.from({ length: 50 }, (_, i) => `S${i}`));
        expect(resolved[49].base).toBe(resolved[48]);
    });

    it('walks the chain once to resolve its last playbook, the others resolved before', () => {
        const { playbooks, baseReads } = chain(400);
        playbooks.forEach(resolvePlaybook);
        const before = baseReads();
        resolvePlaybook(playbooks[399]);
        // One read of each playbook's `variant of` on the way to the root (a walk per base: 80,000).
        expect(baseReads() - before).toBeLessThanOrEqual(2 * 400);
    });

    it('gives every member of a long cycle no base, and the cycle from itself', () => {
        const { playbooks, baseReads } = chain(400, true);
        const before = baseReads();
        const resolved = resolvePlaybook(playbooks[10]);
        expect(baseReads() - before).toBeLessThanOrEqual(2 * 400);
        expect(resolved.base).toBeUndefined();
        expect(resolved.cycle?.[0]).toBe(playbooks[10]);
        expect(resolved.cycle).toHaveLength(400);
        expect(resolved.stages.map(s => s.name)).toEqual(['S10']);
    });
});
