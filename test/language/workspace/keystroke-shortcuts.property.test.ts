/**
 * Random typing sessions in a playbook with its deal, aimed at what the keystroke shortcuts
 * (relinking and revalidating only what an edit changed, keeping a deal's replay) must get
 * right: a letter typed into or deleted from a declared or used name (a rename, one
 * keystroke at a time), numbers, enum values, new words and lines, braces and quotes. After
 * every keystroke the file's diagnostics (ranges, severities, codes, messages, related
 * information) must be those of a fresh check of the same text.
 */
import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { URI } from 'langium';
import { KEYSTROKE_TEXT } from './keystroke-text.js';
import { applyKeystroke, createTypingServices, fromScratch, typeInto, type Keystroke } from './typing-session.js';

const services = createTypingServices();
const NAMES = ['Call', 'Show', 'Sign', 'Lead', 'Demo', 'Close', 'Lost', 'tier', 'grade', 'budget', 'A', 'B', 'C', '10', '30', '20'];
const PIECES = ['a', 's', 'A', ' ', '\n', '"', '{', '}', '0', '5', '%', ',', '==', 'required ', 'task T ', 'forbid regressions ', 'enter Demo'];

const keystroke: fc.Arbitrary<Keystroke> = fc.oneof(
    fc.record({ kind: fc.constant('name' as const), name: fc.constantFrom(...NAMES), occurrence: fc.nat(), insert: fc.constantFrom('', 'x', 's', '1'), remove: fc.integer({ min: 0, max: 1 }) }),
    fc.record({ kind: fc.constant('anywhere' as const), where: fc.noBias(fc.nat({ max: 1_000_000 })), insert: fc.constantFrom(...PIECES), remove: fc.integer({ min: 0, max: 2 }) })
);

describe('random typing into a playbook and its deal', () => {
    it('gives after every keystroke the diagnostics of a fresh check', async () => {
        let session = 0;
        await fc.assert(fc.asyncProperty(fc.array(keystroke, { minLength: 1, maxLength: 12 }), async keystrokes => {
            const uri = `file:///shortcuts/random-${session++}.playbook`;
            let text = KEYSTROKE_TEXT.replace(/\bShortcuts\b/g, `Random${session}`).replace(/\bAcme\b/g, `Acme${session}`);
            await typeInto(services, uri, text);
            const log: string[] = [];
            try {
                for (const next of keystrokes) {
                    text = applyKeystroke(text, next);
                    log.push(JSON.stringify(next));
                    expect(await typeInto(services, uri, text), log.join('\n')).toEqual(await fromScratch(uri, text));
                }
            } finally {
                await services.shared.workspace.DocumentBuilder.update([], [URI.parse(uri)]);
            }
        }), { numRuns: Number(process.env.PLAYBOOK_SHORTCUT_RUNS ?? 30), seed: Number(process.env.PLAYBOOK_SHORTCUT_SEED ?? 20261130) });
    }, 120_000);
});
