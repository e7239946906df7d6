/**
 * Random typing into a base playbook and its variant in two open files, aimed at what the
 * keystroke shortcuts (relinking and revalidating only what an edit changed, keeping a deal's
 * replay) must get right across files: a variant's members are checked against its base's
 * declarations, its deal replays against the resolved playbook, and what it drops is checked
 * against what the base's members read. They hold activity kinds, cadence rules, an `info`
 * field and a `not before`. The two are typed into in two files, and in one (where the
 * linker keeps references when the file's declarations stay the same). After every
 * keystroke, the diagnostics of every file must be those of a fresh check of the texts.
 */
import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { URI } from 'langium';
import { createPlaybookServices, validateTexts } from '@playbook/language';
import { applyKeystroke, createTypingServices, documentOf, render, retype, typeInto, type Keystroke } from './typing-session.js';

const BASE = `playbook Base {
  field budget: money
  field grade: enum { A, B } = A
  info field region: text
  activity call "Phone call"
  activity visit
  stage Lead {
    probability 10%
    within 30 days
    task Call required
    gate Qualified { requires Call when budget > 0 }
  }
  stage Demo {
    probability 40%
    task Show required
    task Brief not before Lead
  }
  stage Close {
    probability 80%
    task Sign required
    gate Signed { requires Show, Sign }
  }
  cadence every 7 days when grade == A during Demo by call
  terminate Lost "No budget" when budget == 0
  terminate Lost "Withdrew"
}
`;

const VARIANT = `playbook Shop variant of Base {
  drop stage Lead
  drop field region
  field price: money
  stage Trial before Demo {
    probability 20%
    task TryOn required
    gate Tried { requires TryOn when price > 0 }
  }
  stage Close {
    probability 90%
    task Sign required
    gate Signed { requires Show, Sign, TryOn }
  }
  cadence every 3 days during Trial by visit
  terminate Lost "Too dear" when price > budget
}

deal Ring for Shop {
  2026-01-05 enter Trial
  2026-01-06 set price = 100
  2026-01-06 set budget = 200
  2026-01-06 done TryOn
  2026-01-07 visit
  2026-01-08 enter Demo
  2026-01-09 done Show
  2026-01-10 call
  2026-01-12 enter Close
  2026-01-13 done Sign
  2026-01-14 won
}
`;

const services = createTypingServices();
const NAMES = ['Base', 'Shop', 'Lead', 'Demo', 'Close', 'Trial', 'Call', 'Show', 'Sign', 'TryOn', 'Brief', 'budget', 'price', 'grade', 'region',
    'call', 'visit', 'Lost', 'A', 'B', '7', '3', '20', '90', 'info', 'before', 'drop'];
const PIECES = ['a', 's', ' ', '\n', '"', '{', '}', '0', '%', ',', 'required ', 'task T ', 'drop stage Demo\n', 'not before Close ', 'after Close ', 'activity call\n', '2026-01-20 visit\n'];

/** A keystroke into one of the files. */
type FileKeystroke = Keystroke & { file: number };

const keystrokeIn = (files: number): fc.Arbitrary<FileKeystroke> => {
    const file = fc.integer({ min: 0, max: files - 1 });
    return fc.oneof(
        fc.record({ file, kind: fc.constant('name' as const), name: fc.constantFrom(...NAMES), occurrence: fc.nat(), insert: fc.constantFrom('', 'x', 's', '1'), remove: fc.integer({ min: 0, max: 1 }) }),
        fc.record({ file, kind: fc.constant('anywhere' as const), where: fc.noBias(fc.nat({ max: 1_000_000 })), insert: fc.constantFrom(...PIECES), remove: fc.integer({ min: 0, max: 2 }) })
    );
};

/** Both files' diagnostics, as a fresh check of the two texts gives them. */
async function fromScratch(uris: string[], texts: string[]): Promise<string[][]> {
    const results = await validateTexts(createPlaybookServices(), uris.map((uri, i) => ({ uri, text: texts[i] })));
    return results.map(result => render(result.diagnostics));
}

let session = 0;

