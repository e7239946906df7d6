/**
 * A declaration whose name the parser could not read (`stage {`) is reported by its syntax
 * error, and no other finding calls it "undefined".
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../helpers.js';

const BODY = `
  field budget: money
  field kind: enum {A, B}
  stage Lead { probability 10% task Call gate G { requires Call when budget > 0 } }
  stage Close { probability 50% }
  terminate Lost "Withdrew"`;

describe('findings on a half-parsed playbook', () => {
    it.each([
        ['a playbook without a name', `playbook {${BODY}\n}`],
        ['a stage without a name', `playbook P {${BODY}\n  stage {\n  }\n  stage Last\n}`],
        ['a stage without a name after one with a probability', `playbook P {${BODY}\n  stage { probability 5% }\n  stage Last\n}`],
        ['a task without a name', `playbook P {${BODY.replace('task Call', 'task Call task required')}\n}`],
        ['a field without a name', `playbook P {\n  field : money = 5${BODY}\n}`],
        ['an enum value without a name', `playbook P {${BODY.replace('enum {A, B}', 'enum {A, , B}')}\n}`],
        ['a gate without a name', `playbook P {${BODY.replace('gate G {', 'gate {')}\n}`],
        ['a gate without a name requiring a later task', `playbook P {${BODY.replace('gate G { requires Call', 'gate { requires Sign').replace('stage Close { probability 50% }', 'stage Close { task Sign }')}\n}`],
        ['a termination without an outcome', `playbook P {${BODY}\n  terminate "Withdrew"\n  terminate "Withdrew"\n}`],
        ['a stage without a name, with an alias another stage has', `playbook P {${BODY}\n  stage { alias "Closing" }\n  stage Last { alias "closing" }\n}`],
        ['a stage without a name, named by an alias', `playbook P {${BODY.replace('stage Close {', 'stage Close { alias "Lead"')}\n  stage { alias "Lead" }\n}`],
        ['a termination without an outcome, with an alias', `playbook P {${BODY}\n  terminate "Lost"\n  stage Last { alias "Lost" }\n}`],
        ['a termination without a reason', `playbook P {${BODY}\n  terminate Lost\n  terminate Lost\n}`],
        ['a base\'s stage without a name, requiring a task of a stage the variant drops',
            ['playbook B {\n  stage Demo { task Show required }\n  stage stage { task Sign required gate Signed { requires Show, Sign } }\n}', 'playbook V variant of B {\n  drop stage Demo\n}']],
        ['a base\'s stage without a name, holding a task of a name the variant\'s stage has too',
            ['playbook B {\n  stage Demo { task Show required }\n  stage stage { task Sign required }\n}', 'playbook V variant of B {\n  stage Close { task Sign required }\n}']],
        ['a base\'s gate and rule without a name, reading a field the variant drops',
            ['playbook B {\n  field budget: money\n  stage Demo { task Show required gate { when budget > 0 } }\n  stage Close\n  terminate "Gone" when budget = 0\n}', 'playbook V variant of B {\n  drop field budget\n}']],
        ['a variant without a name, replacing a stage without a task an inherited gate requires',
            ['playbook B {\n  stage Demo { task Show required }\n  stage Close { task Sign required gate Signed { requires Show, Sign } }\n}', 'playbook playbook variant of B {\n  stage Demo { task Present required }\n}']],
        ['a variant without a name, whose own gate requires a task it drops',
            ['playbook B {\n  stage Demo { task Show required }\n  stage Close { task Sign required }\n}', 'playbook playbook variant of B {\n  drop stage Demo\n  stage Close { task Sign required gate G { requires Show } }\n}']],
        ['a deal of a playbook in another text, with a broken event', [`playbook P {${BODY}\n}`, 'deal D for P {\n  2026-01-01 enter\n  2026-01-02 enter Close\n  2026-01-03 done\n  2026-01-04 set = 5\n  2026-01-05 terminate\n}']]
    ])('%s: a syntax error, and no "undefined"', async (_name, text) => {
        const found = await check(...(Array.isArray(text) ? text : [text]));
        expect(found.map(d => d.code)).toContain('syntax-error');
        expect(found.filter(d => /\bundefined\b/.test(d.message)).map(d => d.message)).toEqual([]);
    });
});

describe('findings that describe values and places', () => {
    it('a rule holding a number too large to represent: its error, and no deal replayed against it', async () => {
        const found = await check(`playbook P {\n  field budget: money = 5\n  stage A { gate G { when budget > 1${'0'.repeat(400)} } }\n  stage B\n}\ndeal D for P {\n  2026-01-01 enter A\n  2026-01-03 enter B\n}`);
        expect(found.map(d => d.code)).toEqual(['number-range']);
        expect(found.filter(d => /Infinity/.test(d.message))).toEqual([]);
    });

    it('a name missing in a playbook without a name', async () => {
        const found = await check('playbook {\n  stage A { gate G { requires Nowhere } }\n  stage B\n}');
        expect(found.map(d => d.message)).toContain("The playbook has no task named 'Nowhere'.");
        expect(found.filter(d => /\bundefined\b/.test(d.message))).toEqual([]);
    });

    it('a field set to a number too large to represent, in a replayed deal', async () => {
        const found = await check(`playbook P {\n  field budget: money\n  stage A { gate G { when budget < 5 } }\n  stage B\n}\ndeal D for P {\n  2026-01-01 enter A\n  2026-01-02 set budget = ${'9'.repeat(400)}\n  2026-01-03 enter B\n}`);
        expect(found.map(d => d.code)).toEqual(['number-range', 'gate-not-met']);
        expect(found[1].message).toContain('budget is a number too large to represent');
        expect(found.filter(d => /Infinity/.test(d.message))).toEqual([]);
    });
});

describe('deals of a playbook whose file has syntax errors', () => {
    const PLAYBOOK = 'playbook P {\n  field budget: money\n  stage Lead {\n    task Call required\n    gate Qualified { when budget > 0 }\n  }\n  stage Won\n}';
    const DEALS = 'deal D for P {\n  2026-01-01 enter Lead\n  2026-01-05 enter Won\n}';

    it('are replayed when the errors are in another declaration of that file (as `playbook check` of the deals file reads it; fuzz seed 4, input 876500)', async () => {
        const found = await check(DEALS, `deal Broken for P {\n  2026-01-01}}} enter Lead\n}\n${PLAYBOOK}`);
        expect(found.map(d => d.code)).toContain('syntax-error');
        expect(found.filter(d => d.code === 'gate-not-met').map(d => d.line)).toEqual([3]);
    });

    it.each([
        ['a syntax error inside the playbook', PLAYBOOK.replace('stage Won', 'stag Won\n  stage Won')],
        ['junk after a playbook the parser closed early', PLAYBOOK.replace('  stage Won\n}', '}\n  stage Won\n}')],
        ['the playbook left unclosed at the end of its file', PLAYBOOK.slice(0, -1)]
    ])('are not replayed with %s', async (_what, playbook) => {
        const found = await check(DEALS, playbook);
        expect(found.map(d => d.code)).toContain('syntax-error');
        expect(found.map(d => d.code)).not.toContain('gate-not-met');
    });
});
