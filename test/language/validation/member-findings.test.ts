/**
 * After a keystroke the validator gives again the findings of each member (stage, field,
 * termination rule, deal) that is the same node as at the last check, with the same
 * declarations around it and the same replay, their ranges computed anew; the checks of
 * the whole playbook run every time. After every keystroke the diagnostics must be those
 * of a fresh check: ranges, severities, codes, messages and related information.
 */
import { describe, expect, it } from 'vitest';
import { KEYSTROKE_TEXT } from '../workspace/keystroke-text.js';
import { createTypingServices, fromScratch, retype, typeInto } from '../workspace/typing-session.js';

const services = createTypingServices();

let file = 0;
async function session(text = KEYSTROKE_TEXT): Promise<{ change: (from: string, to: string) => Promise<void>; shown: () => Promise<string[]> }> {
    const uri = `file:///validation/keystrokes-${file++}.playbook`;
    let content = text.replace(/\bShortcuts\b/g, `Findings${file}`).replace(/\bAcme\b/g, `Acme${file}`);
    expect(await typeInto(services, uri, content)).toEqual(await fromScratch(uri, content));
    return {
        change: async (from, to) => {
            content = await retype(content, from, to, async text => {
                expect(await typeInto(services, uri, text), text).toEqual(await fromScratch(uri, text));
            });
        },
        shown: () => typeInto(services, uri, content)
    };
}

describe('findings of members kept across keystrokes', () => {
    it('a gate requiring a task of a later stage is reported, and no longer once the task moves to an earlier stage', async () => {
        const { change, shown } = await session(KEYSTROKE_TEXT.replace('requires Show, Call', 'requires Show, Sign'));
        expect((await shown()).some(d => d.includes('gate-requires-later-task'))).toBe(true);
        // The gate's stage is never edited: only the declarations around it change.
        await change('\n    task Sign required', '');
        await change('task Call "Call them" required', 'task Call "Call them" required\n    task Sign required');
        expect((await shown()).some(d => d.includes('gate-requires-later-task'))).toBe(false);
    });

    it('a gate\'s later-stage finding names the task\'s stage as it is renamed, a keystroke at a time, in another stage', async () => {
        const { change, shown } = await session(KEYSTROKE_TEXT.replace('requires Show, Call', 'requires Show, Sign'));
        // Only the declared names change (a stage renamed in place): the gate's stage is kept,
        // and its finding reads the name of the stage holding the task it requires.
        await change('stage Close', 'stage Closing');
        expect((await shown()).some(d => d.includes('belongs to the later stage Closing'))).toBe(true);
    });

    it('a name typed into a new task takes the references to it from a later task of that name', async () => {
        // Gate Shown (in Demo) requires Sign, a task of the later stage Close: an error.
        const { change, shown } = await session(KEYSTROKE_TEXT.replace('requires Show, Call', 'requires Show, Sign'));
        expect((await shown()).some(d => d.includes('gate-requires-later-task'))).toBe(true);
        // A task Sign typed into Lead, a letter at a time: the first Sign now comes before the
        // gate, which is never edited; only the names declared change.
        await change('task Call "Call them" required', 'task Call "Call them" required\n    task Sign');
        expect((await shown()).some(d => d.includes('gate-requires-later-task'))).toBe(false);
    });

    it('a task renamed, a letter at a time, to the name a gate of another stage requires is no longer unused (what the gate reads follows)', async () => {
        // Call (in Lead) is required by nothing; gate Shown (in Demo, never edited) requires Calls.
        const text = KEYSTROKE_TEXT.replace('task Call "Call them" required', 'task Call "Call them"')
            .replace('gate Qualified { requires Call when tier == A }', 'gate Qualified { when tier == A }')
            .replace('requires Show, Call', 'requires Show, Calls');
        const { change, shown } = await session(text);
        expect((await shown()).some(d => d.includes('unused-task') && d.includes('Task Call '))).toBe(true);
        await change('task Call "Call them"', 'task Calls "Call them"');
        expect((await shown()).some(d => d.includes('unused-task'))).toBe(false);
        await change('task Calls "Call them"', 'task Call "Call them"');
        expect((await shown()).some(d => d.includes('unused-task') && d.includes('Task Call '))).toBe(true);
    });

    it('a condition is checked against its field\'s type when the field is retyped elsewhere', async () => {
        const { change, shown } = await session();
        await change('field budget: money', 'field budget: text');
        expect((await shown()).some(d => d.includes('type-mismatch'))).toBe(true);
        await change('field budget: text', 'field budget: money');
    });

    it('a stage\'s finding moves with the lines and characters typed before it', async () => {
        const { change } = await session(KEYSTROKE_TEXT.replace('within 30 days', 'within 0 days'));
        await change('title "Keystrokes', 'title "Keystrokes and more');
        await change('stage Lead {', 'stage Lead {\n');
        await change('  field budget: money', '  field budget: money\n  // a comment\n');
    });

    it('a duplicate names the line of the first declaration, however many lines are typed above it', async () => {
        const { change } = await session(KEYSTROKE_TEXT.replace('field tier: enum { A, C }', 'field tier: enum { A, C, A }'));
        await change('title "Keystrokes"', 'title "Keystrokes"\n\n');
    });

    it('a stage\'s probability re-runs the whole playbook\'s probability-decreasing check', async () => {
        const { change, shown } = await session();
        await change('probability 10%', 'probability 30%');
        expect((await shown()).some(d => d.includes('probability-decreasing') && d.includes('from 30% in Lead to 20% in Demo'))).toBe(true);
        await change('probability 30%', 'probability 10%');
    });

    it('a deal\'s findings follow its playbook: a shorter time limit, regressions forbidden', async () => {
        const { change, shown } = await session(KEYSTROKE_TEXT.replace('2026-01-20 enter Close', '2026-01-20 enter Close\n  2026-01-21 enter Demo'));
        await change('within 30 days', 'within 3 days');
        expect((await shown()).some(d => d.includes('sla-exceeded'))).toBe(true);
        await change('title "Keystrokes"', 'title "Keystrokes"\n  forbid regressions');
        expect((await shown()).some(d => d.includes('regression-forbidden'))).toBe(true);
    });

    // `when C` reads tier's enum value C until a field is named C: fields come first. The
    // condition's member is never edited, and each keystroke edits one name (no parse).
    it.each([
        ['a gate\'s', 'task Sign required', 'task Sign required\n    gate Ready { when C }'],
        ['a termination rule\'s', 'terminate Lost "Withdrew" from Lead, Demo', 'terminate Lost "Withdrew" when C from Lead, Demo']
    ])('a field renamed to a name %s condition already uses is read by it (the unused-field check follows)', async (_whose, from, to) => {
        const { change, shown } = await session(KEYSTROKE_TEXT.replace(from, to));
        expect((await shown()).some(d => d.includes('Field budget is not used'))).toBe(false);
        await change('field budget', 'field Cbudget');
        await change('field Cbudget', 'field C');
        expect((await shown()).some(d => d.includes('Field C is not used'))).toBe(false);
        await change('field C:', 'field Cs:');
        expect((await shown()).some(d => d.includes('Field Cs is not used'))).toBe(true);
    });
});