describe('random typing into a base and its variant', () => {
    it.each([
        ['in two files', [BASE, VARIANT]],
        ['in one file', [`${BASE}\n${VARIANT}`]]
    ])('gives after every keystroke %s the diagnostics of a fresh check', async (_where, files) => {
        await fc.assert(fc.asyncProperty(fc.array(keystrokeIn(files.length), { minLength: 1, maxLength: 12 }), async keystrokes => {
            session++;
            const uris = files.map((_, i) => `file:///variant-shortcuts/${session}/file${i}.playbook`);
            // Names of their own per session: the sessions share one workspace.
            const texts = files.map(text => text.replace(/\bBase\b/g, `Base${session}`).replace(/\bShop\b/g, `Shop${session}`).replace(/\bRing\b/g, `Ring${session}`));
            for (let i = 0; i < uris.length; i++) await typeInto(services, uris[i], texts[i]);
            const log: string[] = [];
            try {
                for (const next of keystrokes) {
                    texts[next.file] = applyKeystroke(texts[next.file], next);
                    log.push(JSON.stringify(next));
                    await typeInto(services, uris[next.file], texts[next.file]);
                    const shown = uris.map(uri => render(documentOf(services, uri).diagnostics ?? []));
                    expect(shown, log.join('\n')).toEqual(await fromScratch(uris, texts));
                }
            } finally {
                await services.shared.workspace.DocumentBuilder.update([], uris.map(uri => URI.parse(uri)));
            }
        }), { numRuns: Number(process.env.PLAYBOOK_SHORTCUT_RUNS ?? 30), seed: Number(process.env.PLAYBOOK_SHORTCUT_SEED ?? 20261130) });
    }, 180_000);
});

describe('renaming a variant\'s stage that replaces its base\'s, a letter at a time', () => {
    it('links the deal\'s names as a fresh check does: the base\'s stage comes back, with its tasks', async () => {
        session++;
        const uri = `file:///variant-shortcuts/${session}/renamed.playbook`;
        let text = `${BASE}\n${VARIANT}`.replace(/\bBase\b/g, `Base${session}`).replace(/\bShop\b/g, `Shop${session}`).replace(/\bRing\b/g, `Ring${session}`);
        await typeInto(services, uri, text);
        try {
            // The variant's `stage Close`, the last one: typed into, it no longer replaces the
            // base's Close, and the deal's `done Sign` (a deal is never the edited member) may
            // name the base's task again.
            for (const letter of 'ing') {
                const at = text.lastIndexOf('stage Close') + 'stage Close'.length + text.slice(text.lastIndexOf('stage Close') + 'stage Close'.length).indexOf(' ');
                text = text.slice(0, at) + letter + text.slice(at);
                expect(await typeInto(services, uri, text), text).toEqual((await fromScratch([uri], [text]))[0]);
            }
        } finally {
            await services.shared.workspace.DocumentBuilder.update([], [URI.parse(uri)]);
        }
    });
});

describe('retyping what decides a variant\'s declarations, one keystroke at a time', () => {
    it.each([
        ['what it drops', 'drop stage Lead', 'drop stage Demo'],
        ['that it drops', '  drop field region\n', '\n'],
        ['whose variant it is', 'variant of Base', 'variant of Shop'],
        ['where its stage goes', 'stage Trial before Demo', 'stage Trial after Close'],
        ['a field becoming info', '  field budget', '  info field budget'],
        ['a base\'s stage becoming optional', '  stage Demo', '  optional stage Demo'],
        ['an activity kind renamed', 'activity visit', 'activity visits'],
        ['an activity kind declared', 'activity visit', 'activity call\n  activity visit'],
        ['a termination\'s reason', '"Withdrew"', '"Went away"']
    ])('%s: every keystroke in one file gives the diagnostics of a fresh check', async (_what, from, to) => {
        session++;
        const uri = `file:///variant-shortcuts/${session}/retyped.playbook`;
        const text = `${BASE}\n${VARIANT}`.replace(/\bBase\b/g, `Base${session}`).replace(/\bShop\b/g, `Shop${session}`).replace(/\bRing\b/g, `Ring${session}`);
        const rename = (part: string): string => part.replace(/\bBase\b/g, `Base${session}`).replace(/\bShop\b/g, `Shop${session}`);
        await typeInto(services, uri, text);
        try {
            await retype(text, rename(from), rename(to), async next => {
                expect(await typeInto(services, uri, next), next).toEqual((await fromScratch([uri], [next]))[0]);
            });
        } finally {
            await services.shared.workspace.DocumentBuilder.update([], [URI.parse(uri)]);
        }
    });
});
